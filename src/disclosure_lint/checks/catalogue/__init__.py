"""Rules of the catalogue pack (DL7xx): 政府信息公开目录 — the table of a government's
disclosed information (索引号, 名称, 内容概述, 生成日期 …). They run on documents of the profile
"catalogue" and say nothing about a document without a catalogue header; the row model is
``disclosure_lint.analysis.catalogue``, the data ``rules/catalogue.toml``."""

from __future__ import annotations

from ..rule import Rule
from .catalogue_date import CatalogueDate
from .catalogue_index_duplicate import CatalogueIndexDuplicate
from .catalogue_index_format import CatalogueIndexFormat
from .catalogue_index_year import CatalogueIndexYear
from .catalogue_missing_field import CatalogueMissingField
from .document_number_format import DocumentNumberFormat

RULES: list[type[Rule]] = [
    CatalogueMissingField,  # DL701
    CatalogueIndexFormat,  # DL702
    CatalogueIndexDuplicate,  # DL703
    CatalogueIndexYear,  # DL704
    CatalogueDate,  # DL705
    DocumentNumberFormat,  # DL706
]
