"""`rapport eval`: precision, recall and F1 of the pitchy / impersonal verdicts on a labelled JSONL corpus.

Each line: {"id", "text", "site", "surface", "first_contact", "pitchy", "impersonal",
"split": "dev"|"heldout"}.
Rules are tuned on `dev` only. The held-out split is an honest estimate on texts the rules never saw, so this
module never prints a held-out text: listing misclassified texts (`errors`) is limited to the dev split.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from typing import Any

from rapport.context import Context, InvalidField, Options

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
class Result:
    split: str
    texts: int = 0
    confusion: dict[str, Confusion] = field(default_factory=lambda: {k: Confusion() for k in LABELS})
    neither: int = 0  # texts labelled neither pitchy nor impersonal
    false_alarms: int = 0  # ... that Rapport called pitchy or impersonal
    errors: list[dict[str, Any]] = field(default_factory=list)  # dev split only

    @property
    def false_alarm_rate(self) -> float:
        return self.false_alarms / self.neither if self.neither else 0.0

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"split": self.split, "texts": self.texts}
        for label, c in self.confusion.items():
            out[label] = {
                "precision": round(c.precision, 3),
                "recall": round(c.recall, 3),
                "f1": round(c.f1, 3),
                "tp": c.tp,
                "fp": c.fp,
                "fn": c.fn,
                "tn": c.tn,
            }
        out["neither"] = {
            "texts": self.neither,
            "false_alarms": self.false_alarms,
            "rate": round(self.false_alarm_rate, 3),
        }
        return out


def load_corpus(path: str) -> list[dict[str, Any]]:
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
            if row.get("split") not in SPLITS:
                raise CorpusError(f'{path}:{lineno}: "split" must be dev or heldout')
            row["_line"] = lineno
            rows.append(row)
    return rows


def evaluate(
    rows: list[dict[str, Any]], split: str = "all", sensitivity: str = "normal", keep_errors: bool = False
) -> Result:
    from rapport.analyzer import analyze

    options = Options(sensitivity=sensitivity)
    result = Result(split)
    for row in rows:
        if split != "all" and row["split"] != split:
            continue
        try:
            ctx = Context.from_dict({k: row[k] for k in ("site", "surface", "first_contact") if k in row})
        except InvalidField as exc:
            raise CorpusError(f"line {row.get('_line')}: {exc}") from exc
        report = analyze(row["text"], ctx, options)
        result.texts += 1
        guesses = {"pitchy": report.pitchy, "impersonal": report.impersonal}
        for label in LABELS:
            result.confusion[label].add(row[label], guesses[label])
        if not row["pitchy"] and not row["impersonal"]:
            result.neither += 1
            if report.pitchy or report.impersonal:
                result.false_alarms += 1
        wrong = [label for label in LABELS if row[label] != guesses[label]]
        if keep_errors and wrong and row["split"] == "dev":  # never list held-out texts
            result.errors.append(
                {"id": row.get("id"), "wrong": wrong, "scores": report.scores, "row": row, "report": report}
            )
    return result


def format_result(r: Result) -> str:
    lines = [f"split {r.split}: {r.texts} texts"]
    lines.append(f"  {'':<11}{'precision':>10}{'recall':>8}{'F1':>7}   tp  fp  fn  tn")
    for label, c in r.confusion.items():
        lines.append(
            f"  {label:<11}{c.precision:>10.3f}{c.recall:>8.3f}{c.f1:>7.3f}"
            f"  {c.tp:>3} {c.fp:>3} {c.fn:>3} {c.tn:>3}"
        )
    lines.append(
        f"  false alarms on texts that are neither: {r.false_alarms}/{r.neither} ({r.false_alarm_rate:.1%})"
    )
    return "\n".join(lines)


def run_eval(path: str, split: str, sensitivity: str, as_json: bool) -> int:
    try:
        rows = load_corpus(path)
        splits = ["dev", "heldout"] if split == "all" else [split]
        results = [evaluate(rows, s, sensitivity) for s in splits]
        if split == "all":
            results.append(evaluate(rows, "all", sensitivity))
    except CorpusError as exc:
        print(f"rapport: {exc}", file=sys.stderr)
        return 2
    if as_json:
        print(json.dumps({"sensitivity": sensitivity, "results": [r.to_dict() for r in results]}, indent=2))
    else:
        print(f"sensitivity {sensitivity}")
        print("\n".join(format_result(r) for r in results))
    return 0
