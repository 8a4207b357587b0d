"""`python -m engine.cli` runs the `aisle` command."""

from engine.cli import main

main()
