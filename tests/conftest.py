"""Shared fixtures: the built artifacts (dist/build.json) and the host commands (source and frozen)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DIST = ROOT / "dist"


@pytest.fixture(scope="session")
def build_info() -> dict:
    """dist/build.json after `build.py build` (incremental: unchanged steps are reused)."""
    if not os.environ.get("RAPPORT_BUILD_DONE"):
        subprocess.run([sys.executable, str(ROOT / "build.py"), "build"], check=True, cwd=ROOT)
    return json.loads((DIST / "build.json").read_text())


SOURCE_HOST = [sys.executable, "-m", "rapport", "host"]


@pytest.fixture(params=["source", "frozen"])
def host_cmd(request) -> list[str]:
    """The command that starts a native host: from source, and the PyInstaller-frozen binary."""
    if request.param == "source":
        return list(SOURCE_HOST)
    return [request.getfixturevalue("build_info")["host"]]
