"""The real service in a subprocess (``python -m intake serve``), for tests that need processes.

The server runs in its own session, so the whole process group (uvicorn's supervisor and its
workers) can be stopped, or SIGKILLed, by its id.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import httpx
import psutil

from intake.config import Settings


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def environment(settings: Settings, **extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            f"TESTIMONY_{name.upper()}": str(value)
            for name, value in settings.model_dump(exclude_none=True).items()
        }
    )
    env.update(extra)
    return env


@dataclass
class LiveServer:
    process: subprocess.Popen[bytes]
    url: str
    log: Path

    def wait_ready(self, timeout: float = 300) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited: {self.log.read_text()[-2000:]}")
            try:
                if httpx.get(f"{self.url}/readyz", timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.3)
        raise TimeoutError(f"server not ready: {self.log.read_text()[-2000:]}")

    def workers(self) -> list[psutil.Process]:
        """uvicorn's worker processes (its multiprocessing children, minus helpers)."""
        children = psutil.Process(self.process.pid).children(recursive=True)
        return [p for p in children if "resource_tracker" not in " ".join(p.cmdline())]

    def kill(self) -> None:
        """SIGKILL the supervisor and every worker at once: no clean-up runs anywhere."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.kill()


def start(settings: Settings, log: Path, *, workers: int = 1, **env: str) -> LiveServer:
    port = free_port()
    handle = log.open("ab")
    process = subprocess.Popen(
        [sys.executable, "-m", "intake", "serve", "--port", str(port), "--workers", str(workers)],
        env=environment(settings, **env),
        stdout=handle,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    handle.close()
    return LiveServer(process, f"http://127.0.0.1:{port}", log)
