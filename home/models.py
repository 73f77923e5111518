from functools import cache

from django.db import models
from django.http import Http404
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Page, get_page_models
from wagtail.url_routing import RouteResult

from disclosure.slugs import TITLE_PANEL, ShortSlugMixin, ShortSlugPageForm


@cache
def default_routing_everywhere():
    """True when no page type below the home page customises `route` (RoutablePageMixin etc.)."""
    return all(model.route is Page.route for model in get_page_models() if model is not HomePage)


class HomePage(ShortSlugMixin, Page):
    """首页: the site root. Shows the main columns and the newest items."""

    page_description = "网站首页：展示主要栏目和最新信息，全站只有一个"

    intro = RichTextField("导语", blank=True)

    content_panels = [TITLE_PANEL] + Page.content_panels[1:] + [FieldPanel("intro")]
    base_form_class = ShortSlugPageForm

    subpage_types = ["disclosure.ColumnPage", "home.SiteMapPage"]

    class Meta:
        verbose_name = "首页"

    def route(self, request, path_components):
        """Find the page for a URL in one indexed query instead of one per path segment.

        Equivalent to Wagtail's default walk down the tree (url_path is the chain of slugs),
        so it is only taken while no page type overrides `route`; otherwise Wagtail walks.
        """
        if not path_components or not default_routing_everywhere():
            return super().route(request, path_components)
        url_path = self.url_path + "/".join(path_components) + "/"
        page = (Page.objects.filter(slug=path_components[-1], url_path=url_path,
                                    path__startswith=self.path, depth=self.depth + len(path_components))
                .only("id", "content_type_id").first())
        if page is None:
            raise Http404
        page = page.specific
        if not page.live:
            raise Http404
        return RouteResult(page)


class SiteMapPage(ShortSlugMixin, Page):
    """网站地图: the column tree of the site."""

    page_description = "网站地图：自动列出全站栏目结构"

    content_panels = [TITLE_PANEL] + Page.content_panels[1:]
    base_form_class = ShortSlugPageForm
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = "网站地图"


@register_setting(icon="site")
class SiteIdentitySettings(BaseSiteSetting):
    """The identity every government site must show in its footer (site-identity rules)."""

    site_name = models.CharField("站点名称", max_length=100, blank=True)
    site_domain = models.CharField("站点域名", max_length=200, blank=True, help_text="如 www.wugang.gov.cn")
    supervisor = models.CharField("主管单位", max_length=100, blank=True)
    sponsor = models.CharField("主办单位", max_length=100, blank=True)
    organizer = models.CharField("承办单位", max_length=100, blank=True)
    contact = models.CharField("联系方式", max_length=100, blank=True)
    address = models.CharField("地址", max_length=200, blank=True)
    site_code = models.CharField("网站标识码", max_length=20, blank=True)
    icp_number = models.CharField("ICP备案号", max_length=50, blank=True)
    icp_url = models.URLField("ICP备案查询链接", blank=True, default="https://beian.miit.gov.cn/")
    police_number = models.CharField("公安备案号", max_length=60, blank=True)
    police_url = models.URLField("公安备案查询链接", blank=True, default="https://beian.mps.gov.cn/")
    party_gov_badge_url = models.URLField(
        "党政机关网站标识链接", blank=True, help_text="党政机关网站标识（红色标识）的核验链接"
    )
    hotline = models.CharField("政务服务热线", max_length=20, blank=True, default="12345")
    error_report_url = models.URLField(
        "我为政府网站找错链接",
        blank=True,
        default="https://zfwzzc.www.gov.cn/",
    )

    panels = [
        MultiFieldPanel([FieldPanel("site_name"), FieldPanel("site_domain")], heading="站点"),
        MultiFieldPanel(
            [FieldPanel("supervisor"), FieldPanel("sponsor"), FieldPanel("organizer"),
             FieldPanel("contact"), FieldPanel("address")],
            heading="主管、主办与承办",
        ),
        MultiFieldPanel(
            [FieldPanel("site_code"), FieldPanel("icp_number"), FieldPanel("icp_url"),
             FieldPanel("police_number"), FieldPanel("police_url"), FieldPanel("party_gov_badge_url")],
            heading="备案与标识",
        ),
        MultiFieldPanel([FieldPanel("hotline"), FieldPanel("error_report_url")], heading="服务"),
    ]

    class Meta:
        verbose_name = "站点标识"
