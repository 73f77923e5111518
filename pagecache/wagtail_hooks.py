from wagtail import hooks


@hooks.register("before_serve_page", order=-100)
def keep_restricted_pages_private(page, request, serve_args, serve_kwargs):
    """A page behind a password or login (or below one) is never stored nor marked public, whatever
    its response looks like: its password form is no page to hand around."""
    if page.get_view_restrictions().exists():
        request.pagecache_private = True
