"""The citizen's side: the form, the page after submitting, and the query page."""

from django.conf import settings
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from applications import actions, choices
from applications.correction_forms import CorrectionForm
from applications.forms import ApplicationForm, QueryForm
from applications.models import Application, CaseEvent
from home.security import ratelimit

SESSION_SUBMITTED = "applications_submitted"
SESSION_VERIFIED = "applications_verified"
SESSION_CORRECTED = "applications_corrected"
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


def verified_case(request, number):
    """The case behind `number` if this browser has queried it with its code, else None."""
    verified = request.session.get(SESSION_VERIFIED, [])
    if not verified or len(number) > 30 or "\x00" in number:  # PostgreSQL refuses NUL in a query
        return None
    application = Application.objects.filter(number=number.strip().upper()).select_related(
        "agency__organisation").first()
    return application if application is not None and application.pk in verified else None


@never_cache
@require_http_methods(["GET", "POST"])
def correction(request, number):
    """The applicant's 补正 (art 30), for a browser that has entered the number and the code on
    the query page. Never cached: it shows one applicant's case and holds a form."""
    application = verified_case(request, number)
    if application is None:
        return redirect(reverse("applications:query") + "?" + urlencode({"number": number[:30].replace("\x00", "")}))
    trail = column_trail(request, ("依申请公开", reverse("applications:apply")),
                         ("申请查询", reverse("applications:query")), ("网上补正", None))
    context = {"application": application, "trail": trail, "done": False, "error": ""}
    if request.method == "GET" and request.session.get(SESSION_CORRECTED) == application.number:
        del request.session[SESSION_CORRECTED]
        context.update(done=True, state=application.clock())
        return render(request, "applications/correction.html", context)
    if application.status != choices.STATUS_AWAITING_CORRECTION:
        context["error"] = "该申请当前不需要补正。"
        return render(request, "applications/correction.html", context, status=409 if request.method == "POST"
                      else 200)
    notice = application.events.filter(kind=CaseEvent.CORRECTION_REQUESTED).order_by("-on", "-pk").first()
    state = application.clock()
    if state.correction_due_on is not None and timezone.localdate() > state.correction_due_on:
        # Art 30: past the period the office may treat the application as abandoned; whether a late
        # correction is still taken is its decision, not the website's.
        context["error"] = (f"补正期限（{state.correction_due_on:%Y年%m月%d日}）已届满，无法在网上提交补正。"
                            "如有正当理由，请与受理机关联系。")
        return render(request, "applications/correction.html", context, status=409 if request.method == "POST"
                      else 200)
    form = CorrectionForm(request.POST or None, request.FILES or None)
    context.update(form=form, notice=notice, state=state)
    if request.method == "POST":
        if rate_limited(request, "correction"):
            context["error"] = "提交过于频繁，请稍后再试。"
            return render(request, "applications/correction.html", context, status=429)
        if form.is_valid():
            try:
                actions.submit_correction_online(application, form.cleaned_data["text"],
                                                 form.cleaned_data["attachments"])
            except actions.ActionError as error:
                context["error"] = str(error)
            else:
                request.session[SESSION_CORRECTED] = application.number
                return redirect("applications:correction", application.number)
        return render(request, "applications/correction.html", context, status=400)
    return render(request, "applications/correction.html", context)


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
