"""The host as a real subprocess over real pipes (source and frozen, via the `host_cmd` fixture).

HostProcess (rapport.host.client) checks every frame it reads: a length of at most 1 MiB and a UTF-8 JSON
object, so each test also proves that stdout carries nothing but well-formed frames.
"""

from __future__ import annotations

import json
import struct

import pytest
from rapport import product
from rapport.host.client import HostProcess, frame
from rapport.host.dispatch import MAX_TEXT_UTF16
from rapport.host.framing import MAX_REPLY_FRAME, MAX_REQUEST_FRAME

pytestmark = pytest.mark.timeout(120)

PITCH = "Hi, I came across your profile and would love to book a quick call to show you our platform."


def error_name(reply: dict) -> str:
    assert reply["ok"] is False, reply
    assert set(reply["error"]) == {"code", "name", "message"}
    return reply["error"]["name"]


@pytest.fixture
def host(host_cmd):
    with HostProcess(host_cmd) as process:
        yield process


def test_hello(host):
    import rapport.analyzer

    reply = host.request({"id": "h1", "type": "hello"})
    assert reply["id"] == "h1" and reply["ok"] is True
    result = reply["result"]
    assert result["name"] == product.NAME
    assert result["version"] == product.VERSION
    assert result["protocol"] == product.PROTOCOL_VERSION
    assert result["ruleset"] == rapport.analyzer.RULESET_VERSION
    assert {"hello", "ping", "analyze", "rules"} <= set(result["capabilities"])
    assert result["limits"] == {
        "text": MAX_TEXT_UTF16,
        "request_frame": MAX_REQUEST_FRAME,
        "reply_frame": MAX_REPLY_FRAME,
    }
    assert host.finish() == 0


def test_ping(host):
    assert host.request({"id": 7, "type": "ping"}) == {"id": 7, "ok": True, "result": {"pong": True}}
    assert host.finish() == 0


def test_analyze_pitch_and_friendly_text(host):
    reply = host.request(
        {"id": 1, "type": "analyze", "text": PITCH, "context": {"surface": "message", "first_contact": True}}
    )
    report = reply["result"]
    assert reply["ok"] is True and reply["id"] == 1
    assert report["level"] in ("warning", "error")
    assert report["truncated"] is False
    assert report["findings_total"] == len(report["findings"]) > 0
    for f in report["findings"]:
        assert 0 <= f["start"] < f["end"] <= len(PITCH)
        assert f["message"] and f["advice"]
    assert set(report["readability"]) == {"flesch_reading_ease", "grade", "words", "sentences"}

    friendly = "Loved your talk on rural broadband last week. The part about co-ops surprised me."
    report = host.request({"id": 2, "type": "analyze", "text": friendly})["result"]
    assert report["level"] == "ok", report["findings"]
    assert host.finish() == 0


def test_analyze_spans_count_utf16_units(host):
    text = "😀😀 " + PITCH
    report = host.request({"id": 1, "type": "analyze", "text": text})["result"]
    plain = host.request({"id": 2, "type": "analyze", "text": PITCH})["result"]
    # every span moves by the 5 UTF-16 units of the prefix; a finding about the whole message starts at 0
    assert [(f["rule"], max(0, f["start"] - 5), f["end"] - 5) for f in report["findings"]] == [
        (f["rule"], f["start"], f["end"]) for f in plain["findings"]
    ]


def test_rules(host):
    import rapport.analyzer

    reply = host.request({"id": "r", "type": "rules"})
    result = reply["result"]
    assert result["ruleset"] == rapport.analyzer.RULESET_VERSION
    ids = [rule["id"] for rule in result["rules"]]
    assert len(ids) == len(set(ids)) >= 3
    for rule in result["rules"]:
        assert {"id", "category", "severity", "message", "advice"} <= set(rule)
    assert host.finish() == 0


def test_bad_frames_get_error_frames_and_the_host_goes_on(host):
    cases = [
        (b"{not json", "bad_json"),
        (b'{"text": "\xff\xfe"}', "bad_utf8"),
        (b"[1, 2]", "not_object"),
        (b"", "bad_frame"),
        (b'{"id": 1, "type": "ping", "x": NaN}', "bad_json"),
    ]
    for body, name in cases:
        host.send_raw(struct.pack("=I", len(body)) + body)
        reply = host.read()
        assert reply["id"] is None and error_name(reply) == name
        assert host.request({"id": "alive", "type": "ping"})["ok"] is True
    assert host.finish() == 0


def test_request_errors_keep_the_id(host):
    cases = [
        ({"id": 1}, "missing_field"),
        ({"id": 2, "type": "dance"}, "unknown_type"),
        ({"id": 3, "type": 5}, "invalid_field"),
        ({"id": 4, "type": "analyze"}, "missing_field"),
        ({"id": 5, "type": "analyze", "text": ["a"]}, "invalid_field"),
        ({"id": 6, "type": "analyze", "text": "hi", "context": {"surface": "billboard"}}, "invalid_field"),
        ({"id": 7, "type": "analyze", "text": "hi", "options": {"sensitivity": 3}}, "invalid_field"),
    ]
    for request, name in cases:
        reply = host.request(request)
        assert reply["id"] == request["id"] and error_name(reply) == name
    reply = host.request({"id": 8, "type": "analyze", "text": "hi", "context": {"surface": "billboard"}})
    assert reply["error"]["message"].startswith("context.surface")
    for bad_id in (None, True, [1], {"a": 1}, "x" * 300):
        reply = host.request({"id": bad_id, "type": "ping"})
        assert reply["id"] is None and error_name(reply) == "invalid_field"
    host.send({"type": "ping"})
    reply = host.read()
    assert reply["id"] is None and error_name(reply) == "missing_field"
    assert host.finish() == 0


def test_error_messages_never_contain_the_text(host):
    secret = "Zebra-Quartz my private words"
    requests = [
        {"id": 1, "type": "analyze", "text": secret, "context": {"site": secret}},
        {"id": 2, "type": "analyze", "text": secret, "options": {"disabled_rules": secret}},
        {"id": 3, "type": secret, "text": secret},
        {"id": 4, "type": "analyze", "text": secret * 20_000},
    ]
    for request in requests:
        reply = host.request(request)
        assert reply["ok"] is False and "Zebra" not in reply["error"]["message"]
    host.close_input()
    assert host.wait() == 0
    assert "Zebra" not in host.stderr


def test_text_over_the_cap(host):
    at_cap = "a" * MAX_TEXT_UTF16
    assert host.request({"id": 1, "type": "analyze", "text": at_cap}, timeout=60)["ok"] is True
    reply = host.request({"id": 2, "type": "analyze", "text": at_cap + "b"})
    assert reply["id"] == 2 and error_name(reply) == "text_too_long"
    astral = "😀" * (MAX_TEXT_UTF16 // 2 + 1)  # under the cap in code points, over it in UTF-16 units
    assert error_name(host.request({"id": 3, "type": "analyze", "text": astral})) == "text_too_long"
    assert host.finish() == 0


def test_frame_over_the_request_cap_is_skipped(host):
    body = b'{"id": 1, "type": "ping", "pad": "' + b"x" * MAX_REQUEST_FRAME + b'"}'
    host.send_raw(struct.pack("=I", len(body)) + body + frame({"id": 2, "type": "ping"}))
    reply = host.read()
    assert reply["id"] is None and error_name(reply) == "frame_too_large"
    assert host.read() == {"id": 2, "ok": True, "result": {"pong": True}}
    assert host.finish() == 0


def test_eof_exits_zero(host):
    assert host.finish() == 0
    assert host.stderr == ""


def test_eof_inside_a_frame_exits_four(host):
    host.send_raw(struct.pack("=I", 100) + b'{"id": 1')
    assert host.finish() == 4
    assert "rapport-host: input ended after 8 of 100 body bytes" in host.stderr


def test_unsyncable_stream_says_so_and_exits_three(host):
    host.send_raw(b'{"id": 1, "type": "ping"}')  # JSON without a header: its first bytes read as ~1.6 GB
    reply = host.read()
    assert reply["id"] is None and error_name(reply) == "stream_desync"
    assert host.wait() == 3
    assert "cannot be resynchronised" in host.stderr


def test_pipelined_requests_keep_their_ids(host):
    requests = []
    for i in range(300):
        kind = ("ping", "analyze", "hello", "bogus")[i % 4]
        request = {"id": f"req-{i}" if i % 2 else i, "type": kind}
        if kind == "analyze":
            request["text"] = f"Message {i}: " + PITCH[: i % len(PITCH)]
        requests.append(request)
    host.send_raw(b"".join(frame(r) for r in requests))
    replies = [host.read(timeout=30) for _ in requests]
    assert [r["id"] for r in replies] == [r["id"] for r in requests]
    assert [r["ok"] for r in replies] == [r["type"] != "bogus" for r in requests]
    assert host.finish() == 0


def test_reply_stays_under_one_mib_when_findings_are_trimmed(host):
    text = ("Book a quick call with me! " * 10_000)[:MAX_TEXT_UTF16]
    host.send({"id": "big", "type": "analyze", "text": text})
    body = host.read_raw(timeout=120)
    assert len(body) <= MAX_REPLY_FRAME
    report = json.loads(body)["result"]
    assert report["truncated"] is True
    assert 0 < len(report["findings"]) < report["findings_total"]
    starts = [f["start"] for f in report["findings"]]
    assert starts == sorted(starts)
    assert len(body) > MAX_REPLY_FRAME * 0.9  # trimmed to fill the frame, not emptied
    assert host.finish() == 0


@pytest.mark.parametrize(
    "args",
    [
        ["chrome-extension://aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/"],
        ["/home/u/.mozilla/native-messaging-hosts/org.rapport.host.json", "evil@example.com"],
    ],
)
def test_foreign_caller_is_refused(host_cmd, args):
    with HostProcess(host_cmd, args) as host:
        for request in ({"id": 1, "type": "hello"}, {"id": 2, "type": "analyze", "text": PITCH}):
            reply = host.request(request)
            assert reply["id"] == request["id"] and error_name(reply) == "forbidden_origin"
            assert "Rapport extension" in reply["error"]["message"]
        assert host.finish() == 0


@pytest.mark.parametrize(
    "args",
    [
        [product.CHROME_ORIGIN],
        [product.CHROME_ORIGIN, "--parent-window=0"],
        ["/home/u/.mozilla/native-messaging-hosts/org.rapport.host.json", product.GECKO_ID],
    ],
)
def test_our_extension_is_served(host_cmd, args):
    with HostProcess(host_cmd, args) as host:
        assert host.request({"id": 1, "type": "hello"})["ok"] is True
        assert host.finish() == 0


def test_frame_trickled_byte_by_byte(host):
    """A header and body split across many pipe writes (and reads) still make one request."""
    import time

    data = frame({"id": "slow", "type": "ping"})
    for i in range(len(data)):
        host.send_raw(data[i : i + 1])
        if i < 6:
            time.sleep(0.02)  # let the host see the header in pieces
    assert host.read() == {"id": "slow", "ok": True, "result": {"pong": True}}
    assert host.finish() == 0


def test_closed_output_exits_five(host):
    """The browser went away without closing our input: the first failed write ends the host."""
    host.proc.stdout.close()
    host.send({"id": 1, "type": "ping"})
    assert host.wait() == 5
    assert "rapport-host: output closed" in host.stderr
