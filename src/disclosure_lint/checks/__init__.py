"""Every rule, one module each. This table is the registry: codes are stable, names are
kebab-case, and both are accepted wherever a rule is named.

Code families: DL1xx structure (sections, headings, enumerations), DL2xx numbers and
tables, DL3xx leftovers and wording, DL4xx typography, DL5xx dates and the reporting
period, DL6xx issuers and law titles, DL7xx catalogues, DL8xx across documents (last year's report,
other agencies'), DL9xx meta.
"""

from __future__ import annotations

from .rule import Rule
from .catalogue import RULES as CATALOGUE_RULES
from .crossyear import RULES as CROSSYEAR_RULES
from .dates import RULES as DATE_RULES
from .structure.empty_section import EmptySection
from .structure.enumeration_gap import EnumerationGap
from .structure.heading_level_skip import HeadingLevelSkip
from .structure.heading_marker_style import HeadingMarkerStyle
from .structure.heading_number_duplicate import HeadingNumberDuplicate
from .structure.heading_number_gap import HeadingNumberGap
from .structure.heading_number_order import HeadingNumberOrder
from .issuer import RULES as ISSUER_RULES
from .leftovers.leftover_placeholder import LeftoverPlaceholder
from .meta.needs_ocr import NeedsOcr
from .structure.required_section_missing import RequiredSectionMissing
from .structure.section_order import SectionOrder
from .structure.section_title_typo import SectionTitleTypo
from .tables import RULES as TABLE_RULES
from .leftovers.template_leftover import TemplateLeftover
from .text import RULES as TEXT_RULES
from .meta.unused_suppression import UnusedSuppression

RULES: list[type[Rule]] = [
    RequiredSectionMissing,  # DL101
    SectionOrder,  # DL102
    EmptySection,  # DL103
    SectionTitleTypo,  # DL104
    HeadingNumberGap,  # DL111
    HeadingNumberDuplicate,  # DL112
    HeadingNumberOrder,  # DL113
    HeadingLevelSkip,  # DL114
    HeadingMarkerStyle,  # DL115
    EnumerationGap,  # DL121
    LeftoverPlaceholder,  # DL301
    TemplateLeftover,  # DL302
    *TABLE_RULES,  # DL2xx
    *DATE_RULES,  # DL5xx
    *TEXT_RULES,  # DL31x wording, DL4xx typography
    *ISSUER_RULES,  # DL6xx issuers and law titles
    *CATALOGUE_RULES,  # DL7xx catalogues
    *CROSSYEAR_RULES,  # DL8xx across documents
    NeedsOcr,  # DL901
    UnusedSuppression,  # DL902
]
