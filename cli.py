"""Run policytext from a checkout: ``python cli.py --help`` (same as the ``policytext`` command)."""

from policytext.cli import app

if __name__ == "__main__":
    app()
