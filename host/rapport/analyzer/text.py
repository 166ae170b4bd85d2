"""One pass over a text: tokens with code-point spans, sentences, paragraphs and the counts rules share."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

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
_HYPHENS = frozenset("-‐‑–")
_NEWLINE_RE = re.compile(r"\n")
_SENTENCE_END = frozenset({".", "!", "?", "…"})

FIRST_PERSON_SINGULAR = frozenset({"i", "me", "my", "mine", "myself", "i'm", "i've", "i'd", "i'll"})
FIRST_PERSON_PLURAL = frozenset({"we", "us", "our", "ours", "ourselves", "we're", "we've", "we'd", "we'll"})
SECOND_PERSON = frozenset(
    {"you", "your", "yours", "yourself", "yourselves", "you're", "you've", "you'd", "you'll", "ya", "u"}
)


@dataclass(slots=True)
class Token:
    low: str  # lowercased, apostrophes normalised ("game-changer" is two tokens; the hyphen is dropped)
    start: int  # code points, [start, end)
    end: int
    kind: str  # url | placeholder | hashtag | mention | word | punct
    sentence: int = 0
    paragraph: int = 0


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
    text: str
    norm: str
    tokens: list[Token]
    lows: list[str]
    sentences: list[Sentence]
    paragraphs: list[tuple[int, int]]  # code-point spans of blocks separated by line breaks
    words: int = 0
    first_singular: int = 0
    first_plural: int = 0
    second: int = 0
    by_kind: dict[str, list[int]] = field(default_factory=dict)
    _lowset: frozenset[str] | None = None

    @property
    def lowset(self) -> frozenset[str]:
        """Every distinct lowercased token: rules check it before they scan the tokens."""
        if self._lowset is None:
            self._lowset = frozenset(self.lows)
        return self._lowset

    def span(self, first: int, last: int) -> tuple[int, int]:
        """Code-point span covering tokens [first, last)."""
        return self.tokens[first].start, self.tokens[last - 1].end

    def sentence_text(self, s: Sentence) -> str:
        return self.text[s.start : s.end]

    def original(self, tok: Token) -> str:
        return self.text[tok.start : tok.end]


def _normalise(text: str) -> str:
    low = text.lower()
    if len(low) != len(text):  # e.g. "İ" lowercases to two code points: keep offsets aligned
        low = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    return low.replace("’", "'").replace("‘", "'")


_PERSON = {w: 1 for w in FIRST_PERSON_SINGULAR} | {w: 2 for w in FIRST_PERSON_PLURAL}
_PERSON |= {w: 3 for w in SECOND_PERSON}


def parse(text: str) -> Doc:
    """Tokens, sentences, paragraphs and pronoun counts in one pass (the hot path: keep it lean)."""
    norm = _normalise(text)
    tokens: list[Token] = []
    lows: list[str] = []
    sentences: list[Sentence] = []
    by_kind: dict[str, list[int]] = {}
    para_spans: list[tuple[int, int]] = []
    add_token = tokens.append
    add_low = lows.append
    person = _PERSON.get
    counts = [0, 0, 0, 0]  # words, first singular, first plural, second
    next_nl = norm.find("\n")
    sent_first = 0
    sent_words = 0  # words before the current sentence
    ending = ""
    para = 0
    para_start = -1
    last_end = 0
    prev_end = -1
    for m in _TOKEN_RE.finditer(norm):
        start = m.start()
        # A line break ends a sentence and a block (LinkedIn posts break lines instead of paragraphs).
        if 0 <= next_nl < start:
            next_nl = norm.find("\n", start)
            if tokens and sent_first < len(tokens):
                n_words = counts[0] - sent_words
                sentences.append(_sentence(tokens, sent_first, len(tokens), ending, para, n_words))
                sent_first = len(tokens)
                sent_words = counts[0]
                ending = ""
            if para_start >= 0:
                para_spans.append((para_start, last_end))
                para += 1
                para_start = -1
        kind = m.lastgroup or "punct"
        low = m.group()
        end = m.end()
        if kind == "punct":
            if low in _HYPHENS and prev_end == start and norm[end : end + 1].isalnum():
                continue  # a hyphen inside a word: phrases match "game-changer" like "game changer"
            if low in _SENTENCE_END:
                ending = "?" if low == "?" or ending == "?" else low
        else:
            if ending:
                # The previous token closed a sentence ("Hi. Then"): start a new one at this token.
                n_words = counts[0] - sent_words
                sentences.append(_sentence(tokens, sent_first, len(tokens), ending, para, n_words))
                sent_first = len(tokens)
                sent_words = counts[0]
                ending = ""
            if kind == "word":
                counts[0] += 1
                k = person(low)
                if k:
                    counts[k] += 1
            else:
                by_kind.setdefault(kind, []).append(len(tokens))
        add_token(Token(low, start, end, kind, len(sentences), para))
        add_low(low)
        if para_start < 0:
            para_start = start
        last_end = prev_end = end
    if sent_first < len(tokens):
        sentences.append(_sentence(tokens, sent_first, len(tokens), ending, para, counts[0] - sent_words))
    if para_start >= 0:
        para_spans.append((para_start, last_end))
    return Doc(
        text=text,
        norm=norm,
        tokens=tokens,
        lows=lows,
        sentences=sentences,
        paragraphs=para_spans,
        words=counts[0],
        first_singular=counts[1],
        first_plural=counts[2],
        second=counts[3],
        by_kind=by_kind,
    )


def _sentence(tokens: list[Token], first: int, last: int, ending: str, para: int, words: int) -> Sentence:
    return Sentence(first, last, tokens[first].start, tokens[last - 1].end, ending, para, words)
