"""late_publication and date_changed_after_publication, over every concrete disclosure page type."""

from django.apps import apps
from django.db.models import OuterRef, Subquery
from django.utils import timezone
from wagtail.models import PageLogEntry, Revision

from . import BLOCKING, WARNING, Finding

BATCH = 500


def disclosure_models():
    from disclosure.models.base import DisclosurePage

    return [m for m in apps.get_models() if issubclass(m, DisclosurePage) and not m._meta.abstract]


def check_late_publication(context, settings):
    from applications.clock import WorkCalendar

    calendar = WorkCalendar()
    limit = settings.publication_working_days
    findings, due_dates = [], {}  # many pages share a 成文日期; the calendar walk is the slow part
    for model in disclosure_models():
        rows = model.objects.live().public().filter(path__startswith=context.root_path,
                                                    written_on__isnull=False, published_on__isnull=False)
        for row in rows.values("title", "url_path", "path", "written_on", "published_on").iterator():
            if row["published_on"] <= row["written_on"]:
                continue
            if row["written_on"] not in due_dates:
                due_dates[row["written_on"]] = calendar.add_working_days(row["written_on"], limit)
            due = due_dates[row["written_on"]]
            if row["published_on"] > due:
                findings.append(Finding(
                    "late_publication", WARNING, context.url(row["url_path"]), row["title"],
                    f"成文日期{row['written_on']:%Y年%m月%d日}，应于{due:%Y年%m月%d日}前公开，"
                    f"实际发布日期{row['published_on']:%Y年%m月%d日}，超过{limit}个工作日。",
                    row["published_on"], row["path"]))
    return findings


def check_pending_publication(context, settings, today):
    """The early warning for late_publication: a disclosure item written but not yet published
    (a draft or in review) whose 20-working-day limit ends within the early-warning days, or has
    ended. Items published before and withdrawn since are not waiting for publication."""
    import datetime

    from applications.clock import WorkCalendar

    calendar, limit, due_dates = WorkCalendar(), settings.publication_working_days, {}
    early = datetime.timedelta(days=settings.early_warning_days)
    findings = []
    for model in disclosure_models():
        rows = model.objects.filter(path__startswith=context.root_path, live=False, first_published_at__isnull=True,
                                    written_on__isnull=False, written_on__gte=today - datetime.timedelta(days=366))
        for row in rows.values("title", "url_path", "path", "written_on", "go_live_at").iterator():
            if row["written_on"] not in due_dates:
                due_dates[row["written_on"]] = calendar.add_working_days(row["written_on"], limit)
            due = due_dates[row["written_on"]]
            if today < due - early:
                continue
            if row["go_live_at"] and timezone.localtime(row["go_live_at"]).date() <= due:
                continue  # scheduled to go live in time
            written = f"{row['written_on']:%Y年%m月%d日}"
            if today <= due:
                message = f"尚未发布：成文日期{written}，须于{due:%Y年%m月%d日}前公开（{limit}个工作日），请尽快完成审核发布。"
            else:
                message = f"尚未发布：成文日期{written}，公开时限已于{due:%Y年%m月%d日}届满，发布后将计为公开不及时。"
            findings.append(Finding("late_publication", WARNING, context.url(row["url_path"]), row["title"],
                                    message, due, row["path"]))
    return findings


def check_changed_dates(context):
    """The 发布日期 stored in the first published revision against the live one."""
    first_publish = (PageLogEntry.objects.filter(page_id=OuterRef("pk"), action="wagtail.publish",
                                                 revision__isnull=False)
                     .order_by("timestamp", "id").values("revision_id")[:1])
    findings = []
    for model in disclosure_models():
        rows = (model.objects.live().public().filter(path__startswith=context.root_path, published_on__isnull=False)
                .annotate(first_revision=Subquery(first_publish))
                .filter(first_revision__isnull=False)
                .values("title", "url_path", "path", "published_on", "first_revision"))
        batch = []
        for row in rows.iterator():
            batch.append(row)
            if len(batch) >= BATCH:
                findings += _compare(context, batch)
                batch = []
        findings += _compare(context, batch)
    return findings


def _compare(context, rows):
    if not rows:
        return []
    first_dates = dict(Revision.objects.filter(id__in=[r["first_revision"] for r in rows])
                       .values_list("id", "content__published_on"))
    findings = []
    for row in rows:
        first = first_dates.get(row["first_revision"])
        current = row["published_on"].isoformat()
        if first and first != current:
            findings.append(Finding(
                "date_changed_after_publication", BLOCKING, context.url(row["url_path"]), row["title"],
                f"发布日期在首次发布后被修改：首次发布时为{first}，现为{current}。",
                row["published_on"], row["path"]))
    return findings
