"""python -m redaction: plain text and the --json contract."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from redaction.__main__ import app

pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("warm")]


def test_json_output_contract(tmp_path) -> None:  # type: ignore[no-untyped-def]
    text = "Я видел Сергея в Бахмуте."
    path = tmp_path / "t.txt"
    path.write_text(text, encoding="utf-8")
    out = CliRunner().invoke(app, ["--json", "--lang", "ru", str(path)])
    assert out.exit_code == 0, out.output
    data = json.loads(out.stdout)
    assert data["language"] == "ru"
    assert {"start", "end", "label", "replacement"} <= set(data["spans"][0])
    for span in data["spans"]:
        assert data["text"][span["out_start"] : span["out_end"]] == span["replacement"]
        assert text[span["start"] : span["end"]] not in data["text"]


def test_plain_output_from_stdin_with_tag_style() -> None:
    out = CliRunner().invoke(
        app, ["--style", "tag", "-"], input="I saw Sergei Ivanov in Bakhmut.\n"
    )
    assert out.exit_code == 0, out.output
    assert out.stdout == "I saw [PERSON 1] in [LOCATION 1].\n"


def test_bad_language_is_a_usage_error() -> None:
    out = CliRunner().invoke(app, ["--lang", "de", "-"], input="x")
    assert out.exit_code != 0


def test_invalid_utf8_input_is_replaced_not_fatal() -> None:
    out = CliRunner().invoke(
        app, ["--lang", "ru", "-"], input="Сергей \udcff ушёл.".encode("utf-8", "surrogateescape")
    )
    assert out.exit_code == 0, out.output
    assert "Сергей" not in out.stdout and "\ufffd" in out.stdout
