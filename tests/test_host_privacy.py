"""Privacy: the host opens no socket and writes no file, and keeps what people type out of its logs.

The source host runs under a Python audit hook (PEP 578) that reports every socket operation and every
open for writing to stderr, while it serves hello, ping, analyze and rules.
"""

from __future__ import annotations

import os
import sys
import textwrap

import pytest
from rapport.host.client import HostProcess

AUDITED_HOST = textwrap.dedent(
    """
    import os, sys

    WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC

    def hook(event, args):
        if event.startswith("socket."):
            os.write(2, f"AUDIT {event}\\n".encode())
        elif event == "open":
            path, mode, flags = args
            if isinstance(path, int):  # an existing descriptor (the frame channel)
                return
            writing = (mode is not None and any(c in mode for c in "wax+")) or (flags or 0) & WRITE_FLAGS
            if writing and path != os.devnull:
                os.write(2, f"AUDIT open-for-write {path}\\n".encode())

    sys.addaudithook(hook)
    from rapport.host import main
    sys.exit(main(sys.argv[1:]))
    """
)
SECRET = "Quokka-7731: please keep this between us and book a quick call"


@pytest.mark.timeout(120)
def test_no_socket_no_file_write_no_text_in_logs():
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    with HostProcess([sys.executable, "-c", AUDITED_HOST], env=env) as host:
        assert host.request({"id": 1, "type": "hello"})["ok"]
        assert host.request({"id": 2, "type": "analyze", "text": SECRET})["ok"]
        assert host.request({"id": 3, "type": "rules"})["ok"]
        assert (
            host.request({"id": 4, "type": "analyze", "text": SECRET, "context": {"site": 1}})["ok"] is False
        )
        assert host.request({"id": 5, "type": "analyze", "text": SECRET * 10_000})["ok"] is False
        assert host.request({"id": 6, "type": "ping"})["ok"]
        assert host.finish() == 0
        assert "AUDIT" not in host.stderr, host.stderr
        assert "Quokka" not in host.stderr
