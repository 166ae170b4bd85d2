"""Precision, recall and F1 of the pitchy / impersonal verdicts, overall, per kind of text and per source,
and the false-alarm rate on texts labelled neither; and loading labelled JSONL corpora.

Pure Python: `rapport eval --shipped` measures the shipped model on a corpus as it is. The honest number,
source-grouped cross-validation, retrains per fold and lives in rapport.training.crossval (train extra).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

LABELS = ("pitchy", "impersonal")
SPLITS = ("dev", "heldout")


class CorpusError(ValueError):
    """A corpus line is malformed; the message names the line."""


@dataclass
class Confusion:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    def add(self, truth: bool, guess: bool) -> None:
        if truth and guess:
            self.tp += 1
        elif guess:
            self.fp += 1
        elif truth:
            self.fn += 1
        else:
            self.tn += 1

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Tally:
    """The verdicts on one set of texts against their labels."""

    texts: int = 0
    confusion: dict[str, Confusion] = field(default_factory=lambda: {k: Confusion() for k in LABELS})
    neither: int = 0  # texts labelled neither pitchy nor impersonal
    false_alarms: int = 0  # ... that were called pitchy or impersonal

    def add(self, truth: dict[str, bool], guess: dict[str, bool]) -> None:
        self.texts += 1
        for label in LABELS:
            self.confusion[label].add(truth[label], guess[label])
        if not truth["pitchy"] and not truth["impersonal"]:
            self.neither += 1
            if guess["pitchy"] or guess["impersonal"]:
                self.false_alarms += 1

    @property
    def false_alarm_rate(self) -> float:
        return self.false_alarms / self.neither if self.neither else 0.0

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"texts": self.texts}
        for label, c in self.confusion.items():
            out[label] = {
                "precision": round(c.precision, 3),
                "recall": round(c.recall, 3),
                "f1": round(c.f1, 3),
                **{k: getattr(c, k) for k in ("tp", "fp", "fn", "tn")},
            }
        out["neither"] = {"texts": self.neither, "false_alarms": self.false_alarms}
        out["neither"]["rate"] = round(self.false_alarm_rate, 3)
        return out


@dataclass
class Evaluation:
    """One tally overall, one per kind of text (post, reply, first message), one per source group."""

    overall: Tally = field(default_factory=Tally)
    by_kind: dict[str, Tally] = field(default_factory=dict)
    by_group: dict[str, Tally] = field(default_factory=dict)

    def add(self, kind: str, group: str, truth: dict[str, bool], guess: dict[str, bool]) -> None:
        self.overall.add(truth, guess)
        self.by_kind.setdefault(kind, Tally()).add(truth, guess)
        self.by_group.setdefault(group, Tally()).add(truth, guess)

    def to_dict(self) -> dict[str, Any]:
        return {
            "overall": self.overall.to_dict(),
            "by_kind": {k: t.to_dict() for k, t in sorted(self.by_kind.items())},
            "by_group": {k: t.to_dict() for k, t in sorted(self.by_group.items())},
        }


_HEAD = (
    f"{'':<24}{'texts':>6}  {'pitchy P':>8} {'R':>5} {'F1':>5}"
    f"  {'impers. P':>9} {'R':>5} {'F1':>5}  {'false alarms':>14}"
)


def _row(name: str, t: Tally) -> str:
    p, i = t.confusion["pitchy"], t.confusion["impersonal"]
    alarms = f"{t.false_alarms}/{t.neither} ({t.false_alarm_rate:.1%})" if t.neither else "–"
    return (
        f"{name:<24}{t.texts:>6}  {p.precision:>8.3f} {p.recall:>5.3f} {p.f1:>5.3f}"
        f"  {i.precision:>9.3f} {i.recall:>5.3f} {i.f1:>5.3f}  {alarms:>14}"
    )


def format_tables(ev: Evaluation, title: str, groups_title: str | None = None) -> str:
    lines = [title, _HEAD, _row("all", ev.overall)]
    lines += [_row(f"  {kind}", t) for kind, t in sorted(ev.by_kind.items())]
    if groups_title:
        lines += ["", groups_title, _HEAD]
        lines += [_row(group, t) for group, t in sorted(ev.by_group.items())]
    return "\n".join(lines)


def load_corpus(path: str, require_split: bool = False) -> list[dict[str, Any]]:
    """The rows of a labelled JSONL corpus; CorpusError names the first bad line."""
    rows = []
    try:
        fh = open(path, "rb")  # noqa: SIM115 - closed by the with below
    except OSError as exc:
        raise CorpusError(f"cannot read {path}: {exc.strerror}") from exc
    with fh:
        for lineno, raw in enumerate(fh, 1):
            if not raw.strip():
                continue
            try:
                row = json.loads(raw.decode("utf-8"))
            except UnicodeDecodeError as exc:
                raise CorpusError(f"{path}:{lineno}: not valid UTF-8") from exc
            except json.JSONDecodeError as exc:
                raise CorpusError(f"{path}:{lineno}: not JSON ({exc.msg})") from exc
            if not isinstance(row, dict) or not isinstance(row.get("text"), str):
                raise CorpusError(f'{path}:{lineno}: expected an object with "text"')
            for label in LABELS:
                if not isinstance(row.get(label), bool):
                    raise CorpusError(f'{path}:{lineno}: "{label}" must be true or false')
            if require_split and row.get("split") not in SPLITS:
                raise CorpusError(f'{path}:{lineno}: "split" must be dev or heldout')
            row["_line"] = lineno
            rows.append(row)
    return rows


def kind_of(first_contact: bool, surface: str) -> str:
    """post, reply (comments, replies and messages in a conversation) or first message."""
    if first_contact:
        return "first message"
    return "post" if surface == "post" else "reply"


def evaluate_shipped(rows: list[dict[str, Any]], sensitivity: str = "normal") -> Evaluation:
    """The shipped analyser's verdicts on every row, as it is (no training)."""
    from rapport.analyzer import analyze
    from rapport.context import Context, InvalidField, Options

    options = Options(sensitivity=sensitivity)
    ev = Evaluation()
    for row in rows:
        try:
            ctx = Context.from_dict({k: row[k] for k in ("site", "surface", "first_contact") if k in row})
        except InvalidField as exc:
            raise CorpusError(f"line {row.get('_line')}: {exc}") from exc
        report = analyze(row["text"], ctx, options)
        truth = {label: row[label] for label in LABELS}
        guess = {"pitchy": report.pitchy, "impersonal": report.impersonal}
        ev.add(kind_of(ctx.is_first_contact, ctx.surface), row.get("group", "?"), truth, guess)
    return ev
