"""Turn an analysed query into an Elasticsearch request body, and hits back into snippets.

The query is a bool query whose required part says *which* pages match and
whose optional parts say *how well*:

- every query segment becomes a phrase over the text fields (a segment's
  synonyms and expansions are alternatives of one group); most groups must
  match, so a topic query finds pages that use all of its words;
- the bigram sub-fields rank the matches by word-like units (BM25 on
  overlapping character pairs);
- the whole query as one phrase, in the title above all, and a title that
  *is* the query (search.ranking.title_core) rank the page the citizen named;
- the normalised 文号 keyword ranks an exact document number first;
- a gentle date decay breaks ties between versions of one regulation in
  favour of the newest.

When fewer than a handful of pages contain every segment, the backend asks
again with half of the segments required (`relaxed`), full matches first.
Measured on the dev queries (docs/benchmarks.md): nDCG@10 0.92.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from search.analysis import tokens

# Ranking weights, in BM25 points; general, never tuned to one query.
W = {
    "phrase_per_char": 10.0,     # whole query verbatim in body / title, per character (≤ 12)
    "title_phrase_bm25": 6.0,    # whole query as a title phrase, BM25-scaled
    "exact_title": 150.0,        # the title *is* the query (without 中华人民共和国 / version note)
    "doc_number": 200.0,         # exact 文号 / 令号 key; its issuer-free tail gets a quarter
    "all_groups": 100.0,         # relaxed query: every segment present
    "recency": 0.15,             # newest version of a regulation first, other things equal
}
# Phrases of two or more tokens run on the bigram sub-fields: a phrase of
# overlapping bigrams matches exactly the same character runs as a phrase of
# single characters, with posting lists a hundred times shorter.  A
# one-token phrase (号, 2022) can only run on the single-character fields.
PHRASE_FIELDS = ["title.bigram^4", "doc_number.bigram^3", "header.bigram^1.5", "summary.bigram^1.5",
                 "publisher.text", "column.text", "body.bigram"]
UNIGRAM_FIELDS = ["title^4", "doc_number^3", "header^1.5", "summary^1.5", "body"]
BIGRAM_FIELDS = ["title.bigram^3", "header.bigram", "summary.bigram", "body.bigram"]
HIGHLIGHT_FIELDS = ("body", "summary", "header")
SNIPPET_CHARS = 120
MAX_PAGE_SIZE = 100
MAX_WINDOW = 10_000


@dataclass
class QueryPlan:
    """What the backend needs from `search.analysis`, in one small shape."""

    text: str                                   # normalised whole query
    groups: list[list[str]] = field(default_factory=list)   # alternatives per segment
    whole: list[str] = field(default_factory=list)          # whole-query alternatives (expansions)
    doc_numbers: list[str] = field(default_factory=list)    # normalised 文号 keys in the query
    doc_number_tails: list[str] = field(default_factory=list)  # their issuer-free tails
    title_forms: list[str] = field(default_factory=list)    # what the whole query may spell as a title
    suggestion: str | None = None                           # “您是不是要找”

    @property
    def empty(self) -> bool:
        return not self.text.strip()


def _minimum_should_match(n_groups: int, relaxed: bool = False) -> int:
    if relaxed:
        # Second chance for a query whose words never all meet (产假 天数):
        # half of them will do, and full matches still rank first.
        return max(1, n_groups // 2)
    # Two or three segments must all be there; longer queries may miss one
    # word in four (citizens add words the regulation doesn't use).
    if n_groups <= 3:
        return n_groups
    return n_groups - n_groups // 4


def _one_token(text: str) -> bool:
    return len(tokens(text)) < 2


def _phrase(text: str, fields: list[str] | None = None) -> dict:
    fields = fields or (UNIGRAM_FIELDS if _one_token(text) else PHRASE_FIELDS)
    return {"multi_match": {"query": text, "type": "phrase", "fields": fields, "tie_breaker": 0.2}}


def _field_phrase(field_name: str, text: str, **options) -> dict:
    """A phrase on one text field, through its bigram sub-field when it can."""
    target = field_name if _one_token(text) else f"{field_name}.bigram"
    return {"match_phrase": {target: {"query": text, **options}}}


def _best_of(clauses: list[dict]) -> dict:
    """One clause per alternative; the best one counts, so synonyms don't add up."""
    return clauses[0] if len(clauses) == 1 else {"dis_max": {"queries": clauses, "tie_breaker": 0.1}}


def _constant(query: dict, weight: float) -> dict:
    return {"constant_score": {"filter": query, "boost": weight}}


def text_query(plan: QueryPlan, relaxed: bool = False) -> dict:
    """The scoring query, without filters."""
    groups = [g for g in plan.groups if g] or [[plan.text]]
    group_clauses = [_best_of([_phrase(alt) for alt in g]) for g in groups]
    required = {"bool": {"should": group_clauses,
                         "minimum_should_match": _minimum_should_match(len(groups), relaxed)}}
    rankers: list[dict] = [
        _best_of([{"multi_match": {"query": alt, "type": "most_fields", "fields": BIGRAM_FIELDS}} for alt in g])
        for g in groups
    ]
    if relaxed and len(groups) > 1:
        rankers.append(_constant({"bool": {"filter": group_clauses}}, W["all_groups"]))
    wholes = [plan.text, *plan.whole]
    rankers.append(_best_of([_field_phrase("title", w, boost=W["title_phrase_bm25"]) for w in wholes]))
    # A long run of the citizen's words found verbatim is strong evidence
    # however long the page is, so it is not length-normalised.
    rankers.append(_best_of([_constant(_field_phrase("body", w), W["phrase_per_char"] * _chars(w))
                             for w in wholes]))
    rankers.append(_best_of([_constant(_field_phrase("title", w), W["phrase_per_char"] * _chars(w))
                             for w in wholes]))
    if plan.title_forms:
        rankers.append(_constant({"terms": {"title_core": plan.title_forms}}, W["exact_title"]))
    if plan.doc_numbers:
        rankers.append(_constant({"terms": {"doc_number_exact": plan.doc_numbers}}, W["doc_number"]))
    if plan.doc_number_tails:
        rankers.append(_constant({"terms": {"doc_number_tail": plan.doc_number_tails}}, W["doc_number"] / 4))
    membership = [required]
    if plan.doc_numbers:
        # A 文号 typed in another form still finds its page even when the
        # issuer is abbreviated and the phrase groups miss.
        membership.append({"terms": {"doc_number_exact": plan.doc_numbers}})
        if plan.doc_number_tails:
            membership.append({"terms": {"doc_number_tail": plan.doc_number_tails}})
    # Only the required part (or an exact 文号) decides membership: rankers alone never match.
    query = {"bool": {"must": [{"bool": {"should": membership, "minimum_should_match": 1}}],
                      "should": rankers}}
    return {
        "function_score": {
            "query": query,
            "functions": [
                {"weight": 1.0},
                {"gauss": {"date": {"origin": "now", "scale": "3650d", "decay": 0.5}}, "weight": W["recency"]},
            ],
            "score_mode": "sum",
            "boost_mode": "multiply",
        }
    }


def _chars(text: str) -> int:
    return min(len(text.replace(" ", "")), 12)


def highlight_query(plan: QueryPlan) -> dict:
    alternatives = [alt for group in plan.groups for alt in group] or [plan.text]
    alternatives += plan.whole
    return {"bool": {"should": [{"multi_match": {"query": alt, "type": "phrase",
                                                  "fields": list(HIGHLIGHT_FIELDS)}} for alt in alternatives]}}


def filters(kind: str | None, year: int | None, publisher: str | None) -> dict[str, dict]:
    out: dict[str, dict] = {}
    if kind:
        out["kind"] = {"term": {"kind": kind}}
    if year:
        out["year"] = {"term": {"year": int(year)}}
    if publisher:
        out["publisher"] = {"term": {"publisher": publisher}}
    return out


def aggregations(active: dict[str, dict]) -> dict:
    """Facet counts; each facet ignores its own filter, so its other values stay selectable."""
    terms = {
        "kind": {"terms": {"field": "kind", "size": 20}},
        "year": {"terms": {"field": "year", "size": 100, "order": {"_key": "desc"}}},
        "publisher": {"terms": {"field": "publisher", "size": 30}},
    }
    aggs = {}
    for name, agg in terms.items():
        others = [f for key, f in active.items() if key != name]
        # Wrap in a filter only when there is one: an empty filter agg would
        # visit every document of the index, not just the matches.
        aggs[name] = {"filter": {"bool": {"filter": others}}, "aggs": {"values": agg}} if others else agg
    return aggs


def facet_buckets(aggregation: dict) -> list[dict]:
    return (aggregation["values"] if "values" in aggregation else aggregation)["buckets"]


def search_body(plan: QueryPlan, *, kind=None, year=None, publisher=None,
                sort: str = "relevance", page: int = 1, page_size: int = 10, relaxed: bool = False) -> dict:
    active = filters(kind, year, publisher)
    page_size = max(1, min(int(page_size or 10), MAX_PAGE_SIZE))
    page = max(1, int(page or 1))
    start = min((page - 1) * page_size, MAX_WINDOW - page_size)
    body: dict = {
        "query": text_query(plan, relaxed),
        "post_filter": {"bool": {"filter": list(active.values())}},
        "aggs": aggregations(active),
        "from": start,
        "size": page_size if (page - 1) * page_size < MAX_WINDOW else 0,
        "track_total_hits": True,
        "_source": ["page_id", "url", "kind", "date", "source_id",
                    "display_title", "display_doc_number", "display_publisher"],
        "highlight": {
            "encoder": "html",
            "pre_tags": ["<em>"],
            "post_tags": ["</em>"],
            "highlight_query": highlight_query(plan),
            "max_analyzed_offset": 1_000_000,
            "fields": {
                "body": {"fragment_size": SNIPPET_CHARS, "number_of_fragments": 1,
                         "no_match_size": SNIPPET_CHARS},
                "summary": {"fragment_size": SNIPPET_CHARS, "number_of_fragments": 1},
                "header": {"fragment_size": SNIPPET_CHARS, "number_of_fragments": 1},
            },
        },
    }
    if sort == "date":
        body["sort"] = [{"date": {"order": "desc", "missing": "_last"}}, "_score", {"page_id": "asc"}]
    return body


_ADJACENT_EM = re.compile(r"</em>(\s*)<em>")
# NFKC turned Chinese full-width punctuation into ASCII; give it back its
# width next to Chinese text so a snippet reads like the page.
_WIDEN = {",": "，", ";": "；", ":": "：", "!": "！", "?": "？", "(": "（", ")": "）"}
_CJK_NEIGHBOUR = re.compile(
    r"(&#?\w+;)|(?<=[\u3400-\u9fff\u3000-\u303f>])([,;:!?()])|([,;:!?()])(?=[\u3400-\u9fff<])"
)


def _widen(match: re.Match) -> str:
    if match.group(1):          # an HTML entity such as &lt; stays as it is
        return match.group(1)
    return _WIDEN[match.group(2) or match.group(3)]


def tidy_snippet(fragment: str) -> str:
    """Merge per-character <em> runs into one mark and restore CJK punctuation."""
    fragment = _ADJACENT_EM.sub(r"\1", fragment)
    fragment = _CJK_NEIGHBOUR.sub(_widen, fragment)
    return fragment.replace("\n", " ").strip()


def snippet_from_hit(hit: dict) -> str:
    highlights = hit.get("highlight") or {}
    for name in ("body", "summary", "header"):
        fragments = highlights.get(name)
        if fragments and (name != "body" or "<em>" in fragments[0]):
            return tidy_snippet(fragments[0])
    if highlights.get("body"):
        return tidy_snippet(highlights["body"][0])
    # A page with no body (a bare notice): its title is the only text there is.
    return html.escape((hit.get("_source") or {}).get("display_title", ""))
