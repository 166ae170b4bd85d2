"""Rapport's analyser: rules as data plus small logic rules, read by a learned scorer into pitch and
impersonal verdicts, each explained by findings.

Public API (used by the host and the CLI): `analyze`, `explain` (the report and the analysis behind it),
`rule_catalog`, `RULESET_VERSION`.
"""

from __future__ import annotations

from typing import Any

from rapport.analyzer.engine import RULES, RULESET_VERSION, run
from rapport.analyzer.report import to_report
from rapport.analyzer.rule import Analysis
from rapport.context import Context, Options
from rapport.findings import Report

__all__ = ["RULESET_VERSION", "analyze", "explain", "rule_catalog"]


def analyze(text: str, context: Context | None = None, options: Options | None = None) -> Report:
    """Analyse `text` in `context` under `options` (see docs/protocol.md for the report)."""
    return to_report(run(text, context or Context(), options or Options()))


def explain(
    text: str, context: Context | None = None, options: Options | None = None
) -> tuple[Report, Analysis]:
    """The report and the analysis behind it (rule hits, the features the scorer read, its scores)."""
    an = run(text, context or Context(), options or Options())
    return to_report(an), an


def rule_catalog() -> list[dict[str, Any]]:
    """Every rule: {"id", "category", "kind", "severity", "message", "advice"}."""
    return [r.public() for r in RULES]
