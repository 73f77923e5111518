"""Hand-counted data for the 2025 report of 市城管局 (org_a / dept_a)."""

import datetime
import zoneinfo

import pytest

from applications import actions
from applications.models import Appeal
from disclosure.models import ColumnPage, EnforcementDecisionPage, NormativeDocumentPage
from disclosure.models.normative import ValidityChange
from tests.applications.conftest import ORGANISATION, PERSON, agencies  # noqa: F401 (fixture)

D = datetime.date
SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")


def publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def normative(column, publisher, title, written_on, ended=None, live=True):
    page = NormativeDocumentPage(title=title, publisher=publisher, written_on=written_on)
    if ended:
        status, on = ended
        page.validity_changes.add(ValidityChange(changed_on=on, status=status, note="测试"))
    if not live:
        column.add_child(instance=page)
        page.save_revision()
        return page
    return publish(column, page)


def decision(column, publisher, title, decision_type, decided_on, **extra):
    fields = dict(party_name="张三", party_type="individual", facts="事实", basis="依据", penalty_category="警告",
                  penalty_content="警告")
    fields.update(extra)
    return publish(column, EnforcementDecisionPage(title=title, publisher=publisher, decision_type=decision_type,
                                                   decided_on=decided_on, published_on=decided_on, **fields))


def case(department, applicant, received_on, outcome=None):
    submitted_at = datetime.datetime.combine(received_on, datetime.time(9), tzinfo=SHANGHAI)
    application, _ = actions.register(dict(applicant, agency=department), "in_person", received_on,
                                      submitted_at=submitted_at)
    if outcome:
        on, answer_type, reason = outcome
        actions.decide(application, on, answer_type, reason, "答复内容")
    return application


@pytest.fixture
def data(agencies):  # noqa: F811
    org_a, org_b, dept_a = agencies["org_a"], agencies["org_b"], agencies["dept_a"]
    zfxxgk = agencies["zwgk"].get_children().get(slug="zfxxgk").specific
    gfxwj = publish(zfxxgk, ColumnPage(title="规范性文件", slug="gfxwj", column_type="list"))
    xzzfgs = publish(zfxxgk, ColumnPage(title="行政执法公示", slug="xzzfgs", column_type="list"))
    agencies["xxgknb"] = publish(zfxxgk, ColumnPage(title="信息公开年报", slug="xxgknb", column_type="annual_report"))

    # 2025: issued 2 (March, December), repealed 1 (June), in force on 31 Dec 3.
    normative(gfxwj, org_a, "2024年文件，2025年6月废止", D(2024, 5, 1), ended=("repealed", D(2025, 6, 30)))
    normative(gfxwj, org_a, "2025年12月成文", D(2025, 12, 28))
    normative(gfxwj, org_a, "2023年文件，有效", D(2023, 1, 10))
    normative(gfxwj, org_a, "2025年3月成文，2026年废止", D(2025, 3, 1), ended=("repealed", D(2026, 2, 1)))
    normative(gfxwj, org_a, "从未发布的草稿", D(2025, 7, 1), live=False)
    normative(gfxwj, org_b, "其他机关的文件", D(2025, 4, 1))

    # 2025: 行政许可 1 (31 Dec), 行政处罚 2 (one revoked later).
    decision(xzzfgs, org_a, "许可一", "licensing", D(2025, 12, 31))
    decision(xzzfgs, org_a, "许可二（2024年）", "licensing", D(2024, 12, 31))
    decision(xzzfgs, org_a, "处罚一", "penalty", D(2025, 6, 2))
    decision(xzzfgs, org_a, "处罚二（已撤销）", "penalty", D(2025, 7, 1), status="revoked",
             revocation_notice="依法撤销", revoked_on=D(2025, 9, 1))
    decision(xzzfgs, org_b, "其他机关的处罚", "penalty", D(2025, 7, 1))

    # Applications: one carried in from 2024, one answered in 2025, one carried out to 2026.
    case(dept_a, PERSON, D(2024, 12, 20), outcome=(D(2025, 1, 10), "disclosed", ""))
    case(dept_a, ORGANISATION, D(2025, 3, 3), outcome=(D(2025, 3, 20), "not_disclosed", "process_information"))
    case(dept_a, PERSON, D(2025, 12, 29))

    # 2025 table 4: 复议 1 upheld + 1 pending on 31 Dec; 直接起诉 1 other; a 2024 lawsuit not counted.
    Appeal.objects.create(agency=dept_a, kind="review", filed_on=D(2025, 3, 1), result="upheld",
                          concluded_on=D(2025, 8, 1))
    Appeal.objects.create(agency=dept_a, kind="review", filed_on=D(2025, 11, 1), result="corrected",
                          concluded_on=D(2026, 1, 10))
    Appeal.objects.create(agency=dept_a, kind="lawsuit_direct", filed_on=D(2025, 4, 1), result="other",
                          concluded_on=D(2025, 10, 10))
    Appeal.objects.create(agency=dept_a, kind="lawsuit_after_review", filed_on=D(2024, 4, 1), result="upheld",
                          concluded_on=D(2025, 2, 1))
    return agencies
