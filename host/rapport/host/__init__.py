"""The native-messaging host: `rapport host`, `python -m rapport.host`, and the frozen `rapport-host`.

Protocol and exit codes: docs/protocol.md. Imports stay light so `hello` is answered before textstat loads.
"""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    """Serve frames on stdin/stdout. `argv` is what follows the program (and `host`): the browser's caller
    arguments, see rapport.host.caller."""
    from rapport.host import caller, server, stdio
    from rapport.host.dispatch import Dispatcher

    args = sys.argv[1:] if argv is None else list(argv)
    channel = stdio.claim()
    who = caller.identify(args)
    if not who.allowed:
        server.log("refusing a caller that is not the Rapport extension")
    dispatcher = Dispatcher(caller_allowed=who.allowed)
    warm_up = server.start_warm_up if who.allowed else None
    try:
        return server.serve(channel.frames_in, channel.frames_out, dispatcher, after_first_reply=warm_up)
    except KeyboardInterrupt:
        return 130
