from django.http import HttpResponse, HttpResponseRedirect, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_safe

from home.context_processors import ELDER_MODE_COOKIE

ELDER_MODE_MAX_AGE = 365 * 24 * 3600


def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /django-admin/",
        f"Disallow: {reverse('elder_mode')}",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_safe
def elder_mode(request):
    """长者模式 on (?on=1) or off (?on=0), remembered by a cookie, then back to `next`.

    A plain link works without JavaScript. `next` must stay on this site: anything else
    (another host, a scheme-relative or javascript: URL) falls back to the home page.
    """
    target = request.GET.get("next") or "/"
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                           require_https=request.is_secure()):
        target = "/"
    response = HttpResponseRedirect(target)
    if request.GET.get("on", "1") == "1":
        response.set_cookie(ELDER_MODE_COOKIE, "1", max_age=ELDER_MODE_MAX_AGE, samesite="Lax",
                            httponly=True, secure=request.is_secure())
    else:
        response.delete_cookie(ELDER_MODE_COOKIE, samesite="Lax")
    add_never_cache_headers(response)
    return response


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    # Rendered without a context: the database may be what failed.
    return HttpResponseServerError(loader.get_template("500.html").render())
