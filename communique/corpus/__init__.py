"""corpus of communique."""
