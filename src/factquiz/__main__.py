"""``python -m factquiz`` runs the command line."""

from .cli import main

main()
