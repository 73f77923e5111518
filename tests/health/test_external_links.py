"""External links and site_unreachable against a real HTTP server on 127.0.0.1 (link_server.py).

127.0.0.1 is a loopback address, which the checker refuses; each test that wants its requests to
reach the server allows it explicitly with HEALTH_LINK_CHECK_ALLOWED_HOSTS, as the brief of the
SSRF guard requires, and the test of the guard leaves it out.
"""

import datetime

import pytest
from django.test import override_settings
from django.utils import timezone

from disclosure.models import ColumnPage, NewsPage
from health.checks import BLOCKING, WARNING, load_settings, run_checks
from health.models import ExternalLinkStatus
from home.models import SiteIdentitySettings
from tests.disclosure.conftest import add_page, d
from tests.health.link_server import LinkServer

pytestmark = pytest.mark.django_db

TODAY = d("2026-11-20")
LOCAL = override_settings(HEALTH_LINK_CHECK_ALLOWED_HOSTS=["127.0.0.1"])


@pytest.fixture
def site(tree):
    """Every list column fresh, and no footer link to a real outside site (the defaults point at
    beian.miit.gov.cn and others, which a test must not request)."""
    for column in ColumnPage.objects.filter(column_type="list"):
        add_page(column, NewsPage(title=f"{column.title}最新信息", published_on=TODAY))
    identity = SiteIdentitySettings.for_site(tree.home.get_site())
    identity.icp_url = identity.police_url = identity.error_report_url = identity.party_gov_badge_url = ""
    identity.save()
    return tree


@pytest.fixture
def server():
    with LinkServer() as running:
        yield running


def enable(server, **values):
    """Switch the external checks on. The site's public address is the test server's home page
    under the name localhost, so links to 127.0.0.1 are other sites' links."""
    settings = load_settings()
    settings.public_base_url = f"http://localhost:{server.port}/"
    settings.external_links_enabled = True
    settings.external_timeout_seconds = 1
    settings.external_requests_per_second = 10
    settings.external_max_requests = 100
    for name, value in values.items():
        setattr(settings, name, value)
    settings.save()
    return settings


def page_linking(tree, *urls, title="含外部链接的稿件"):
    links = "".join(f'<a href="{url}">链接{n}</a>' for n, url in enumerate(urls))
    return add_page(tree.column("gzdt"), NewsPage(title=title, published_on=TODAY,
                                                  body=[("paragraph", f"<p>{links}</p>")]))


def link_findings(findings):
    """{linked url: (severity, message)} of the external dead_link findings."""
    found = {}
    for f in findings:
        if f.check == "dead_link" and "外部链接" in f.message:
            found[f.message.split("“")[1].split("”")[0]] = (f.severity, f.message)
    return found


def test_external_links_are_not_requested_unless_enabled(site, server):
    page_linking(site, server.url("/missing"))
    with LOCAL:
        assert link_findings(run_checks(today=TODAY)) == {}
    assert server.requests == []


@LOCAL
def test_each_answer_is_classified(site, server):
    enable(server)
    urls = {path: server.url(path) for path in ("/ok", "/missing", "/error", "/slow", "/redirect", "/no-head", "/loop")}
    page = page_linking(site, *urls.values())
    findings = run_checks(today=TODAY)
    found = link_findings(findings)
    assert set(found) == {urls["/missing"], urls["/error"], urls["/slow"], urls["/loop"]}
    assert found[urls["/missing"]][0] == BLOCKING and "HTTP 404" in found[urls["/missing"]][1]
    assert found[urls["/error"]][0] == WARNING and "HTTP 500" in found[urls["/error"]][1]
    assert found[urls["/slow"]][0] == WARNING and "1秒内没有响应" in found[urls["/slow"]][1]
    assert found[urls["/loop"]][0] == BLOCKING and "重定向超过5次" in found[urls["/loop"]][1]
    finding = next(f for f in findings if f.check == "dead_link" and urls["/missing"] in f.message)
    assert (finding.title, finding.url) == (page.title, "/zwgk/gzdt/" + page.slug + "/")
    assert "正文" in finding.message
    methods = [(method, path) for method, path, _ in server.link_requests()]
    # The redirect is followed to its target; HEAD refused with 405 is asked again with GET.
    assert ("HEAD", "/redirect") in methods and ("HEAD", "/ok") in methods
    assert methods.count(("HEAD", "/no-head")) == 1 and methods.count(("GET", "/no-head")) == 1
    assert methods.count(("HEAD", "/loop")) == 6  # the first request and 5 redirects, then it stops
    assert ("GET", "/missing") not in methods  # a 404 to HEAD is an answer, not a refusal


@LOCAL
def test_each_result_is_kept_for_a_day(site, server):
    enable(server)
    page_linking(site, server.url("/missing"), server.url("/ok"))
    first = link_findings(run_checks(today=TODAY))
    assert len(server.link_requests()) == 2
    again = link_findings(run_checks(today=TODAY))
    assert len(server.link_requests()) == 2  # no second request: both answers come from the cache
    assert again == first and list(again) == [server.url("/missing")]
    assert ExternalLinkStatus.objects.get(url=server.url("/missing")).status_code == 404
    ExternalLinkStatus.objects.update(checked_at=timezone.now() - datetime.timedelta(hours=25))
    run_checks(today=TODAY)
    assert len(server.link_requests()) == 4


def test_private_and_loopback_addresses_are_refused(site, server):
    enable(server)
    page_linking(site, server.url("/ok"), "http://169.254.169.254/latest/meta-data/", "http://10.0.0.8/intranet/")
    found = link_findings(run_checks(today=TODAY))
    assert server.link_requests() == []  # not allowed in this test's settings: nothing reached the server
    assert "回环地址" in found[server.url("/ok")][1]
    assert "链路本地地址" in found["http://169.254.169.254/latest/meta-data/"][1]
    assert "内网地址" in found["http://10.0.0.8/intranet/"][1]
    assert {severity for severity, _ in found.values()} == {WARNING}
    assert not ExternalLinkStatus.objects.exists()


@LOCAL
def test_a_redirect_into_the_intranet_is_refused(site, server):
    enable(server)
    page_linking(site, server.url("/to-intranet"))
    found = link_findings(run_checks(today=TODAY))
    assert [path for _, path, _ in server.link_requests()] == ["/to-intranet"]
    assert "内网地址（10.20.30.40）" in found[server.url("/to-intranet")][1]


@LOCAL
def test_rate_per_host_and_cap_per_run(site, server):
    enable(server, external_requests_per_second=2, external_max_requests=3)
    urls = [server.url(f"/ok?page={n}") for n in range(4)]
    page_linking(site, *urls)
    run_checks(today=TODAY)
    assert len(server.link_requests()) == 3  # the cap: the fourth waits for the next run
    times = [when for _, _, when in server.link_requests()]
    assert all(later - earlier >= 0.45 for earlier, later in zip(times, times[1:]))
    run_checks(today=TODAY)
    assert len(server.link_requests()) == 4  # the next run asks only for the one not yet checked
    assert ExternalLinkStatus.objects.count() == 4


@LOCAL
def test_footer_links_from_site_settings(site, server):
    enable(server)
    identity = SiteIdentitySettings.for_site(site.home.get_site())
    identity.icp_url = server.url("/missing")
    identity.error_report_url = "http://localhost/zwgk/no-such-column/"  # the site's own host: internal
    identity.save()
    findings = [f for f in run_checks(today=TODAY) if f.check == "dead_link"]
    messages = {f.message: f for f in findings}
    icp = next(f for m, f in messages.items() if server.url("/missing") in m)
    assert icp.severity == BLOCKING and "站点标识 → ICP备案查询链接" in icp.message and icp.url == "/"
    own = next(f for m, f in messages.items() if "no-such-column" in m)
    assert own.severity == BLOCKING and "页面不存在" in own.message and "我为政府网站找错链接" in own.message
    assert [path for _, path, _ in server.link_requests()] == ["/missing"]  # the own-host link was resolved without a request


@LOCAL
def test_site_unreachable(site, server):
    enable(server, public_base_url=server.url("/"))
    assert [f for f in run_checks(today=TODAY) if f.check == "site_unreachable"] == []
    assert server.paths() == ["/"]
    enable(server, public_base_url=server.url("/error"))
    found = [f for f in run_checks(today=TODAY) if f.check == "site_unreachable"]
    assert [(f.severity, f.url) for f in found] == [(BLOCKING, "/")] and "HTTP 500" in found[0].message
    server.httpd.shutdown()
    server.httpd.server_close()
    found = [f for f in run_checks(today=TODAY) if f.check == "site_unreachable"]
    assert found and "拒绝连接" in found[0].message
    settings = load_settings()
    settings.external_links_enabled = False
    settings.save()
    assert [f for f in run_checks(today=TODAY) if f.check == "site_unreachable"] == []


def test_site_unreachable_on_its_own_private_host_is_allowed(site, server):
    """The site's own host name may resolve to an intranet address (a server reaching itself):
    it is requested although 127.0.0.1 is not in the allow-list."""
    from wagtail.models import Site

    Site.objects.filter(is_default_site=True).update(hostname="localhost", port=server.port)
    enable(server, public_base_url="")
    assert [f for f in run_checks(today=TODAY) if f.check == "site_unreachable"] == []
    assert server.paths() == ["/"]


@LOCAL
def test_admin_fallback_run_makes_no_requests(site, server):
    """When the admin finds no recent stored run it checks the site itself, while a page waits:
    external links then come from their stored results only, and the site isn't requested."""
    from health.models import HealthSnapshot
    from health.snapshots import current_findings

    enable(server)
    page_linking(site, server.url("/missing"))
    run_checks(today=TODAY)
    asked = len(server.requests)
    page_linking(site, server.url("/error"), title="新链接的稿件")
    HealthSnapshot.objects.all().delete()
    findings, _ = current_findings()
    assert len(server.requests) == asked
    found = link_findings(findings)
    assert list(found) == [server.url("/missing")]  # the stored 404; /error waits for the cron run
    assert not [f for f in findings if f.check == "site_unreachable"]


@LOCAL
def test_chinese_paths_and_malformed_addresses(site, server):
    enable(server)
    page_linking(site, server.url("/文件/通知.pdf"), "http://[::1/broken", f"//127.0.0.1:{server.port}/missing")
    found = link_findings(run_checks(today=TODAY))
    assert server.url("/文件/通知.pdf") not in found
    assert "/%E6%96%87%E4%BB%B6/%E9%80%9A%E7%9F%A5.pdf" in server.paths()
    assert "链接地址无效" in found["http://[::1/broken"][1]
    assert f"https://127.0.0.1:{server.port}/missing" in found, found
