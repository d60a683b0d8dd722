"""entities of communique."""
