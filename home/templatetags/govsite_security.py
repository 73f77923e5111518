"""The admin's CSP nonce for Wagtail's inline scripts (home/security/csp.py)."""

from django import template

from home.security.csp import current_admin_nonce

register = template.Library()


@register.simple_tag
def admin_csp_nonce():
    return current_admin_nonce()
