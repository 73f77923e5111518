from .departments import Department
from .tasks import LeaderApprovalTask, SecrecyReviewTask, SecrecyReviewTaskState
from .words import SensitiveWord

__all__ = ["Department", "LeaderApprovalTask", "SecrecyReviewTask", "SecrecyReviewTaskState", "SensitiveWord"]
