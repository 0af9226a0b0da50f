"""Command line.

python -m redaction [--lang auto|en|ru|uk] [--json] [--style realistic|tag] [FILE|-]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from redaction.pipeline import redact

app = typer.Typer(add_completion=False, help="Pseudonymise a testimony read from FILE or stdin.")


@app.command()
def main(
    file: Annotated[
        str, typer.Argument(help="Text file to redact; '-' or nothing reads stdin.")
    ] = "-",
    lang: Annotated[str, typer.Option("--lang", help="auto, en, ru or uk.")] = "auto",
    as_json: Annotated[
        bool, typer.Option("--json", help="Print language, text and spans as JSON.")
    ] = False,
    style: Annotated[str, typer.Option("--style", help="realistic or tag.")] = "realistic",
) -> None:
    raw = sys.stdin.buffer.read() if file == "-" else Path(file).read_bytes()
    text = raw.decode("utf-8", errors="replace")  # a stray invalid byte must not stop redaction
    try:
        result = redact(text, lang, style=style)
    except ValueError as err:
        raise typer.BadParameter(str(err)) from err
    if not as_json:
        typer.echo(result.text, nl=not result.text.endswith("\n"))
        return
    spans = [
        {
            "start": s.start,
            "end": s.end,
            "label": s.label,
            "replacement": s.replacement,
            "out_start": s.out_start,
            "out_end": s.out_end,
        }
        for s in result.spans
    ]
    typer.echo(
        json.dumps(
            {"language": result.language, "text": result.text, "spans": spans}, ensure_ascii=False
        )
    )


if __name__ == "__main__":
    app()
