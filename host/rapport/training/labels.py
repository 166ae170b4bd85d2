"""The real corpus from its parts, and the agreement between labellers.

- `tests/data/real/texts.jsonl`: every text with where it is written and its source (no labels);
- `tests/data/real/labels/<batch>.<labeller>.jsonl`: each label as a labeller gave it, by reading
  (docs/labelling.md), blind to every other label;
- `tests/data/real/adjudication.jsonl`: for each text two labellers disagreed on, the label a third
  reading settled on;
- `tests/data/real/corpus.jsonl`: built from the three (`python -m rapport.training.labels`): the texts with
  their final labels. Where two labellers agree, that label; where they disagree, the adjudicated one.

Cohen's kappa is computed on the texts labelled twice, before adjudication.
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REAL = Path(__file__).resolve().parents[3] / "tests" / "data" / "real"
CORPUS = REAL / "corpus.jsonl"
LABELS = ("pitchy", "impersonal")


class LabelError(ValueError):
    """The corpus parts disagree with each other (a missing label, an unknown id)."""


def _read(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


@dataclass
class Parts:
    texts: list[dict[str, Any]]
    labels: dict[str, list[tuple[str, dict[str, Any]]]]  # id -> [(labeller, label)]
    adjudicated: dict[str, dict[str, Any]]


def read_parts(folder: Path = REAL) -> Parts:
    texts = _read(folder / "texts.jsonl")
    ids = {t["id"] for t in texts}
    labels: dict[str, list[tuple[str, dict[str, Any]]]] = defaultdict(list)
    for path in sorted((folder / "labels").glob("*.jsonl")):
        labeller = path.stem.split(".", 1)[1]
        for row in _read(path):
            if row["id"] not in ids:
                raise LabelError(f"{path.name}: unknown id {row['id']}")
            if not all(isinstance(row.get(k), bool) for k in LABELS):
                raise LabelError(f"{path.name}: {row['id']} lacks a true/false label")
            labels[row["id"]].append((labeller, row))
    adjudicated = {}
    adj = folder / "adjudication.jsonl"
    if adj.exists():
        adjudicated = {row["id"]: row for row in _read(adj)}
    return Parts(texts, dict(labels), adjudicated)


def kappa(pairs: list[tuple[bool, bool]]) -> float:
    """Cohen's kappa of two labellers' yes/no answers on the same texts."""
    n = len(pairs)
    if not n:
        return 0.0
    agree = sum(a == b for a, b in pairs) / n
    pa = sum(a for a, _ in pairs) / n
    pb = sum(b for _, b in pairs) / n
    chance = pa * pb + (1 - pa) * (1 - pb)
    return (agree - chance) / (1 - chance) if chance < 1 else 1.0


def agreement(parts: Parts) -> dict[str, Any]:
    """Kappa and raw agreement per label on the texts labelled twice."""
    twice = {i: ls for i, ls in parts.labels.items() if len(ls) >= 2}
    out: dict[str, Any] = {"texts": len(twice)}
    for label in LABELS:
        pairs = [(ls[0][1][label], ls[1][1][label]) for ls in twice.values()]
        out[label] = {
            "kappa": round(kappa(pairs), 3),
            "agreement": round(sum(a == b for a, b in pairs) / len(pairs), 3) if pairs else 0.0,
            "disagreements": sum(a != b for a, b in pairs),
        }
    return out


def disagreements(parts: Parts) -> list[str]:
    return sorted(
        i
        for i, ls in parts.labels.items()
        if len(ls) >= 2 and any(ls[0][1][k] != ls[1][1][k] for k in LABELS)
    )


def build(parts: Parts) -> list[dict[str, Any]]:
    """The corpus rows: each text with its final labels; LabelError when a text lacks a settled label."""
    rows = []
    for t in parts.texts:
        given = parts.labels.get(t["id"])
        if not given:
            raise LabelError(f"{t['id']} has no label")
        final = {k: given[0][1][k] for k in LABELS}
        how = "single"
        if len(given) >= 2:
            how = "double, agreed"
            if any(given[0][1][k] != given[1][1][k] for k in LABELS):
                adj = parts.adjudicated.get(t["id"])
                if adj is None:
                    raise LabelError(f"{t['id']}: the labellers disagree and nobody adjudicated")
                final = {k: adj[k] for k in LABELS}
                how = "double, adjudicated"
        rows.append({**t, **final, "labels": how})
    return rows


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parts = read_parts()
    if argv[:1] == ["--sources"]:
        sys.stdout.write(sources_markdown(parts))
        return 0
    try:
        rows = build(parts)
    except LabelError as exc:
        print(f"rapport: {exc}", file=sys.stderr)
        return 2
    with CORPUS.open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(json.dumps({"texts": len(rows), "agreement": agreement(parts)}, indent=2))
    return 0


def _where(sources: list[str]) -> str:
    """The repository (github:owner/name) or the site the texts of a group come from."""
    first = sorted(sources)[0]
    if first.startswith("github:"):
        return "github:" + "/".join(first[7:].split("/")[:2])
    return first.split("/")[2] if "://" in first else first


def sources_markdown(parts: Parts) -> str:
    """The table of source groups for docs/corpus.md: where, licence, kinds of text, how many, labels."""
    by_group: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for t in parts.texts:
        by_group[t["group"]].append(t)
    rows = build(parts)
    final = {r["id"]: r for r in rows}
    lines = [
        "| group | texts | where | licence | genres | pitchy | impersonal |",
        "|---|---:|---|---|---|---:|---:|",
    ]
    for group in sorted(by_group):
        texts = by_group[group]
        genres = sorted({t.get("genre") or "?" for t in texts})
        licences = sorted({t["licence"] for t in texts})
        pitchy = sum(final[t["id"]]["pitchy"] for t in texts)
        imp = sum(final[t["id"]]["impersonal"] for t in texts)
        lines.append(
            f"| `{group}` | {len(texts)} | {_where([t['source'] for t in texts])} | {'; '.join(licences)} "
            f"| {', '.join(genres)} | {pitchy} | {imp} |"
        )
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    raise SystemExit(main())
