"""Claim the process's stdin/stdout for frames so that nothing else can read or write the browser's channel.

After `claim()`, fd 0 reads from the null device and fd 1 is a copy of stderr: a stray `print()`, `input()` or
child process in any library goes to stderr (or gets EOF) instead of corrupting the frame stream.
"""

from __future__ import annotations

import io
import os
import sys
from dataclasses import dataclass
from typing import BinaryIO


@dataclass(frozen=True, slots=True)
class Channel:
    frames_in: BinaryIO
    frames_out: BinaryIO


def _binary(fd: int) -> None:
    # Windows opens the std handles in text mode: CR/LF translation would break frames.
    if sys.platform == "win32":
        import msvcrt

        msvcrt.setmode(fd, os.O_BINARY)


def claim() -> Channel:
    """Private copies of fds 0 and 1 for frames; fds 0/1 and sys.stdin/sys.stdout pointed away from them."""
    for stream in (sys.stdout, sys.stderr):
        if stream is not None:
            stream.flush()
    for fd in (0, 1):
        _binary(fd)
    in_fd, out_fd = os.dup(0), os.dup(1)
    for fd in (in_fd, out_fd):
        _binary(fd)
    null_in = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null_in, 0)
    os.close(null_in)
    try:
        os.dup2(2, 1)
    except OSError:  # no stderr at all: stray output goes nowhere
        null_out = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null_out, 1)
        os.close(null_out)
    if sys.stderr is None:  # pythonw / a GUI-subsystem freeze
        sys.stderr = io.TextIOWrapper(io.BytesIO(), write_through=True)
    sys.stdout = sys.stderr
    sys.stdin = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    return Channel(
        frames_in=open(in_fd, "rb", buffering=256 * 1024, closefd=True),  # noqa: SIM115
        frames_out=open(out_fd, "wb", buffering=0, closefd=True),  # noqa: SIM115
    )
