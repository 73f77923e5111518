"""Content-Security-Policy: one policy for the public site, the same plus a per-request nonce
for the admin.

Public pages are served from a shared page cache, so they can carry nothing that differs per
request: their policy allows only the site's own files ('self') and the hash of the one inline
<style> block (the 500 page, which must render without the static files). The admin is never
cached; Wagtail 8 still writes a few inline <script> blocks (date/time pickers, inline panels),
which this project's overrides of those templates mark with the request's nonce
(home/templates/wagtailadmin/, tag `admin_csp_nonce`). See docs/security.md.
"""

import contextvars

from csp.constants import NONCE
from csp.middleware import CSPMiddleware
from django.conf import settings

_current_request = contextvars.ContextVar("govsite_csp_request", default=None)


def is_admin_path(path):
    return path.startswith(tuple(getattr(settings, "GOVSITE_CSP_ADMIN_PREFIXES", ("/admin/", "/django-admin/"))))


def current_admin_nonce():
    """The nonce of the admin request being rendered, or "" outside the admin.

    Form widgets are rendered without the request in their context, hence the context variable."""
    request = _current_request.get()
    if request is None or not is_admin_path(request.path_info):
        return ""
    return str(request.csp_nonce)


class GovsiteCSPMiddleware(CSPMiddleware):
    def process_request(self, request):
        super().process_request(request)
        _current_request.set(request)

    def process_response(self, request, response):
        try:
            return super().process_response(request, response)
        finally:
            _current_request.set(None)

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and is_admin_path(request.path_info):
            update = {directive: list(values) for directive, values in settings.GOVSITE_CSP_ADMIN_UPDATE.items()}
            update.setdefault("script-src", []).append(NONCE)
            parts.update = {**(parts.update or {}), **update}
            parts.replace = {**(parts.replace or {}), **settings.GOVSITE_CSP_ADMIN_REPLACE}
        return parts


def nonce_chooser_scripts():
    """Wagtail's chooser widgets (page, document, image, snippet, task) append their start-up
    `<script>` in Python (wagtail.admin.widgets.chooser.BaseChooser.render), out of reach of a
    template override: give that one script the admin request's nonce."""
    from django.utils.safestring import mark_safe
    from wagtail.admin.widgets.chooser import BaseChooser

    if getattr(BaseChooser.render, "_govsite_nonce", False):
        return
    original = BaseChooser.render

    def render(self, name, value, attrs=None, renderer=None):
        html = str(original(self, name, value, attrs=attrs, renderer=renderer))
        nonce = current_admin_nonce()
        position = html.rfind("<script>")
        if nonce and position >= 0:
            html = f'{html[:position]}<script nonce="{nonce}">{html[position + len("<script>"):]}'
        return mark_safe(html)  # noqa: S308 - Wagtail's own output, with an attribute added

    render._govsite_nonce = True
    BaseChooser.render = render
