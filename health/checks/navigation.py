"""The site's navigation links, for dead_link.

The header's column menu, the home page's column cards and the 网站地图 are built from live pages
at render time (home/context_processors.py), so they can't point at an unpublished or deleted
page. What can go dead are the addresses a 站点管理员 types into the site settings and the
footer shows (站点标识: ICP and 公安备案 look-ups, 党政机关网站标识, 我为政府网站找错): every URL
field of every site-settings model is read, so a new footer link added as a setting is checked
without changing this module.
"""

from django.db import models
from wagtail.contrib.settings.models import BaseSiteSetting
from wagtail.contrib.settings.registry import registry

# Not navigation: the site's own address, which site_unreachable checks.
NOT_NAVIGATION = {("health", "healthsettings", "public_base_url")}


def navigation_links(site):
    """(place, url) for each URL set in a site setting of `site`."""
    if site is None:
        return []
    links = []
    for model in registry:
        if not issubclass(model, BaseSiteSetting):
            continue
        url_fields = [f for f in model._meta.get_fields() if isinstance(f, models.URLField)
                      and (model._meta.app_label, model._meta.model_name, f.name) not in NOT_NAVIGATION]
        if not url_fields:
            continue
        instance = model.for_site(site)
        for field in url_fields:
            value = (getattr(instance, field.name) or "").strip()
            if value:
                links.append((f"设置 → {model._meta.verbose_name} → {field.verbose_name}（页头/页脚链接）", value))
    return links
