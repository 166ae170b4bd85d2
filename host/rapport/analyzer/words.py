"""Word classes and small readers of a parsed text that several rule families share: greetings, the crowd,
the reader's name, the writer's words, the first word of a sentence that carries meaning."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rapport.analyzer.rule import Hit
from rapport.analyzer.spanset import Overlaps
from rapport.analyzer.text import FIRST_PERSON_PLURAL, FIRST_PERSON_SINGULAR, SECOND_PERSON, Doc, Sentence

if TYPE_CHECKING:
    from rapport.analyzer.rule import Analysis, Rule

GREETINGS = frozenset(
    {"hi", "hello", "hey", "dear", "greetings", "hiya", "howdy", "yo", "morning", "evening"}
)
CROWD = frozenset(
    [
        "there",
        "all",
        "everyone",
        "everybody",
        "folks",
        "guys",
        "team",
        "friends",
        "friend",
        "sir",
        "madam",
        "connections",
        "network",
        "people",
        "y'all",
        "ya'll",
        "fam",
        "linkedin",
        "twitter",
        "x",
        "hiring",
        "manager",
        "sir/madam",
        "colleague",
        "colleagues",
        "professional",
        "professionals",
        "leaders",
        "founders",
    ]
)


def sentence_of(doc: Doc, tok_index: int) -> Sentence:
    return doc.sentences[doc.sent_of[tok_index]]


def greeting_end(doc: Doc) -> int | None:
    """Index of the first token after an opening greeting ("Hi", "Good morning"), or None."""
    lows = doc.lows
    if not lows:
        return None
    if lows[0] in GREETINGS:
        return 1
    if lows[0] == "good" and len(lows) > 1 and lows[1] in ("morning", "afternoon", "evening", "day"):
        return 2
    return None


def words_after_greeting(doc: Doc) -> list[int]:
    """Indices of the word tokens right after an opening greeting, up to the first punctuation."""
    g = greeting_end(doc)
    if g is None:
        return []
    out = []
    for j in range(g, min(len(doc.lows), g + 4)):
        if doc.kinds[j] == "punct" or doc.sent_of[j] != 0:
            break
        out.append(j)
    return out


def is_name(doc: Doc, j: int) -> bool:
    kind, low = doc.kinds[j], doc.lows[j]
    if kind == "mention":
        return True
    if kind != "word" or low in CROWD or low in SECOND_PERSON:
        return False
    orig = doc.word(j)
    return orig[:1].isupper() and not orig.isupper() or (len(orig) <= 3 and orig[:1].isupper())


def addressed_by_name(doc: Doc) -> tuple[int, int] | None:
    """Span of the reader's name when the text greets or thanks someone by name."""
    for j in words_after_greeting(doc):
        if is_name(doc, j):
            return doc.starts[j], doc.ends[j]
    lows = doc.lows
    for i, low in enumerate(lows[:-1]):
        if low in ("thanks", "thank", "congrats", "congratulations"):
            j = i + 1 if low != "thank" else i + 2
            if j < len(lows) and doc.kinds[j] in ("word", "mention") and is_name(doc, j):
                return doc.starts[j], doc.ends[j]
    if doc.kinds and doc.kinds[0] == "mention":
        return doc.starts[0], doc.ends[0]
    return None


def overlap_index(hits: list[Hit]) -> Overlaps:
    """Answers "does a hit overlap this span?" in O(log n): no loop over sentences x hits."""
    return Overlaps((h.start, h.end) for h in hits)


def first_sentence(doc: Doc) -> Hit:
    s = doc.sentences[0]
    return Hit(s.start, s.end)


WRITER = FIRST_PERSON_SINGULAR | FIRST_PERSON_PLURAL
# Words that make a noun someone else's: "your course", "their app", "the course you recommended".
OTHERS = SECOND_PERSON | frozenset({"their", "his", "her", "them", "they", "he", "she", "its"})
FILLERS = frozenset(
    {"so", "just", "and", "also", "but", "then", "oh", "ok", "okay", "btw", "anyway", "quick"}
)


_WORD_SETS: dict[tuple[str, str], frozenset[str]] = {}


def word_sets(rule: Rule, *names: str) -> list[frozenset[str]]:
    """The rule's word-class params as frozensets, built once per rule."""
    out = []
    for name in names:
        s = _WORD_SETS.get((rule.id, name))
        if s is None:
            s = _WORD_SETS[rule.id, name] = frozenset(rule.params[name])
        out.append(s)
    return out


def head(doc: Doc, first: int, last: int) -> int:
    """First token of a sentence that carries meaning: skips punctuation, greetings, a name and fillers."""
    lows = doc.lows
    i = first
    while i < last and (doc.kinds[i] != "word" or lows[i] in FILLERS):
        i += 1
    if i < last and lows[i] in GREETINGS:
        i += 1
        while i < last and (doc.kinds[i] != "word" or doc.word(i)[:1].isupper()):
            i += 1
    return i


# Words that say nothing on their own: a phrase made only of these is not shown as a reason.
_PLAIN_WORDS = (
    "a an the and or but so to of in on at by for with from as is are was were be been am it its this that "
    "these those i you he she we they me him her us them my your his our their mine yours just not no do "
    "does did have has had will would can could should if then than there here what who how when where why "
    "all some any more most very too also up out about into over hi hello hey dear thanks thank ok oh yes "
    "yeah <s> </s> <num>"
)
_PLAIN = frozenset(_PLAIN_WORDS.split())


def _telling(name: str) -> bool:
    """A word feature worth showing: it holds at least one word that means something by itself."""
    words = name.removeprefix("e:").split(" ")
    return any(w == "<url>" or (w not in _PLAIN and len(w) > 2 and w[:1].isalnum()) for w in words)


def weighed_phrases(an: Analysis, verdict: str, count: int) -> list[Hit]:
    """One hit on the phrase of the text the scorer weighed most towards `verdict`, naming the `count`
    strongest in its message; the last sentence when no phrase of the text pushed that way."""
    from rapport.analyzer.features import locate

    doc = an.doc
    spans: list[tuple[int, int]] = []
    for weight, name in an.weighed(verdict):
        if weight <= 0 or len(spans) == count:
            break
        if name[1:2] == ":" and name[0] in "rcn" or not _telling(name):
            continue
        span = locate(doc, name)
        if span is not None and not any(a < span[1] and span[0] < b for a, b in spans):
            spans.append(span)
    if not spans:
        last = doc.sentences[-1]
        return [Hit(last.start, last.end, detail={"phrases": "The text as a whole"})]
    quoted = [f"“{doc.text[a:b]}”" for a, b in spans]
    phrases = quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " and " + quoted[-1]
    return [Hit(spans[0][0], spans[0][1], detail={"phrases": phrases[0].upper() + phrases[1:]})]
