"""Rules of the issuer pack; each rule in a module of its own."""
