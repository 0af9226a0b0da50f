"""``python -m redaction.evaluation``: read corpora, run the pseudonymiser, print figures.

This is the only module that touches the console, the real redactor and output files.
"""

from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from redaction.evaluation.model import Document, PublicFn, RedactFn
from redaction.evaluation.readers import CORPORA, CORPUS_DIRS, load_corpus
from redaction.evaluation.readers.testimonies import REPO_ROOT, default_testimony_files
from redaction.evaluation.report import (
    agreement_table,
    collect_failures,
    figures_table,
    info_table,
    misses_table,
    summary_table,
    to_json,
)
from redaction.evaluation.runner import evaluate

DEFAULT_DATA = REPO_ROOT.parent / "shared" / "eval"

Corpus = Enum("Corpus", {name.replace("-", "_"): name for name in CORPORA}, type=str)  # type: ignore[misc]

app = typer.Typer(add_completion=False, help=__doc__)


def load_redactor(*, mask_public: bool = False, residual: bool = True) -> RedactFn:
    """Import the real pseudonymiser lazily (tests replace this function).

    ``mask_public`` turns the keep list off, so that recall measures detection alone: the
    public corpora annotate "Putin" or "London" like any private name. ``residual=False``
    skips the fail-closed residual pass, to measure what it costs in over-masking."""
    from functools import partial

    from redaction import Policy, redact  # heavy: import only when evaluating

    return partial(redact, policy=Policy(keep_public=not mask_public, residual=residual))


def load_public_policy() -> PublicFn | None:
    """The pseudonymiser's keep policy, if it has one (tests replace this function)."""
    try:
        from redaction.keep import is_public
    except ImportError:
        return None
    return is_public


def _load(
    names: list[str],
    data: Path,
    testimonies: list[Path] | None,
    limit: int | None,
    console: Console,
) -> dict[str, list[Document]]:
    corpora: dict[str, list[Document]] = {}
    for name in names:
        if name in CORPUS_DIRS and not (data / CORPUS_DIRS[name]).is_dir():
            console.print(f"[yellow]skipping {name}: {data / CORPUS_DIRS[name]} not found[/]")
            continue
        documents = load_corpus(name, data, testimonies)
        corpora[name] = documents[:limit] if limit else documents
    return corpora


@app.command()
def main(
    corpus: Annotated[
        list[Corpus] | None,
        typer.Option("--corpus", "-c", help="Corpus to evaluate (repeatable). Default: all."),
    ] = None,
    data: Annotated[
        Path,
        typer.Option(
            "--data", help="Folder with tab-test/, factrueval-2016-test/, ner-uk-2.0-test/."
        ),
    ] = DEFAULT_DATA,
    testimonies: Annotated[
        list[Path] | None,
        typer.Option(
            "--testimonies", help="Testimony JSON file(s). Default: tests/data/testimonies*.json"
        ),
    ] = None,
    files: Annotated[
        list[Path] | None,
        typer.Option(
            "--file",
            "-f",
            help="Any marked-up testimony file (repeatable); alone, it is the only corpus "
            "evaluated.",
        ),
    ] = None,
    limit: Annotated[
        int | None, typer.Option("--limit", min=1, help="Only the first K documents per corpus.")
    ] = None,
    misses: Annotated[
        int, typer.Option("--misses", min=0, help="List up to N missed mentions per corpus.")
    ] = 0,
    json_out: Annotated[
        Path | None, typer.Option("--json", help="Write all figures (and misses) to this file.")
    ] = None,
    keep_policy: Annotated[
        bool,
        typer.Option(
            "--keep-policy/--no-keep-policy",
            help="Flag must-mask mentions redaction.keep calls public: extra recall column, "
            "and --misses lists only the others.",
        ),
    ] = True,
    auto_language: Annotated[
        bool, typer.Option("--auto-language", help="Pass language 'auto' instead of the gold one.")
    ] = False,
    mask_public: Annotated[
        bool,
        typer.Option(
            "--mask-public",
            help="Redact with the keep list off (pure detection recall on public corpora).",
        ),
    ] = False,
    residual: Annotated[
        bool,
        typer.Option(
            "--residual/--no-residual",
            help="Run the fail-closed residual pass (off: measure what it costs).",
        ),
    ] = True,
) -> None:
    """Evaluate the pseudonymiser: recall, keep rate, token precision, leaking documents."""
    # Piped output (CI logs, RESULTS.md) would otherwise be squeezed into 80 columns.
    console = Console() if sys.stdout.isatty() else Console(width=160)
    names = [c.value for c in corpus] if corpus else ["testimonies"] if files else list(CORPORA)
    marked = [*(testimonies or []), *(files or [])] or default_testimony_files()
    corpora = _load(names, data, marked, limit, console)
    if not corpora:
        console.print("[red]no corpus to evaluate[/]")
        raise typer.Exit(code=2)
    try:
        redact = load_redactor(mask_public=mask_public, residual=residual)
    except (ImportError, AttributeError) as error:
        console.print(f"[red]cannot import redaction.redact: {error}[/]")
        raise typer.Exit(code=2) from error

    with Progress(
        TextColumn("{task.description:<12}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=False,
    ) as progress:
        tasks = {name: progress.add_task(name, total=len(docs)) for name, docs in corpora.items()}
        evaluation = evaluate(
            corpora,
            redact,
            auto_language=auto_language,
            is_public=load_public_policy() if keep_policy else None,
            on_document=lambda name: progress.advance(tasks[name]),
        )

    console.print(figures_table(evaluation))
    console.print(summary_table(evaluation))
    if evaluation.agreement.checks:
        console.print(agreement_table(evaluation))
    if evaluation.aggregate.info:
        console.print(info_table(evaluation))
    if misses:
        missed = collect_failures(evaluation, misses, skip_public=True)
        console.print(misses_table(missed, "Missed must-mask mentions (public ones left out)"))
        keep_failures = collect_failures(evaluation, misses, keep=True)
        if keep_failures:
            console.print(misses_table(keep_failures, "KEEP mentions not left readable"))
    for corpus_name, doc_id, error in evaluation.errors:
        console.print(f"[red]redactor error[/] {corpus_name}/{doc_id}: {error}")
    if json_out is not None:
        settings = {
            "command": " ".join(["python -m redaction.evaluation", *sys.argv[1:]]),
            "data": str(data),
            "corpora": list(corpora),
            "limit": limit,
            "auto_language": auto_language,
            "keep_policy": keep_policy,
            "residual": residual,
            "documents": {name: len(docs) for name, docs in corpora.items()},
        }
        json_out.write_text(
            json.dumps(to_json(evaluation, settings, misses), ensure_ascii=False, indent=1),
            encoding="utf-8",
        )
        console.print(f"figures written to {json_out}")
