"""ImportRecord → a published page in the right column, with its original dates.

One `PageWriter` serves a whole import run: columns, organisations and subjects are looked up
once and cached (a rolled-back record clears the caches, since the rows it created are gone).
Pages are published through revisions, so Wagtail's `page_published` signal — and with it the
search queue — fires as for an editor's publication. Every record first passes the editors'
pre-publish content checks (importers.content_checks): one with a blocking finding is written as
a draft that only the 三审 workflow can publish.
"""

import copy
import re

from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import Q
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import Page

from disclosure.importers.body import text_to_blocks
from disclosure.importers.content_checks import blocking_findings, held_by_import, log_findings
from disclosure.importers.decisions import decision_values
from disclosure.importers.kinds import disclosure_models
from disclosure.importers.records import ImportRecordError
from disclosure.kinds import column_path, general_target, import_target, page_fields_for
from disclosure.site_tree import site_root
from disclosure.slugs import free_slug, short_slug
from govsite import wagtail_compat

CREATED, UPDATED, SKIPPED = "created", "updated", "skipped"
# An editor has changed or withdrawn the page since it was imported: a re-import keeps their work.
KEPT_EDITED = "kept_edited"
REPORT_YEAR_RE = re.compile(r"((?:19|20)\d{2})年")
# Page types that read fields of their own from a record. A reader returns None for a record that
# is not one (a 行政执法公示 statistics page is no single decision): it becomes a general page of
# its kind (disclosure/kinds.py, GENERAL_MODEL).
RECORD_READERS = {"disclosure.EnforcementDecisionPage": decision_values}
# Foreign keys and tree fields the writer sets itself (checking each costs a query).
LEAN_CLEAN_EXCLUDE = ["publisher", "subject", "genre", *wagtail_compat.PAGE_CORE_FIELDS]


def validation_reason(error):
    if hasattr(error, "message_dict"):
        parts = []
        for name, messages in error.message_dict.items():
            label = name if name != "__all__" else ""
            parts.append((f"{label}：" if label else "") + "；".join(messages))
        return "；".join(parts)
    return "；".join(error.messages)


def required_site_root():
    root = site_root()
    if root is None:
        raise ImportRecordError("站点尚未建立（没有默认站点），请先运行 manage.py load_demo_site")
    return root


def resolve_column(value):
    """--column: a page id or a URL path (relative to the site root, or a full url_path)."""
    from disclosure.models import ColumnPage

    text = str(value).strip()
    page = None
    if text.isdigit():
        page = Page.objects.filter(pk=int(text)).first()
    else:
        path = text.strip("/")
        root = required_site_root()
        candidates = [f"{root.url_path}{path}/" if path else root.url_path, f"/{path}/"]
        page = Page.objects.filter(url_path__in=candidates).order_by("depth").last()
    if page is None:
        raise ImportRecordError(f"找不到栏目：{value}")
    page = page.specific
    if not isinstance(page, ColumnPage):
        raise ImportRecordError(f"“{page.title}”不是栏目页面，不能放置导入的信息")
    return page


def target_for(record):
    """(model, field values) the record becomes: its kind's page type (disclosure/kinds.py)."""
    model, extra = import_target(record.kind)
    reader = RECORD_READERS.get(model._meta.label)
    if reader is None:
        return model, extra
    own = reader(record)
    if own is None:
        return general_target(record.kind)
    return model, {**extra, **own}


def slug_for(record):
    """The record's short slug, the same scheme as pages created any other way (disclosure.slugs);
    keyed on the record's identity so a re-import would choose the same one."""
    key = record.url or record.source or f"{record.title}|{record.published_on or ''}"
    return short_slug(key, record.published_on)


def comparable_stream(model, data):
    """Stream data as stored, without block ids: equal content compares equal."""
    block = model._meta.get_field("body").stream_block
    prepared = block.get_prep_value(block.to_python(list(data)))
    return [(item["type"], item["value"]) for item in prepared]


class PageWriter:
    def __init__(self, *, column=None, dry_run=False, overwrite_edits=False, publish_anyway_user=None):
        self.column_override = resolve_column(column) if column else None
        self.dry_run = dry_run
        self.overwrite_edits = overwrite_edits
        # A 站点管理员 (checked by the command) who takes responsibility for publishing records
        # the content checks stop; every such publication is logged under their name.
        self.publish_anyway_user = publish_anyway_user
        self.last_findings = []
        self.last_published_anyway = False
        self.reset_caches()

    def reset_caches(self):
        self._columns = {}
        self._organisations = {}
        self._subjects = {}
        self._genres = {}
        self._models = None

    # --- look-ups --------------------------------------------------------------------

    def column_for(self, kind):
        if self.column_override is not None:
            return self.column_override
        if kind not in self._columns:
            from disclosure.models import ColumnPage

            root = required_site_root()
            path = column_path(kind)
            column = ColumnPage.objects.filter(url_path=f"{root.url_path}{path}/").first()
            if column is None:
                raise ImportRecordError(
                    f"找不到“{kind}”类信息的栏目 /{path}/，请先运行 manage.py load_demo_site 或用 --column 指定栏目")
            self._columns[kind] = column
        return self._columns[kind]

    def _snippet_id(self, cache, model, name):
        if not name:
            return None
        if name not in cache:
            if self.dry_run:
                found = model.objects.filter(name=name).values_list("pk", flat=True).first()
                return found
            cache[name] = model.objects.get_or_create(name=name)[0].pk
        return cache[name]

    def organisation_id(self, name):
        from disclosure.models import Organisation

        return self._snippet_id(self._organisations, Organisation, name)

    def _identity_sql(self, clause):
        """One UNION ALL over every concrete disclosure table (instead of a query per type)."""
        if self._models is None:
            self._models = disclosure_models()
        quote = connection.ops.quote_name
        return " UNION ALL ".join(
            f"SELECT {quote(model._meta.pk.column)}, {index} FROM {quote(model._meta.db_table)} WHERE {clause}"
            for index, model in enumerate(self._models))

    def find_existing(self, record, model):
        """The page this record was imported as before: same url, else same corpus source,
        else same title and date."""
        if record.url or record.source:
            quote = connection.ops.quote_name
            parts, params = [], []
            if record.url:
                parts.append(f"{quote('original_url')} = %s")
                params.append(record.url)
            if record.source:
                parts.append(f"{quote('source_id')} = %s")
                params.append(record.source)
            sql = self._identity_sql("(" + " OR ".join(parts) + ")")
            with connection.cursor() as cursor:
                cursor.execute(sql, params * len(self._models))
                rows = sorted(cursor.fetchall())
            if not rows:
                return None
            pk, index = rows[0]
            return self._models[index].objects.get(pk=pk)
        if self._models is None:
            self._models = disclosure_models()
        if record.published_on:
            day = record.published_on
            condition = Q(title=record.title) & (Q(published_on=day) | Q(first_published_at__date=day))
        else:
            condition = Q(title=record.title, original_url="", source_id="")
        for candidate in [model] + [m for m in self._models if m is not model]:
            page = candidate.objects.filter(condition).order_by("pk").first()
            if page is not None:
                return page
        return None

    # --- values ----------------------------------------------------------------------

    def field_values(self, record, model, extra):
        from disclosure.models import GenreCategory, SubjectCategory

        published_at = record.published_at
        values = {
            "title": record.title,
            "source_name": record.site,
            "author": record.author,
            "publisher_id": self.organisation_id(record.publisher),
            "subject_id": self._snippet_id(self._subjects, SubjectCategory, record.subject),
            "genre_id": self._snippet_id(self._genres, GenreCategory, record.genre),
            "written_on": record.written_on or record.published_on,
            "updated_at": record.updated_at or published_at,
            "doc_number": record.doc_number,
            "validity": record.validity,
            "keywords": record.keywords,
            "summary": record.summary,
            "original_url": record.url,
            "source_id": record.source,
        }
        if record.published_on:
            # An undated record keeps the date the page already has (never cleared).
            values["published_on"] = record.published_on
        field_names = {f.name for f in model._meta.get_fields()}
        if "header" in field_names:
            values["header"] = record.header
        if "category" in field_names:
            values["category"] = record.category
        if "report_year" in field_names:
            match = REPORT_YEAR_RE.search(record.title)
            values["report_year"] = int(match.group(1)) if match else None
        values.update(extra)
        return values

    def blocks_for(self, record):
        if record.blocks is not None:
            blocks = record.blocks
        else:
            blocks = text_to_blocks(record.body_text or "", punctuation=record.punctuation)
        if record.local_files and not self.dry_run:
            from disclosure.importers.attachments import link_local_attachments
            from review.files.collections import collection_for_organisation

            # The 发布机构's department owns the files (docs/security.md §1).
            blocks = link_local_attachments(
                blocks, record.local_files,
                collection=collection_for_organisation(self.organisation_id(record.publisher)))
        return blocks

    # --- content checks --------------------------------------------------------------

    def may_publish(self, page, blocks):
        """The editors' content checks on the page about to be written (`blocks` set as its body):
        a blocking finding keeps it a draft, unless a 站点管理员 ran the import with --publish-anyway."""
        # The checks turn the stream into block values, and some blocks (tables) rewrite their raw
        # dicts as they do: check a copy, and save the raw data as before (faster to write, and
        # equal to what a re-import compares against).
        page.body = copy.deepcopy(blocks)
        self.last_findings = blocking_findings(page)
        page.body = blocks
        self.last_published_anyway = bool(self.last_findings) and self.publish_anyway_user is not None
        return not self.last_findings or self.last_published_anyway

    def _log_checks(self, page, revision):
        log_findings(page, revision, self.last_findings,
                     self.publish_anyway_user if self.last_published_anyway else None)

    # --- writing ---------------------------------------------------------------------

    def write(self, record):
        """Create, update or skip the page for one record. Call inside transaction.atomic()."""
        self.last_findings, self.last_published_anyway = [], False
        model, extra = target_for(record)
        column = self.column_for(record.kind)
        existing = self.find_existing(record, model)
        if existing is not None and type(existing) is not model:
            if existing.kind != record.kind:
                raise ImportRecordError(
                    f"已有同一来源的页面“{existing.title}”（ID {existing.pk}，类型“{existing._meta.verbose_name}”），"
                    f"与本记录的类别 {record.kind} 不符；请先删除该页面或修正 kind")
            # Same kind, another type (imported before the kind had a type of its own, or a
            # decision re-imported from text that no longer names the party): it keeps its type.
            model, extra = type(existing), page_fields_for(type(existing), record.kind)
        blocks = self.blocks_for(record)
        values = self.field_values(record, model, extra)
        if existing is not None and existing.published_on and values.get("published_on") \
                and values["published_on"] < existing.published_on:
            # A published item's 发布日期 is never moved earlier (auditors treat that as forgery).
            values["published_on"] = existing.published_on
        if existing is None:
            page = model(**values)
            publish = self.may_publish(page, blocks)
            if not self.dry_run:
                self._create(record, page, column, publish)
            return CREATED
        held = held_by_import(existing)
        if not self.overwrite_edits and not held and (existing.has_unpublished_changes or not existing.live):
            return KEPT_EDITED
        if held:
            if self._same_content(existing.get_latest_revision_as_object(), column, values, blocks, model, record):
                return SKIPPED
        elif self._unchanged(existing, column, values, blocks, model, record):
            return SKIPPED
        if not self.dry_run and existing.get_parent().pk != column.pk:
            existing.move(column, pos="last-child")
            existing.refresh_from_db()
        for name, value in values.items():
            setattr(existing, name, value)
        publish = self.may_publish(existing, blocks)
        if not self.dry_run:
            self._update(record, existing, publish)
        return UPDATED

    def _unchanged(self, page, column, values, blocks, model, record):
        if not page.live or page.has_unpublished_changes:
            return False
        return self._same_content(page, column, values, blocks, model, record)

    def _same_content(self, page, column, values, blocks, model, record):
        if page.get_parent().pk != column.pk:
            return False
        if record.published_at and page.live and page.first_published_at != record.published_at:
            return False
        for name, value in values.items():
            if getattr(page, name) != value:
                return False
        return comparable_stream(model, page.body.raw_data) == comparable_stream(model, blocks)

    def _create(self, record, page, column, publish):
        """Insert the page already live (or, held back by the content checks, as a draft), then
        record its revision and announce the publication.

        Equivalent to add_child + save_revision().publish() for a brand-new page, with one page
        save instead of three: each save re-runs the admin-search, reference-index and catalogue
        handlers. Measured about twice as fast per record (docs/benchmarks.md); the Wagtail
        internals this needs are in govsite.wagtail_compat.
        """
        now = timezone.now()
        page.slug = free_slug(column, slug_for(record))
        page.index_number = record.index_number
        page.live, page.has_unpublished_changes = publish, not publish
        if publish:
            page.first_published_at = record.published_at or now
            page.last_published_at = record.updated_at or record.published_at or now
        page.draft_title = page.title
        self._insert_child(column, page)
        revision = wagtail_compat.record_first_revision(page, live=publish)
        if not publish:
            log(instance=page, action="wagtail.create", revision=revision, content_changed=True)
            self._log_checks(page, revision)
            return
        log(instance=page, action="wagtail.publish", revision=revision, content_changed=True)
        self._log_checks(page, revision)
        wagtail_compat.announce_publication(page, revision)

    def _insert_child(self, column, page):
        """column.add_child(instance=page) without the per-save full_clean queries.

        Page.save() re-checks every foreign key, the slug, the translation key and the path
        with a query each; the writer created those values itself. Field validation and the
        models' clean() rules (DisclosurePage's date and 文号 rules) still run.
        """
        wagtail_compat.place_as_last_child(column, page)
        try:
            page.clean_fields(exclude=LEAN_CLEAN_EXCLUDE)
            page.clean()  # the models' own rules (date, 文号, validity) and the slug check
        except ValidationError as error:
            raise ImportRecordError("数据校验未通过：" + validation_reason(error)) from error
        wagtail_compat.save_placed_child(column, page)

    def _update(self, record, page, publish):
        if not publish:
            # The live version (if any) stays as it was; the new text waits for review.
            try:
                revision = page.save_revision(log_action=True)
            except ValidationError as error:
                raise ImportRecordError("数据校验未通过：" + validation_reason(error)) from error
            self._log_checks(page, revision)
            return
        if record.published_at:
            page.first_published_at = record.published_at
        self._log_checks(page, self._publish(page, record))

    def _publish(self, page, record):
        try:
            revision = page.save_revision(log_action=False)
            revision.publish()
        except ValidationError as error:
            raise ImportRecordError("数据校验未通过：" + validation_reason(error)) from error
        original = record.updated_at or record.published_at
        if original:
            # Wagtail stamps publication "now"; the imported item keeps its original dates.
            type(page).objects.filter(pk=page.pk).update(
                first_published_at=record.published_at or page.first_published_at,
                last_published_at=original,
            )
        return revision
