"""Rules of the catalogue pack (DL7xx): 政府信息公开目录 — the table of a government's
disclosed information (索引号, 名称, 内容概述, 生成日期 …). They run on documents of the profile
"catalogue" and say nothing about a document without a catalogue header; the row model is
``disclosure_lint.analysis.catalogue``, the data ``rules/catalogue.toml``."""
