"""`site_health --email`: each responsible person gets the findings they can act on — 站点管理员
everything, a department's users their own columns (the same rule as the admin panel)."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db.models import Q

from health.checks import BLOCKING, visible_to
from review.models import Department
from review.roles import ROLE_SITE_ADMIN


def recipients():
    group_ids = {g.id for d in Department.objects.filter(root_page__isnull=False) for g in d.groups()}
    users = get_user_model().objects.filter(is_active=True).exclude(email="")
    return users.filter(Q(is_superuser=True) | Q(groups__name=ROLE_SITE_ADMIN) | Q(groups__id__in=group_ids)).distinct()


def send_digest(findings):
    sent = 0
    for user in recipients().iterator():
        own = visible_to(user, findings)
        if not own:
            continue
        blocking = sum(f.severity == BLOCKING for f in own)
        lines = [f"【{f.severity_label}】{f.check_label} {f.title or ''} {f.url or ''}\n    {f.message}" for f in own]
        send_mail(
            subject=f"【网站健康检查】{len(own)}项问题，其中严重{blocking}项",
            message="\n".join(lines) + f"\n\n详见管理后台：{settings.WAGTAILADMIN_BASE_URL}/admin/reports/site-health/\n",
            from_email=None, recipient_list=[user.email],
        )
        sent += 1
    return sent
