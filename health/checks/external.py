"""External links (part of dead_link) and site_unreachable. Both run only when a 站点管理员 has
enabled them (HealthSettings.external_links_enabled): they make the server send requests out.

Each external URL is requested at most once a day: its result is kept in ExternalLinkStatus and
reused by every run and every page linking to it. Requests go through health.fetch.Fetcher
(SSRF guard, per-host rate, total cap per run, timeout, HEAD then GET, bounded redirects).
"""

import datetime
import hashlib
import logging
from urllib.parse import urlsplit

from django.conf import settings as django_settings
from django.utils import timezone

from health import fetch

from . import BLOCKING, WARNING, Finding

logger = logging.getLogger(__name__)
RECHECK_AFTER = datetime.timedelta(days=1)
KEEP_UNUSED = datetime.timedelta(days=30)
SEVERITY = {fetch.BROKEN: BLOCKING, fetch.FAILING: WARNING, fetch.REFUSED: WARNING}


def own_hosts(site, settings):
    """Host names that are this site: its Site records, the public address, the 站点域名."""
    from wagtail.models import Site

    from home.models import SiteIdentitySettings

    hosts = set(Site.objects.values_list("hostname", flat=True))
    if settings.public_base_url:
        hosts.add(urlsplit(settings.public_base_url).hostname or "")
    if site is not None:
        domain = (SiteIdentitySettings.for_site(site).site_domain or "").strip()
        hosts.add(urlsplit(domain if "//" in domain else f"//{domain}").hostname or "")
    return {h.lower() for h in hosts if h}


def make_fetcher(settings, hosts, network=True):
    """The run's client; without `network` its cap is 0, so only stored results are used."""
    allowed = set(hosts) | set(getattr(django_settings, "HEALTH_LINK_CHECK_ALLOWED_HOSTS", []))
    return fetch.Fetcher(timeout=settings.external_timeout_seconds,
                         per_host_per_second=settings.external_requests_per_second,
                         max_requests=settings.external_max_requests if network else 0, allowed_hosts=allowed)


def _hash(url):
    return hashlib.sha256(url.encode("utf-8")).hexdigest()


class ExternalLinks:
    """Collects (url → where it is linked) during the page scan, then checks each URL once."""

    def __init__(self, fetcher, network=True):
        self.fetcher = fetcher
        self.network = network  # False: stored results only, not even a DNS look-up
        self.sources = {}

    def add(self, url, source):
        self.sources.setdefault(url, []).append(source)

    def _results(self, now):
        """url → (outcome, reason) for every collected URL that has a result (cached or new)."""
        from health.models import ExternalLinkStatus

        results, cached = {}, {}
        hashes = {_hash(url): url for url in self.sources}
        for start in range(0, len(hashes), 500):
            chunk = list(hashes)[start:start + 500]
            for row in ExternalLinkStatus.objects.filter(url_hash__in=chunk, checked_at__gt=now - RECHECK_AFTER):
                cached[hashes[row.url_hash]] = (row.outcome, row.reason)
        skipped = 0
        for url in self.sources:
            if url in cached:
                results[url] = cached[url]
                continue
            if not self.network:
                continue
            try:
                result = self.fetcher.check(url)
            except fetch.RequestCapReached:
                skipped += 1
                continue
            if result.outcome != fetch.REFUSED:  # refusals cost no request; a changed allow-list applies at once
                ExternalLinkStatus.objects.update_or_create(
                    url_hash=_hash(url),
                    defaults={"url": url, "checked_at": timezone.now(), "outcome": result.outcome,
                              "status_code": result.status_code, "reason": result.reason[:300]})
            results[url] = (result.outcome, result.reason)
        if self.network:  # results of links no page uses any more
            ExternalLinkStatus.objects.filter(checked_at__lt=now - KEEP_UNUSED).delete()
        if skipped:
            logger.info("site_health: request cap reached, %d external links left for the next run", skipped)
        return results

    def findings(self, now=None):
        findings = []
        for url, (outcome, reason) in self._results(now or timezone.now()).items():
            if outcome == fetch.OK:
                continue
            for title, page_url, path, place in self.sources[url]:
                findings.append(Finding("dead_link", SEVERITY[outcome], page_url, title,
                                        f"外部链接“{url}”{reason}，位置：{place}。", None, path))
        return findings


def public_home_url(site, settings):
    if settings.public_base_url:
        return settings.public_base_url
    return site.root_url + "/" if site is not None else None


def check_reachable(site, settings, fetcher):
    """site_unreachable: the site's own home page, requested from outside the application (through
    DNS, the web server or proxy, TLS) as a visitor would. Not cached: it is the point of a run."""
    url = public_home_url(site, settings)
    if not url:
        return []
    result = fetcher.check(url, method="GET", capped=False)  # one request a run, not a link's share
    if result.outcome == fetch.OK:
        return []
    return [Finding("site_unreachable", BLOCKING, "/", "网站首页",
                    f"无法访问网站首页 {url}：{result.reason}。", timezone.localdate(), None)]
