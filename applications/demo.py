"""Example applications for `manage.py load_demo_site`, all marked 示例数据, on fixed dates.

The dates are chosen so that the clocks show the rules (docs/applications.md): one case crosses
the 2026 Spring Festival and its make-up Saturdays, one waits for a 补正, one is extended, one is
in third-party consultation, and the 2025 cases give the 2025 table 3 data.
"""

import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction

from applications import actions
from applications.models import Appeal, Application
from applications.roles import add_handler, setup_desk

D = datetime.date
MARK = "（示例数据）"
SHANGHAI = ZoneInfo("Asia/Shanghai")
DEMO_HANDLERS = [("cgj_ysq", "cgj-ysq-demo-2025", "城管局依申请公开经办人", "市城管局"),
                 ("sfj_ysq", "sfj-ysq-demo-2025", "司法局依申请公开经办人", "市司法局")]

PERSON = {"applicant_type": "person", "id_type": "resident_id", "id_number": "11010519491231002X",
          "phone": "13800138000", "email": "demo@example.com", "address": "武冈市示例路1号", "postcode": "422400",
          "format": "electronic", "delivery": "email"}


def organisation(kind, name):
    return {"applicant_type": "organisation", "organisation_kind": kind, "name": name + MARK,
            "credit_code": "91350100M000100Y43", "legal_representative": "示例法人", "contact_name": "示例联系人",
            "phone": "0739-4228019", "address": "武冈市示例路2号", "postcode": "422400", "format": "paper",
            "delivery": "post"}


def person(name):
    return dict(PERSON, name=name + MARK)


def at(day):
    return datetime.datetime.combine(day, datetime.time(9, 0), tzinfo=SHANGHAI)


def online(department, applicant, description, received_on):
    application, _ = actions.submit_online(dict(applicant, agency=department, description=description + MARK),
                                           submitted_at=at(received_on))
    application.is_demo = True
    application.save(update_fields=["is_demo"])
    actions.confirm_receipt(application, received_on)
    return application


def registered(department, applicant, description, channel, received_on):
    application, _ = actions.register(dict(applicant, agency=department, description=description + MARK), channel,
                                      received_on, submitted_at=at(received_on))
    Application.objects.filter(pk=application.pk).update(is_demo=True)
    return application


def answered(application, on, answer_type, text, reason="", served_on=None, method="electronic"):
    actions.decide(application, on, answer_type, reason, text)
    actions.record_service(application, served_on or on, method)
    actions.close(application, served_on or on, "answered")


def load_cases(cgj, sfj):
    # Received Mon 9 Feb 2026: due Fri 13 Mar (Sat 14 and Sat 28 Feb are make-up workdays).
    spring = online(cgj, person("示例申请人甲"), "2026年春节期间城区烟花爆竹禁放区域划定文件", D(2026, 2, 9))
    answered(spring, D(2026, 3, 13), "disclosed", "现向您提供《城区烟花爆竹禁放区域划定方案》电子版，见附件。")

    refused = online(cgj, person("示例申请人乙"), "某占道经营案件内部讨论记录", D(2026, 9, 7))
    answered(refused, D(2026, 9, 25), "not_disclosed",
             "您申请的信息为案件集体讨论过程中形成的讨论记录，属于过程性信息。",
             reason="process_information", served_on=D(2026, 9, 28), method="post")
    Appeal.objects.create(agency=cgj, application=refused, kind="review", filed_on=D(2026, 10, 20), result="pending",
                          note="示例数据")

    correction = registered(cgj, person("示例申请人丙"), "关于“那个通知”的文件", "in_person", D(2026, 11, 16))
    actions.request_correction(correction, D(2026, 11, 18), 15,
                               "请写明所需文件的名称、文号或发布时间等特征，以便检索。")

    extended = online(sfj, organisation("legal_service", "湖南示例律师事务所"), "2025年度行政复议案件办理情况统计",
                      D(2026, 10, 19))
    actions.extend(extended, D(2026, 11, 10), 15, "需从档案室调取并汇总多个年度的案卷，经负责人同意延期。")

    consulting = registered(cgj, organisation("commercial", "武冈示例商贸有限公司"),
                            "某户外广告设置许可的审批材料", "registered_post", D(2026, 11, 2))
    actions.start_consultation(consulting, D(2026, 11, 9), "third_party",
                               "申请公开的材料涉及第三方商业信息，书面征求第三方意见。")

    online(cgj, person("示例申请人丁"), "2026年第三季度城市管理投诉处理情况", D(2026, 11, 23))
    pending, _ = actions.submit_online(dict(person("示例申请人戊"), agency=cgj,
                                            description="2026年城区停车位规划图" + MARK),
                                       submitted_at=at(D(2026, 11, 26)))
    Application.objects.filter(pk=pending.pk).update(is_demo=True)


def load_2025_cases(cgj, sfj):
    a = online(cgj, person("示例申请人己"), "2025年城区环卫作业经费预算", D(2025, 3, 10))
    answered(a, D(2025, 3, 28), "disclosed", "现向您提供相关预算公开表。")
    b = registered(cgj, organisation("commercial", "武冈示例环卫服务有限公司"), "2025年环卫服务采购合同",
                   "ordinary_post", D(2025, 6, 16))
    answered(b, D(2025, 7, 10), "partly_disclosed", "合同中的单价构成属于第三方商业秘密，已作区分处理。",
             served_on=D(2025, 7, 14), method="post")
    c = online(sfj, organisation("legal_service", "湖南示例律师事务所"), "某小区违建拆除的全部审批档案", D(2025, 9, 26))
    answered(c, D(2025, 10, 30), "cannot_provide", "经检索，本机关未制作或获取该信息。", reason="not_held")
    d = online(cgj, person("示例申请人庚"), "那份文件", D(2025, 12, 15))
    actions.request_correction(d, D(2025, 12, 17), 10, "请写明所需信息的名称、文号或其他特征。")
    actions.close(d, D(2026, 1, 5), "correction_overdue", "补正期限（2025年12月31日）届满，申请人未补正。")
    e = online(cgj, organisation("research", "武冈示例城市研究院"), "2015—2025年全部执法案卷复印件", D(2025, 11, 20))
    actions.notify_fee(e, D(2025, 11, 25), "per_volume", 350, "请于20个工作日内缴纳。")
    actions.close(e, D(2025, 12, 29), "fee_unpaid", "缴费期限届满，申请人未缴纳费用。")
    f = online(cgj, organisation("public_welfare", "武冈示例公益协会"), "2025年城区绿化经费使用情况", D(2025, 12, 22))
    answered(f, D(2026, 1, 8), "not_processed", "您已于2025年10月提出相同申请，本机关已作出答复。", reason="repeat")


def create_handlers(departments, stdout):
    if not getattr(settings, "GOVSITE_ALLOW_DEMO_USERS", False):
        return
    User = get_user_model()
    for username, password, display, short_name in DEMO_HANDLERS:
        user, _ = User.objects.get_or_create(username=username, defaults={"first_name": display})
        user.set_password(password)
        user.email = f"{username}@example.com"
        user.save()
        add_handler(user, departments[short_name])
        stdout.write(f"  {display}: 用户名 {username}  密码 {password}")


def load(stdout, options=None):
    from review.models import Department

    departments = {d.short_name: d for d in Department.objects.filter(short_name__in=["市城管局", "市司法局"])}
    if len(departments) < 2:
        stdout.write("未找到示例部门，跳过依申请公开示例数据。")
        return
    with transaction.atomic():
        for department in departments.values():
            setup_desk(department)
        create_handlers(departments, stdout)
        if Application.objects.filter(is_demo=True).exists():
            return
        load_2025_cases(departments["市城管局"], departments["市司法局"])
        load_cases(departments["市城管局"], departments["市司法局"])
    stdout.write("依申请公开示例数据已创建（均标注“示例数据”）。")
