"""store of communique."""
