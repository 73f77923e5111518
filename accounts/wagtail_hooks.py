from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from accounts.views import audit, lockouts, two_factor


@hooks.register("register_admin_urls")
def accounts_admin_urls():
    return [
        path("two-factor/verify/", two_factor.verify, name="accounts_otp_verify"),
        path("two-factor/enrol/", two_factor.enrol, name="accounts_otp_enrol"),
        path("two-factor/", two_factor.manage, name="accounts_otp_manage"),
        path("two-factor/disable/", two_factor.disable, name="accounts_otp_disable"),
        path("reports/login-events/", audit.LoginEventReportView.as_view(), name="accounts_login_events"),
        path("reports/login-events/results/", audit.LoginEventReportView.as_view(results_only=True),
             name="accounts_login_events_results"),
        path("account-security/", lockouts.security, name="accounts_security"),
        path("account-security/unlock/", lockouts.unlock, name="accounts_unlock"),
        path("account-security/reset-two-factor/", lockouts.reset_two_factor, name="accounts_reset_two_factor"),
    ]


class PermissionMenuItem(MenuItem):
    def __init__(self, *args, permission, **kwargs):
        super().__init__(*args, **kwargs)
        self.permission = permission

    def is_shown(self, request):
        return request.user.has_perm(self.permission)


@hooks.register("register_reports_menu_item")
def login_events_menu_item():
    return PermissionMenuItem("登录审计", reverse("accounts_login_events"), name="login-events",
                              icon_name="key", order=1050, permission="accounts.view_loginevent")


@hooks.register("register_settings_menu_item")
def account_security_menu_item():
    return PermissionMenuItem("账户锁定与两步验证", reverse("accounts_security"), name="account-security",
                              icon_name="lock", order=650, permission=lockouts.UNLOCK_PERMISSION)


@hooks.register("register_account_menu_item")
def two_factor_account_menu_item(request):
    return {
        "url": reverse("accounts_otp_manage"),
        "label": "两步验证",
        "help_text": "用手机验证器应用（动态口令）保护您的账户。",
    }
