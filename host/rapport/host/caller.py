"""Who started the host: the browser names the caller on the command line; only Rapport's extension may.

Chrome: `rapport-host chrome-extension://<id>/` (on Windows also `--parent-window=<n>`).
Firefox: `rapport-host <path to the host manifest> <extension id>`.
No caller argument (tests, `rapport host` from a terminal): accepted.
"""

from __future__ import annotations

from dataclasses import dataclass

from rapport.product import CHROME_ORIGIN, GECKO_ID

ALLOWED_CALLERS = frozenset({CHROME_ORIGIN, GECKO_ID})
_ORIGIN_PREFIXES = ("chrome-extension://", "moz-extension://", "edge-extension://")


@dataclass(frozen=True, slots=True)
class Caller:
    name: str | None  # the origin or extension id, None when started by hand

    @property
    def allowed(self) -> bool:
        return self.name is None or self.name in ALLOWED_CALLERS


def identify(argv: list[str]) -> Caller:
    """The caller named by the browser's arguments (see module docstring), or Caller(None)."""
    args = [a for a in argv if not a.startswith("--")]
    for arg in args:
        if arg.startswith(_ORIGIN_PREFIXES):
            return Caller(arg if arg.endswith("/") else arg + "/")
    if len(args) >= 2 and args[0].lower().endswith(".json"):
        return Caller(args[1])
    return Caller(None)
