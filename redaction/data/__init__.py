"""Curated data files (surrogate pools, keep list, diminutives), loaded once on first use."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any


@cache
def load(name: str) -> Any:
    """Parse data/<name>.json from the installed package (works from a wheel too)."""
    return json.loads(resources.files(__package__).joinpath(f"{name}.json").read_text("utf-8"))
