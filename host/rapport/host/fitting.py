"""Make every reply fit the browser's 1 MiB host-to-browser limit, trimming a report's findings if needed."""

from __future__ import annotations

from typing import Any

from rapport.host.errors import Code, error_reply
from rapport.host.framing import MAX_REPLY_FRAME, ReplyTooLarge, encode_body, encode_frame

_SEVERITY_RANK = {"error": 0, "warning": 1, "info": 2}


def fit_reply(reply: dict[str, Any], limit: int = MAX_REPLY_FRAME) -> bytes:
    """The reply's frame. A report too large for one frame keeps its most severe findings (earliest first
    within a severity), in text order, with `truncated: true`; any other oversized reply becomes an error."""
    try:
        return encode_frame(reply, limit)
    except ReplyTooLarge as too_large:
        result = reply.get("result")
        if reply.get("ok") and isinstance(result, dict) and isinstance(result.get("findings"), list):
            return _trimmed(reply, result, limit)
        return encode_frame(
            error_reply(
                reply.get("id"), Code.REPLY_TOO_LARGE, f"reply of {too_large.size} bytes is over {limit}"
            )
        )


def _trimmed(reply: dict[str, Any], result: dict[str, Any], limit: int) -> bytes:
    findings: list[Any] = result["findings"]
    bare = {**reply, "result": {**result, "findings": [], "truncated": True}}
    budget = limit - len(encode_body(bare))
    order = sorted(range(len(findings)), key=lambda i: (_rank(findings[i]), i))
    kept: list[int] = []
    for i in order:
        cost = len(encode_body(findings[i])) + (1 if kept else 0)  # the comma between items
        if cost > budget:
            break
        budget -= cost
        kept.append(i)
    kept.sort()
    bare["result"]["findings"] = [findings[i] for i in kept]
    return encode_frame(bare, limit)  # sizes add up exactly, so this fits


def _rank(finding: Any) -> int:
    return _SEVERITY_RANK.get(finding.get("severity"), 3) if isinstance(finding, dict) else 3
