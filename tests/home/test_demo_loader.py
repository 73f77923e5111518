"""load_demo_site builds the site and the seed page; running it again changes nothing."""

import io

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def snapshot():
    from wagtail.models import Page, Revision, Site

    from disclosure.models import Organisation, ReportPage
    from home.models import HomePage, SiteIdentitySettings

    pages = list(Page.objects.order_by("path").values_list(
        "id", "path", "title", "slug", "live", "latest_revision_id", "last_published_at", "content_type_id"))
    identity = list(SiteIdentitySettings.objects.values())
    seed = ReportPage.objects.values(
        "source_name", "author", "updated_at", "written_on", "published_on", "publisher_id",
        "report_type", "report_year", "index_number", "body").get(slug="2024-fzzfjs-gzbg")
    home = HomePage.objects.values("intro").get()
    return {
        "pages": pages, "revisions": Revision.objects.count(), "identity": identity, "seed": seed,
        "organisations": list(Organisation.objects.values_list("name", "short_name")),
        "sites": list(Site.objects.values_list("hostname", "port", "root_page_id", "is_default_site")),
        "home": home,
    }


@pytest.mark.slow
def test_running_twice_changes_nothing():
    # About 10 s: the whole command (every app's demo loader) runs twice, which is the point.
    out = io.StringIO()
    call_command("load_demo_site", stdout=out)
    first = snapshot()
    call_command("load_demo_site", stdout=io.StringIO())
    assert snapshot() == first
    assert "种子报告：/zwgk/zfxxgk/yfxz/2024-fzzfjs-gzbg/" in out.getvalue()


def test_seed_facts_and_site_identity(demo_site):
    from django.utils import timezone

    from disclosure.models import ReportPage
    from home.models import SiteIdentitySettings

    seed = ReportPage.objects.get(slug="2024-fzzfjs-gzbg")
    assert seed.url_path.endswith("/zwgk/zfxxgk/yfxz/2024-fzzfjs-gzbg/")
    assert (seed.source_name, seed.author) == ("市城管局", "市城管局")
    assert timezone.localtime(seed.updated_at).strftime("%Y-%m-%d %H:%M") == "2025-04-09 14:54"
    assert seed.written_on.isoformat() == "2025-03-14"
    assert (seed.publisher.name, seed.publisher.short_name) == ("武冈市城市管理和综合执法局", "市城管局")
    assert (seed.report_type, seed.report_year, seed.kind) == ("rule_of_law_report", 2024, "rule_of_law_report")
    assert seed.live and seed.body.raw_data[-1]["type"] == "signature"
    identity = SiteIdentitySettings.objects.get()
    assert (identity.supervisor, identity.sponsor, identity.organizer) == (
        "武冈市人民政府", "武冈市人民政府办公室", "武冈市人民政府信息中心")
    assert (identity.contact, identity.icp_number, identity.police_number, identity.site_code, identity.hotline) == (
        "0739-4228019", "湘ICP备13005897号", "湘公网安备43058102000008号", "4305810010", "12345")


def test_changed_seed_fields_are_restored_with_one_new_revision(demo_site):
    from disclosure.models import ReportPage
    from home.demo import load_seed_page

    seed = ReportPage.objects.get(slug="2024-fzzfjs-gzbg")
    seed.author = "别人"
    seed.save_revision().publish()
    revisions = seed.revisions.count()
    load_seed_page(demo_site)
    seed.refresh_from_db()
    assert seed.author == "市城管局" and seed.revisions.count() == revisions + 1
