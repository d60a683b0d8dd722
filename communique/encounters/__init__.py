"""encounters of communique."""
