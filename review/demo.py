"""Demo departments, role users and sensitive words for `manage.py load_demo_site`.

Users are created only when settings.GOVSITE_ALLOW_DEMO_USERS is true (dev/test):
their passwords are printed and are for local use only.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction

from review.roles import (
    ROLE_DRAFTER,
    ROLE_LEADER,
    ROLE_REVIEWER,
    ROLE_SITE_ADMIN,
    add_user_to_role,
    setup_department,
    setup_roles,
)

DEPARTMENTS = [
    # (organisation name, short name, column slug)
    ("武冈市城市管理和综合执法局", "市城管局", "scgj"),
    ("武冈市司法局", "市司法局", "ssfj"),
]
# The marks a classified or internal document carries (GB/T 9704 密级标志), not the bare words:
# laws and regulations say 商业机密, 绝密级 and 内部资料性出版物, and `load_demo_site --corpus`
# imports them through the same blocking checks (tests/importers/test_import_checks.py).
DEMO_SENSITIVE_WORDS = [("绝密★", "涉密标识"), ("机密★", "涉密标识"), ("秘密★", "涉密标识"),
                        ("内部资料 注意保存", "不宜公开")]

# (username, password, display name, role, department short name or None)
DEMO_USERS = [
    ("admin", "admin-demo-2025", "站点管理员", ROLE_SITE_ADMIN, None),
    ("cgj_xxy", "cgj-xxy-demo-2025", "城管局信息员", ROLE_DRAFTER, "市城管局"),
    ("cgj_shy", "cgj-shy-demo-2025", "城管局审核员", ROLE_REVIEWER, "市城管局"),
    ("cgj_ld", "cgj-ld-demo-2025", "城管局领导", ROLE_LEADER, "市城管局"),
    ("sfj_xxy", "sfj-xxy-demo-2025", "司法局信息员", ROLE_DRAFTER, "市司法局"),
]


@transaction.atomic
def setup_demo_departments(stdout):
    from disclosure.models import Organisation
    from review.models import SensitiveWord

    setup_roles(stdout)
    departments = {}
    for name, short_name, slug in DEPARTMENTS:
        organisation, _ = Organisation.objects.get_or_create(name=name, defaults={"short_name": short_name})
        departments[short_name] = setup_department(organisation, short_name, slug, stdout=stdout)
    for word, note in DEMO_SENSITIVE_WORDS:
        SensitiveWord.objects.get_or_create(word=word, defaults={"note": note})
    return departments


def create_demo_users(departments, stdout):
    if not getattr(settings, "GOVSITE_ALLOW_DEMO_USERS", False):
        return []
    User = get_user_model()
    created = []
    for username, password, display, role, short_name in DEMO_USERS:
        user, _ = User.objects.get_or_create(username=username, defaults={"first_name": display})
        user.set_password(password)
        user.is_active = True
        if role == ROLE_SITE_ADMIN:
            user.is_staff = user.is_superuser = True
        user.save()
        add_user_to_role(user, role, departments.get(short_name))
        created.append((username, password, display))
    stdout.write("演示用户（仅限本机演示，切勿用于生产）：")
    for username, password, display in created:
        stdout.write(f"  {display}: 用户名 {username}  密码 {password}")
    write_enrolment_help(stdout)
    return created


def write_enrolment_help(stdout):
    from accounts.policy import requires_second_factor

    User = get_user_model()
    required = [u.username for u in User.objects.filter(username__in=[row[0] for row in DEMO_USERS])
                if requires_second_factor(u)]
    stdout.write("两步验证：%s 必须使用。首次用密码登录 /admin/ 后会进入“绑定验证器”页面：" % "、".join(required))
    stdout.write("  用手机上任一 TOTP 验证器应用（Microsoft Authenticator、Google 身份验证器、FreeOTP 等）扫描二维码，")
    stdout.write("  或手动输入页面上的密钥，再输入应用显示的 6 位数字。以后每次登录都要在密码之后输入动态口令。")
    stdout.write("  其他用户可在“账户 › 两步验证”中自愿启用。手机丢失时：manage.py reset_two_factor 用户名")


PENDING_SLUG = "demo-pending-review"


def submit_pending_example(department, stdout):
    """One draft waiting for 科室审核, so the reviewer's dashboard has something to act on."""
    from wagtail.rich_text import RichText

    from disclosure.models import ArticlePage

    drafter = get_user_model().objects.filter(username="cgj_xxy").first()
    column = department.root_page
    if drafter is None or column.get_children().filter(slug=PENDING_SLUG).exists():
        return
    page = ArticlePage(title="关于开展市容环境专项整治的通知（示例数据，待审核）", slug=PENDING_SLUG,
                       owner=drafter, live=False, publisher=department.organisation)
    page.body = [("paragraph", RichText("<p>示例数据：本局将于下月开展市容环境专项整治。</p>"))]
    column.add_child(instance=page)
    page.save_revision(user=drafter)
    page.get_workflow().start(page, drafter)
    stdout.write("示例待审核信息：%s（由 cgj_xxy 提交，等待 cgj_shy 科室审核）" % page.title)


def load(stdout, options=None):
    departments = setup_demo_departments(stdout)
    if create_demo_users(departments, stdout):
        submit_pending_example(departments["市城管局"], stdout)
