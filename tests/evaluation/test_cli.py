"""The command line: options, tables, JSON export - with a fake redactor injected."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from redaction.evaluation import cli

from .fakes import dictionary_redactor

TESTIMONIES = [
    {
        "id": "en-1",
        "lang": "en",
        "text": "I am [[PER|Vanya]] from [[LOC|Kopeysk]], not [[KEEP|Moscow]].",
    },
    {
        "id": "en-2",
        "lang": "en",
        "text": "Call [[CONTACT|+7 912 345-67-89]], ask for [[PER|Grace]].",
    },
]


@pytest.fixture
def files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    testimonies = tmp_path / "t.json"
    testimonies.write_text(json.dumps(TESTIMONIES), encoding="utf-8")
    tab = tmp_path / "eval" / "tab-test"
    tab.mkdir(parents=True)
    texts = {"a": "Mr Ivan Petrov sued Turkey.", "b": "Mr Ola Nordmann lives in Oslo."}
    gold = {"a": [[0, 14, "PERSON"], [20, 26, "LOC"]], "b": [[0, 15, "PERSON"], [25, 29, "LOC"]]}
    (tab / "texts.json").write_text(json.dumps(texts), encoding="utf-8")
    (tab / "gold_mentions.json").write_text(json.dumps(gold), encoding="utf-8")
    fake = dictionary_redactor(
        {
            "Vanya": "PERSON",
            "Moscow": "LOCATION",
            "+7 912 345-67-89": "CONTACT",
            "Ivan Petrov": "PERSON",
            "Ola Nordmann": "PERSON",
        }
    )
    monkeypatch.setattr(cli, "load_redactor", lambda mask_public=False, residual=True: fake)
    monkeypatch.setattr(cli, "load_public_policy", lambda: None)
    return testimonies, tmp_path / "eval"


def run(*args: str):
    return CliRunner().invoke(cli.app, list(args), env={"COLUMNS": "200"})


def test_json_export_has_every_figure(files: tuple[Path, Path], tmp_path: Path) -> None:
    testimonies, data = files
    out = tmp_path / "figures.json"
    result = run(
        "--data", str(data), "--testimonies", str(testimonies), "--json", str(out), "--misses", "5"
    )
    assert result.exit_code == 0, result.output
    figures = json.loads(out.read_text(encoding="utf-8"))
    rows = {(r["corpus"], r["lang"], r["label"]): r for r in figures["rows"]}
    tab = rows[("tab", "en", "ALL")]
    assert (tab["mentions"], tab["caught"], tab["docs"], tab["leak_docs"]) == (4, 2, 2, 2)
    own = rows[("testimonies", "en", "ALL")]
    assert (own["mentions"], own["caught"], own["leak_docs"]) == (4, 2, 2)
    assert (rows[("testimonies", "en", "KEEP")]["keep_rate"]) == 0.0
    assert rows[("testimonies", "en", "LOCATION")]["token_precision"] == 0.0
    missed = {(m["corpus"], m["surface"], m["reason"]) for m in figures["misses"]}
    assert missed == {
        ("tab", "Turkey", "missed"),
        ("tab", "Oslo", "missed"),
        ("testimonies", "Kopeysk", "missed"),
        ("testimonies", "Grace", "missed"),
    }
    assert [m["surface"] for m in figures["keep_failures"]] == ["Moscow"]
    assert figures["settings"]["documents"] == {"tab": 2, "testimonies": 2}
    assert "Missed must-mask mentions" in result.output


def test_corpus_and_limit_select_documents(files: tuple[Path, Path], tmp_path: Path) -> None:
    testimonies, data = files
    out = tmp_path / "f.json"
    result = run(
        "--data",
        str(data),
        "--testimonies",
        str(testimonies),
        "--corpus",
        "tab",
        "--limit",
        "1",
        "--json",
        str(out),
    )
    assert result.exit_code == 0, result.output
    figures = json.loads(out.read_text(encoding="utf-8"))
    assert figures["settings"]["documents"] == {"tab": 1}
    assert {r["corpus"] for r in figures["rows"]} == {"tab"}
    assert "misses" not in figures


def test_missing_corpus_folder_is_skipped_with_a_note(files: tuple[Path, Path]) -> None:
    testimonies, data = files
    result = run(
        "--data", str(data), "--testimonies", str(testimonies), "-c", "ner-uk", "-c", "testimonies"
    )
    assert result.exit_code == 0, result.output
    assert "skipping ner-uk" in result.output
    assert "testimonies" in result.output


def test_unknown_corpus_is_a_usage_error(files: tuple[Path, Path]) -> None:
    result = run("--corpus", "conll")
    assert result.exit_code == 2


def test_unavailable_redactor_is_reported(files, monkeypatch: pytest.MonkeyPatch) -> None:
    testimonies, data = files

    def broken(mask_public: bool = False, residual: bool = True):
        raise ImportError("no redact yet")

    monkeypatch.setattr(cli, "load_redactor", broken)
    result = run("--data", str(data), "--testimonies", str(testimonies), "-c", "testimonies")
    assert result.exit_code == 2
    assert "no redact yet" in result.output


def test_keep_policy_splits_out_public_mentions(
    files: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    testimonies, data = files
    monkeypatch.setattr(
        cli, "load_public_policy", lambda: lambda lang, surface, label: surface == "Turkey"
    )
    out = tmp_path / "f.json"
    args = ["--data", str(data), "--testimonies", str(testimonies), "-c", "tab"]
    result = run(*args, "--json", str(out), "--misses", "9")
    assert result.exit_code == 0, result.output
    figures = json.loads(out.read_text(encoding="utf-8"))
    (tab,) = [r for r in figures["rows"] if r["label"] == "ALL"]
    assert (tab["recall"], tab["public_mentions"], tab["recall_private"]) == (0.5, 1, 2 / 3)
    assert [m["surface"] for m in figures["misses"]] == ["Oslo"]  # Turkey is a deliberate keep
    assert figures["settings"]["keep_policy"] is True
    assert "recall ¬public" in result.output

    result = run(*args, "--json", str(out), "--no-keep-policy")
    (tab,) = [r for r in json.loads(out.read_text())["rows"] if r["label"] == "ALL"]
    assert (tab["public_mentions"], tab["recall_private"]) == (0, 0.5)
