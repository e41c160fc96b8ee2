"""Structure rules (DL1xx): required sections, their order and titles, heading numbers and
levels, enumerations; each rule in a module of its own."""
