"""Logging that cannot carry witness text.

Nothing logs request bodies; exception *messages* can quote data (``KeyError('Sergei')``),
so tracebacks are written with exception types and code locations only.
"""

from __future__ import annotations

import logging
import logging.handlers
import traceback
from pathlib import Path

from intake.filesystem import private_dir


class RedactingFormatter(logging.Formatter):
    """Drops exception messages and arguments from tracebacks, keeping types and frames."""

    def formatException(self, ei) -> str:
        _, exc, tb = ei
        lines = ["Traceback (most recent call last):"]
        for frame in traceback.extract_tb(tb):
            lines.append(f'  File "{frame.filename}", line {frame.lineno}, in {frame.name}')
        chain = exc
        names = []
        while chain is not None:
            names.append(type(chain).__qualname__)
            chain = chain.__cause__ or chain.__context__
        lines.append(" <- ".join(names) + " (message withheld)")
        return "\n".join(lines)

    def formatStack(self, stack_info: str) -> str:
        return "(stack withheld)"


def configure(log_dir: Path, level: str) -> None:
    private_dir(log_dir)
    formatter = RedactingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
    file_handler = logging.handlers.RotatingFileHandler(
        log_dir / "service.log", maxBytes=5_000_000, backupCount=3, encoding="utf-8"
    )
    stream_handler = logging.StreamHandler()
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "_testimony", False):
            root.removeHandler(handler)
    for handler in (file_handler, stream_handler):
        handler.setFormatter(formatter)
        handler._testimony = True  # type: ignore[attr-defined]
        root.addHandler(handler)
    root.setLevel(level)
    # The access log would record client addresses and request paths; witnesses get neither.
    logging.getLogger("uvicorn.access").disabled = True
    # python-multipart's warnings quote the bytes it could not parse: witness text.
    for name in ("python_multipart", "multipart"):
        logging.getLogger(name).setLevel(logging.CRITICAL)
    for name in ("uvicorn", "uvicorn.error"):
        logging.getLogger(name).handlers.clear()
        logging.getLogger(name).propagate = True
