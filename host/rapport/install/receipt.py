"""The install receipt: each file, folder and registry key install wrote, for uninstall to remove."""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path


@dataclass
class Entry:
    type: str  # "file" | "registry" | "dir"
    path: str = ""  # file or folder; for "registry", the manifest path stored as the key's value
    sha256: str = ""  # of the file as written
    hive: str = ""
    key: str = ""
    browsers: list[str] = field(default_factory=list)  # browser keys, or "profile:<dir>"


@dataclass
class Receipt:
    path: Path
    host: str = ""
    entries: list[Entry] = field(default_factory=list)

    @classmethod
    def load(cls, path: Path) -> Receipt:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return cls(path)
        except ValueError as exc:
            raise ValueError(f"{path} is not valid JSON ({exc}); delete it to start over") from None
        return cls(path, data.get("host", ""), [Entry(**e) for e in data.get("entries", [])])

    def save(self) -> None:
        """Atomic write; an empty receipt deletes the file."""
        if not self.entries:
            self.path.unlink(missing_ok=True)
            return
        tmp = self.path.with_name(self.path.name + f".{os.getpid()}.tmp")
        data = {"version": 1, "host": self.host, "entries": [asdict(e) for e in self.entries]}
        tmp.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
        tmp.replace(self.path)

    def find(self, type_: str, path: str = "", key: str = "") -> Entry | None:
        for e in self.entries:
            if e.type == type_ and e.path == path and e.key == key:
                return e
        return None

    def labels(self) -> set[str]:
        return {b for e in self.entries for b in e.browsers}
