"""Why Rapport does not run its host on the PyPI package `nativemessaging` 1.0.1 (docs/nativemessaging.md).

Each test demonstrates, against the installed package, a fault that would break the contract in
docs/protocol.md; rapport.host handles the same input correctly (see test_framing.py, test_host_protocol.py).
"""

from __future__ import annotations

import importlib.metadata
import io
import json
import struct
import subprocess
import sys

import pytest

nativemessaging = pytest.importorskip("nativemessaging")

pytestmark = pytest.mark.skipif(
    importlib.metadata.version("nativemessaging") != "1.0.1", reason="evaluates nativemessaging 1.0.1"
)


class Stdin:
    """Stands in for sys.stdin: `.buffer` is the byte stream the package reads; records read sizes."""

    def __init__(self, data: bytes) -> None:
        self._data = io.BytesIO(data)
        self.requested: list[int] = []
        self.buffer = self

    def read(self, n: int = -1) -> bytes:
        self.requested.append(n)
        return self._data.read(n)


def frame(body: bytes) -> bytes:
    return struct.pack("@I", len(body)) + body


def test_get_message_exits_the_process_at_end_of_input(monkeypatch):
    monkeypatch.setattr(sys, "stdin", Stdin(b""))
    with pytest.raises(SystemExit) as e:
        nativemessaging.get_message()
    assert e.value.code == 0  # a library call that ends the program: no cleanup, no chance to report


def test_get_message_cannot_tell_a_truncated_frame_from_bad_json(monkeypatch):
    monkeypatch.setattr(sys, "stdin", Stdin(struct.pack("@I", 100) + b'{"id": 1'))
    with pytest.raises(json.JSONDecodeError):
        nativemessaging.get_message()


def test_get_message_raises_on_invalid_utf8_instead_of_answering(monkeypatch):
    monkeypatch.setattr(sys, "stdin", Stdin(frame(b'{"text": "\xff"}') + frame(b'{"id": 2}')))
    with pytest.raises(UnicodeDecodeError):
        nativemessaging.get_message()


def test_get_message_accepts_json_that_is_not_an_object(monkeypatch):
    monkeypatch.setattr(sys, "stdin", Stdin(frame(b"[1, 2, 3]")))
    assert nativemessaging.get_message() == [1, 2, 3]


def test_get_message_has_no_length_cap(monkeypatch):
    # A stray `{"id` read as a length asks for ~1.6 GB; the package tries to read it all.
    stdin = Stdin(b'{"id": 1}\n')
    monkeypatch.setattr(sys, "stdin", stdin)
    with pytest.raises(json.JSONDecodeError):
        nativemessaging.get_message()
    assert stdin.requested[1] == struct.unpack("@I", b'{"id')[0] > 1_000_000_000


def test_encode_message_builds_frames_the_browser_refuses():
    encoded = nativemessaging.encode_message({"findings": ["x" * 1000] * 2000})
    (length,) = struct.unpack("@I", encoded["length"])
    assert length == len(encoded["content"]) > 1024 * 1024  # over the browser's host-to-browser limit


def test_send_message_shares_stdout_with_print(monkeypatch):
    out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")  # like sys.stdout on a pipe: buffered text
    monkeypatch.setattr(sys, "stdout", out)
    print("a library says hi")
    nativemessaging.send_message(nativemessaging.encode_message({"id": 1}))
    out.flush()  # the text reaches the same pipe at the next flush (at the latest at exit)
    data = out.buffer.getvalue()
    (first,) = struct.unpack("@I", data[:4])
    rest = data[4 + first :]
    assert rest == b"a library says hi\n"
    (garbage,) = struct.unpack("@I", rest[:4])
    assert garbage == struct.unpack("@I", b"a li")[0] > 1024 * 1024  # the browser reads a ~1.8 GB "length"


def _installer() -> str:
    dist = importlib.metadata.distribution("nativemessaging")
    scripts = [f for f in dist.files or [] if f.name == "nativemessaging-install.py"]
    assert scripts, "nativemessaging 1.0.1 ships bin/nativemessaging-install.py"
    return str(dist.locate_file(scripts[0]))


def _run_installer(tmp_path, *browsers: str) -> subprocess.CompletedProcess:
    manifest = tmp_path / "native-manifest.json"
    manifest.write_text(json.dumps({"name": "org.example.host", "path": "host", "type": "stdio"}))
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    return subprocess.run(
        [sys.executable, _installer(), *browsers, "--manifest", str(manifest)],
        env={"HOME": str(home), "PATH": "/usr/bin:/bin"},
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.skipif(sys.platform != "linux", reason="Linux installer paths")
def test_installer_fails_when_parent_folders_are_missing(tmp_path):
    result = _run_installer(tmp_path, "chrome")  # a fresh HOME has no ~/.config
    assert result.returncode != 0
    assert "FileNotFoundError" in result.stderr
    assert not (tmp_path / "home/.config/google-chrome/NativeMessagingHosts/org.example.host.json").exists()


@pytest.mark.skipif(sys.platform != "linux", reason="Linux installer paths")
def test_installer_waits_for_a_keypress_and_fails_without_a_terminal(tmp_path):
    (tmp_path / "home/.config/google-chrome").mkdir(parents=True)
    result = _run_installer(tmp_path, "chrome")
    assert (tmp_path / "home/.config/google-chrome/NativeMessagingHosts/org.example.host.json").exists()
    assert result.returncode != 0
    assert "EOFError" in result.stderr  # the final input("Done! Press enter ...")


@pytest.mark.skipif(sys.platform != "linux", reason="Linux installer paths")
def test_installer_knows_no_chromium(tmp_path):
    result = _run_installer(tmp_path, "chromium")
    assert result.returncode == 2
    assert "invalid choice: 'chromium'" in result.stderr


@pytest.mark.timeout(60)
def test_package_frames_interoperate_with_rapport_host(monkeypatch):
    """Where the package serves: an independent implementation of the wire format."""
    requests = [{"id": i, "type": "ping"} for i in range(3)]
    wire = b"".join(e["length"] + e["content"] for e in map(nativemessaging.encode_message, requests))
    host = subprocess.run([sys.executable, "-m", "rapport.host"], input=wire, capture_output=True, timeout=30)
    assert host.returncode == 0
    monkeypatch.setattr(sys, "stdin", Stdin(host.stdout))
    replies = [nativemessaging.get_message() for _ in requests]
    assert replies == [{"id": i, "ok": True, "result": {"pong": True}} for i in range(3)]
    with pytest.raises(SystemExit):
        nativemessaging.get_message()  # nothing else on stdout
