"""The allocator settings apply where the C library is glibc."""

from __future__ import annotations

import platform

import pytest

from intake import malloc


@pytest.mark.skipif(platform.libc_ver()[0] != "glibc", reason="mallopt is glibc's")
def test_glibc_takes_the_settings() -> None:
    assert malloc.tune()
