"""Meta rules (DL9xx): what the linter could not do (a scan without text) and suppressions
that suppress nothing."""
