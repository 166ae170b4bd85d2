"""From an analysis to what the user sees: the findings shown (a rule's findings are shown when the text
reads the way the rule's category says: pitch findings on a pitchy text; see Rule.shown_when), one finding
per problem, spans in UTF-16 units."""

from __future__ import annotations

from rapport.analyzer.rule import Analysis
from rapport.analyzer.spanset import DisjointSpans
from rapport.findings import SEVERITY_ORDER, Finding, Readability, Report
from rapport.spans import Utf16Offsets

# Findings on overlapping spans are one problem: only the best is shown.
# Ranking: most severe, then the most specific: a phrase ("Book a quick call") before a rule that spans a
# whole sentence ("Asks the reader for something on your agenda"), before a finding that sums up others.
# Verdicts about the whole message (a pitch to a stranger, a pitch to nobody) span it and are listed apart.
BROAD_RULES = frozenset(
    {"pitch.request", "pitch.reader_ask", "impersonal.crowd_question", "impersonal.empty_reply"}
)
SUMMARY_RULES = frozenset({"impersonal.generic", "pitch.learned", "impersonal.learned"})
# Findings about the whole text (length, focus, what is missing) are other problems: never merged.
WHOLE_TEXT_RULES = frozenset(
    {
        "first_contact.pitch",
        "impersonal.broadcast_pitch",
        "first_contact.invite_too_long",
        "first_contact.too_long",
        "first_contact.no_reason",
        "first_contact.no_reference",
        "impersonal.self_focus",
        "impersonal.corporate_voice",
        "impersonal.no_question",
    }
)
MERGED_CATEGORIES = frozenset({"pitch", "impersonal", "first_contact"})


def shown(an: Analysis, rule_id: str) -> bool:
    """Whether the user sees this rule's findings in this analysis."""
    rule = an.catalog[rule_id]
    if not rule.reported:
        return False
    when = rule.shown_when
    return when == "always" or an.verdicts[when]


def to_report(an: Analysis) -> Report:
    if an.language is not None:
        return Report(reason="not_english")
    offsets = Utf16Offsets(an.doc.text)
    first_contact = an.context.is_first_contact
    findings = []
    for rule_id, hits in an.hits.items():
        if not shown(an, rule_id):
            continue
        rule = an.catalog[rule_id]
        severity = rule.severity
        if first_contact and rule.category == "pitch":
            severity = "error"  # nobody answers a first contact that is a blatant pitch
        for h in hits:
            message = rule.message.format_map(h.detail) if h.detail else rule.message
            sev = severity if severity == "error" else (h.severity or severity)
            findings.append(
                Finding(
                    rule=rule.id,
                    category=rule.category,
                    severity=sev,  # type: ignore[arg-type]
                    start=offsets.to_utf16(h.start),
                    end=offsets.to_utf16(h.end),
                    message=message,
                    advice=rule.advice,
                )
            )
    findings = merge_overlapping(findings)
    findings.sort(key=lambda f: (f.start, f.end, f.rule))
    return Report(
        pitchy=an.verdicts["pitch"],
        impersonal=an.verdicts["impersonal"],
        scores=dict(an.scores),
        thresholds=dict(an.thresholds),
        findings=findings,
        readability=an.readability or Readability(),
    )


def _rank(f: Finding) -> tuple[int, int, int, int]:
    tier = 2 if f.rule in SUMMARY_RULES else 1 if f.rule in BROAD_RULES else 0
    return (-SEVERITY_ORDER[f.severity], tier, f.start - f.end, f.start)


def merge_overlapping(findings: list[Finding]) -> list[Finding]:
    """One finding per problem: of the findings of one category (pitch, impersonal, first contact) whose
    spans overlap, keep the best ranked (see BROAD_RULES); each category keeps at least one finding, so a
    verdict always shows why. A sentence-wide finding that held one phrase lends that phrase its span ("Would
    you be open to a quick call next week?"). Readability and whole-text findings always stay."""
    first_contact_pitch = any(f.rule == "first_contact.pitch" for f in findings)
    other_impersonal = any(
        f.category == "impersonal" and f.rule != "impersonal.broadcast_pitch" for f in findings
    )
    if first_contact_pitch and other_impersonal:
        # in a first contact, "a pitch to a stranger" already says "a pitch to nobody in particular"
        findings = [f for f in findings if f.rule != "impersonal.broadcast_pitch"]
    out = [f for f in findings if f.category not in MERGED_CATEGORIES or f.rule in WHOLE_TEXT_RULES]
    for category in sorted(MERGED_CATEGORIES):
        out += _merge([f for f in findings if f.category == category and f.rule not in WHOLE_TEXT_RULES])
    return out


def _merge(merged: list[Finding]) -> list[Finding]:
    if len(merged) < 2:
        return merged
    # The taken spans never overlap; a test scans only the new span (see spanset.DisjointSpans).
    taken: DisjointSpans[Finding] = DisjointSpans(max(f.end for f in merged))
    broad_dropped: list[Finding] = []
    for f in sorted(merged, key=_rank):
        if taken.overlapping(f.start, f.end)[0]:
            if f.rule in BROAD_RULES:
                broad_dropped.append(f)
            continue
        taken.add(f.start, f.end, f)
    for d in broad_dropped:
        count, at = taken.overlapping(d.start, d.end)
        if at is not None:  # exactly one
            t = taken.item(at)
            start, end = min(t.start, d.start), max(t.end, d.end)
            wide = Finding(t.rule, t.category, t.severity, start, end, t.message, t.advice)
            taken.replace(at, start, end, wide)
    return taken.items()
