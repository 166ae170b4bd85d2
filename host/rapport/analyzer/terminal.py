"""A report in a terminal: the text with findings underlined, then findings, scores and readability."""

from __future__ import annotations

import textwrap
import unicodedata

from rapport.analyzer.rule import Analysis
from rapport.findings import SEVERITY_ORDER, Report
from rapport.spans import Utf16Offsets

_COLORS = {"error": "31", "warning": "33", "info": "36", "ok": "32"}
_MARKS = {"error": "!", "warning": "^", "info": "~"}


def _paint(s: str, code: str, color: bool) -> str:
    return f"\x1b[{code}m{s}\x1b[0m" if color else s


def _width(ch: str) -> int:
    """Terminal columns a character takes: emoji and CJK take two, combining marks none."""
    if unicodedata.combining(ch) or ch in "\u200d\ufe0f":
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def _whole(text: str, offsets: Utf16Offsets, start: int, end: int) -> bool:
    stripped = text.strip()
    if not stripped:
        return False
    first = len(text) - len(text.lstrip())
    return offsets.from_utf16(start) <= first and offsets.from_utf16(end) >= first + len(stripped)


def _underlined(text: str, offsets: Utf16Offsets, report: Report, color: bool) -> list[str]:
    """Each line of the text; with colour, flagged spans are underlined; without, a marker line follows."""
    sev = [0] * len(text)
    for f in report.findings:
        if _whole(text, offsets, f.start, f.end):
            continue  # about the whole message: listed below, not underlined (as in the extension)
        rank = SEVERITY_ORDER[f.severity]
        for i in range(offsets.from_utf16(f.start), min(len(text), offsets.from_utf16(f.end))):
            sev[i] = max(sev[i], rank)
    names = {v: k for k, v in SEVERITY_ORDER.items()}
    out = []
    pos = 0
    for line in text.split("\n"):
        marks = sev[pos : pos + len(line)]
        if color:
            buf, i = [], 0
            while i < len(line):
                j = i
                while j < len(line) and marks[j] == marks[i]:
                    j += 1
                chunk = line[i:j]
                buf.append(_paint(chunk, "4;" + _COLORS[names[marks[i]]], True) if marks[i] else chunk)
                i = j
            out.append("  " + "".join(buf))
        else:
            out.append("  " + line)
            if any(marks):
                cells = (
                    (_MARKS[names[m]] if m else " ") * _width(ch) for ch, m in zip(line, marks, strict=True)
                )
                out.append("  " + "".join(cells).rstrip())
        pos += len(line) + 1
    return out


NOT_CHECKED = "Not checked: Rapport reads English for now."


def render(text: str, report: Report, analysis: Analysis, color: bool = False) -> str:
    if not report.checked:
        return _paint("not checked", "2", color) + f"  {NOT_CHECKED}\n"
    offsets = Utf16Offsets(text)
    lines = _underlined(text, offsets, report, color) if text.strip() else ["  (empty text)"]
    lines.append("")
    for f in report.findings:
        start, end = offsets.from_utf16(f.start), offsets.from_utf16(f.end)
        quote = text[start:end].replace("\n", " ")
        if len(quote) > 60:
            quote = quote[:57] + "..."
        where = "(whole message)" if _whole(text, offsets, f.start, f.end) else f"\u201c{quote}\u201d"
        head = _paint(f"{f.severity:7}", _COLORS[f.severity], color)
        lines.append(f"{head} {f.rule}  {where}")
        lines.append(textwrap.fill(f.message, 100, initial_indent="        ", subsequent_indent="        "))
        lines.append(
            textwrap.fill(
                "\u2192 " + f.advice, 100, initial_indent="        ", subsequent_indent="          "
            )
        )
    if not report.findings:
        lines.append(
            _paint("ok", _COLORS["ok"], color) + "      nothing to fix: it reads like a person talking."
        )
    lines.append("")
    for name, verdict in (("pitch", report.pitchy), ("impersonal", report.impersonal)):
        score = report.scores[name]
        label = _paint("yes", "31", color) if verdict else "no"
        why = ", ".join(_feature(n, w) for w, n in _strongest(analysis, name))
        lines.append(
            f"{name:<11}{score:>3}/100  {label} at threshold {report.thresholds[name]}"
            + (f"  (weighed most: {why})" if why else "")
        )
    r = report.readability
    if not r.words:
        lines.append("readability  no words to score")
    else:
        lines.append(
            f"readability  reading ease {r.flesch_reading_ease:.0f}, grade {r.grade:.1f}, "
            f"{_plural(r.words, 'word')}, {_plural(r.sentences, 'sentence')}"
        )
    return "\n".join(lines) + "\n"


def _plural(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _strongest(an: Analysis, verdict: str, count: int = 3) -> list[tuple[float, str]]:
    """The features that pushed the score most, either way."""
    if an.model is None:
        return []
    weighed = an.model.contributions(an.features, verdict)
    return sorted(weighed, key=lambda x: (-abs(x[0]), x[1]))[:count]


def _feature(name: str, weight: float) -> str:
    """A feature as a reader can take it: a rule id, a where, or the words in quotes."""
    if name.startswith("r:"):
        shown = name[2:].replace("|fc", " (first contact)")
    elif name.startswith(("c:", "n:")):
        shown = name[2:]
    else:
        shown = (
            "\u201c" + name.removeprefix("e:") + "\u201d" + (" at the end" if name.startswith("e:") else "")
        )
    return f"{shown} {weight:+.2f}"
