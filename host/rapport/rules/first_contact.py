"""First-contact rules: what a message to someone who does not know the writer gets wrong. The data is in
first_contact.toml."""

from __future__ import annotations

from rapport.analyzer.rule import Analysis, Hit, Rule, logic
from rapport.analyzer.words import addressed_by_name, first_sentence
from rapport.spans import Utf16Offsets


@logic("first_contact.pitch")
def first_contact_pitch(an: Analysis, rule: Rule) -> list[Hit]:
    if not an.verdict("pitch") or not an.doc.sentences:
        return []
    # about the whole message (the specific pitch findings mark where): listed, not underlined
    return [Hit(an.doc.sentences[0].start, an.doc.sentences[-1].end)]


@logic("first_contact.no_reason")
def no_reason(an: Analysis, rule: Rule) -> list[Hit]:
    doc = an.doc
    if doc.words < rule.params["min_words"] or an.fired("signal.shared_context"):
        return []
    markers = frozenset(rule.params["reason_words"])
    if any(low in markers for low in doc.lows):
        return []
    return [first_sentence(doc)]


@logic("first_contact.no_reference")
def no_reference(an: Analysis, rule: Rule) -> list[Hit]:
    doc = an.doc
    if doc.words < rule.params["min_words"] or doc.second or doc.by_kind.get("mention"):
        return []
    if addressed_by_name(doc):
        return []
    return [first_sentence(doc)]


@logic("first_contact.invite_too_long")
def invite_too_long(an: Analysis, rule: Rule) -> list[Hit]:
    """LinkedIn cuts invitation notes at 300 characters (200 on free accounts), counted in UTF-16 units."""
    text = an.doc.text
    offsets = Utf16Offsets(text)
    length = offsets.length_utf16
    hard, free = rule.params["limit"], rule.params["free_limit"]
    if length <= free:
        return []
    cut = hard if length > hard else free
    start = offsets.from_utf16(cut)
    if offsets.to_utf16(start) < cut:  # the cut falls inside an emoji: flag from the character after it
        start += 1
    severity = "error" if length > hard else "warning"
    return [Hit(start, len(text), severity=severity, detail={"length": length, "limit": cut})]


@logic("first_contact.too_long")
def first_contact_too_long(an: Analysis, rule: Rule) -> list[Hit]:
    doc = an.doc
    if doc.words <= rule.params["max_words"]:
        return []
    return [Hit(0, len(doc.text), detail={"words": doc.words, "limit": rule.params["max_words"]})]
