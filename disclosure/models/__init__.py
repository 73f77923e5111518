from .article import ArticlePage
from .base import VALIDITY_CHOICES, DisclosurePage
from .catalogue import CatalogueEntry, DisclosureSettings, IndexSequence
from .column import ColumnPage
from .enforcement import EnforcementDecisionPage
from .news import NewsPage
from .normative import NormativeAttachment, NormativeDocumentPage, PolicyInterpretationPage, ValidityChange
from .organisations import GenreCategory, Organisation, SubjectCategory
from .power_list import PowerItem, PowerListPage
from .regulation import RegulationPage
from .report import ReportPage
from .statistics import EnforcementStatistics, StatisticRow

__all__ = [
    "ArticlePage", "ColumnPage", "DisclosurePage", "GenreCategory",
    "NewsPage", "NormativeDocumentPage", "Organisation", "PolicyInterpretationPage",
    "RegulationPage", "ReportPage", "SubjectCategory", "VALIDITY_CHOICES",
    "CatalogueEntry", "DisclosureSettings", "EnforcementDecisionPage", "EnforcementStatistics",
    "IndexSequence", "NormativeAttachment", "PowerItem", "PowerListPage", "StatisticRow", "ValidityChange",
]
