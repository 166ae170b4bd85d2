"""The ruleset version: a short hash of everything that decides a report (the rule files and the model
file). Computed from the files' bytes alone, so `hello` answers without loading the analyser."""

from __future__ import annotations

import hashlib
from importlib import resources

FAMILIES = ("pitch", "signal", "impersonal", "first_contact", "readability")
MODEL = ("analyzer", "data", "model.json")


def rule_files() -> list[tuple[str, bytes]]:
    """(name, bytes) of each family's rule file, in run order."""
    folder = resources.files("rapport") / "rules"
    return [(f"{family}.toml", (folder / f"{family}.toml").read_bytes()) for family in FAMILIES]


def version() -> str:
    digest = hashlib.sha256()
    for name, raw in rule_files():
        digest.update(name.encode() + b"\0" + raw)
    model = resources.files("rapport").joinpath(*MODEL)
    digest.update(b"model.json\0" + model.read_bytes())
    return digest.hexdigest()[:12]
