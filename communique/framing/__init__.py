"""framing of communique."""
