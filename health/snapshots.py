"""The last full check, stored (HealthSnapshot), so that the admin reads findings instead of
recomputing them on every page view. `site_health` stores each run; `current_findings` reuses a
run younger than HEALTH_SNAPSHOT_MAX_AGE_MINUTES (default 60) and otherwise runs the checks
without making requests to other sites (site_unreachable needs the cron run)."""

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from health.checks import Finding, run_checks
from health.models import HealthSnapshot


def _serialise(finding):
    return {**finding.as_json(), "path": finding.path}


def _restore(row):
    since = datetime.date.fromisoformat(row["since"]) if row.get("since") else None
    return Finding(check=row["check"], severity=row["severity"], url=row.get("url"), title=row.get("title"),
                   message=row["message"], since=since, path=row.get("path"))


@transaction.atomic
def store(findings, taken_at=None):
    """Keep `findings` as the latest snapshot (older ones are dropped: only the last is read)."""
    snapshot = HealthSnapshot.objects.create(taken_at=taken_at or timezone.now(),
                                             findings=[_serialise(f) for f in findings])
    HealthSnapshot.objects.exclude(pk=snapshot.pk).delete()
    return snapshot


def current_findings():
    """(findings, taken_at) from the latest snapshot if it is recent enough, else from a new run."""
    max_age = datetime.timedelta(minutes=getattr(settings, "HEALTH_SNAPSHOT_MAX_AGE_MINUTES", 60))
    snapshot = HealthSnapshot.objects.filter(taken_at__gte=timezone.now() - max_age).order_by("-taken_at").first()
    if snapshot is None:
        # An admin page is waiting: no requests to other sites, external links from their stored results.
        snapshot = store(run_checks(network=False))
    return [_restore(row) for row in snapshot.findings], snapshot.taken_at
