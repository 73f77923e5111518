from .article import ArticlePage
from .base import KIND_CHOICES, KIND_LABELS, VALIDITY_CHOICES, DisclosurePage
from .column import ColumnPage
from .news import NewsPage
from .normative import NormativeDocumentPage, PolicyInterpretationPage
from .organisations import GenreCategory, Organisation, SubjectCategory
from .regulation import RegulationPage
from .report import ReportPage

__all__ = [
    "ArticlePage", "ColumnPage", "DisclosurePage", "GenreCategory", "KIND_CHOICES", "KIND_LABELS",
    "NewsPage", "NormativeDocumentPage", "Organisation", "PolicyInterpretationPage",
    "RegulationPage", "ReportPage", "SubjectCategory", "VALIDITY_CHOICES",
]
