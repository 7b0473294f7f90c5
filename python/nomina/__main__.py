"""``python -m nomina`` runs the command-line interface (see ``nomina.cli``)."""

from nomina.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
