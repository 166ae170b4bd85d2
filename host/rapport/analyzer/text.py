"""One pass over a text: tokens with code-point spans, sentences, paragraphs and the counts rules share."""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass, field
from itertools import compress
from operator import attrgetter

# Order matters: URLs, placeholders, hashtags and mentions before plain words. Matched on lowercased text.
_FIELD = (
    r"(?:first|last|full|your|their|contact|job|company|recipient)?[ _]?"
    r"(?:name|company|title|role|industry|city)"
)
_TOKEN_RE = re.compile(
    rf"""
    (?P<url>https?://[^\s<>"]+ | www\.[^\s<>"]+
        | \b[a-z0-9-]+\.(?:com|io|ai|co|net|org|app|dev|ly|me)\b(?:/\S*)?)
    | (?P<placeholder>\{{\{{\s*[\w .-]{{1,30}}?\s*\}}\}}           # {{{{company}}}}
        | \{{\s*{_FIELD}\s*\}} | \{{\s*\w+_\w+\s*\}}              # {{first_name}} {{Name}}
        | \[\s*{_FIELD}\s*\] | <\s*{_FIELD}\s*>                 # [Name] <company>
        | %[a-z_]{{3,20}}% | \*\|[a-z_]+\|\*)                    # %FIRSTNAME% *|FNAME|*
    | (?P<hashtag>\#\w+)
    | (?P<mention>@\w+)
    | (?P<word>\w+(?:'\w+)*)
    | (?P<punct>[^\w\s])
    """,
    re.VERBOSE,
)
# Without "://", "www.", a ".com"-like ending or a placeholder bracket, no URL or placeholder can match, and
# this smaller expression gives the same tokens faster.
_COMMON_RE = re.compile(r"(?P<hashtag>\#\w+)|(?P<mention>@\w+)|(?P<word>\w+(?:'\w+)*)|(?P<punct>[^\w\s])")
_DOMAIN_HINT_RE = re.compile(r"\.(?:com|io|ai|co|net|org|app|dev|ly|me)\b")
_HYPHENS = frozenset("-‐‑–")
_SENTENCE_END = frozenset({".", "!", "?", "…"})
# Unicode categories of emoji and their parts: other/modifier symbols, marks (variation selectors), format
# characters (zero-width joiner), and surrogates / private use.
_SYMBOL_CATEGORIES = frozenset({"So", "Sk", "Mn", "Me", "Cf", "Cs", "Co"})

FIRST_PERSON_SINGULAR = frozenset({"i", "me", "my", "mine", "myself", "i'm", "i've", "i'd", "i'll"})
FIRST_PERSON_PLURAL = frozenset({"we", "us", "our", "ours", "ourselves", "we're", "we've", "we'd", "we'll"})
SECOND_PERSON = frozenset(
    {"you", "your", "yours", "yourself", "yourselves", "you're", "you've", "you'd", "you'll", "ya", "u"}
)


@dataclass(slots=True)
class Sentence:
    first: int  # token index range [first, last)
    last: int
    start: int  # code points
    end: int
    ending: str  # the final punctuation token, or ""
    paragraph: int = 0
    words: int = 0

    @property
    def is_question(self) -> bool:
        return self.ending == "?"


@dataclass(slots=True)
class Doc:
    """A parsed text. Token i is described by parallel lists (lows, kinds, starts, ends, sent_of, para_of),
    which rules read directly."""

    text: str
    norm: str
    lows: list[
        str
    ]  # lowercased, apostrophes normalised ("game-changer" is two tokens; the hyphen is dropped)
    kinds: list[str]  # url | placeholder | hashtag | mention | word | punct
    starts: list[int]  # code points, [start, end)
    ends: list[int]
    sent_of: list[int]  # sentence index of each token
    para_of: list[int]  # paragraph index of each token
    sentences: list[Sentence]
    paragraphs: list[tuple[int, int]]  # code-point spans of blocks separated by line breaks
    words: int = 0
    first_singular: int = 0
    first_plural: int = 0
    second: int = 0
    by_kind: dict[str, list[int]] = field(default_factory=dict)
    lowset: frozenset[str] = frozenset()  # every distinct lowercased token: rules check it before scanning

    def paragraph_tokens(self) -> list[tuple[int, int]]:
        """Token ranges [first, last) of the paragraphs."""
        para_of = self.para_of
        edges = [0, *(i for i in range(1, len(para_of)) if para_of[i] != para_of[i - 1]), len(para_of)]
        return [(a, b) for a, b in zip(edges, edges[1:], strict=False) if a < b]

    def word(self, i: int) -> str:
        """Token i as written (original case)."""
        return self.text[self.starts[i] : self.ends[i]]


def _normalise(text: str) -> str:
    low = text.lower()
    if len(low) != len(text):  # e.g. "İ" lowercases to two code points: keep offsets aligned
        low = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    return low.replace("’", "'").replace("‘", "'")


def positions(words: frozenset[str] | set[str], lows: list[str]) -> list[int]:
    """Indices of the tokens whose lowercased text is in `words` (the scan runs in C)."""
    return list(compress(range(len(lows)), map(words.__contains__, lows)))


_group = re.Match.group
_start = re.Match.start
_end = re.Match.end
_lastgroup = attrgetter("lastgroup")
_SPECIAL_KINDS = frozenset({"url", "placeholder", "hashtag", "mention"})
_HYPHEN_RE = re.compile("[-‐‑–]")


def _token_re(norm: str) -> re.Pattern[str]:
    if "://" in norm or "www." in norm or any(c in norm for c in "{[<%*") or _DOMAIN_HINT_RE.search(norm):
        return _TOKEN_RE
    return _COMMON_RE


def parse(text: str) -> Doc:
    """Tokens, sentences, paragraphs and pronoun counts. The hot path: per-token work runs in C (map, count,
    list repetition); Python loops only over sentence ends, line breaks and in-word hyphens."""
    norm = _normalise(text)
    if "\n" in norm:
        lows, starts, ends, kinds = _lines_tokens(norm)
    else:
        lows, starts, ends, kinds = (list(part) for part in _tokens(norm))
    n = len(lows)
    bounds = _line_breaks(norm, starts, n)  # token indices that follow a line break: new block, new sentence
    cuts, endings = _sentence_cuts(lows, kinds, bounds, n)

    sentences: list[Sentence] = []
    sent_of: list[int] = []
    para_of: list[int] = []
    edges = [0, *cuts, n] if n else [0]
    for k in range(len(edges) - 1):
        first, last = edges[k], edges[k + 1]
        para = bisect_right(bounds, first)
        end = last - 1  # the span ends at the last word or punctuation: "today! 👉" underlines "today!"
        while (
            end > first and kinds[end] == "punct" and lows[end] not in _SENTENCE_END and _is_symbol(lows[end])
        ):
            end -= 1
        sentences.append(
            Sentence(first, last, starts[first], ends[end], endings[k], para, kinds[first:last].count("word"))
        )
        sent_of += [k] * (last - first)
    paragraphs: list[tuple[int, int]] = []
    if n:
        prev = 0
        for k, b in enumerate([*bounds, n]):
            paragraphs.append((starts[prev], ends[b - 1]))
            para_of += [k] * (b - prev)
            prev = b
    by_kind: dict[str, list[int]] = {}
    for kind in _SPECIAL_KINDS.intersection(kinds):
        by_kind[kind] = list(compress(range(n), map(kind.__eq__, kinds)))
    lowset = frozenset(lows)
    return Doc(
        text=text,
        norm=norm,
        lows=lows,
        kinds=kinds,
        starts=starts,
        ends=ends,
        sent_of=sent_of,
        para_of=para_of,
        sentences=sentences,
        paragraphs=paragraphs,
        words=kinds.count("word"),
        first_singular=sum(lows.count(w) for w in FIRST_PERSON_SINGULAR & lowset),
        first_plural=sum(lows.count(w) for w in FIRST_PERSON_PLURAL & lowset),
        second=sum(lows.count(w) for w in SECOND_PERSON & lowset),
        by_kind=by_kind,
        lowset=lowset,
    )


_Tokens = tuple[list[str], list[int], list[int], list[str]]


def _tokens(norm: str) -> _Tokens:
    """(lows, starts, ends, kinds) of one normalised string; never spans a line break."""
    matches = list(_token_re(norm).finditer(norm))
    lows: list[str] = list(map(_group, matches))
    starts: list[int] = list(map(_start, matches))
    ends: list[int] = list(map(_end, matches))
    kinds: list[str] = list(map(_lastgroup, matches))
    if not _HYPHENS.isdisjoint(norm):
        _drop_inner_hyphens(norm, lows, starts, ends, kinds)
    return lows, starts, ends, kinds


_LINES: dict[str, _Tokens] = {}
LINE_CACHE_SIZE = 1024  # lines; the oldest half goes when it is full


def _lines_tokens(norm: str) -> _Tokens:
    """The tokens of a text of several lines, each line's from a cache: while someone types, one line
    changes at a time. No token spans a line break (a URL or a word never does)."""
    lows: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    kinds: list[str] = []
    offset = 0
    for line in norm.split("\n"):
        if line.strip():
            part = _LINES.get(line)
            if part is None:
                part = _tokens(line)
                if len(_LINES) >= LINE_CACHE_SIZE:
                    for old in list(_LINES)[: LINE_CACHE_SIZE // 2]:
                        del _LINES[old]
                _LINES[line] = part
            lows += part[0]
            kinds += part[3]
            if offset:
                starts += [s + offset for s in part[1]]
                ends += [e + offset for e in part[2]]
            else:
                starts += part[1]
                ends += part[2]
        offset += len(line) + 1
    return lows, starts, ends, kinds


def _is_symbol(char: str) -> bool:
    """An emoji or other symbol (and its joiners, variation selectors, skin tones): not part of a sentence's
    words or punctuation."""
    return len(char) == 1 and unicodedata.category(char) in _SYMBOL_CATEGORIES


def _drop_inner_hyphens(
    norm: str, lows: list[str], starts: list[int], ends: list[int], kinds: list[str]
) -> None:
    """Drop a hyphen glued to the word before and a letter or digit after, so that phrases match
    "game-changer" like "game changer"."""
    drop: list[int] = []  # never two in a row: a dropped hyphen is followed by a letter or digit
    for m in _HYPHEN_RE.finditer(norm):
        at = m.start()
        i = bisect_right(starts, at) - 1
        if i <= 0 or starts[i] != at or lows[i] not in _HYPHENS:
            continue  # inside a URL or placeholder, or nothing before it
        if ends[i - 1] == at and norm[at + 1 : at + 2].isalnum():
            drop.append(i)
    for i in reversed(drop):
        del lows[i], starts[i], ends[i], kinds[i]


def _line_breaks(norm: str, starts: list[int], n: int) -> list[int]:
    bounds: list[int] = []
    pos = norm.find("\n")
    while pos != -1:
        b = bisect_right(starts, pos)
        if 0 < b < n and (not bounds or bounds[-1] != b):
            bounds.append(b)
        pos = norm.find("\n", pos + 1)
    return bounds


def _sentence_cuts(
    lows: list[str], kinds: list[str], bounds: list[int], n: int
) -> tuple[list[int], list[str]]:
    """Where sentences start (after the first token) and how each one ends ("." "!" "?" "…" or "").

    A run of end marks closes a sentence at the next token that is not punctuation ("Hi!) Then"); a line
    break closes it at once. A run containing "?" makes a question."""
    cuts: list[int] = []
    endings: list[str] = []
    ending = ""
    pending = -1  # the token that will start the next sentence, once an end mark was seen
    marks = positions(_SENTENCE_END, lows)
    bi = 0
    for e in [*marks, n]:
        while bi < len(bounds) and bounds[bi] <= e:
            b = bounds[bi]
            bi += 1
            if pending != -1 and pending < b:
                cuts.append(pending)
                endings.append(ending)
                ending = ""
            if not cuts or b > cuts[-1]:
                cuts.append(b)
                endings.append(ending)
            ending, pending = "", -1
        if e == n:
            break
        if pending != -1 and pending < e:
            cuts.append(pending)
            endings.append(ending)
            ending, pending = "", -1
        low = lows[e]
        ending = "?" if low == "?" or ending == "?" else low
        j = e + 1
        while j < n and kinds[j] == "punct":
            j += 1
        pending = j if j < n else -1
    if pending != -1:
        cuts.append(pending)
        endings.append(ending)
        ending = ""
    endings.append(ending)
    return cuts, endings
