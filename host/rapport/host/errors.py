"""Protocol error codes (append-only; docs/protocol.md has the same table) and the exception carrying one."""

from __future__ import annotations

from enum import IntEnum
from typing import Any


class Code(IntEnum):
    """Error codes sent in `{"ok": false, "error": {"code", "name", "message"}}`. Never renumber or reuse."""

    BAD_FRAME = 1  # empty frame body
    FRAME_TOO_LARGE = 2  # request frame over MAX_REQUEST_FRAME (read past and dropped)
    BAD_UTF8 = 3  # frame body is not valid UTF-8
    BAD_JSON = 4  # frame body is not valid JSON
    NOT_OBJECT = 5  # JSON value is not an object
    MISSING_FIELD = 6  # a required field is absent
    INVALID_FIELD = 7  # a field has the wrong type or value
    UNKNOWN_TYPE = 8  # `type` is not one of the message types
    TEXT_TOO_LONG = 9  # `text` over MAX_TEXT_UTF16 code units
    FORBIDDEN_ORIGIN = 10  # the caller is not the Rapport extension
    INTERNAL_ERROR = 11  # a bug in the host: the request failed, the host goes on
    STREAM_DESYNC = 12  # a frame length no browser can send: the host exits (code 3) after this reply
    REPLY_TOO_LARGE = 13  # the result cannot fit in a 1 MiB frame even after trimming


class ProtocolError(Exception):
    """A request that gets an error reply. `message` must never contain text the user typed."""

    def __init__(self, code: Code, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message

    def to_error(self) -> dict[str, Any]:
        return {"code": int(self.code), "name": self.code.name.lower(), "message": self.message}


def error_reply(request_id: Any, code: Code, message: str) -> dict[str, Any]:
    return {"id": request_id, "ok": False, "error": ProtocolError(code, message).to_error()}
