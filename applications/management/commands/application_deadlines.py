"""List open 依申请公开 cases with their legal due dates; exit 1 when any is overdue (for cron)."""

import datetime
import json

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from applications.deadlines import REMINDER_WORKING_DAYS, deadline_rows, send_reminders


class Command(BaseCommand):
    help = "列出办理中的政府信息公开申请及答复期限；有超期未答复的申请时以非零状态退出。"

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", help="输出 JSON 数组")
        parser.add_argument("--all", action="store_true", help="包括已答复、已办结的申请")
        parser.add_argument("--today", help="按指定日期（YYYY-MM-DD）计算，默认今天")
        parser.add_argument("--remind", action="store_true",
                            help=f"向经办人发送提醒邮件（剩余{REMINDER_WORKING_DAYS}个工作日以内的申请），"
                                 "每个答复期限只提醒一次，可每小时运行")

    def handle(self, *args, **options):
        today = timezone.localdate()
        if options["today"]:
            try:
                today = datetime.date.fromisoformat(options["today"])
            except ValueError as error:
                raise CommandError("--today 的格式应为 YYYY-MM-DD") from error
        rows = deadline_rows(today, include_closed=options["all"])
        if options["json"]:
            self.stdout.write(json.dumps([row for _, _, row in rows], ensure_ascii=False, indent=2))
        else:
            for application, state, row in rows:
                left = "—" if row["working_days_left"] is None else row["working_days_left"]
                flags = "".join([" 已超期" if state.overdue else "", " 暂定" if row["provisional"] else "",
                                 " 已延期" if row["extended"] else ""])
                self.stdout.write(f"{row['number']}  {row['agency']}  {application.get_status_display()}  "
                                  f"收到 {row['received_on'] or '待确认'}  期限 {row['due_on'] or '—'}  "
                                  f"剩余 {left}{flags}")
            if not rows:
                self.stdout.write("没有办理中的申请。")
        if options["remind"]:
            sent = send_reminders(rows)
            self.stderr.write(f"已发送提醒 {sent} 件")
        overdue = [row["number"] for application, state, row in rows if application.is_open and state.overdue]
        if overdue:
            self.stderr.write("超期未答复：" + "、".join(overdue))
            raise SystemExit(1)
