"""Entry point for ``python -m redaction.evaluation``."""

from redaction.evaluation.cli import app

if __name__ == "__main__":
    app(prog_name="python -m redaction.evaluation")
