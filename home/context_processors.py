from wagtail.models import Site


def site_chrome(request):
    """Main navigation columns: the live, in-menu children of the site root."""
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        return {"site_root": None, "main_columns": []}
    root = site.root_page
    return {"site_root": root, "main_columns": root.get_children().live().in_menu()}
