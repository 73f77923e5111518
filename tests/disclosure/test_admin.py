"""Every disclosure page type can be created (and published) through the Wagtail admin."""

from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from disclosure.models import (
    ArticlePage,
    ColumnPage,
    EnforcementDecisionPage,
    NewsPage,
    NormativeDocumentPage,
    Organisation,
    PolicyInterpretationPage,
    PowerListPage,
    RegulationPage,
    ReportPage,
)

from .conftest import add_page, build_tree, d


def body(text="正文内容"):
    return streamfield([("paragraph", rich_text(f"<p>{text}</p>"))])


class AdminCreateTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        build_tree()
        cls.org, _ = Organisation.objects.get_or_create(name="武冈市城市管理和综合执法局")
        cls.org.code = "11430581MB1234567X"
        cls.org.save()
        cls.user = get_user_model().objects.create_superuser("admin", "a@example.com", "pw")

    def setUp(self):
        self.client.force_login(self.user)

    def col(self, slug):
        return ColumnPage.objects.get(slug=slug)

    def base(self, title, **extra):
        data = {"title": title, "slug": extra.pop("slug", None) or f"p{abs(hash(title)) % 10**8}",
                "publisher": self.org.pk, "published_on": "2025-10-09", "body": body()}
        data.update(extra)
        return nested_form_data(data)

    def created(self, model, title):
        page = model.objects.get(title=title)
        self.assertTrue(page.live)
        self.assertTrue(page.index_number.startswith("11430581MB1234567X/2025-"))
        response = self.client.get(page.url)
        self.assertEqual(response.status_code, 200)
        return page, response

    def test_article_news_report_regulation(self):
        self.assertCanCreate(self.col("fdzdgknr"), ArticlePage, self.base("信息公开一", item_kind="other"))
        self.created(ArticlePage, "信息公开一")
        self.assertCanCreate(self.col("gzdt"), NewsPage, self.base("新闻一", source_name="市城管局"))
        self.created(NewsPage, "新闻一")
        self.assertCanCreate(self.col("yfxz"), ReportPage, self.base("报告一", report_type="rule_of_law_report",
                                                                       report_year="2025"))
        self.created(ReportPage, "报告一")
        self.assertCanCreate(self.col("flfg"), RegulationPage, self.base(
            "条例一", body=streamfield([("heading", {"level": "2", "text": "第一章 总则", "visually_hidden": ""}),
                                       ("paragraph", rich_text("<p>第一条 为了测试，制定本条例。</p>"))])))
        page, response = self.created(RegulationPage, "条例一")
        self.assertContains(response, 'id="t1"')

    def test_normative_document_normalises_doc_number_and_tells_editor(self):
        data = self.base("规范性文件一", doc_number="武城管发【2025】7号", registration_number="WG-1",
                         effective_on="2025-11-01", expires_on="2030-10-31",
                         legality_review_on="2025-10-01", legality_review_result="通过",
                         attachments=inline_formset([]), validity_changes=inline_formset([]))
        response = self.client.post(reverse("wagtailadmin_pages:add", args=["disclosure", "normativedocumentpage",
                                                                            self.col("gfxwj").pk]),
                                    {**data, "action-publish": "action-publish"}, follow=True)
        self.assertEqual(response.status_code, 200)
        page, rendered = self.created(NormativeDocumentPage, "规范性文件一")
        self.assertEqual(page.doc_number, "武城管发〔2025〕7号")
        messages = [str(m) for m in response.context["messages"]]
        self.assertTrue(any("文号已按 GB/T 9704" in m and "武城管发【2025】7号" in m for m in messages), messages)
        self.assertContains(rendered, "武城管发〔2025〕7号")

    def test_interpretation_requires_document_on_publish_but_not_for_draft(self):
        url = reverse("wagtailadmin_pages:add", args=["disclosure", "policyinterpretationpage", self.col("zcjd").pk])
        data = self.base("解读一", form="text")
        response = self.client.post(url, {**data, "action-publish": "action-publish"})
        self.assertEqual(response.status_code, 200)
        self.assertIn("必须关联所解读的规范性文件", str(response.context["form"].errors))
        self.assertFalse(PolicyInterpretationPage.objects.filter(title="解读一").exists())
        # A draft may be saved without the link.
        response = self.client.post(url, data)
        self.assertEqual(PolicyInterpretationPage.objects.get(title="解读一").live, False)

        document = add_page(self.col("gfxwj"), NormativeDocumentPage(
            title="被解读文件", slug="bjd", publisher=self.org, published_on=d("2025-09-26")))
        self.assertCanCreate(self.col("zcjd"), PolicyInterpretationPage,
                             self.base("解读二", form="qa", document=document.pk))
        self.created(PolicyInterpretationPage, "解读二")

    def test_late_interpretation_warns_editor(self):
        document = add_page(self.col("gfxwj"), NormativeDocumentPage(
            title="文件乙", slug="wjy", publisher=self.org, published_on=d("2025-09-26")))
        url = reverse("wagtailadmin_pages:add", args=["disclosure", "policyinterpretationpage", self.col("zcjd").pk])
        # From Fri 26 Sep 2025: Sun 28 Sep is a make-up workday, so Tue 30 Sep is the 3rd working day;
        # 1–8 Oct is the National Day holiday, so Thu 9 Oct is the 4th.
        data = self.base("解读准时", form="text", document=document.pk, published_on="2025-09-30")
        response = self.client.post(url, {**data, "action-publish": "action-publish"}, follow=True)
        self.assertTrue(PolicyInterpretationPage.objects.get(title="解读准时").live)
        self.assertFalse(any("提醒" in str(m) for m in response.context["messages"]))
        data = self.base("解读迟了", form="text", document=document.pk, published_on="2025-10-09")
        response = self.client.post(url, {**data, "action-publish": "action-publish"}, follow=True)
        warnings = [str(m) for m in response.context["messages"] if "提醒" in str(m)]
        self.assertEqual(len(warnings), 1)
        self.assertIn("晚4个工作日", warnings[0])

    def test_power_list_and_enforcement_decision(self):
        data = self.base("权责清单一", items=inline_formset([
            {"code": "A1", "name": "户外广告设置审批", "category": "licensing", "basis": "", "implementing_body": "",
             "responsibilities": "", "accountability": "", "note": ""},
        ]))
        self.assertCanCreate(self.col("qzqd"), PowerListPage, data)
        page, response = self.created(PowerListPage, "权责清单一")
        self.assertContains(response, "共1项，其中行政许可1项。")

        data = self.base("李四违规案", doc_number="武城管罚决字(2025)第3号", decision_type="penalty",
                         party_name="李四", party_type="individual", id_number="11010519491231002X",
                         phone="13912345678", facts="李四在人行道堆放杂物", basis="条例第十条",
                         penalty_category="罚款", penalty_content="罚款200元", fine_amount="200",
                         decided_on="2025-09-26", publicity_on="2025-10-10", status="active")
        self.assertCanCreate(self.col("xzzfgs"), EnforcementDecisionPage, data)
        page, response = self.created(EnforcementDecisionPage, "李*违规案")
        self.assertEqual(page.doc_number, "武城管罚决字〔2025〕第3号")
        html = response.content.decode()
        self.assertNotIn("李四", html)
        self.assertNotIn("11010519491231002X", html)
        self.assertNotIn("13912345678", html)
        self.assertIn("李*", html)

    def test_overdue_decision_warns_on_publish_and_shows_in_report(self):
        url = reverse("wagtailadmin_pages:add", args=["disclosure", "enforcementdecisionpage", self.col("xzzfgs").pk])
        data = self.base("某公司超期案", doc_number="罚〔2025〕9号", decision_type="penalty",
                         party_name="某公司", party_type="organisation",
                         credit_code="91430581MA4L00000E", facts="事实", basis="依据", penalty_category="警告",
                         penalty_content="警告", decided_on="2025-09-26", publicity_on="2025-10-14",
                         published_on="2025-10-14", status="active")
        response = self.client.post(url, {**data, "action-publish": "action-publish"}, follow=True)
        self.assertTrue(EnforcementDecisionPage.objects.get(title="某公司超期案").live)
        # 26 Sep → 14 Oct 2025 is 8 working days (28 Sep and 11 Oct are make-up workdays).
        self.assertTrue(any("第8个工作日" in str(m) for m in response.context["messages"]))
        report = self.client.get(reverse("disclosure_admin:enforcement_deadlines") + "?overdue=1")
        self.assertContains(report, "某公司超期案")
        self.assertContains(report, "超期")

    def test_backdating_in_admin_is_refused_with_chinese_error(self):
        page = add_page(self.col("gzdt"), NewsPage(title="已发布新闻", slug="yfb", publisher=self.org,
                                                   published_on=d("2025-10-09")))
        url = reverse("wagtailadmin_pages:edit", args=[page.pk])
        data = self.base("已发布新闻", slug="yfb", published_on="2025-10-01")
        response = self.client.post(url, {**data, "action-publish": "action-publish"})
        self.assertEqual(response.status_code, 200)
        errors = response.context["form"].errors
        self.assertIn("published_on", errors)
        self.assertIn("不能提前", errors["published_on"][0])
        page.refresh_from_db()
        self.assertEqual(page.published_on, d("2025-10-09"))
        # Saving a draft with the earlier date is refused as well.
        response = self.client.post(url, data)
        self.assertIn("published_on", response.context["form"].errors)

    def test_admin_edit_forms_snippets_and_settings_render(self):
        import io

        from wagtail.models import Page

        from disclosure.demo import load

        load(io.StringIO(), {})

        for model in (ArticlePage, NewsPage, NormativeDocumentPage, PolicyInterpretationPage, PowerListPage,
                      EnforcementDecisionPage, RegulationPage):
            page = model.objects.first()
            response = self.client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
            self.assertEqual(response.status_code, 200, model.__name__)
            self.assertContains(response, page.index_number)
        self.assertTrue(Page.objects.filter(title__contains="示例数据").exists())
        for url in ("/admin/snippets/disclosure/enforcementstatistics/", "/admin/snippets/disclosure/organisation/",
                    "/admin/snippets/disclosure/subjectcategory/", "/admin/snippets/disclosure/genrecategory/",
                    "/admin/settings/disclosure/disclosuresettings/", "/admin/disclosure/enforcement-deadlines/"):
            self.assertEqual(self.client.get(url, follow=True).status_code, 200, url)
