"""Native-messaging frames: a 4-byte native-endian length, then that many bytes of UTF-8 JSON (an object).

Pure functions over byte streams, no process state: unit-tested on raw bytes in tests/test_framing.py.
"""

from __future__ import annotations

import json
import struct
from typing import Any, BinaryIO

from rapport.host.errors import Code, ProtocolError

HEADER = struct.Struct("=I")  # native byte order, always 4 bytes
MAX_REPLY_FRAME = 1024 * 1024  # the browsers' limit for one host-to-browser message
MAX_REQUEST_FRAME = 4 * 1024 * 1024  # larger requests are read past and answered frame_too_large
MAX_SKIPPABLE_FRAME = 64 * 1024 * 1024  # Chrome's browser-to-host cap: a longer length means a broken stream
_CHUNK = 64 * 1024


class EndOfInput(Exception):
    """Input ended cleanly, between frames."""


class TruncatedInput(Exception):
    """Input ended inside a frame (in its header or body)."""


class StreamDesync(Exception):
    """A length no browser can send: the stream cannot be resynchronised."""

    def __init__(self, length: int) -> None:
        super().__init__(f"frame length {length} is over {MAX_SKIPPABLE_FRAME}")
        self.length = length


class ReplyTooLarge(Exception):
    def __init__(self, size: int) -> None:
        super().__init__(f"reply of {size} bytes is over {MAX_REPLY_FRAME}")
        self.size = size


class FrameReader:
    """Reads frame bodies from a binary stream, tolerating short reads (a header split across reads)."""

    def __init__(
        self,
        stream: BinaryIO,
        max_frame: int = MAX_REQUEST_FRAME,
        max_skippable: int = MAX_SKIPPABLE_FRAME,
    ) -> None:
        self._stream = stream
        self.max_frame = max_frame
        self.max_skippable = max_skippable

    def read_frame(self) -> bytes:
        """The next frame's body. Raises EndOfInput, TruncatedInput, StreamDesync, or ProtocolError
        (frame_too_large) after reading past an over-cap frame, so the next call starts at the next frame."""
        header = self._read_exact(HEADER.size)
        if not header:
            raise EndOfInput
        if len(header) < HEADER.size:
            raise TruncatedInput(f"input ended after {len(header)} of 4 header bytes")
        (length,) = HEADER.unpack(header)
        if length > self.max_skippable:
            raise StreamDesync(length)
        if length > self.max_frame:
            self._skip(length)
            raise ProtocolError(
                Code.FRAME_TOO_LARGE, f"request frame of {length} bytes is over the {self.max_frame}-byte cap"
            )
        body = self._read_exact(length)
        if len(body) < length:
            raise TruncatedInput(f"input ended after {len(body)} of {length} body bytes")
        return body

    def _read_exact(self, n: int) -> bytes:
        parts: list[bytes] = []
        got = 0
        while got < n:
            chunk = self._stream.read(n - got)
            if not chunk:
                break
            parts.append(chunk)
            got += len(chunk)
        return b"".join(parts)

    def _skip(self, n: int) -> None:
        while n > 0:
            chunk = self._stream.read(min(n, _CHUNK))
            if not chunk:
                raise TruncatedInput(f"input ended inside an over-cap frame with {n} bytes left")
            n -= len(chunk)


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def decode_body(body: bytes) -> dict[str, Any]:
    """The JSON object in a frame body, or ProtocolError (bad_frame, bad_utf8, bad_json, not_object).
    Error messages give positions only, never the content."""
    if not body:
        raise ProtocolError(Code.BAD_FRAME, "empty frame: a request must be a JSON object")
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as e:
        raise ProtocolError(Code.BAD_UTF8, f"frame body is not UTF-8 (byte {e.start})") from None
    try:
        value = json.loads(text, parse_constant=_reject_constant)
    except json.JSONDecodeError as e:
        raise ProtocolError(Code.BAD_JSON, f"invalid JSON: {e.msg} (char {e.pos})") from None
    except RecursionError:
        raise ProtocolError(Code.BAD_JSON, "invalid JSON: nested too deeply") from None
    except ValueError:  # NaN/Infinity, or an integer with too many digits
        raise ProtocolError(Code.BAD_JSON, "invalid JSON: number out of range") from None
    if not isinstance(value, dict):
        kind = "array" if isinstance(value, list) else "null" if value is None else type(value).__name__
        raise ProtocolError(Code.NOT_OBJECT, f"a request must be a JSON object, not {kind}")
    return value


def encode_body(message: dict[str, Any]) -> bytes:
    """Compact ASCII JSON (escapes keep lone surrogates valid). Raises ValueError on NaN/Infinity."""
    return json.dumps(message, ensure_ascii=True, separators=(",", ":"), allow_nan=False).encode("ascii")


def encode_frame(message: dict[str, Any], limit: int = MAX_REPLY_FRAME) -> bytes:
    """Header + body; raises ReplyTooLarge rather than produce a frame the browser would refuse."""
    body = encode_body(message)
    if len(body) > limit:
        raise ReplyTooLarge(len(body))
    return HEADER.pack(len(body)) + body
