"""Spawn a native host, send it one framed `hello`, and read the reply, with a timeout."""

from __future__ import annotations

import contextlib
import json
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass

from rapport.host.framing import HEADER, MAX_REPLY_FRAME


class ProbeError(Exception):
    """The host could not be started, did not answer in time, or answered something that is not a frame."""


@dataclass
class Reply:
    message: dict
    seconds: float  # from spawn to the complete reply
    exit_code: int | None  # after stdin was closed; None if it had to be killed


def _read_frame(stream, box: list) -> None:
    try:
        header = stream.read(HEADER.size)
        if len(header) < HEADER.size:
            box.append(ProbeError("the host closed stdout without replying"))
            return
        (length,) = HEADER.unpack(header)
        if length > MAX_REPLY_FRAME:
            box.append(ProbeError(f"absurd reply length {length}: something else wrote to stdout"))
            return
        box.append(json.loads(stream.read(length).decode("utf-8")))
    except (OSError, ValueError) as exc:
        box.append(ProbeError(f"unreadable reply: {exc}"))


def hello(cmd: list[str], timeout: float = 20.0) -> Reply:
    """Start `cmd`, send {"id": "probe", "type": "hello"}, return the reply; then stop the host."""
    body = json.dumps({"id": "probe", "type": "hello"}).encode()
    start = time.perf_counter()
    errors = tempfile.TemporaryFile()  # noqa: SIM115 (a file, not a pipe: a chatty stderr must not block the host)
    try:
        proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=errors)
    except OSError as exc:
        errors.close()
        raise ProbeError(f"cannot start {cmd[0]}: {exc.strerror or exc}") from None
    box: list = []
    reader = threading.Thread(target=_read_frame, args=(proc.stdout, box), daemon=True)
    reader.start()
    try:
        proc.stdin.write(HEADER.pack(len(body)) + body)
        proc.stdin.flush()
    except OSError:
        pass  # the reader reports what happened
    reader.join(timeout)
    seconds = time.perf_counter() - start
    timed_out = reader.is_alive()
    exit_code = _stop(proc, patience=0 if timed_out else 5)
    errors.seek(0)
    stderr = errors.read().decode("utf-8", "replace").strip().splitlines()
    errors.close()
    if timed_out or isinstance(box[0], ProbeError):
        problem = f"no reply within {timeout:.0f} s" if timed_out else str(box[0])
        raise ProbeError(problem + (f" (stderr: {stderr[-1]})" if stderr else ""))
    return Reply(box[0], seconds, exit_code)


def _stop(proc: subprocess.Popen, patience: float) -> int | None:
    """Close stdin (end of input: the host should exit 0) and wait `patience` seconds; then kill it."""
    with contextlib.suppress(OSError):
        proc.stdin.close()
    try:
        return proc.wait(timeout=patience)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
        return None
