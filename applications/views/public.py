"""The citizen's side: the form, the page after submitting, and the query page."""

from django.conf import settings
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from applications import actions
from applications.forms import ApplicationForm, QueryForm
from applications.models import Application
from home.security import ratelimit

SESSION_SUBMITTED = "applications_submitted"
SESSION_VERIFIED = "applications_verified"
NOT_FOUND_MESSAGE = "申请编号或查询码不正确，请核对后重试。"
RATE_LIMITED_MESSAGE = "查询过于频繁，请稍后再试。"


def column_trail(request, *tail):
    """首页 > … > 政府信息公开 > *tail, from the site's own column tree when it exists."""
    from review.roles import page_at

    trail = [("首页", "/")]
    column = page_at("zwgk/zfxxgk/")
    if column is not None:
        root = column.get_site().root_page if column.get_site() else None
        for ancestor in column.get_ancestors(inclusive=True).filter(depth__gt=1):
            if root is not None and ancestor.pk == root.pk:
                continue
            trail.append((ancestor.title, ancestor.get_url(request)))
    return trail + list(tail)


def rate_limited(request, bucket):
    """True once a client address has used up its attempts in the current window (the site's
    one limiter, home/security/ratelimit.py, so every worker shares the count)."""
    limit = getattr(settings, "APPLICATION_QUERY_RATE_LIMIT", 10)
    window = getattr(settings, "APPLICATION_QUERY_RATE_WINDOW", 600)
    if not limit:
        return False
    return ratelimit.check(request, f"applications-{bucket}", f"{limit}/{window}s") is not None


@require_http_methods(["GET", "POST"])
def apply(request):
    form = ApplicationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        application, code = actions.submit_online(form.application_data())
        request.session[SESSION_SUBMITTED] = {"number": application.number, "code": code}
        return redirect("applications:submitted")
    return render(request, "applications/apply.html", {
        "form": form, "trail": column_trail(request, ("依申请公开", None)),
    })


def submitted(request):
    receipt = request.session.pop(SESSION_SUBMITTED, None)
    if not receipt:
        return redirect("applications:apply")
    return render(request, "applications/submitted.html", {
        "receipt": receipt, "trail": column_trail(request, ("依申请公开", reverse("applications:apply")),
                                                  ("提交成功", None)),
    })


def find_case(number, code):
    """The case if both match; the same None for an unknown number and a wrong code."""
    application = Application.objects.filter(number=number.strip().upper()).select_related("agency").first()
    if application is None:
        Application(code_hash=dummy_hash()).check_query_code(code)  # same work either way
        return None
    return application if application.check_query_code(code) else None


@require_http_methods(["GET", "POST"])
def query(request):
    form = QueryForm(request.POST or None, initial={"number": request.GET.get("number", "")[:30]})
    application, error, status = None, "", 200
    if request.method == "POST":
        if rate_limited(request, "query"):
            error, status = RATE_LIMITED_MESSAGE, 429
        elif form.is_valid():
            application = find_case(form.cleaned_data["number"], form.cleaned_data["code"])
            if application is None:
                error = NOT_FOUND_MESSAGE
            else:
                verified = set(request.session.get(SESSION_VERIFIED, []))
                verified.add(application.pk)
                request.session[SESSION_VERIFIED] = sorted(verified)
        else:
            error = "请填写申请编号和查询码。"
    context = {"form": form, "application": application, "error": error,
               "trail": column_trail(request, ("依申请公开", reverse("applications:apply")), ("申请查询", None))}
    if application is not None:
        context["state"] = application.clock()
        context["letters"] = public_letters(application)
    return render(request, "applications/query.html", context, status=status)


def public_letters(application):
    from applications.letters import served_letters

    return served_letters(application)


_dummy = []


def dummy_hash():
    """A hash to check against when the number is unknown, so both failures cost the same."""
    from django.contrib.auth.hashers import make_password

    if not _dummy:
        _dummy.append(make_password("not-a-real-code"))
    return _dummy[0]
