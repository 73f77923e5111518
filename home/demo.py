"""The demo site's tree and site identity, modelled on the 武冈市 portal (the seed)."""

from wagtail.models import Page, Site

from disclosure.models import ColumnPage
from disclosure.placement import COLUMN_TREE
from home.models import HomePage, SiteIdentitySettings, SiteMapPage

SEED_IDENTITY = {
    "site_name": "武冈市人民政府",
    "site_domain": "www.wugang.gov.cn",
    "supervisor": "武冈市人民政府",
    "sponsor": "武冈市人民政府办公室",
    "organizer": "武冈市人民政府信息中心",
    "contact": "0739-4228019",
    "site_code": "4305810010",
    "icp_number": "湘ICP备13005897号",
    "police_number": "湘公网安备43058102000008号",
    "police_url": "https://beian.mps.gov.cn/#/query/webSearch?code=43058102000008",
    "hotline": "12345",
}


def get_or_create_child(parent, model, slug, **fields):
    existing = parent.get_children().filter(slug=slug).first()
    if existing is not None:
        return existing.specific
    page = model(slug=slug, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def ensure_home(hostname, port):
    root = Page.get_first_root_node()
    home = HomePage.objects.first()
    if home is None:
        home = HomePage(title="首页", slug="home-gov", show_in_menus=False)
        root.add_child(instance=home)
        home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site(is_default_site=True)
    site.hostname, site.port, site.root_page, site.site_name = hostname, port, home, "武冈市人民政府"
    site.save()
    # Wagtail's placeholder "Welcome" page is not part of our tree.
    for orphan in root.get_children().exclude(id=home.id).not_type(HomePage):
        if not Site.objects.filter(root_page=orphan).exists():
            orphan.delete()
    return home, site


def build_columns(parent, tree):
    for slug, title, column_type, children in tree:
        column = get_or_create_child(parent, ColumnPage, slug, title=title,
                                     column_type=column_type, show_in_menus=True)
        build_columns(column, children)


def build_site(stdout, hostname="127.0.0.1", port=8000):
    home, site = ensure_home(hostname, port)
    build_columns(home, COLUMN_TREE)
    get_or_create_child(home, SiteMapPage, "wzdt", title="网站地图")
    identity = SiteIdentitySettings.for_site(site)
    for field, value in SEED_IDENTITY.items():
        setattr(identity, field, value)
    identity.save()
    stdout.write("栏目树与站点标识已创建。")
    return home
