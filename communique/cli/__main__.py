"""``python -m communique.cli`` runs the command line."""

from communique.cli import main

main()
