"""Positive signals: the reader's name, a real question. They lower the scores and are not findings. The data
is in signal.toml."""

from __future__ import annotations

from rapport.analyzer.rule import Analysis, Hit, Rule, logic
from rapport.analyzer.text import Doc, positions
from rapport.analyzer.words import addressed_by_name, overlap_index, word_sets


@logic("signal.reader_name")
def reader_name(an: Analysis, rule: Rule) -> list[Hit]:
    span = addressed_by_name(an.doc)
    return [Hit(*span)] if span else []


@logic("signal.question_to_reader")
def question_to_reader(an: Analysis, rule: Rule) -> list[Hit]:
    """A real question (not a pitch phrased as one: "Would you be open to a demo?")."""
    doc = an.doc
    pitch_hits = overlap_index(an.hits_in("pitch"))
    hits = []
    for s in doc.sentences:
        if s.is_question and s.words >= 2 and not pitch_hits.any(s.start, s.end):
            hits.append(Hit(s.start, s.end))
    return hits


def _real_question(an: Analysis) -> Hit | None:
    """A question to the reader that is not a pitch phrased as one."""
    questions = [s for s in an.doc.sentences if s.is_question and s.words >= 4]
    if not questions:
        return None
    pitch_hits = overlap_index(an.hits_in("pitch"))
    s = next((s for s in questions if not pitch_hits.any(s.start, s.end)), None)
    return Hit(s.start, s.end) if s else None


@logic("signal.specific")
def specific(an: Analysis, rule: Rule) -> list[Hit]:
    """Something in the text is about this reader: a thing both know ("the recipe", "your dog") or a real
    question to them; only in a text that sells nothing and follows no template."""
    doc = an.doc
    if an.hits_in("pitch") or any(map(an.fired, _TEMPLATES)) or "placeholder" in doc.by_kind:
        return []
    question = _real_question(an)
    if question is not None:
        return [question]
    (vague,) = word_sets(rule, "vague_nouns")
    thing = _shared_thing(doc, vague)
    return [thing] if thing is not None else []


_TEMPLATES = frozenset({"impersonal.template_opener", "impersonal.template_closer"})


def _shared_thing(doc: Doc, vague: frozenset[str]) -> Hit | None:
    """A definite thing both know: "the recipe", "your dog" (not "your profile", "the content")."""
    lows, kinds = doc.lows, doc.kinds
    for i in positions(_DEFINITE, lows):
        j = i + 1
        if j < len(lows) and kinds[j] == "word" and lows[j] not in vague and lows[j] not in _DEFINITE:
            return Hit(doc.starts[i], doc.ends[j])
    return None


_DEFINITE = frozenset({"the", "your"})
