"""Rules of the tables pack; each rule in a module of its own."""
