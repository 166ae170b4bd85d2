"""The dispatch table, reply fitting and caller check, in process (no analyser needed except where named)."""

from __future__ import annotations

import json

import pytest
from rapport import product
from rapport.host import caller
from rapport.host.dispatch import MAX_ID_LENGTH, MAX_TEXT_UTF16, Dispatcher
from rapport.host.fitting import fit_reply
from rapport.host.framing import HEADER
from rapport.spans import utf16_len


def finding(i: int, severity: str = "warning", size: int = 100) -> dict:
    return {
        "rule": f"pitch.rule_{i}",
        "category": "pitch",
        "severity": severity,
        "start": i * 10,
        "end": i * 10 + 5,
        "message": "m" * size,
        "advice": "a",
    }


def report(findings: list[dict]) -> dict:
    return {
        "pitchy": True,
        "impersonal": False,
        "scores": {"pitch": 90, "impersonal": 0},
        "level": "error",
        "findings": findings,
        "readability": {"flesch_reading_ease": 50.0, "grade": 8.0, "words": 10, "sentences": 1},
        "truncated": False,
        "findings_total": len(findings),
    }


def decode(frame: bytes) -> tuple[int, dict]:
    (length,) = HEADER.unpack(frame[:4])
    assert length == len(frame) - 4
    return length, json.loads(frame[4:])


def test_small_reply_is_untouched():
    reply = {"id": 1, "ok": True, "result": report([finding(i) for i in range(5)])}
    _, decoded = decode(fit_reply(reply))
    assert decoded == reply


def test_large_report_is_trimmed_to_the_limit_keeping_the_most_severe():
    severities = ["info", "warning", "error"]
    findings = [finding(i, severities[i % 3], size=200) for i in range(3000)]
    reply = {"id": "x", "ok": True, "result": report(findings)}
    limit = 64 * 1024
    length, decoded = decode(fit_reply(reply, limit))
    result = decoded["result"]
    assert length <= limit
    assert length > limit - 400  # filled, not emptied: at most one finding's worth of space unused
    assert result["truncated"] is True and result["findings_total"] == 3000
    kept = result["findings"]
    assert {f["severity"] for f in kept} == {"error"}  # 1000 errors do not fit in 64 KiB: only errors kept
    assert [f["start"] for f in kept] == sorted(f["start"] for f in kept)
    assert kept[0] == findings[2]  # earliest errors first
    assert decoded["id"] == "x" and result["scores"] == {"pitch": 90, "impersonal": 0}


def test_trimming_mixes_severities_in_text_order_when_errors_fit():
    findings = [finding(i, "error" if i % 10 == 0 else "info", size=200) for i in range(1000)]
    length, decoded = decode(fit_reply({"id": 1, "ok": True, "result": report(findings)}, 64 * 1024))
    kept = decoded["result"]["findings"]
    assert sum(f["severity"] == "error" for f in kept) == 100  # every error kept
    assert 100 < len(kept) < 1000
    assert [f["start"] for f in kept] == sorted(f["start"] for f in kept)


def test_oversized_non_report_becomes_an_error():
    reply = {"id": 5, "ok": True, "result": {"rules": ["r" * 1000] * 2000}}
    _, decoded = decode(fit_reply(reply))
    assert decoded["id"] == 5 and decoded["error"]["name"] == "reply_too_large"


def test_utf16_length_matches_javascript():
    assert utf16_len("abc") == 3
    assert utf16_len("é😀") == 3
    assert utf16_len("\ud800x") == 2  # a lone surrogate is one unit, as in JavaScript


@pytest.mark.parametrize(
    ("argv", "name", "allowed"),
    [
        ([], None, True),
        ([product.CHROME_ORIGIN], product.CHROME_ORIGIN, True),
        ([product.CHROME_ORIGIN.rstrip("/")], product.CHROME_ORIGIN, True),
        ([product.CHROME_ORIGIN, "--parent-window=1234"], product.CHROME_ORIGIN, True),
        (["--parent-window=1234", product.CHROME_ORIGIN], product.CHROME_ORIGIN, True),
        (["/x/org.rapport.host.json", product.GECKO_ID], product.GECKO_ID, True),
        (["C:\\R\\org.rapport.host.JSON", product.GECKO_ID], product.GECKO_ID, True),
        (
            ["chrome-extension://abcdefghabcdefghabcdefghabcdefgh/"],
            "chrome-extension://abcdefghabcdefghabcdefghabcdefgh/",
            False,
        ),
        (["/x/org.rapport.host.json", "other@example.org"], "other@example.org", False),
        (["moz-extension://1234/"], "moz-extension://1234/", False),
    ],
)
def test_caller_identification(argv, name, allowed):
    who = caller.identify(argv)
    assert who.name == name
    assert who.allowed is allowed


def test_forbidden_caller_gets_forbidden_for_every_type():
    d = Dispatcher(caller_allowed=False)
    for kind in ("hello", "ping", "analyze", "rules", "nope"):
        reply = d.handle({"id": kind, "type": kind, "text": "x"})
        assert reply["id"] == kind and reply["error"]["name"] == "forbidden_origin"


def test_ids_of_every_json_kind():
    d = Dispatcher()
    for good in (0, -1, 2**53, 1.5, "", "abc", "x" * MAX_ID_LENGTH):
        assert d.handle({"id": good, "type": "ping"}) == {"id": good, "ok": True, "result": {"pong": True}}
    for bad in (None, False, [], {}, "x" * (MAX_ID_LENGTH + 1)):
        reply = d.handle({"id": bad, "type": "ping"})
        assert reply["id"] is None and reply["error"]["name"] == "invalid_field"


def test_handler_exception_is_an_internal_error_without_its_message(capsys):
    def broken(request: dict) -> dict:
        raise KeyError("the user's secret words")

    reply = Dispatcher(handlers={"broken": broken}).handle({"id": 1, "type": "broken"})
    assert reply["id"] == 1 and reply["error"]["name"] == "internal_error"
    assert "KeyError" in reply["error"]["message"]
    err = capsys.readouterr().err
    assert "KeyError" in err and "test_host_dispatch.py" in err
    assert "secret" not in err and "secret" not in reply["error"]["message"]


def test_text_cap_is_checked_before_analysis():
    reply = Dispatcher().handle({"id": 1, "type": "analyze", "text": "a" * (MAX_TEXT_UTF16 + 1)})
    assert reply["error"]["name"] == "text_too_long"
    assert str(MAX_TEXT_UTF16) in reply["error"]["message"]


def test_hello_does_not_load_textstat():
    """`hello` is answered before the readability data loads (that happens in the warm-up thread)."""
    import subprocess
    import sys

    script = (
        "import sys\n"
        "from rapport.host.dispatch import Dispatcher\n"
        "reply = Dispatcher().handle({'id': 1, 'type': 'hello'})\n"
        "assert reply['ok'], reply\n"
        "assert 'textstat' not in sys.modules, 'hello loaded textstat'\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr


def test_finding_to_dict_has_every_field():
    """Finding.to_dict is spelled out for speed (it runs for every finding of every reply): complete?"""
    import dataclasses

    from rapport.findings import Finding

    f = Finding("pitch.call_to_action", "pitch", "warning", 3, 9, "message", "advice")
    assert f.to_dict() == dataclasses.asdict(f)
