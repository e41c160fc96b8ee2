"""Rules of the dates pack (DL5xx): dates and the reporting period. Each rule is a module of
its own; the shared parser is ``disclosure_lint.analysis.dates``."""
