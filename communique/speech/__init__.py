"""speech of communique."""
