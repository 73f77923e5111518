"""Imports pass the editors' pre-publish content checks (review.checks) before anything goes live.

A record with a blocking finding (a valid 身份证号, a mobile number, a sensitive word) is written
as a draft that only the 三审 workflow can publish, and the import summary names it with the
finding (masked). A 站点管理员 may publish such records anyway (`import_documents
--publish-anyway --user NAME`); each such publication is logged under their name in the page's
history (Wagtail's audit log), as is each record held back.
"""

import re

from wagtail.log_actions import log

# Registered in review.wagtail_hooks so the admin's history views name them.
HELD_ACTION = "review.import_held"
PUBLISHED_ANYWAY_ACTION = "review.import_published_anyway"


def blocking_findings(page):
    from review.checks import blocking, run_checks

    return blocking(run_checks(page))


def finding_brief(finding):
    """A finding for the import summary and the audit log: field and masked value, without the
    surrounding excerpt (which could show part of a neighbouring number unmasked)."""
    return re.sub(r"（“.*?”）", "", str(finding))


def log_findings(page, revision, findings, published_by=None):
    """Audit-log a held-back record, or (with `published_by`) one published despite its findings."""
    if not findings:
        return
    data = {"findings": [finding_brief(f) for f in findings]}
    if published_by is not None:
        log(instance=page, action=PUBLISHED_ANYWAY_ACTION, user=published_by, revision=revision, data=data)
    else:
        log(instance=page, action=HELD_ACTION, revision=revision, data=data)


def held_by_import(page):
    """True if the page's latest revision is a draft the importer held back (not an editor's)."""
    from wagtail.models import PageLogEntry

    return page.latest_revision_id is not None and PageLogEntry.objects.filter(
        page_id=page.pk, action=HELD_ACTION, revision_id=page.latest_revision_id).exists()
