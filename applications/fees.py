"""信息处理费 under 国办函〔2020〕109号《政府信息公开信息处理费管理办法》, computed by 超额累进 (第三条).

按件计收 (第四条): the same applicant's applications in one calendar month; up to 10 (inclusive)
free, the 11th to 30th cost 100 元 each, and from the 31st every further band of 10 costs 100 元
more per application (31–40: 200 元, 41–50: 300 元 …). An application is charged at the band its
place in the month falls in.

按量计收 (第五条): the pages of one application; up to 30 free, pages 31–100 cost 10 元 each,
101–200 cost 20 元 each and every page past 200 costs 40 元.

The office picks one method per application and never both (第三条). The count of applications is
taken per applicant identity (身份证号 or other ID, 统一社会信用代码, or else name and phone) at the
same agency, in the calendar month of receipt (docs/applications.md).
"""

import datetime
from dataclasses import dataclass

from django.db.models import Q

from applications import choices

FREE_APPLICATIONS = 10
SECOND_BAND_END = 30
BAND_SIZE = 10
BAND_STEP_YUAN = 100
# (first page, last page or None, 元 per page)
VOLUME_BANDS = [(31, 100, 10), (101, 200, 20), (201, None, 40)]


@dataclass
class FeeQuote:
    method: str
    quantity: int  # the application's place in the month, or the number of pages
    amount: int  # 元
    lines: list

    @property
    def calculation(self):
        return "；".join(self.lines)


def per_application_rate(place):
    """元 for the `place`-th application of an applicant in one calendar month."""
    if place <= FREE_APPLICATIONS:
        return 0
    if place <= SECOND_BAND_END:
        return BAND_STEP_YUAN
    bands_above = (place - SECOND_BAND_END + BAND_SIZE - 1) // BAND_SIZE
    return BAND_STEP_YUAN * (1 + bands_above)


def per_application_quote(place, month_label=""):
    rate = per_application_rate(place)
    when = f"{month_label}" if month_label else "本自然月"
    if rate == 0:
        band = f"累计{FREE_APPLICATIONS}件以下（含{FREE_APPLICATIONS}件）的，不收费"
    elif place <= SECOND_BAND_END:
        band = f"累计{FREE_APPLICATIONS + 1}—{SECOND_BAND_END}件（含{SECOND_BAND_END}件）的部分，{rate}元/件"
    else:
        first = SECOND_BAND_END + 1 + ((place - SECOND_BAND_END - 1) // BAND_SIZE) * BAND_SIZE
        band = f"累计{SECOND_BAND_END + 1}件以上的部分以{BAND_SIZE}件为一档，第{first}—{first + BAND_SIZE - 1}件{rate}元/件"
    lines = [f"按件计收：同一申请人{when}向本机关累计申请第{place}件", band, f"本件收费{rate}元"]
    return FeeQuote(choices.FEE_PER_APPLICATION, place, rate, lines)


def per_volume_quote(pages):
    lines = [f"按量计收：共{pages}页，30页以下（含30页）的部分不收费"]
    amount = 0
    for first, last, rate in VOLUME_BANDS:
        top = pages if last is None else min(pages, last)
        count = top - first + 1
        if count <= 0:
            continue
        amount += count * rate
        span = f"{first}页以上" if last is None else f"{first}—{last}页"
        lines.append(f"{span}的部分{count}页×{rate}元/页＝{count * rate}元")
    lines.append(f"合计{amount}元")
    return FeeQuote(choices.FEE_PER_VOLUME, pages, amount, lines)


def identity_filter(application):
    """The same applicant: by ID number, by credit code, or else by name and phone together."""
    if application.id_number:
        return Q(id_type=application.id_type, id_number=application.id_number)
    if application.credit_code:
        return Q(credit_code=application.credit_code)
    return Q(name=application.name, phone=application.phone, id_number="", credit_code="")


def _month_bounds(day):
    start = day.replace(day=1)
    end = (start + datetime.timedelta(days=32)).replace(day=1)
    return start, end


def place_in_month(application):
    """Which of the applicant's applications to this agency in the month of receipt this is (1-based)."""
    from applications.models import Application

    start, end = _month_bounds(application.intake_on)
    candidates = Application.objects.filter(identity_filter(application), agency_id=application.agency_id)
    same_month = [a for a in candidates.filter(Q(received_on__gte=start, received_on__lt=end)
                                               | Q(received_on__isnull=True))
                  if start <= a.intake_on < end]
    ordered = sorted(same_month, key=lambda a: (a.intake_on, a.number))
    return next(i for i, a in enumerate(ordered, 1) if a.pk == application.pk)


def quote(application, method, pages=None):
    if method == choices.FEE_PER_APPLICATION:
        day = application.intake_on
        return per_application_quote(place_in_month(application), f"{day.year}年{day.month}月")
    if method == choices.FEE_PER_VOLUME:
        return per_volume_quote(pages or 0)
    raise ValueError(method)
