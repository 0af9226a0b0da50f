"""`python -m intake serve`: uvicorn's app factory, one worker per core unless told otherwise."""

from __future__ import annotations

import os

import pytest
import uvicorn
from typer.testing import CliRunner

from intake.cli import app as cli
from intake.config import Settings


@pytest.fixture
def env(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> Settings:
    for name, value in settings.model_dump(exclude_none=True).items():
        monkeypatch.setenv(f"TESTIMONY_{name.upper()}", str(value))
    return settings


@pytest.mark.parametrize(
    ("arguments", "workers"), [([], len(os.sched_getaffinity(0))), (["--workers", "3"], 3)]
)
def test_serve_runs_the_app_factory_with_one_worker_per_core_by_default(
    env: Settings, monkeypatch: pytest.MonkeyPatch, arguments: list[str], workers: int
) -> None:
    calls: dict = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **options: calls.update(app=app, **options))
    result = CliRunner().invoke(cli, ["serve", *arguments])
    assert result.exit_code == 0, result.output
    assert calls["app"] == "intake.app:create_app" and calls["factory"] is True
    assert calls["workers"] == workers
    assert calls["access_log"] is False
    assert calls["http"] == "intake.http_protocol:SecureH11Protocol"
    # Keys and schema were created once, before any worker could race for them.
    assert (env.key_dir / "editorial-wrap.key").is_file()


def test_serve_refuses_zero_workers(env: Settings) -> None:
    result = CliRunner().invoke(cli, ["serve", "--workers", "0"])
    assert result.exit_code == 2
