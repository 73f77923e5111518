"""行政执法公示 records become 双公示 decisions (EnforcementDecisionPage) through the real importer,
as the kind registry (disclosure/kinds.py) says; pages of the column that are no single decision
stay general pages of the same kind."""

from disclosure.identifiers import credit_code_check_char
from disclosure.models import ArticlePage, CatalogueEntry, EnforcementDecisionPage
from tests.importers.conftest import run_import, write_jsonl

FIRST17 = "91430581MA4L00001"
CREDIT_CODE = FIRST17 + credit_code_check_char(FIRST17)
DECISION_URL = "http://www.example.gov.cn/xzzfgs/t20261020_1.html"
DECISION_BODY = "\n".join([
    "行政相对人名称：示例建材有限公司",
    f"统一社会信用代码：{CREDIT_CODE}",
    "法定代表人：李四",
    "违法事实：当事人未经批准擅自设置户外广告牌。",
    "处罚依据：《城市市容和环境卫生管理条例》第十一条",
    "处罚类别：罚款",
    "处罚内容：罚款人民币贰仟元整。",
    "罚款金额（元）：2000",
    "决定日期：2026-10-16",
])


def decision_record(**changes):
    record = {"title": "示例建材有限公司擅自设置户外广告行政处罚决定", "kind": "enforcement_publicity",
              "body": DECISION_BODY, "url": DECISION_URL, "date": "2026-10-20",
              "doc_number": "武城管罚决字[2026]第12号", "publisher": "武冈市城市管理和综合执法局"}
    record.update(changes)
    return record


def test_an_enforcement_record_becomes_a_live_decision_in_its_column(site, tmp_path):
    result = run_import(write_jsonl(tmp_path / "in.jsonl", [decision_record()]))
    assert not result.failed and "新建 1 条" in result.out, result.out + result.err

    page = EnforcementDecisionPage.objects.get(original_url=DECISION_URL)
    assert page.live and page.kind == "enforcement_publicity"
    assert page.get_parent().specific.slug == "xzzfgs"
    assert (page.party_name, page.party_type, page.credit_code) == ("示例建材有限公司", "organisation", CREDIT_CODE)
    assert page.decision_type == "penalty" and page.penalty_category == "罚款"
    assert page.decided_on.isoformat() == "2026-10-16" and page.fine_amount == 2000
    assert page.doc_number == "武城管罚决字〔2026〕第12号"
    assert CatalogueEntry.objects.get(page_id=page.pk).kind == "enforcement_publicity"
    assert not ArticlePage.objects.filter(original_url=DECISION_URL).exists()

    # Re-importing the same record changes nothing; the page keeps its type.
    again = run_import(write_jsonl(tmp_path / "again.jsonl", [decision_record()]))
    assert not again.failed and "跳过 1 条" in again.out, again.out + again.err


def test_a_page_of_the_column_that_is_no_single_decision_stays_a_general_page_of_the_kind(site, tmp_path):
    record = decision_record(title="2026年第三季度行政执法数据", url="http://www.example.gov.cn/xzzfgs/tj.html",
                             body="本季度共办理行政处罚案件12件，行政许可35件。")
    result = run_import(write_jsonl(tmp_path / "in.jsonl", [record]))
    assert not result.failed, result.out + result.err
    page = ArticlePage.objects.get(original_url=record["url"])
    assert page.kind == "enforcement_publicity" and page.get_parent().specific.slug == "xzzfgs"


def test_a_decision_imported_earlier_as_a_general_page_is_updated_in_its_type(site, tmp_path):
    first = decision_record(body="本决定正文待补充。")
    assert not run_import(write_jsonl(tmp_path / "first.jsonl", [first])).failed
    assert ArticlePage.objects.filter(original_url=DECISION_URL).exists()

    result = run_import(write_jsonl(tmp_path / "second.jsonl", [decision_record()]))
    assert not result.failed and "更新 1 条" in result.out, result.out + result.err
    page = ArticlePage.objects.get(original_url=DECISION_URL)
    assert page.item_kind == "enforcement_publicity" and "示例建材有限公司" in page.body_text()
    assert not EnforcementDecisionPage.objects.filter(original_url=DECISION_URL).exists()


def test_an_incomplete_decision_is_refused_with_the_reason(site, tmp_path):
    record = decision_record(body="当事人：示例建材有限公司\n决定日期：2026-10-16",
                             url="http://www.example.gov.cn/xzzfgs/bad.html")
    result = run_import(write_jsonl(tmp_path / "in.jsonl", [record]))
    assert "行政处罚决定必须填写此项" in result.out + result.err
    assert not EnforcementDecisionPage.objects.filter(original_url=record["url"]).exists()


def test_the_decision_reader_takes_labels_in_every_shape_and_leans_to_masking():
    from datetime import date

    from disclosure.importers.decisions import decision_values
    from disclosure.importers.records import ImportRecord

    record = ImportRecord(title="张某某食品经营许可决定", kind="enforcement_publicity", written_on=date(2026, 9, 1),
                          body_text="【当事人】：张某某\n许可内容: 准予食品经营许可\n罚款金额（元）：不适用")
    values = decision_values(record)
    assert values["party_name"] == "张某某" and values["party_type"] == "individual"
    assert values["decision_type"] == "licensing" and values["penalty_content"] == "准予食品经营许可"
    assert values["decided_on"] == date(2026, 9, 1) and "fine_amount" not in values
    assert decision_values(ImportRecord(title="执法统计", kind="enforcement_publicity", body_text="共12件")) is None
