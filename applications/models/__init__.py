from .appeals import Appeal
from .calendar import HolidayOverride
from .cases import Application, handler_emails
from .corrections import CorrectionAttachment, CorrectionSubmission
from .desks import ApplicationDesk
from .events import CaseEvent, CaseView
from .reminders import ReminderSent

__all__ = ["Appeal", "Application", "ApplicationDesk", "CaseEvent", "CaseView", "CorrectionAttachment",
           "CorrectionSubmission", "HolidayOverride", "ReminderSent", "handler_emails"]
