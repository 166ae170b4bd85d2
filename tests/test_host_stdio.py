"""The stdout guard: after rapport.host.stdio.claim(), nothing but the frame channel reaches the real stdout,
and nothing but the frame channel reads the real stdin."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

SCRIPT = textwrap.dedent(
    """
    import os, subprocess, sys
    from rapport.host import stdio

    channel = stdio.claim()
    print("stray print")                       # sys.stdout
    os.write(1, b"stray fd write\\n")           # fd 1 directly
    subprocess.run(["sh", "-c", "echo stray child"])  # a child process inherits fds 0/1
    try:
        input()
        got = "input() read something"
    except EOFError:
        got = "input() got EOF"
    child_in = subprocess.run(["cat"], capture_output=True).stdout
    print(got, "child read", len(child_in), "bytes", file=sys.stderr)
    data = channel.frames_in.read()
    channel.frames_out.write(b"FRAMES:" + data)
    """
)


@pytest.mark.timeout(60)
@pytest.mark.skipif(sys.platform == "win32", reason="uses sh")
def test_stray_output_goes_to_stderr_and_stdin_is_reserved():
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT], input=b"request bytes", capture_output=True, timeout=30
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == b"FRAMES:request bytes"
    err = result.stderr.decode()
    for stray in ("stray print", "stray fd write", "stray child"):
        assert stray in err
    assert "input() got EOF child read 0 bytes" in err
