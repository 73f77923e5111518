"""Demo content for every disclosure kind (load_demo_site calls `load`).

Everything invented here says 示例数据 in its title and body. The 2024 enforcement
statistics are not invented: they are the seed report's own figures.
"""

import datetime
from decimal import Decimal

from django.core.files.base import ContentFile
from django.core.management import call_command, get_commands
from wagtail.documents import get_document_model
from wagtail.models import Site

from disclosure.models import (
    ArticlePage,
    ColumnPage,
    DisclosureSettings,
    EnforcementDecisionPage,
    EnforcementStatistics,
    GenreCategory,
    NewsPage,
    NormativeAttachment,
    NormativeDocumentPage,
    Organisation,
    PolicyInterpretationPage,
    PowerItem,
    PowerListPage,
    RegulationPage,
    StatisticRow,
    SubjectCategory,
    ValidityChange,
)

MARK = "（示例数据）"
NOTICE = "<p><strong>示例数据：</strong>本条信息为演示用虚构内容，不是真实的政府信息。</p>"
SEED_ORG = "武冈市城市管理和综合执法局"
DEMO_ORG_CODE = "11430581MB1234567X"  # an example organisation code for 索引号, not a real code
D = datetime.date

SUBJECTS = ["综合政务", "城乡建设、环境保护", "公安、安全、司法", "国民经济管理、国有资产监管", "卫生、体育"]
GENRES = ["通知", "公告", "意见", "办法", "规定", "决定", "报告", "解读", "其他"]

# The seed report, 2024 (home/demo_data/…rule-of-law-report.txt): real figures.
SEED_STATISTICS_2024 = {
    "power_items": [("行政许可", 11), ("行政确认", 1), ("行政奖励", 3), ("行政处罚", 86),
                    ("行政强制措施", 4), ("行政监督检查", 8), ("其他行政权力", 5)],
    "cases": [("未经许可擅自设置户外广告（简易程序）", 10), ("窨井设施未做好安全防护措施（简易程序）", 3),
              ("一般程序案件", 46)],
    "inspections": [("燃气安全专项检查", 16), ("市容渣土", 16), ("市政", 30), ("园林绿化", 11), ("排水", 2),
                    ("其他", 23)],
    "outcomes": [("作出行政处罚", 59), ("行政指导", 8), ("责令整改", 13), ("未发现问题", 18)],
}


def para(text):
    return {"type": "paragraph", "value": f"<p>{text}</p>"}


def heading(text, level="2"):
    return {"type": "heading", "value": {"level": level, "text": text}}


def column(home, path):
    return ColumnPage.objects.get(url_path=home.url_path + path.strip("/") + "/")


def ensure_page(parent, model, slug, **fields):
    """Create and publish once; a second run leaves existing pages alone (idempotent)."""
    existing = model.objects.child_of(parent).filter(slug=slug).first()
    if existing is not None:
        return existing, False
    children = fields.pop("_children", {})
    page = model(slug=slug, **fields)
    for relation, objects in children.items():
        setattr(page, relation, objects)
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page, True


def seed_statistics(organisation=None):
    stats, _ = EnforcementStatistics.objects.get_or_create(
        year=2024, organisation=organisation,
        defaults={"source_note": "摘自《武冈市城市管理和综合执法局2024年法治政府建设年度报告》"},
    )
    stats.power_items_total, stats.cases_total = 118, 59
    stats.general_cases_filed = stats.general_cases_closed = 46
    stats.fines_total, stats.inspections_total = Decimal("227900"), 98
    stats.rows = [StatisticRow(group=group, label=label, count=count, sort_order=i)
                  for group, rows in SEED_STATISTICS_2024.items() for i, (label, count) in enumerate(rows)]
    stats.save()
    return stats


def demo_pdf(title):
    """A one-page PDF so the attachment list has a real file to download."""
    Document = get_document_model()
    existing = Document.objects.filter(title=title).first()
    if existing:
        return existing
    body = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n" \
           b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
    document = Document(title=title)
    document.file.save("demo-attachment.pdf", ContentFile(body), save=False)
    document.save()
    return document


def load_taxonomies():
    for i, name in enumerate(SUBJECTS):
        SubjectCategory.objects.get_or_create(name=name, defaults={"sort_order": i})
    for i, name in enumerate(GENRES):
        GenreCategory.objects.get_or_create(name=name, defaults={"sort_order": i})
    org, _ = Organisation.objects.get_or_create(name=SEED_ORG, defaults={"short_name": "市城管局"})
    for site in Site.objects.all():
        settings = DisclosureSettings.for_site(site)
        if not settings.default_org_code:
            settings.default_org_code = DEMO_ORG_CODE
            settings.save()
    return org


def load_normative(home, org):
    meta = {"publisher": org, "subject": SubjectCategory.objects.get(name="城乡建设、环境保护"),
            "genre": GenreCategory.objects.get(name="办法")}
    col = column(home, "zwgk/zfxxgk/gfxwj")
    old, _ = ensure_page(col, NormativeDocumentPage, "demo-gfxwj-2019-2",
                         title="武冈市户外广告设置管理暂行办法" + MARK, doc_number="武城管发〔2019〕2号",
                         written_on=D(2019, 5, 6), published_on=D(2019, 5, 10), effective_on=D(2019, 6, 1),
                         expires_on=D(2024, 5, 31), registration_number="WGSG-2019-001", **meta,
                         body=[para("示例数据：第一条 为规范户外广告设置……"), {"type": "paragraph", "value": NOTICE}])
    doc, created = ensure_page(
        col, NormativeDocumentPage, "demo-gfxwj-2025-3",
        title="武冈市户外广告设置管理办法" + MARK, doc_number="武城管发[2025]3号",  # normalised on save
        written_on=D(2025, 3, 14), published_on=D(2025, 3, 18), effective_on=D(2025, 4, 18),
        expires_on=D(2030, 4, 17), registration_number="WGSG-2025-003",
        legality_review_on=D(2025, 3, 5), legality_review_result="经合法性审核，同意印发",
        filing_on=D(2025, 3, 28), filing_result="已报市司法局备案，予以登记",
        summary="规范户外广告设置审批、设置要求和监督管理的示例文件。", **meta,
        body=[heading("第一章 总则"), para("示例数据：第一条 为加强户外广告设置管理，提升城市容貌……"),
              {"type": "paragraph", "value": NOTICE},
              {"type": "signature", "value": {"organisation": SEED_ORG, "signed_on": "2025-03-14", "date_text": ""}}],
        _children={"attachments": [NormativeAttachment(document=demo_pdf("户外广告设置管理办法（示例数据）"),
                                                       title="户外广告设置管理办法（PDF，示例数据）")]},
    )
    if not old.validity_changes.exists():
        old.validity_changes = [ValidityChange(changed_on=D(2025, 4, 18), status="repealed", related_document=doc,
                                               note="被武城管发〔2025〕3号废止（示例数据）")]
        old.save_revision().publish()
    ensure_page(column(home, "zwgk/zfxxgk/zcjd"), PolicyInterpretationPage, "demo-zcjd-2025-3",
                title="图解《武冈市户外广告设置管理办法》" + MARK, form="graphic", document=doc,
                published_on=D(2025, 3, 20), publisher=org, genre=GenreCategory.objects.get(name="解读"),
                body=[heading("一、制定背景"), para("示例数据：为解决户外广告设置审批标准不一的问题……"),
                      heading("二、主要内容"), para("示例数据：明确了设置规划、审批流程和安全管理责任。"),
                      {"type": "paragraph", "value": NOTICE}])
    return doc


POWER_ITEMS = [
    ("330217001000", "城市建筑垃圾处置核准", "licensing", "《城市建筑垃圾管理规定》第七条"),
    ("330217002000", "户外广告设施设置审批", "licensing", "《城市市容和环境卫生管理条例》第十一条"),
    ("330217003000", "对擅自设置户外广告的处罚", "penalty", "《城市市容和环境卫生管理条例》第三十六条"),
    ("330217004000", "对随意倾倒建筑垃圾的处罚", "penalty", "《城市建筑垃圾管理规定》第二十条"),
    ("330217005000", "暂扣违法运输建筑垃圾的车辆", "coercion", "《中华人民共和国行政强制法》第九条"),
    ("330217006000", "对城市道路、燃气设施的监督检查", "inspection", "《城镇燃气管理条例》第五条"),
    ("330217007000", "城市管理优秀志愿者表彰", "reward", "《湖南省城市综合管理条例》"),
    ("330217008000", "市政设施损坏赔偿确认", "confirmation", "《城市道路管理条例》"),
    ("330217009000", "城市管理投诉举报处理", "other", "《湖南省城市综合管理条例》"),
]


def load_power_list(home, org):
    items = [PowerItem(code=code, name=name + "（示例数据）", category=category, basis=basis,
                       implementing_body=SEED_ORG, responsibilities="受理、审查、决定、送达、事后监管（示例数据）",
                       accountability="不依法履行职责、滥用职权的，依法追究责任（示例数据）", sort_order=i)
             for i, (code, name, category, basis) in enumerate(POWER_ITEMS)]
    ensure_page(column(home, "zwgk/zfxxgk/qzqd"), PowerListPage, "demo-qzqd", title="权责清单" + MARK,
                publisher=org, published_on=D(2025, 1, 10), summary="本局行政权力事项清单（示例数据，仅列部分事项）。",
                body=[{"type": "paragraph", "value": NOTICE}], _children={"items": items})


def load_enforcement(home, org):
    col = column(home, "zwgk/zfxxgk/xzzfgs")
    common = {"publisher": org, "basis": "《城市市容和环境卫生管理条例》第三十六条（示例数据）",
              "violation_type": "违反市容管理规定", "body": [{"type": "paragraph", "value": NOTICE}]}
    today = datetime.date.today()
    ensure_page(col, EnforcementDecisionPage, "demo-cf-2025-12",
                title="某某广告有限公司擅自设置户外广告案" + MARK, doc_number="武城管罚决字(2025)第12号",
                party_name="武冈市某某广告有限公司（示例数据）", party_type="organisation",
                credit_code="91430581MA4L00000E", legal_representative="李某某",
                facts="示例数据：当事人未经批准在城区主干道设置户外广告牌一块。", penalty_category="罚款",
                penalty_content="责令限期拆除，并处罚款人民币5000元。", fine_amount=Decimal("5000"),
                decided_on=D(2025, 9, 26), publicity_on=D(2025, 10, 10), published_on=D(2025, 10, 10),
                publicity_until=today + datetime.timedelta(days=3 * 365), **common)
    ensure_page(col, EnforcementDecisionPage, "demo-cf-2025-15",
                title="张三随意倾倒建筑垃圾案" + MARK, doc_number="武城管罚决字〔2025〕第15号",
                party_name="张三", party_type="individual", id_number="11010519491231002X", phone="13800001234",
                facts="示例数据：张三（电话13800001234）于2025年10月驾驶车辆在城郊随意倾倒建筑垃圾。",
                penalty_category="罚款", penalty_content="处罚款人民币2000元。", fine_amount=Decimal("2000"),
                decided_on=D(2025, 10, 15), publicity_on=D(2025, 10, 30), published_on=D(2025, 10, 30),
                publicity_until=today + datetime.timedelta(days=365), **common)  # 11 working days: overdue
    ensure_page(col, EnforcementDecisionPage, "demo-cf-2025-09",
                title="某某餐饮店占道经营案" + MARK, doc_number="武城管罚决字〔2025〕第9号",
                party_name="武冈市某某餐饮店（示例数据）", party_type="sole_trader", legal_representative="王小明",
                credit_code="92430581MA4L00000B", facts="示例数据：当事人占用人行道经营。", penalty_category="警告",
                penalty_content="警告。", decided_on=D(2025, 8, 1), publicity_on=D(2025, 8, 5),
                published_on=D(2025, 8, 5), status="revoked", revoked_on=D(2025, 9, 1),
                revocation_notice="经行政复议，本决定已被撤销（示例数据）。", **common)


def load_statistics(home, org):
    stats = seed_statistics(org)
    ensure_page(column(home, "zwgk/zfxxgk/xzzfgs"), ArticlePage, "xzzf-tj-2024", title="2024年度行政执法数据",
                item_kind="enforcement_publicity", publisher=org, published_on=D(2025, 1, 20),
                summary="2024年权责清单事项、行政处罚案件和行政检查统计。",
                body=[para("以下数据摘自本局2024年法治政府建设年度报告。"),
                      {"type": "statistics", "value": {"statistics": stats.pk, "heading": "2024年行政执法统计"}}])
    return stats


def load_regulation(home, org):
    ensure_page(column(home, "zwgk/zfxxgk/flfg"), RegulationPage, "demo-flfg",
                title="示例市容管理条例" + MARK, doc_number="示例令第1号", issuing_authority="示例人民代表大会常务委员会",
                published_on=D(2024, 12, 1), effective_on=D(2025, 1, 1), category="地方性法规（示例数据）",
                header="（示例数据：本条例为演示章、条结构的虚构文本）",
                body=[heading("第一章 总则"), para("第一条 为了加强市容管理，制定本条例。"),
                      para("第二条 本条例适用于本市城市规划区。<p>前款所称城市规划区，按规划确定。</p>"),
                      heading("第二章 市容管理"), para("第三条 任何单位和个人不得擅自设置户外广告。"),
                      heading("第三章 附则"), para("第四条 本条例自2025年1月1日起施行。")])


def load_news(home, org):
    ensure_page(column(home, "zwgk/gzdt"), NewsPage, "demo-gzdt-1", title="市城管局开展燃气安全专项检查" + MARK,
                publisher=org, source_name="武冈市城市管理和综合执法局", published_on=D(2025, 6, 12),
                body=[para("示例数据：6月12日，市城管局联合相关部门对城区餐饮场所开展燃气安全专项检查。"),
                      {"type": "paragraph", "value": NOTICE}])
    ensure_page(column(home, "zwgk/pfxc"), NewsPage, "demo-pfxc-1", title="《城市市容和环境卫生管理条例》普法宣传进社区" + MARK,
                publisher=org, source_name="武冈市城市管理和综合执法局", published_on=D(2025, 7, 3),
                body=[para("示例数据：执法人员走进社区，向居民讲解市容环境卫生法律知识。"),
                      {"type": "paragraph", "value": NOTICE}])


def load(stdout, options):
    from home.models import HomePage

    home = HomePage.objects.first()
    if home is None:
        stdout.write("未找到首页，跳过政务公开示例数据。")
        return
    org = load_taxonomies()
    load_normative(home, org)
    load_power_list(home, org)
    load_enforcement(home, org)
    load_statistics(home, org)
    load_regulation(home, org)
    load_news(home, org)
    stdout.write("政务公开示例数据已创建（虚构内容均标注“示例数据”）。")
    corpus = (options or {}).get("corpus")
    if corpus:
        if "import_documents" in get_commands():
            call_command("import_documents", corpus, stdout=stdout)
        else:
            stdout.write("导入命令尚不可用，跳过法律法规语料导入。")


__all__ = ["load", "seed_statistics", "SEED_STATISTICS_2024"]
