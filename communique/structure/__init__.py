"""structure of communique."""
