import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from disclosure.credit_export import CREDIT_CHINA_PENALTY_COLUMNS
from disclosure.management.commands.expire_documents import expire
from disclosure.models import CatalogueEntry, EnforcementDecisionPage
from disclosure.personal_data import mask_name, scrub_personal_numbers

from .conftest import add_page, d


@pytest.mark.parametrize("name, masked", [
    ("张三", "张*"), ("王小明", "王*明"), ("欧阳娜娜", "欧**娜"), ("李", "*"), ("", ""),
])
def test_mask_name(name, masked):
    assert mask_name(name) == masked


def test_scrub_personal_numbers():
    text = "身份证430581199001011234，手机13800001234，另一证号43058119900101123X，金额20000元，文号2025001"
    scrubbed = scrub_personal_numbers(text)
    assert "430581199001011234" not in scrubbed and "13800001234" not in scrubbed
    assert "43058119900101123X" not in scrubbed
    assert "430581********1234" in scrubbed and "138****1234" in scrubbed
    assert "430581********123X" in scrubbed
    assert scrub_personal_numbers("旧证430581900101123") == "旧证430581******123"
    assert "20000元" in scrubbed and "2025001" in scrubbed


def decision(column, org, slug, **fields):
    values = dict(title="违法案", doc_number="罚字〔2025〕1号", party_name="某公司", party_type="organisation",
                  credit_code="91430581MA4L000000", facts="事实", basis="依据", penalty_category="罚款",
                  penalty_content="罚款1000元", fine_amount=Decimal("1000"), decided_on=d("2025-09-26"),
                  publicity_on=d("2025-10-10"), published_on=d("2025-10-10"), publisher=org)
    values.update(fields)
    return add_page(column, EnforcementDecisionPage(slug=slug, **values))


@pytest.mark.django_db
def test_natural_person_is_masked_everywhere_public(tree, org):
    column = tree.column("xzzfgs")
    page = decision(column, org, "p1", title="欧阳娜娜占道经营案", party_name="欧阳娜娜", party_type="individual",
                    id_number="430581199001011234", phone="13800001234", credit_code="",
                    facts="欧阳娜娜（身份证430581199001011234，电话13800001234）占道经营",
                    summary="欧阳娜娜占道经营，已处罚")
    assert page.title == "欧**娜占道经营案"
    client = Client()
    pages = [client.get(page.url), client.get(column.url), client.get(tree.column("xxgkml").url),
             client.get(f"/feeds/column/{column.pk}/atom.xml")]
    for response in pages:
        html = response.content.decode()
        assert response.status_code == 200
        assert "欧阳娜娜" not in html
        assert "430581199001011234" not in html
        assert "13800001234" not in html
    assert "欧**娜" in pages[0].content.decode()
    assert "欧**娜" in CatalogueEntry.objects.get(page=page).summary


@pytest.mark.django_db
def test_organisation_name_is_shown(tree, org):
    page = decision(tree.column("xzzfgs"), org, "p2", party_name="武冈市某某建材有限公司")
    html = Client().get(page.url).content.decode()
    assert "武冈市某某建材有限公司" in html and "91430581MA4L000000" in html


@pytest.mark.django_db
def test_validation_in_chinese(tree, org):
    page = EnforcementDecisionPage(title="x", slug="x", party_name="某公司", party_type="organisation",
                                   decision_type="penalty", credit_code="123")
    tree.column("xzzfgs").add_child(instance=EnforcementDecisionPage(
        title="草稿", slug="draft", party_name="a", live=False))
    with pytest.raises(ValidationError) as error:
        page.clean()
    messages = error.value.message_dict
    assert "统一社会信用代码应为18位" in messages["credit_code"][0]
    assert messages["decided_on"] == ["请填写决定日期。"]
    assert "必须填写" in messages["facts"][0]


@pytest.mark.django_db
def test_period_end_removes_decision_from_public_site(tree, org):
    column = tree.column("xzzfgs")
    today = timezone.localdate()
    page = decision(column, org, "old", title="到期案", publicity_until=today - datetime.timedelta(days=365))
    keep = decision(column, org, "new", title="公示中案", publicity_until=today + datetime.timedelta(days=365))
    client = Client()
    assert client.get(page.url).status_code == 404  # even before the daily job
    listing = client.get(column.url).content.decode()
    assert "到期案" not in listing and "公示中案" in listing
    assert "到期案" not in client.get(tree.column("xxgkml").url).content.decode()
    _, withdrawn = expire(today)
    assert [p.pk for p in withdrawn] == [page.pk]
    page.refresh_from_db()
    assert not page.live and page.status == "expired"
    keep.refresh_from_db()
    assert keep.live and keep.status == "active"


@pytest.mark.django_db
def test_revoked_decision_is_withdrawn_with_notice(tree, org):
    page = decision(tree.column("xzzfgs"), org, "rv", title="撤销案", status="revoked", revoked_on=d("2025-11-01"),
                    revocation_notice="经行政复议决定撤销。", facts="不应再公开的违法事实")
    response = Client().get(page.url)
    # A notice, not an error: listings and QR codes still lead here, and link checkers want 200.
    assert response.status_code == 200
    html = response.content.decode()
    assert "已撤销" in html and "经行政复议决定撤销。" in html and "2025年11月1日" in html
    assert '<meta name="robots" content="noindex">' in html
    assert "不应再公开的违法事实" not in html
    # Its content leaves the sitemap, the home page and search.
    assert page.url not in Client().get("/sitemap.xml").content.decode()
    assert page.url not in Client().get("/").content.decode()
    assert page.is_withdrawn_from_public()
    from search.indexing import is_searchable, searchable_pages
    assert not is_searchable(page)
    assert page.pk not in {p.pk for p in searchable_pages()}


@pytest.mark.django_db
def test_credit_china_csv_columns_and_staff_only(tree, org):
    decision(tree.column("xzzfgs"), org, "c1", title="甲公司案", fine_amount=Decimal("227900"))
    decision(tree.column("xzzfgs"), org, "c2", title="张三案", party_name="张三", party_type="individual",
             credit_code="", id_number="430581199001011234")
    client = Client()
    url = "/admin/disclosure/credit-china-export.csv"
    assert client.get(url).status_code in (302, 403)
    client.force_login(get_user_model().objects.create_superuser("a", "a@example.com", "pw"))
    response = client.get(url)
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == CREDIT_CHINA_PENALTY_COLUMNS
    assert rows[0][:3] == ["行政相对人名称", "行政相对人类别", "行政相对人代码_1(统一社会信用代码)"]
    assert rows[0][-7:] == ["处罚有效期", "公示截止期", "处罚机关", "处罚机关统一社会信用代码", "数据来源单位",
                            "数据来源单位统一社会信用代码", "备注"]
    by_name = {row[0]: dict(zip(rows[0], row)) for row in rows[1:]}
    company = by_name["某公司"]
    assert company["罚款金额（万元）"] == "22.79"
    assert company["行政处罚决定书文号"] == "罚字〔2025〕1号"
    assert company["处罚决定日期"] == "2025-09-26"
    assert company["处罚机关统一社会信用代码"] == "11430581MB1234567X"
    person = by_name["张三"]  # the platform gets the full name and ID; the public site never does
    assert person["行政相对人类别"] == "自然人" and person["证件号码"] == "430581199001011234"


@pytest.mark.django_db
def test_overdue_flag_in_admin_title_and_revoked_tag_in_listing(tree, org):
    column = tree.column("xzzfgs")
    on_time = decision(column, org, "t1", title="按时案", decided_on=d("2025-09-26"), publicity_on=d("2025-10-13"))
    late = decision(column, org, "t2", title="超期案", decided_on=d("2025-09-26"), publicity_on=d("2025-10-14"))
    assert on_time.get_admin_display_title() == "按时案"
    assert late.get_admin_display_title() == "超期案【超期公示】"
    assert late.title == "超期案"  # the public title is untouched
    decision(column, org, "t3", title="撤销案", status="revoked", revocation_notice="已撤销。")
    html = Client().get(column.url).content.decode()
    assert "撤销案" in html and "已撤销" in html and "超期公示" not in html


@pytest.mark.django_db
def test_licensing_decision_uses_licensing_labels(tree, org):
    page = decision(tree.column("xzzfgs"), org, "lic", title="户外广告设置许可", decision_type="licensing",
                    facts="", penalty_category="普通", penalty_content="准予设置户外广告牌一块", fine_amount=None)
    html = Client().get(page.url).content.decode()
    assert "许可内容" in html and "准予设置户外广告牌一块" in html and "许可机关" in html
    assert "处罚内容" not in html and "违法事实" not in html


@pytest.mark.django_db
def test_body_and_search_text_are_masked(tree, org):
    page = decision(tree.column("xzzfgs"), org, "b1", title="王五案", party_name="王五", party_type="individual",
                    credit_code="", body=[{"type": "paragraph",
                                           "value": "<p>经查，王五（手机13800001234）多次违规。</p>"}])
    html = Client().get(page.url).content.decode()
    assert "经查，王*（手机138****1234）多次违规。" in html
    assert "王五" not in html
    text = page.body_text()
    assert "王*" in text and "王五" not in text and "13800001234" not in text
    assert "行政相对人名称：王*" in text
