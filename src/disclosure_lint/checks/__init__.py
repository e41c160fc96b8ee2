"""The rules, one module each in a family folder (structure, tables, leftovers, text, dates,
issuer, catalogue, crossyear, meta), and the rule API beside them: ``rule`` (the base class),
``finding`` (what a rule reports) and ``registry`` (every rule by code and name, found in the
modules; nothing else lists them). Importing this package imports no rule."""
