"""Who must publish a 政府信息公开工作年度报告, by when, and how far each agency has got.

条例 art 49: a department (and, in practice, a 乡镇/街道, which reports to the county) publishes
its report on year Y by 31 January of Y+1; a 县级以上人民政府 by 31 March. Read by the admin's
年报时限 view and by the `annual_report_missing` site-health check (docs/annual_report.md).

The agencies that must report are the departments' organisations (review.Department), the
organisations above them (上级机构, e.g. the 人民政府 whose departments they are) and any
organisation that already has a generated report. Organisations that only appear as publishers
of imported documents (国务院, a province) are not the site's to report on.
"""

import datetime
from dataclasses import dataclass

from django.utils import timezone

NONE, DRAFT, IN_REVIEW, PUBLISHED = "none", "draft", "in_review", "published"
STATUS_LABELS = {NONE: "未编写", DRAFT: "草稿", IN_REVIEW: "审核中", PUBLISHED: "已发布"}
GOVERNMENT, DEPARTMENT = "government", "department"
LEVEL_LABELS = {GOVERNMENT: "人民政府（3月31日前）", DEPARTMENT: "部门、乡镇（1月31日前）"}
TOWNSHIP_MARKS = ("乡人民政府", "镇人民政府", "街道办事处")


def level_of(organisation):
    """GOVERNMENT for a 县级以上人民政府 by its official name, else DEPARTMENT."""
    name = (organisation.name or "").strip() if organisation is not None else ""
    if name.endswith("人民政府") and not any(name.endswith(mark) for mark in TOWNSHIP_MARKS):
        return GOVERNMENT
    return DEPARTMENT


def deadline(level, year):
    """The last day to publish the report on `year`."""
    return datetime.date(year + 1, 3, 31) if level == GOVERNMENT else datetime.date(year + 1, 1, 31)


@dataclass
class AgencyStatus:
    organisation: object
    department: object  # review.Department or None
    year: int
    level: str
    due_on: datetime.date
    status: str
    today: datetime.date
    page: object = None  # the report page (generated or hand-written) the status comes from
    published_on: datetime.date | None = None
    handwritten: bool = False
    columns: tuple = ()  # the agency's live 信息公开年报 columns, as (title, path, url_path)

    @property
    def status_label(self):
        label = STATUS_LABELS[self.status]
        return f"{label}（自行撰写的报告页面）" if self.handwritten else label

    @property
    def level_label(self):
        return LEVEL_LABELS[self.level]

    @property
    def overdue(self):
        """Not published by the deadline (published late counts: the report was overdue)."""
        if self.status == PUBLISHED:
            return self.published_on is not None and self.published_on > self.due_on
        return self.today > self.due_on

    @property
    def timing_text(self):
        """Plain words, never a colour alone (WCAG 1.4.1)."""
        if self.status == PUBLISHED:
            if self.published_on is None or self.published_on <= self.due_on:
                return "按期发布"
            return f"逾期发布（晚{(self.published_on - self.due_on).days}天）"
        days = (self.due_on - self.today).days
        if days < 0:
            return f"已逾期{-days}天"
        return "今天截止" if days == 0 else f"距截止还有{days}天"


def reporting_agencies():
    """[(organisation, department or None)]: governments first, then by name."""
    from disclosure.models import Organisation
    from review.models import Department

    from .models import AnnualDisclosureReportPage

    departments = {d.organisation_id: d for d in Department.objects.select_related("organisation", "root_page")}
    ids = set(departments)
    frontier = set(Organisation.objects.filter(pk__in=ids, parent__isnull=False).values_list("parent_id", flat=True))
    while frontier - ids:
        ids |= frontier
        frontier = set(Organisation.objects.filter(pk__in=frontier, parent__isnull=False)
                       .values_list("parent_id", flat=True))
    ids |= set(AnnualDisclosureReportPage.objects.values_list("agency_id", flat=True))
    organisations = sorted(Organisation.objects.filter(pk__in=ids),
                           key=lambda o: (level_of(o) != GOVERNMENT, o.name))
    return [(o, departments.get(o.pk)) for o in organisations]


def _annual_report_columns():
    """Every live 信息公开年报 column as (title, path, url_path, depth), in tree order."""
    from disclosure.models import ColumnPage

    columns = ColumnPage.objects.live().filter(column_type="annual_report").order_by("path")
    return list(columns.values_list("title", "path", "url_path", "depth"))


HANDWRITTEN_TITLE_WORDS = ("政府信息公开", "年度报告")


def _handwritten(columns, year, words=()):
    """A live page under one of the columns whose title names the year (the hand-typed report)."""
    from wagtail.models import Page

    from .models import AnnualDisclosureReportPage

    for _title, path, _url_path, depth in columns:
        pages = Page.objects.live().filter(path__startswith=path, depth__gt=depth, title__contains=str(year))
        pages = pages.not_type(AnnualDisclosureReportPage)
        for word in words:
            pages = pages.filter(title__contains=word)
        page = pages.order_by("first_published_at").first()
        if page is not None:
            return page
    return None


def _local_date(moment):
    return timezone.localdate(moment) if moment else None


def statuses(year=None, today=None, agencies=None):
    """The AgencyStatus of every reporting agency (or of `agencies`) for `year` (default: last year)."""
    from review.models import Department

    from .models import AnnualDisclosureReportPage

    today = today or timezone.localdate()
    year = year or today.year - 1
    agencies = reporting_agencies() if agencies is None else agencies
    all_columns = _annual_report_columns()
    department_roots = [d.root_page.path for d in Department.objects.filter(root_page__isnull=False)
                        .select_related("root_page")]
    site_columns = [c for c in all_columns if not any(c[1].startswith(root) for root in department_roots)]
    reports = {}
    for page in AnnualDisclosureReportPage.objects.filter(report_year=year).order_by("path"):
        reports.setdefault(page.agency_id, []).append(page)

    rows = []
    for organisation, department in agencies:
        level = level_of(organisation)
        if department is not None and department.root_page_id:
            root = department.root_page
            columns = [c for c in all_columns if c[1].startswith(root.path)]
            # A department without a 信息公开年报 column of its own may post the report anywhere in its
            # column: there the title must name the report itself, not just the year.
            handwritten = (_handwritten(columns, year) if columns else
                           _handwritten([(root.title, root.path, root.url_path, root.depth)], year,
                                        words=HANDWRITTEN_TITLE_WORDS))
        else:
            # The site's own 信息公开年报 column is the government's.
            columns = site_columns
            handwritten = _handwritten(columns, year)
        row = AgencyStatus(organisation, department, year, level, deadline(level, year), NONE, today,
                           columns=tuple(columns))
        pages = reports.get(organisation.pk, [])
        live = [p for p in pages if p.live]
        if live:
            row.status, row.page = PUBLISHED, live[0]
            row.published_on = _local_date(live[0].first_published_at)
        elif handwritten is not None:
            row.status, row.page, row.handwritten = PUBLISHED, handwritten, True
            row.published_on = _local_date(handwritten.first_published_at)
        elif any(p.workflow_in_progress for p in pages):
            row.status, row.page = IN_REVIEW, next(p for p in pages if p.workflow_in_progress)
        elif pages:
            row.status, row.page = DRAFT, pages[0]
        rows.append(row)
    return rows
