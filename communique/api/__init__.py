"""api of communique."""
