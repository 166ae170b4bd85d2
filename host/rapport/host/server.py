"""The host's loop: read a frame, dispatch it, write exactly one reply frame, until end of input.

Exit codes (docs/protocol.md): 0 end of input between frames; 3 stream cannot be resynchronised;
4 input ended inside a frame; 5 the browser closed our output.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from typing import Any, BinaryIO

from rapport.host.dispatch import Dispatcher, log_exception
from rapport.host.errors import Code, ProtocolError, error_reply
from rapport.host.fitting import fit_reply
from rapport.host.framing import (
    EndOfInput,
    FrameReader,
    StreamDesync,
    TruncatedInput,
    decode_body,
    encode_frame,
)

EXIT_OK = 0
EXIT_DESYNC = 3
EXIT_TRUNCATED = 4
EXIT_OUTPUT_CLOSED = 5


def log(message: str) -> None:
    """One line to stderr (the browser's log). Callers never pass text the user typed."""
    print(f"rapport-host: {message}", file=sys.stderr, flush=True)


def warm_up() -> None:
    """Load the analyser and readability data ahead of the first `analyze` (runs in a background thread)."""
    try:
        import rapport.analyzer  # noqa: F401
        from rapport import readability
        from rapport.analyzer import model

        model.shipped()
        readability.warm()
    except Exception as e:  # the first analyze will report the real problem
        log_exception(e)


def start_warm_up() -> threading.Thread:
    thread = threading.Thread(target=warm_up, name="rapport-warm-up", daemon=True)
    thread.start()
    return thread


def serve(
    frames_in: BinaryIO,
    frames_out: BinaryIO,
    dispatcher: Dispatcher,
    after_first_reply: Callable[[], object] | None = None,
) -> int:
    """Answer every frame on `frames_in` with one frame on `frames_out`, in order. Returns the exit code.
    `after_first_reply` runs once the first reply is out (the warm-up: it must not slow `hello` down)."""
    reader = FrameReader(frames_in)
    while True:
        try:
            reply: dict[str, Any] = dispatcher.handle(decode_body(reader.read_frame()))
        except ProtocolError as e:  # a bad frame whose length was known: it has been read past
            reply = error_reply(None, e.code, e.message)
        except EndOfInput:
            return EXIT_OK
        except TruncatedInput as e:
            log(f"{e}; exiting with {EXIT_TRUNCATED}")
            return EXIT_TRUNCATED
        except StreamDesync as e:
            log(f"{e}: the stream cannot be resynchronised; exiting with {EXIT_DESYNC}")
            _write(frames_out, encode_frame(error_reply(None, Code.STREAM_DESYNC, f"{e}; the host exits")))
            return EXIT_DESYNC
        try:
            frame = fit_reply(reply)
        except Exception as e:  # e.g. a NaN in a result
            log_exception(e)
            message = f"internal error ({type(e).__name__}) encoding the reply; the host goes on"
            frame = encode_frame(error_reply(reply.get("id"), Code.INTERNAL_ERROR, message))
        if not _write(frames_out, frame):
            log(f"output closed; exiting with {EXIT_OUTPUT_CLOSED}")
            return EXIT_OUTPUT_CLOSED
        if after_first_reply is not None:
            after_first_reply()
            after_first_reply = None


def _write(out: BinaryIO, frame: bytes) -> bool:
    try:
        view = memoryview(frame)
        while view:
            written = out.write(view)
            view = view[written:]
        out.flush()
        return True
    except (BrokenPipeError, ConnectionResetError, ValueError, OSError):
        return False
