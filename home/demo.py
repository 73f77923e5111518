"""The demo site's tree, site identity and seed report, modelled on the 武冈市 portal (the seed)."""

from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from wagtail.models import Page, Revision, Site

from disclosure.importers.seed_text import parse_seed_text
from disclosure.kinds import column_path
from disclosure.models import ColumnPage, Organisation, ReportPage
from disclosure.placement import COLUMN_TREE
from home.models import HomePage, SiteIdentitySettings, SiteMapPage

SEED_FILE = Path(__file__).resolve().parent / "demo_data" / "wugang-urban-management-2024-rule-of-law-report.txt"
SEED_SLUG = "2024-fzzfjs-gzbg"
# The original page's 更新时间; the demo publishes the report at that time rather than "now".
SEED_PUBLISHED_AT = datetime(2025, 4, 9, 14, 54, tzinfo=ZoneInfo("Asia/Shanghai"))
SEED_WRITTEN_ON = date(2025, 3, 14)
SEED_PUBLISHER = {"name": "武冈市城市管理和综合执法局", "short_name": "市城管局"}
HOME_INTRO = (
    "<p>武冈市人民政府门户网站政务公开专区：依法主动公开政府信息，"
    "发布规范性文件、政策解读、权责清单、行政执法公示和法治政府建设年度报告，"
    "方便群众查询、监督。</p>"
)

SEED_IDENTITY = {
    "site_name": "武冈市人民政府",
    "site_domain": "www.wugang.gov.cn",
    "supervisor": "武冈市人民政府",
    "sponsor": "武冈市人民政府办公室",
    "organizer": "武冈市人民政府信息中心",
    "contact": "0739-4228019",
    "site_code": "4305810010",
    "icp_number": "湘ICP备13005897号",
    "police_number": "湘公网安备43058102000008号",
    "police_url": "https://beian.mps.gov.cn/#/query/webSearch?code=43058102000008",
    "hotline": "12345",
}


def get_or_create_child(parent, model, slug, **fields):
    existing = parent.get_children().filter(slug=slug).first()
    if existing is not None:
        return existing.specific
    page = model(slug=slug, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def ensure_root():
    """The tree root and default locale, normally made by Wagtail's migrations, are gone after a
    `flush` (and after transactional tests); recreate them so the loader still works."""
    root = Page.get_first_root_node()
    if root is None:
        from django.conf import settings
        from wagtail.coreutils import get_supported_content_language_variant
        from wagtail.models import Locale

        Locale.objects.get_or_create(
            language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE))
        root = Page.add_root(title="根目录", slug="root")  # as home/migrations/0003 names it
    from wagtail.models import Collection

    if Collection.get_first_root_node() is None:
        Collection.add_root(name="全部文件")
    return root


def ensure_home(hostname, port):
    root = ensure_root()
    home = HomePage.objects.first()
    if home is None:
        home = HomePage(title="首页", slug="home-gov", show_in_menus=False)
        root.add_child(instance=home)
        home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site(is_default_site=True)
    site.hostname, site.port, site.root_page, site.site_name = hostname, port, home, "武冈市人民政府"
    site.save()
    # Wagtail's placeholder "Welcome" page is not part of our tree.
    for orphan in root.get_children().exclude(id=home.id).not_type(HomePage):
        if not Site.objects.filter(root_page=orphan).exists():
            orphan.delete()
    return home, site


def build_columns(parent, tree):
    for slug, title, column_type, children in tree:
        column = get_or_create_child(parent, ColumnPage, slug, title=title,
                                     column_type=column_type, show_in_menus=True)
        build_columns(column, children)


def ensure_intro(home):
    if home.intro:
        return
    home.intro = HOME_INTRO
    home.save_revision().publish()


def normalised_stream(data):
    """Stream data without block ids, as the body block stores it: equal content compares equal."""
    children = ReportPage._meta.get_field("body").stream_block.child_blocks
    normalised = []
    for item in data:
        child = children[item["type"]]
        normalised.append({"type": item["type"], "value": child.get_prep_value(child.to_python(item["value"]))})
    return normalised


def seed_fields(parsed, publisher):
    return {
        "title": parsed.title,
        "source_name": parsed.source,
        "author": parsed.author,
        "updated_at": parsed.updated_at or SEED_PUBLISHED_AT,
        "written_on": parsed.written_on or SEED_WRITTEN_ON,
        # The original's publication date: the 索引号 year and the catalogue follow it.
        "published_on": SEED_PUBLISHED_AT.date(),
        "publisher": publisher,
        "report_type": "rule_of_law_report",
        "report_year": 2024,
        "keywords": "法治政府建设,年度报告,城市管理,综合执法",
        "search_description": "武冈市城市管理和综合执法局2024年法治政府建设工作情况、存在的不足和下一步工作计划。",
    }


def load_seed_page(home):
    """The acceptance page: the 2024 rule-of-law report under 依法行政. Re-running only writes
    a new revision when the data file or the fields above changed."""
    column = Page.objects.get(url_path=home.url_path + column_path("rule_of_law_report") + "/")
    parsed = parse_seed_text(SEED_FILE.read_text(encoding="utf-8"))
    publisher, _ = Organisation.objects.get_or_create(
        name=SEED_PUBLISHER["name"], defaults={"short_name": SEED_PUBLISHER["short_name"]}
    )
    fields = seed_fields(parsed, publisher)
    page = ReportPage.objects.child_of(column).filter(slug=SEED_SLUG).first()
    if page is not None:
        unchanged = all(getattr(page, name) == value for name, value in fields.items())
        if unchanged and page.live and normalised_stream(page.body.raw_data) == normalised_stream(parsed.blocks):
            return page
        # A later publication is really made now: only the first one carries the original's time.
        for name, value in fields.items():
            setattr(page, name, value)
        page.body = parsed.blocks
        page.save_revision().publish()
        return page
    page = ReportPage(slug=SEED_SLUG, body=parsed.blocks, **fields)
    column.add_child(instance=page)
    revision = page.save_revision()
    revision.publish()
    Page.objects.filter(pk=page.pk).update(
        first_published_at=SEED_PUBLISHED_AT, last_published_at=SEED_PUBLISHED_AT,
        latest_revision_created_at=SEED_PUBLISHED_AT,
    )
    Revision.objects.filter(pk=revision.pk).update(created_at=SEED_PUBLISHED_AT)
    page.refresh_from_db()
    return page


def ensure_default_org_code(site):
    """The 索引号 is fixed at first publication, so the code it is built from must exist before
    the seed is published (the seed's publisher has no credit code of its own)."""
    from disclosure.demo import DEMO_ORG_CODE
    from disclosure.models.catalogue import DisclosureSettings

    settings = DisclosureSettings.for_site(site)
    if not settings.default_org_code:
        settings.default_org_code = DEMO_ORG_CODE
        settings.save()


def build_site(stdout, hostname="127.0.0.1", port=8000):
    home, site = ensure_home(hostname, port)
    ensure_intro(home)
    build_columns(home, COLUMN_TREE)
    get_or_create_child(home, SiteMapPage, "wzdt", title="网站地图")
    identity = SiteIdentitySettings.for_site(site)
    changed = False
    for field, value in SEED_IDENTITY.items():
        if getattr(identity, field) != value:
            setattr(identity, field, value)
            changed = True
    if changed or identity.pk is None:
        identity.save()
    ensure_default_org_code(site)
    seed = load_seed_page(home)
    stdout.write("栏目树与站点标识已创建。")
    stdout.write("种子报告：%s" % seed.url_path[len(home.url_path) - 1:])
    return home
