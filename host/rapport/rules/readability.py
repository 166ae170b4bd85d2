"""Readability rules: hard words, long sentences, walls of text. The data is in readability.toml."""

from __future__ import annotations

from rapport.analyzer.rule import Analysis, Hit, Rule, logic


@logic("readability.hard_to_read")
def hard_to_read(an: Analysis, rule: Rule) -> list[Hit]:
    r = an.text_readability()
    p = rule.params
    if r is None or r.words < p["min_words"]:
        return []
    target = p["min_reading_ease"][an.context.surface] + (p["x_bonus"] if an.context.site == "x" else 0)
    if r.flesch_reading_ease >= target:
        return []
    doc = an.doc
    longest = max(doc.sentences, key=lambda s: s.words)
    return [
        Hit(
            longest.start,
            longest.end,
            detail={"ease": round(r.flesch_reading_ease), "target": target, "grade": r.grade},
        )
    ]


@logic("readability.long_sentence")
def long_sentence(an: Analysis, rule: Rule) -> list[Hit]:
    doc = an.doc
    limit = rule.params["max_words_x" if an.context.site == "x" else "max_words"]
    hits = []
    for s in doc.sentences:
        n = s.words
        if n > limit:
            hits.append(Hit(s.start, s.end, detail={"words": n, "limit": limit}))
    return hits


@logic("readability.wall_of_text")
def wall_of_text(an: Analysis, rule: Rule) -> list[Hit]:
    doc = an.doc
    limit = rule.params["max_block_words"]
    if doc.words <= limit:
        return []
    counts = [0] * len(doc.paragraphs)
    for s in doc.sentences:  # a sentence never spans two blocks
        counts[s.paragraph] += s.words
    return [
        Hit(start, end, detail={"words": n, "limit": limit})
        for (start, end), n in zip(doc.paragraphs, counts, strict=True)
        if n > limit
    ]
