"""Framing on raw bytes: rapport.host.framing, no process."""

from __future__ import annotations

import io
import json
import struct

import pytest
from rapport.host.errors import Code, ProtocolError
from rapport.host.framing import (
    HEADER,
    MAX_REPLY_FRAME,
    EndOfInput,
    FrameReader,
    ReplyTooLarge,
    StreamDesync,
    TruncatedInput,
    decode_body,
    encode_frame,
)


def raw(body: bytes) -> bytes:
    return struct.pack("=I", len(body)) + body


class Trickle(io.RawIOBase):
    """A stream that returns at most `step` bytes per read, like a pipe delivering a frame in pieces."""

    def __init__(self, data: bytes, step: int = 1) -> None:
        self._data = memoryview(data)
        self._step = step
        self.reads = 0

    def readable(self) -> bool:
        return True

    def read(self, n: int = -1) -> bytes:
        self.reads += 1
        size = self._step if n < 0 else min(n, self._step)
        chunk, self._data = bytes(self._data[:size]), self._data[size:]
        return chunk


def reader(data: bytes, **kw) -> FrameReader:
    return FrameReader(io.BytesIO(data), **kw)


def test_header_is_four_bytes_native_order():
    assert HEADER.size == 4
    assert HEADER.pack(258) == (258).to_bytes(4, "little" if struct.pack("=I", 1)[0] == 1 else "big")


def test_reads_consecutive_frames_then_clean_eof():
    r = reader(raw(b'{"a":1}') + raw(b'{"b":2}'))
    assert r.read_frame() == b'{"a":1}'
    assert r.read_frame() == b'{"b":2}'
    with pytest.raises(EndOfInput):
        r.read_frame()


def test_header_split_across_reads():
    stream = Trickle(raw(b'{"id":1,"type":"ping"}') + raw(b"{}"), step=1)
    r = FrameReader(stream)
    assert decode_body(r.read_frame()) == {"id": 1, "type": "ping"}
    assert r.read_frame() == b"{}"
    assert stream.reads > 8  # really came one byte at a time
    with pytest.raises(EndOfInput):
        r.read_frame()


@pytest.mark.parametrize("partial", [b"\x05", b"\x05\x00", b"\x05\x00\x00"])
def test_short_header_is_truncated_input(partial):
    with pytest.raises(TruncatedInput, match=f"after {len(partial)} of 4 header bytes"):
        reader(partial).read_frame()


def test_short_body_is_truncated_input():
    with pytest.raises(TruncatedInput, match="after 3 of 10 body bytes"):
        reader(struct.pack("=I", 10) + b'{"a').read_frame()


def test_zero_length_frame_is_bad_frame_and_stream_goes_on():
    r = reader(raw(b"") + raw(b"{}"))
    body = r.read_frame()
    assert body == b""
    with pytest.raises(ProtocolError) as e:
        decode_body(body)
    assert e.value.code == Code.BAD_FRAME
    assert r.read_frame() == b"{}"


def test_over_cap_frame_is_read_past():
    big = b"x" * 5000
    r = reader(raw(big) + raw(b'{"ok":1}'), max_frame=4096)
    with pytest.raises(ProtocolError) as e:
        r.read_frame()
    assert e.value.code == Code.FRAME_TOO_LARGE
    assert "5000" in e.value.message
    assert r.read_frame() == b'{"ok":1}'  # resynchronised on the next frame


def test_over_cap_frame_cut_short_is_truncated():
    with pytest.raises(TruncatedInput):
        reader(struct.pack("=I", 9000) + b"x" * 100, max_frame=4096).read_frame()


def test_absurd_length_is_desync():
    # What a stray `{"id` looks like when read as a length: ~1.6 GB.
    with pytest.raises(StreamDesync) as e:
        reader(b'{"id": 1}').read_frame()
    assert e.value.length == struct.unpack("=I", b'{"id')[0]


def test_invalid_utf8():
    with pytest.raises(ProtocolError) as e:
        decode_body(b'{"text": "\xff\xfe"}')
    assert e.value.code == Code.BAD_UTF8
    assert "byte 10" in e.value.message


@pytest.mark.parametrize(
    "body",
    [b"{", b"{'a': 1}", b'{"a": NaN}', b'{"a": Infinity}', b"[" * 100_000, b'{"a": 1' + b"0" * 5000 + b"}"],
)
def test_bad_json(body):
    with pytest.raises(ProtocolError) as e:
        decode_body(body)
    assert e.value.code == Code.BAD_JSON


@pytest.mark.parametrize("body", [b"[1, 2]", b'"hello"', b"42", b"null", b"true"])
def test_json_that_is_not_an_object(body):
    with pytest.raises(ProtocolError) as e:
        decode_body(body)
    assert e.value.code == Code.NOT_OBJECT


def test_error_messages_do_not_echo_the_body():
    secret = "my secret message"
    bodies = (
        f'{{"text": "{secret}"'.encode(),
        f'["{secret}"]'.encode(),
        f'{{"t": "{secret}\xff'.encode("latin-1"),
    )
    for body in bodies:
        with pytest.raises(ProtocolError) as e:
            decode_body(body)
        assert "secret" not in e.value.message


def test_encode_frame_measures_bytes_and_escapes():
    frame = encode_frame({"id": 1, "m": "é😀\ud800"})  # a lone surrogate must still give valid UTF-8
    (length,) = HEADER.unpack(frame[:4])
    assert length == len(frame) - 4
    assert json.loads(frame[4:].decode("utf-8")) == {"id": 1, "m": "é😀\ud800"}


def test_encode_frame_refuses_over_one_mib():
    message = {"x": "a" * MAX_REPLY_FRAME}
    with pytest.raises(ReplyTooLarge) as e:
        encode_frame(message)
    assert e.value.size > MAX_REPLY_FRAME
    just_fits = {"x": "a" * (MAX_REPLY_FRAME - len('{"x":""}'))}
    assert len(encode_frame(just_fits)) == MAX_REPLY_FRAME + 4


def test_encode_frame_refuses_nan():
    with pytest.raises(ValueError):
        encode_frame({"x": float("nan")})
