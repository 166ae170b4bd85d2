"""The one result type of Rapport, a Finding, and the Report that carries them (docs/protocol.md)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Severity = Literal["info", "warning", "error"]
Level = Literal["ok", "info", "warning", "error", "unchecked"]
SEVERITY_ORDER: dict[str, int] = {"ok": 0, "info": 1, "warning": 2, "error": 3}


@dataclass(frozen=True, slots=True)
class Finding:
    """One explainable observation. `start`/`end` are a [start, end) span in UTF-16 code units."""

    rule: str
    category: str
    severity: Severity
    start: int
    end: int
    message: str
    advice: str

    def to_dict(self) -> dict[str, Any]:
        # Spelled out: dataclasses.asdict deep-copies and costs ~7 us a finding, on every keystroke's report.
        return {
            "rule": self.rule,
            "category": self.category,
            "severity": self.severity,
            "start": self.start,
            "end": self.end,
            "message": self.message,
            "advice": self.advice,
        }


@dataclass(slots=True)
class Readability:
    flesch_reading_ease: float = 0.0
    grade: float = 0.0
    words: int = 0
    sentences: int = 0

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class Report:
    pitchy: bool = False
    impersonal: bool = False
    scores: dict[str, int] = field(default_factory=lambda: {"pitch": 0, "impersonal": 0})
    thresholds: dict[str, int] = field(default_factory=lambda: {"pitch": 50, "impersonal": 50})
    findings: list[Finding] = field(default_factory=list)
    readability: Readability = field(default_factory=Readability)
    reason: str | None = None  # why the text was not checked ("not_english"); None when it was

    @property
    def checked(self) -> bool:
        return self.reason is None

    @property
    def level(self) -> Level:
        """The strongest severity among the findings, "ok", or "unchecked" for a text not checked."""
        if not self.checked:
            return "unchecked"
        worst = max((SEVERITY_ORDER[f.severity] for f in self.findings), default=0)
        return next(k for k, v in SEVERITY_ORDER.items() if v == worst)  # type: ignore[return-value]

    def to_dict(self) -> dict[str, Any]:
        if not self.checked:  # no verdict, no scores, nothing found: Rapport did not read it
            return {
                "checked": False,
                "reason": self.reason,
                "pitchy": None,
                "impersonal": None,
                "scores": None,
                "thresholds": None,
                "level": "unchecked",
                "findings": [],
                "readability": Readability().to_dict(),
            }
        return {
            "checked": True,
            "pitchy": self.pitchy,
            "impersonal": self.impersonal,
            "scores": dict(self.scores),
            "thresholds": dict(self.thresholds),
            "level": self.level,
            "findings": [f.to_dict() for f in self.findings],
            "readability": self.readability.to_dict(),
        }
