"""The labelled corpora the scorer learns from and is measured on.

- `tests/data/real/corpus.jsonl`: texts real people and brands wrote, each with its source and its source
  group (`group`: one dataset, page or account), labelled by reading (docs/corpus.md, docs/labelling.md).
  This is the measure.
- `tests/data/corpus.jsonl`: texts this project wrote. They can add to training (group "invented") but never
  count in a measurement.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rapport.analyzer.evaluation import load_corpus
from rapport.context import Context

ROOT = Path(__file__).resolve().parents[3]
REAL = ROOT / "tests" / "data" / "real" / "corpus.jsonl"
INVENTED = ROOT / "tests" / "data" / "corpus.jsonl"
KINDS = ("post", "reply", "first message")


@dataclass(frozen=True, slots=True)
class Example:
    id: str
    text: str
    context: Context
    group: str
    pitchy: bool
    impersonal: bool
    real: bool

    @property
    def kind(self) -> str:
        """post, reply (comments, replies, messages in a conversation) or first message."""
        if self.context.is_first_contact:
            return "first message"
        return "post" if self.context.surface == "post" else "reply"


def load(path: Path, real: bool) -> list[Example]:
    rows = load_corpus(str(path), require_split=not real)
    out = []
    for row in rows:
        ctx = Context.from_dict({k: row[k] for k in ("site", "surface", "first_contact") if k in row})
        group = row.get("group", "invented") if real else "invented"
        out.append(Example(row["id"], row["text"], ctx, group, row["pitchy"], row["impersonal"], real))
    return out
