"""The extension's pure parts (UTF-16 offsets to DOM positions, card placement, settings, weekly counts, the
states it shows), unit tested with Node's built-in test runner: extension/test/*.test.js."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

EXTENSION = Path(__file__).resolve().parents[1] / "extension"


def test_extension_unit_tests_pass():
    node, npm = shutil.which("node"), shutil.which("npm")
    if not (node and npm):
        pytest.fail("Node.js 18+ with npm is needed for the extension's unit tests")
    if not (EXTENSION / "node_modules" / "linkedom").is_dir():
        subprocess.run([npm, "ci", "--no-audit", "--no-fund"], cwd=EXTENSION, check=True)
    done = subprocess.run(
        [node, "--test", "--test-reporter=spec", "test/"], cwd=EXTENSION, capture_output=True, text=True
    )
    print(done.stdout)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "ℹ fail 0" in done.stdout and "ℹ skipped 0" in done.stdout and "ℹ pass 0" not in done.stdout
