from .appeals import Appeal
from .calendar import HolidayOverride
from .cases import Application, handler_emails
from .desks import ApplicationDesk
from .events import CaseEvent, CaseView

__all__ = ["Appeal", "Application", "ApplicationDesk", "CaseEvent", "CaseView", "HolidayOverride", "handler_emails"]
