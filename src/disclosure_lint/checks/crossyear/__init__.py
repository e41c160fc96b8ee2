"""Rules across documents: a report against last year's, and against other agencies'."""
