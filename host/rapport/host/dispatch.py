"""One dispatch table: request type -> handler. Handlers get the request object and return the `result`."""

from __future__ import annotations

import math
import sys
import traceback
from collections.abc import Callable
from typing import Any

from rapport import product
from rapport.context import Context, InvalidField, Options
from rapport.host.errors import Code, ProtocolError, error_reply
from rapport.host.framing import MAX_REPLY_FRAME, MAX_REQUEST_FRAME
from rapport.spans import utf16_len

MAX_TEXT_UTF16 = 256 * 1024  # longest `text`, in UTF-16 code units (JavaScript's `text.length`)
MAX_ID_LENGTH = 256

Handler = Callable[[dict[str, Any]], dict[str, Any]]


def _hello(request: dict[str, Any]) -> dict[str, Any]:
    from rapport import ruleset

    return {
        "name": product.NAME,
        "version": product.VERSION,
        "protocol": product.PROTOCOL_VERSION,
        "ruleset": ruleset.version(),
        "capabilities": sorted(HANDLERS),
        "limits": {
            "text": MAX_TEXT_UTF16,
            "request_frame": MAX_REQUEST_FRAME,
            "reply_frame": MAX_REPLY_FRAME,
        },
    }


def _ping(request: dict[str, Any]) -> dict[str, Any]:
    return {"pong": True}


def _analyze(request: dict[str, Any]) -> dict[str, Any]:
    import rapport

    text = request.get("text")
    if text is None:
        raise ProtocolError(Code.MISSING_FIELD, "analyze needs `text` (a string)")
    if not isinstance(text, str):
        raise ProtocolError(Code.INVALID_FIELD, "text: must be a string")
    length = utf16_len(text)
    if length > MAX_TEXT_UTF16:
        raise ProtocolError(
            Code.TEXT_TOO_LONG, f"text is {length} UTF-16 code units; the limit is {MAX_TEXT_UTF16}"
        )
    try:
        context = Context.from_dict(request.get("context"))
        options = Options.from_dict(request.get("options"))
    except InvalidField as e:
        raise ProtocolError(Code.INVALID_FIELD, str(e)) from None
    result = rapport.analyze(text, context, options).to_dict()
    result["truncated"] = False
    result["findings_total"] = len(result["findings"])
    return result


def _rules(request: dict[str, Any]) -> dict[str, Any]:
    from rapport.analyzer import RULESET_VERSION, rule_catalog

    return {"ruleset": RULESET_VERSION, "rules": rule_catalog()}


HANDLERS: dict[str, Handler] = {"hello": _hello, "ping": _ping, "analyze": _analyze, "rules": _rules}


def request_id(request: dict[str, Any]) -> Any:
    """The request's `id` (a string of at most 256 characters, or a finite number), else ProtocolError."""
    if "id" not in request:
        raise ProtocolError(Code.MISSING_FIELD, "every request needs an `id` (string or number)")
    value = request["id"]
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise ProtocolError(Code.INVALID_FIELD, "id: must be a string or a number")
    if isinstance(value, float) and not math.isfinite(value):
        raise ProtocolError(Code.INVALID_FIELD, "id: must be a finite number")
    if isinstance(value, str) and len(value) > MAX_ID_LENGTH:
        raise ProtocolError(Code.INVALID_FIELD, f"id: at most {MAX_ID_LENGTH} characters")
    return value


class Dispatcher:
    """Turns one request object into one reply object; never raises."""

    def __init__(self, caller_allowed: bool = True, handlers: dict[str, Handler] | None = None) -> None:
        self.caller_allowed = caller_allowed
        self.handlers = HANDLERS if handlers is None else handlers

    def handle(self, request: dict[str, Any]) -> dict[str, Any]:
        try:
            rid = request_id(request)
        except ProtocolError as e:
            rid, id_error = None, e
        else:
            id_error = None
        try:
            if not self.caller_allowed:
                raise ProtocolError(
                    Code.FORBIDDEN_ORIGIN,
                    "this host only answers the Rapport extension; the caller is not it",
                )
            if id_error:
                raise id_error
            return {"id": rid, "ok": True, "result": self._handler(request)(request)}
        except ProtocolError as e:
            return error_reply(rid, e.code, e.message)
        except Exception as e:  # a bug: report it, keep serving
            log_exception(e)
            message = f"internal error ({type(e).__name__}); the host goes on"
            return error_reply(rid, Code.INTERNAL_ERROR, message)

    def _handler(self, request: dict[str, Any]) -> Handler:
        kind = request.get("type")
        if kind is None:
            raise ProtocolError(Code.MISSING_FIELD, "every request needs a `type`")
        if not isinstance(kind, str):
            raise ProtocolError(Code.INVALID_FIELD, "type: must be a string")
        handler = self.handlers.get(kind)
        if handler is None:
            raise ProtocolError(
                Code.UNKNOWN_TYPE, f"unknown type; known types: {', '.join(sorted(self.handlers))}"
            )
        return handler


def log_exception(error: BaseException) -> None:
    """Exception type and code locations to stderr, never the exception's message (it may quote the text)."""
    frames = traceback.extract_tb(error.__traceback__)
    where = " <- ".join(f"{f.filename.rsplit('/', 1)[-1]}:{f.lineno} {f.name}" for f in reversed(frames))
    print(f"rapport-host: internal error {type(error).__name__} at {where}", file=sys.stderr, flush=True)
