"""Property-based fuzzing of framing and payloads against the real host subprocess (source and frozen).

Properties: the host never crashes or hangs on any input (every read has a deadline, every test a timeout),
every frame whose length it can read gets exactly one reply, in order, and stdout only ever carries
well-formed frames (rapport.host.client checks each one). An `internal_error` counts as a failure: the host
survives it, but it is a bug.
"""

from __future__ import annotations

import contextlib
import json
import struct

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rapport.host.client import HostProcess, frame

pytestmark = pytest.mark.timeout(300)

SETTINGS = {
    "deadline": None,
    "derandomize": True,  # CI runs the same cases every time; failures reproduce
    "suppress_health_check": list(HealthCheck),
}

scalars = (
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text()
)
json_values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=4),
    max_leaves=12,
)
PIECES = [
    "\ud800",
    "\udfff",
    "😀",
    "é",
    "\u200b",
    "\x00",
    "\n",
    " ",
    "a",
    "!!!",
    "https://x.co",
    "$99",
    "@Sam",
]
PIECES += ["Book a quick call", "I came across your profile", "Hi Sam,", "DM me", "our platform", "?"]
texts = st.text(max_size=400) | st.lists(st.sampled_from(PIECES), max_size=40).map("".join)
contexts = st.fixed_dictionaries(
    {},
    optional={
        "site": st.sampled_from(["linkedin", "x"]) | json_values,
        "surface": st.sampled_from(["post", "comment", "message", "invite_note"]) | json_values,
        "first_contact": st.booleans() | json_values,
    },
)
rule_ids = st.lists(st.sampled_from(["pitch.call_to_action", "x"]) | st.text(max_size=5))
options = st.fixed_dictionaries(
    {},
    optional={
        "sensitivity": st.sampled_from(["low", "normal", "high"]) | json_values,
        "disabled_rules": rule_ids | json_values,
    },
)
requests = st.fixed_dictionaries(
    {},
    optional={
        "id": st.integers() | st.text(max_size=20) | json_values,
        "type": st.sampled_from(["hello", "ping", "analyze", "rules"]) | json_values,
        "text": texts | json_values,
        "context": contexts | json_values,
        "options": options | json_values,
    },
)
analyze_requests = st.builds(
    lambda i, t, c, o: {"id": i, "type": "analyze", "text": t, "context": c, "options": o},
    st.integers(0, 10**6),
    texts,
    contexts,
    options,
)


def dumps(value) -> bytes:
    return json.dumps(value).encode("utf-8")


@st.composite
def mutated(draw) -> bytes:
    """A valid request's JSON with bytes flipped, cut, inserted or deleted."""
    body = bytearray(dumps(draw(analyze_requests | requests)))
    for _ in range(draw(st.integers(1, 4))):
        op = draw(st.sampled_from(["flip", "cut", "insert", "delete"]))
        at = draw(st.integers(0, max(len(body) - 1, 0)))
        if op == "flip" and body:
            body[at] ^= 1 << draw(st.integers(0, 7))
        elif op == "cut":
            del body[at:]
        elif op == "insert":
            body[at:at] = draw(st.binary(min_size=1, max_size=8))
        elif body:
            del body[at : at + draw(st.integers(1, 8))]
    return bytes(body)


bodies = analyze_requests.map(dumps) | requests.map(dumps) | json_values.map(dumps) | st.binary(max_size=300)
bodies |= mutated()


def check_reply(reply: dict) -> None:
    assert set(reply) in ({"id", "ok", "result"}, {"id", "ok", "error"}), reply
    if reply["ok"]:
        assert isinstance(reply["result"], dict)
    else:
        assert set(reply["error"]) == {"code", "name", "message"}
        assert isinstance(reply["error"]["code"], int) and isinstance(reply["error"]["message"], str)
        assert reply["error"]["name"] != "internal_error", reply


def expected_id(body: bytes):
    """The id the reply must carry, when the body is a request with a valid id; else None (unknown)."""
    try:
        request = json.loads(body)
    except ValueError:
        return None
    rid = request.get("id") if isinstance(request, dict) else None
    if isinstance(rid, int | str) and not isinstance(rid, bool) and len(str(rid)) <= 256:
        return rid
    return None


def test_framed_garbage_to_one_long_lived_host(host_cmd):
    """Well-framed but arbitrary bodies: one reply each, in order, and the host stays alive."""
    with HostProcess(host_cmd) as host:
        batches = 0

        @settings(max_examples=300, **SETTINGS)
        @given(st.lists(bodies, min_size=1, max_size=6))
        def run(batch: list[bytes]) -> None:
            nonlocal batches
            batches += 1
            sentinel = f"sentinel-{batches}"
            ping = frame({"id": sentinel, "type": "ping"})
            host.send_raw(b"".join(struct.pack("=I", len(b)) + b for b in batch) + ping)
            for body in batch:
                reply = host.read(timeout=30)
                assert reply is not None, f"host exited {host.proc.poll()}: {host.stderr[-1000:]}"
                check_reply(reply)
                rid = expected_id(body)
                if rid is not None:
                    assert reply["id"] == rid
            assert host.read(timeout=30) == {"id": sentinel, "ok": True, "result": {"pong": True}}

        run()
        assert batches >= 300
        assert host.finish() == 0
        assert "internal error" not in host.stderr


def test_random_streams_to_fresh_hosts(host_cmd):
    """Arbitrary byte streams (good, cut, random headers) then EOF: a documented exit, never a hang."""
    fragments = st.one_of(
        bodies.map(lambda b: struct.pack("=I", len(b)) + b),
        st.binary(max_size=64),
        st.integers(0, 2**32 - 1).map(lambda n: struct.pack("=I", n)),
    )

    @settings(max_examples=25, **SETTINGS)
    @given(st.lists(fragments, max_size=5))
    def run(parts: list[bytes]) -> None:
        with HostProcess(host_cmd) as host:
            with contextlib.suppress(BrokenPipeError):  # the host may exit early on a broken stream
                host.send_raw(b"".join(parts))
            host.close_input()
            while (reply := host.read(timeout=30)) is not None:
                check_reply(reply)
            code = host.wait(timeout=30)
            assert code in (0, 3, 4), host.stderr
            if code:
                assert host.stderr.startswith("rapport-host: ")
            assert "internal error" not in host.stderr

    run()
