"""events of communique."""
