"""SECURITY.md must point only at tests that exist, and every claim must point at one."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = re.compile(r"`(tests/[\w/]+\.py)::(\w+)`")


def defined_functions(path: Path) -> set[str]:
    tree = ast.parse(path.read_text())
    return {node.name for node in ast.walk(tree) if isinstance(node, ast.FunctionDef)}


def claims() -> list[str]:
    text = (ROOT / "SECURITY.md").read_text()
    section = text.split("## Claims", 1)[1].split("## What is not protected", 1)[0]
    return re.findall(r"^\d+\. .*?(?=^\d+\. |^#|\Z)", section, flags=re.M | re.S)


def test_every_claim_names_a_test() -> None:
    found = claims()
    assert len(found) >= 20
    for claim in found:
        assert REFERENCE.search(claim), f"claim without a test: {claim[:80]!r}"


def test_every_named_test_exists() -> None:
    for path, name in REFERENCE.findall((ROOT / "SECURITY.md").read_text()):
        assert (ROOT / path).is_file(), f"{path} does not exist"
        assert name in defined_functions(ROOT / path), f"{path}::{name} does not exist"
