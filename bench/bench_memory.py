"""Peak server memory while witnesses send the largest submissions the limits allow.

Starts the service in a child process (``python -m intake serve``) on a loopback port with
a throw-away data directory, warms it up (redaction models loaded), then sends CONCURRENT
worst-case legal submissions at once: the maximum number of attachments, each an image at
the pixel limit packed under the file-size limit, and the longest text. Prints the server's
resident memory before and its peak (VmHWM from /proc) after.

    python bench/bench_memory.py --concurrent 3

Figures only mean something on a quiet machine.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx
from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from intake.config import Settings
from tests.intake import live_server

MIB = 1024 * 1024


def proc_status(pid: int, field: str) -> int:
    """A memory figure of ``/proc/<pid>/status`` in bytes."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) * 1024
    raise KeyError(field)


def worst_case_image(max_pixels: int, max_bytes: int) -> bytes:
    """An RGBA PNG at the pixel limit (decodes to 4 bytes a pixel) and just under the file
    size limit: a gradient with a block of noise that does not compress."""
    side = int(max_pixels**0.5)
    image = Image.linear_gradient("L").resize((side, side)).convert("RGBA")
    noise_side = int((max_bytes * 0.9 / 4) ** 0.5)
    noise = Image.frombytes("RGBA", (noise_side, noise_side), os.urandom(4 * noise_side**2))
    image.paste(noise, (0, 0))
    out = io.BytesIO()
    image.save(out, "PNG", compress_level=1)
    data = out.getvalue()
    if len(data) > max_bytes:
        raise SystemExit(f"test image is {len(data)} bytes, over the {max_bytes} limit")
    return data


def submit(base: str, text: str, files: list[bytes], results: list[int]) -> None:
    parts = [("text", (None, text))] + [
        ("attachments", (f"{i}.png", f)) for i, f in enumerate(files)
    ]
    response = httpx.post(f"{base}/en/submit", files=parts, timeout=600)
    results.append(response.status_code)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--concurrent", type=int, default=3)
    args = parser.parse_args()
    defaults = Settings()
    image = worst_case_image(defaults.max_image_pixels, defaults.max_attachment_bytes)
    files = [image] * defaults.max_attachments
    text = ("Меня допрашивал майор Сергей Волков в Курске. " * 2000)[: defaults.max_text_chars]

    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(data_dir=Path(tmp) / "data")
        server = live_server.start(settings, Path(tmp) / "server.log")
        base = server.url
        try:
            server.wait_ready()
            warm: list[int] = []  # every language's models loaded before measuring
            for sample in (
                "Ivan Petrov from Tula refused to go.",
                "Меня допрашивал майор Сергей Волков в Курске.",
                "Мене звати Олена Коваль, я з Бердичева.",
            ):
                submit(base, sample, [], warm)
            idle = proc_status(server.process.pid, "VmRSS")
            results: list[int] = []
            threads = [
                threading.Thread(target=submit, args=(base, text, files, results))
                for _ in range(args.concurrent)
            ]
            started = time.perf_counter()
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            elapsed = time.perf_counter() - started
            peak = proc_status(server.process.pid, "VmHWM")
        finally:
            server.stop()

    print(f"submissions         : {args.concurrent} concurrent, answers {sorted(results)}")
    print(
        f"each                : {len(files)} PNG images of {defaults.max_image_pixels / 1e6:.0f} "
        f"MP ({len(image) / MIB:.1f} MiB each), {len(text)} characters"
    )
    print(f"wall time           : {elapsed:.1f} s")
    print(f"server RSS warm     : {idle / MIB:.0f} MiB")
    print(f"server peak RSS     : {peak / MIB:.0f} MiB  (target: under 600 MiB)")


if __name__ == "__main__":
    main()
