"""Rules of the text pack (text hygiene: doubled words, punctuation, broken lines, stray
digits); each rule in a module of its own."""
