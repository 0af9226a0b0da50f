"""glibc's allocator set for a server whose requests hold large, short-lived buffers.

A submission holds files of up to 10 MiB and decodes images into up to 64 MiB of pixels. glibc
raises its mmap threshold to the largest block freed so far (up to 32 MiB); after that such
buffers come from heap arenas (up to eight per core, one per thread that asks), and space freed
there mostly stays with the process. With every block of 1 MiB or more mapped, and so returned
when freed, and two arenas, one worker measured 513 MiB warm instead of 682 MiB and a 725 MiB
peak instead of 1,012 MiB under three concurrent worst-case submissions
(``bench/bench_memory.py``). The same as ``MALLOC_ARENA_MAX=2 MALLOC_MMAP_THRESHOLD_=1048576``
in the environment, set from inside so that every way of starting a worker gets it.
"""

from __future__ import annotations

import ctypes

M_MMAP_THRESHOLD = -3  # glibc's <malloc.h>
M_ARENA_MAX = -8
MMAP_THRESHOLD = 1024 * 1024
ARENA_MAX = 2


def tune() -> bool:
    """Apply the settings; False where the C library is not glibc (its allocator decides)."""
    mallopt = getattr(ctypes.CDLL(None), "mallopt", None)
    if mallopt is None:
        return False
    return bool(mallopt(M_ARENA_MAX, ARENA_MAX)) and bool(mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD))
