"""home_stale, column_stale, column_neglected, column_empty and the one-strike summary.

A column's newest item is computed for all columns in one grouped query (parent path = the
child's path minus one Wagtail path step), so the cost doesn't grow with pages per column.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Max
from django.db.models.functions import Coalesce, Length, Substr, TruncDate
from wagtail.models import Page, Site

from . import BLOCKING, WARNING, Finding

NEWS_WORDS = ("动态", "要闻", "新闻")
NOTICE_WORDS = ("通知", "公告", "政策", "文件")


@dataclass
class SiteContext:
    root_path: str
    root_url_path: str
    depth: int

    @classmethod
    def build(cls):
        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
        if site is None:
            return cls(root_path="", root_url_path="/", depth=1)
        root = site.root_page
        return cls(root_path=root.path, root_url_path=root.url_path, depth=root.depth)

    def url(self, url_path):
        if url_path.startswith(self.root_url_path):
            return "/" + url_path[len(self.root_url_path):]
        return url_path

    def live_pages(self):
        return Page.objects.live().public().filter(path__startswith=self.root_path)


def item_date():
    # The displayed date: 发布日期 for disclosure pages, else the first publication day.
    return Coalesce("catalogue_entry__published_on", TruncDate("first_published_at"))


def newest_by_parent(context):
    step = Page.steplen
    rows = (
        context.live_pages().filter(depth__gt=context.depth + 1)
        .annotate(parent_path=Substr("path", 1, Length("path") - step))
        .values("parent_path").annotate(newest=Max(item_date()), items=Count("id"))
    )
    return {row["parent_path"]: (row["newest"], row["items"]) for row in rows.iterator()}


def period_for(column, overrides, settings):
    """Days within which the column must be updated, or None when it has no fixed period."""
    if column["id"] in overrides:
        return overrides[column["id"]]
    title = column["title"]
    if any(word in title for word in NEWS_WORDS):
        return settings.news_column_days
    if any(word in title for word in NOTICE_WORDS):
        return settings.notice_column_days
    return None


def _date_text(day):
    return f"{day:%Y年%m月%d日}"


def _staleness(newest, days, today, early):
    """(severity, since) when the item is stale or within `early` days of it, else None."""
    fails_on = newest + datetime.timedelta(days=days + 1)
    if today >= fails_on:
        return BLOCKING, fails_on
    if today >= fails_on - datetime.timedelta(days=early):
        return WARNING, fails_on
    return None


def check_home(context, settings, today):
    if not context.root_path:
        return []
    newest = context.live_pages().filter(depth__gt=context.depth).aggregate(newest=Max(item_date()))["newest"]
    if newest is None:
        return [Finding("home_stale", BLOCKING, "/", "首页", "首页下没有任何已发布的信息。", None, context.root_path)]
    state = _staleness(newest, settings.home_days, today, settings.early_warning_days)
    if state is None:
        return []
    severity, fails_on = state
    if severity == BLOCKING:
        message = f"首页最新信息发布于{_date_text(newest)}，已超过{settings.home_days}天未更新。"
    else:
        message = f"首页最新信息发布于{_date_text(newest)}，如不更新将于{_date_text(fails_on)}超过{settings.home_days}天未更新。"
    return [Finding("home_stale", severity, "/", "首页", message, fails_on, context.root_path)]


def check_columns(context, settings, today):
    from disclosure.models import ColumnPage
    from health.models import ColumnPeriod

    overrides = dict(ColumnPeriod.objects.values_list("column_id", "days"))
    newest = newest_by_parent(context)
    columns = (
        ColumnPage.objects.live().public().filter(path__startswith=context.root_path, column_type="list")
        .values("id", "title", "path", "url_path").order_by("path")
    )
    findings, counts = [], {"column_stale": 0, "column_neglected": 0, "column_empty": 0}
    for column in columns.iterator():
        url, path = context.url(column["url_path"]), column["path"]
        last, items = newest.get(path, (None, 0))
        if not items:
            counts["column_empty"] += 1
            findings.append(Finding("column_empty", BLOCKING, url, column["title"],
                                    "空白栏目：栏目下没有已发布的信息。", None, path))
            continue
        days = period_for(column, overrides, settings)
        if days is None and column["id"] in overrides:
            continue
        check = "column_stale" if days is not None else "column_neglected"
        days = days if days is not None else settings.neglect_days
        state = _staleness(last, days, today, settings.early_warning_days)
        if state is None:
            continue
        severity, fails_on = state
        if severity == BLOCKING:
            counts[check] += 1
            if check == "column_stale":
                message = f"最新信息发布于{_date_text(last)}，已超过更新周期{days}天。"
            else:
                severity = WARNING  # counted toward the one-strike summary, not blocking alone
                message = f"最新信息发布于{_date_text(last)}，已超过{days}天未更新（长期未更新）。"
        else:
            message = f"最新信息发布于{_date_text(last)}，如不更新将于{_date_text(fails_on)}超过更新周期{days}天。"
        findings.append(Finding(check, severity, url, column["title"], message, fails_on, path))
    findings += one_strike_summary(counts, settings)
    return findings


def one_strike_summary(counts, settings):
    limits = [
        ("column_stale", settings.stale_columns_veto, "未按期更新的栏目"),
        ("column_neglected", settings.neglected_columns_veto, "长期未更新的栏目"),
        ("column_empty", settings.empty_columns_veto, "空白栏目"),
    ]
    findings = []
    for check, limit, label in limits:
        count = counts[check]
        if limit and count >= limit:
            findings.append(Finding("one_strike_risk", BLOCKING, None, label,
                                    f"单项否决风险：{label}共{count}个，已达到{limit}个的单项否决标准。"))
        elif limit and count == limit - 1:
            findings.append(Finding("one_strike_risk", WARNING, None, label,
                                    f"{label}共{count}个，再多1个即达到{limit}个的单项否决标准。"))
    return findings
