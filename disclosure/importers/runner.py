"""One import run: expand the paths, read records format by format, write each record in its own
transaction, show progress and collect the summary (新建/更新/跳过/失败 with reasons)."""

import sys
from collections import Counter
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path

from django.db import connection, reset_queries, transaction

from disclosure.importers.json_records import count_jsonl, iter_json, iter_jsonl
from disclosure.importers.records import DEFAULT_MAX_BODY_CHARS, ImportRecordError
from disclosure.importers.writer import CREATED, KEPT_EDITED, SKIPPED, UPDATED, PageWriter
from pagecache.purge import deferred_purges

JSON_SUFFIXES = {".json"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
HTML_SUFFIXES = {".html", ".htm", ".shtml", ".xhtml", ".jhtml"}
TEXT_SUFFIXES = {".txt"}
SUPPORTED = JSON_SUFFIXES | JSONL_SUFFIXES | HTML_SUFFIXES | TEXT_SUFFIXES
FAILED = "failed"
LABELS = {CREATED: "新建", UPDATED: "更新", SKIPPED: "跳过", FAILED: "失败"}
SKIP_REASONS = {SKIPPED: "内容未变化", KEPT_EDITED: "页面已被编辑修改或下线，保留编辑的版本（如需覆盖请加 --overwrite-edits）"}
MAX_LISTED_FAILURES = 200


@dataclass
class ImportSummary:
    counts: Counter = field(default_factory=Counter)
    failures: list = field(default_factory=list)       # (location, reason)
    skipped: Counter = field(default_factory=Counter)  # reason → count
    held: list = field(default_factory=list)           # (location, title, [finding]): drafts, not published
    published_anyway: list = field(default_factory=list)  # (location, title, [finding])
    refused_files: list = field(default_factory=list)  # (location, link, reason)
    dry_run: bool = False

    @property
    def failed(self):
        return self.counts[FAILED]

    def line(self):
        head = "试运行（未写入数据库）" if self.dry_run else "导入完成"
        return head + "：" + "，".join(f"{LABELS[key]} {self.counts[key]} 条"
                                       for key in (CREATED, UPDATED, SKIPPED, FAILED))

    def report(self):
        lines = [self.line()]
        for reason, count in self.skipped.items():
            lines.append(f"跳过原因：{reason} {count} 条")
        if self.held:
            lines.append(f"内容检查未通过、已存为草稿（未发布，须修改后经审核流程发布）{len(self.held)} 条：")
            lines += self._finding_lines(self.held)
        if self.published_anyway:
            lines.append(f"内容检查未通过、按 --publish-anyway 仍已发布（已记入审计日志）{len(self.published_anyway)} 条：")
            lines += self._finding_lines(self.published_anyway)
        if self.refused_files:
            lines.append(f"附件未导入（实际文件类型不在允许范围内，保留原网站链接）{len(self.refused_files)} 个：")
            for location, link, reason in self.refused_files[:MAX_LISTED_FAILURES]:
                lines.append(f"  {location}：{link}：{reason}")
        if self.failures:
            lines.append("失败明细：")
            for location, reason in self.failures[:MAX_LISTED_FAILURES]:
                lines.append(f"  {location}：{reason}")
            if len(self.failures) > MAX_LISTED_FAILURES:
                lines.append(f"  ……另有 {len(self.failures) - MAX_LISTED_FAILURES} 条失败未列出")
        return "\n".join(lines)

    @staticmethod
    def _finding_lines(entries):
        lines = [f"  {location}《{title}》：" + "；".join(findings)
                 for location, title, findings in entries[:MAX_LISTED_FAILURES]]
        if len(entries) > MAX_LISTED_FAILURES:
            lines.append(f"  ……另有 {len(entries) - MAX_LISTED_FAILURES} 条未列出")
        return lines


def expand_paths(paths):
    """Files to import, in a stable order; folders are searched recursively.
    Yields (path, None) or (path, ImportRecordError) for a path that can't be used."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                if child.suffix.lower() in SUPPORTED:
                    yield child, None
        elif not path.exists():
            yield path, ImportRecordError("文件或文件夹不存在")
        elif path.suffix.lower() not in SUPPORTED:
            yield path, ImportRecordError(
                f"不支持的文件类型 {path.suffix or '（无扩展名）'}，支持 .json .jsonl .html .htm .shtml .txt")
        else:
            yield path, None


INDEX_BATCH = 200


def indexing_batch():
    """Queue search-index rows during the import and drain them in batches at the end
    (instead of after every record's commit)."""
    try:
        from search import queue
    except ImportError:  # pragma: no cover - the search app is always installed
        return nullcontext()
    return queue.deferred(batch_size=INDEX_BATCH)


class ImportRun:
    def __init__(self, paths, *, dry_run=False, column=None, kind=None,
                 max_body_chars=DEFAULT_MAX_BODY_CHARS, progress=None, stream=None, overwrite_edits=False,
                 publish_anyway_user=None):
        self.paths = list(paths)
        self.dry_run = dry_run
        self.kind = kind
        self.max_body_chars = max_body_chars
        self.progress = progress
        self.stream = stream or sys.stderr
        self.writer = PageWriter(column=column, dry_run=dry_run, overwrite_edits=overwrite_edits,
                                 publish_anyway_user=publish_anyway_user)
        self.summary = ImportSummary(dry_run=dry_run)

    def records(self):
        options = {"max_body_chars": self.max_body_chars, "kind": self.kind}
        for path, problem in expand_paths(self.paths):
            if problem is not None:
                yield str(path), problem
                continue
            suffix = path.suffix.lower()
            if suffix in JSONL_SUFFIXES:
                yield from iter_jsonl(path, **options)
            elif suffix in JSON_SUFFIXES:
                yield from iter_json(path, **options)
            else:
                yield str(path), self._read_page(path, suffix)

    def _read_page(self, path, suffix):
        from disclosure.importers.legacy_html import read_html_page
        from disclosure.importers.text_pages import read_text_page

        reader = read_text_page if suffix in TEXT_SUFFIXES else read_html_page
        try:
            return reader(path, kind=self.kind, max_body_chars=self.max_body_chars)
        except ImportRecordError as error:
            return error
        except Exception as error:  # a parser bug must not stop the other files
            return ImportRecordError(f"无法解析：{type(error).__name__}: {error}")

    def estimated_total(self):
        total = 0
        for path, problem in expand_paths(self.paths):
            if problem is None and path.suffix.lower() in JSONL_SUFFIXES:
                total += count_jsonl(path)
            else:
                total += 1
        return total

    def _progress(self, iterable):
        from tqdm import tqdm

        disable = not self.progress if self.progress is not None else not self.stream.isatty()
        if disable:
            return iterable
        return tqdm(iterable, total=self.estimated_total(), file=self.stream, unit="条",
                    desc="导入", dynamic_ncols=True, mininterval=0.5)

    def import_one(self, location, record):
        if isinstance(record, ImportRecordError):
            return self._fail(location, record.reason)
        try:
            with transaction.atomic():
                outcome = self.writer.write(record)
        except ImportRecordError as error:
            self.writer.reset_caches()
            return self._fail(location, error.reason)
        except Exception as error:  # one broken record must not stop the import
            self.writer.reset_caches()
            return self._fail(location, f"写入失败：{type(error).__name__}: {error}")
        self.summary.counts[SKIPPED if outcome in SKIP_REASONS else outcome] += 1
        if outcome in SKIP_REASONS:
            self.summary.skipped[SKIP_REASONS[outcome]] += 1
        self._note_checks(location, record)
        return outcome

    def _note_checks(self, location, record):
        from disclosure.importers.content_checks import finding_brief

        if self.writer.last_findings:
            entry = (location, record.title, [finding_brief(f) for f in self.writer.last_findings])
            (self.summary.published_anyway if self.writer.last_published_anyway else self.summary.held).append(entry)
        for link, reason in record.refused_files:
            self.summary.refused_files.append((location, link, reason))

    def _fail(self, location, reason):
        self.summary.counts[FAILED] += 1
        self.summary.failures.append((location, reason))
        return FAILED

    def relax_sqlite_sync(self):
        """On SQLite (WAL), skip the fsync after every record's commit: a crash can lose only the
        last few records, and re-running the import (idempotent) restores them."""
        if connection.vendor == "sqlite" and not self.dry_run and not connection.in_atomic_block:
            with connection.cursor() as cursor:
                cursor.execute("PRAGMA synchronous=NORMAL")

    def run(self):
        self.relax_sqlite_sync()
        with indexing_batch(), deferred_purges():
            for location, record in self._progress(self.records()):
                self.import_one(location, record)
                # DEBUG keeps every query in memory; an import of thousands must not.
                reset_queries()
        return self.summary
