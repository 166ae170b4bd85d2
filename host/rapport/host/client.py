"""A strict client for a host process over real pipes: used by the tests, the benchmarks and `rapport` tools.

Every frame read is checked: a 4-byte length of at most 1 MiB and a UTF-8 JSON object; anything else raises
BadOutput, so a test using this client also proves that stdout carries nothing but well-formed frames.
"""

from __future__ import annotations

import contextlib
import json
import os
import selectors
import subprocess
import threading
import time
from collections.abc import Sequence
from typing import Any

from rapport.host.framing import HEADER, MAX_REPLY_FRAME


class BadOutput(AssertionError):
    """The host wrote something that is not a well-formed frame."""


class HostTimeout(AssertionError):
    """The host did not answer in time (a hang)."""


def frame(message: Any) -> bytes:
    body = json.dumps(message).encode("utf-8")
    return HEADER.pack(len(body)) + body


class HostProcess:
    """One host subprocess. POSIX only (uses select on the pipe)."""

    def __init__(
        self, cmd: Sequence[str], args: Sequence[str] = (), env: dict[str, str] | None = None
    ) -> None:
        self.proc = subprocess.Popen(
            [*cmd, *args], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env
        )
        self._fd = self.proc.stdout.fileno()
        self._buffer = bytearray()
        self._selector = selectors.DefaultSelector()
        self._selector.register(self._fd, selectors.EVENT_READ)
        self._stderr = bytearray()
        self._stderr_thread = threading.Thread(target=self._drain_stderr, daemon=True)
        self._stderr_thread.start()
        self._next_id = 0

    def _drain_stderr(self) -> None:
        while chunk := self.proc.stderr.read1(65536):
            self._stderr.extend(chunk)

    @property
    def stderr(self) -> str:
        return self._stderr.decode("utf-8", "replace")

    # -- writing
    def send_raw(self, data: bytes) -> None:
        self.proc.stdin.write(data)
        self.proc.stdin.flush()

    def send(self, message: Any) -> None:
        self.send_raw(frame(message))

    def close_input(self) -> None:
        if not self.proc.stdin.closed:
            self.proc.stdin.close()

    # -- reading
    def _fill(self, n: int, deadline: float) -> bool:
        """Read until the buffer holds n bytes; False at end of output."""
        while len(self._buffer) < n:
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not self._selector.select(remaining):
                raise HostTimeout(f"no reply within the timeout (have {len(self._buffer)} of {n} bytes)")
            chunk = os.read(self._fd, 1 << 20)
            if not chunk:
                return False
            self._buffer.extend(chunk)
        return True

    def read_raw(self, timeout: float = 10.0) -> bytes | None:
        """The next frame's body, or None at a clean end of output."""
        deadline = time.monotonic() + timeout
        if not self._fill(HEADER.size, deadline):
            if self._buffer:
                raise BadOutput(f"output ended inside a frame header: {bytes(self._buffer)!r}")
            return None
        (length,) = HEADER.unpack_from(self._buffer)
        if length > MAX_REPLY_FRAME:
            raise BadOutput(
                f"frame length {length} is over 1 MiB (stray output? {bytes(self._buffer[:64])!r})"
            )
        if not self._fill(HEADER.size + length, deadline):
            raise BadOutput(f"output ended inside a frame body of {length} bytes")
        body = bytes(self._buffer[HEADER.size : HEADER.size + length])
        del self._buffer[: HEADER.size + length]
        return body

    def read(self, timeout: float = 10.0) -> dict[str, Any] | None:
        """The next reply object, or None at a clean end of output."""
        body = self.read_raw(timeout)
        if body is None:
            return None
        try:
            message = json.loads(body.decode("utf-8"))
        except ValueError as e:
            raise BadOutput(f"frame body is not UTF-8 JSON: {e}") from None
        if not isinstance(message, dict):
            raise BadOutput(f"frame body is not a JSON object: {type(message).__name__}")
        return message

    def request(self, message: dict[str, Any], timeout: float = 10.0) -> dict[str, Any]:
        """Send `message` (given an id if it has none) and return its reply."""
        if "id" not in message:
            self._next_id += 1
            message = {"id": self._next_id, **message}
        self.send(message)
        reply = self.read(timeout)
        if reply is None:
            raise BadOutput(f"host closed its output; exit {self.proc.poll()}; stderr: {self.stderr[-2000:]}")
        return reply

    # -- ending
    def finish(self, timeout: float = 10.0) -> int:
        """Close stdin, require no further output, and return the exit code."""
        self.close_input()
        extra = self.read_raw(timeout)
        if extra is not None:
            raise BadOutput(f"unexpected frame after end of input: {extra[:200]!r}")
        return self.wait(timeout)

    def wait(self, timeout: float = 10.0) -> int:
        try:
            code = self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            raise HostTimeout("host did not exit") from None
        self._stderr_thread.join(timeout)
        return code

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()

    def __enter__(self) -> HostProcess:
        return self

    def __exit__(self, *exc: object) -> None:
        self.kill()
        for stream in (self.proc.stdin, self.proc.stdout, self.proc.stderr):
            with contextlib.suppress(OSError):
                stream.close()
        self._selector.close()
