"""The features the learned scorer reads, from one analysis: the same function serves the engine (every
keystroke) and the trainer (rapport.training), so what is learned is what runs.

Features are names (binary: present or not):
- `r:<rule id>`: a rule fired in the text phase (findings and positive signals alike); `r:<rule id>|fc`
  the same in a first contact;
- `c:site=x`, `c:surface=comment`, `c:fc`: where the text is written;
- `n:<what>=<bin>`: counts in bins (words, links, hashtags, mentions, exclamation marks, emoji, ...);
- words and word pairs of each sentence, lowercased, with links, mentions, numbers and placeholders folded
  into `<url>`, `<@>`, `<num>`, `<ph>`; `<s>` and `</s>` mark where the text starts and ends. A sentence's
  words are cached by its text: while someone types, one sentence changes at a time;
- `e:<word or pair>`: the same in the last sentence that has words, where funnels and calls to action sit
  ("Start here: <url>", "Follow me for more").

A vocabulary of names the trainer kept maps to weights (rapport.analyzer.model); names outside it weigh
nothing. Word features are exact strings rather than hashed buckets: in pure Python a dictionary lookup of a
ready string costs a sixth of hashing it again (bench/), and the name is its own explanation.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rapport.analyzer.rule import Analysis
    from rapport.analyzer.text import Doc

_FOLD = {"url": "<url>", "mention": "<@>", "placeholder": "<ph>"}
_BINS = {
    "words": (3, 8, 20, 50, 120, 250),
    "urls": (0, 1, 2),
    "hashtags": (0, 1, 3, 6),
    "mentions": (0, 1, 3),
    "bangs": (0, 1, 3),
    "questions": (0, 1, 3),
    "symbols": (0, 1, 4),
    "caps": (0, 1, 3),
    "lines": (1, 3, 8, 20),
}


def _bin(value: int, edges: tuple[int, ...]) -> int:
    """The number of edges below `value`: 0 for value <= edges[0], len(edges) past the last."""
    return bisect_right(edges, value - 1) if value > edges[0] else 0


def tokens(doc: Doc, first: int = 0, last: int | None = None) -> list[str]:
    """Tokens [first, last) as features see them: lowercased, with links, mentions, numbers folded."""
    out = []
    for low, kind in zip(doc.lows[first:last], doc.kinds[first:last], strict=True):
        folded = _FOLD.get(kind)
        if folded is None and low[:1].isdigit():
            folded = "<num>" if len(low) < 6 else "<longnum>"
        out.append(folded or low)
    return out


def _grams(toks: list[str], prefix: str = "") -> list[str]:
    pairs = [f"{a} {b}" for a, b in zip(toks, toks[1:], strict=False)]
    if prefix:
        return [prefix + g for g in toks] + [prefix + g for g in pairs]
    return toks + pairs


_CACHE: dict[str, frozenset[str]] = {}
CACHE_SIZE = 2048  # sentences; the oldest half goes when it is full


def _sentence_grams(doc: Doc) -> set[str]:
    """Words and word pairs of every sentence, each sentence's from the cache when it was seen before."""
    out: set[str] = set()
    text, starts, ends = doc.text, doc.starts, doc.ends
    for s in doc.sentences:
        if s.first == s.last:
            continue
        key = text[starts[s.first] : ends[s.last - 1]]
        grams = _CACHE.get(key)
        if grams is None:
            grams = frozenset(_grams(tokens(doc, s.first, s.last)))
            if len(_CACHE) >= CACHE_SIZE:
                for old in list(_CACHE)[: CACHE_SIZE // 2]:
                    del _CACHE[old]
            _CACHE[key] = grams
        out |= grams
    return out


def extract(an: Analysis) -> set[str]:
    """The feature names of an analysis that has run its text phase."""
    doc = an.doc
    ctx = an.context
    fc = ctx.is_first_contact
    names = {f"c:site={ctx.site}", f"c:surface={ctx.surface}"}
    if fc:
        names.add("c:fc")
    for rule_id in an.hits:
        names.add("r:" + rule_id)
        if fc:
            names.add(f"r:{rule_id}|fc")
    for what, value in _counts(doc).items():
        names.add(f"n:{what}={_bin(value, _BINS[what])}")
    if doc.lows:
        names |= _sentence_grams(doc)
        names.add("<s> " + tokens(doc, 0, 1)[0])
        names.add(tokens(doc, len(doc.lows) - 1)[0] + " </s>")
    last = _last_sentence(doc)
    if last is not None:
        names.update(_grams(tokens(doc, *last), "e:"))
    return names


_CAPS_RE = re.compile(r"\b[A-Z][A-Z0-9']{3,}\b")  # a word in capitals: "FREE", "NOW"
_SYMBOL_RE = re.compile(r"[^\w\s\u0000-\u1fff]")  # emoji, arrows, bullets and other symbols


def _counts(doc: Doc) -> dict[str, int]:
    text = doc.text
    return {
        "words": doc.words,
        "urls": len(doc.by_kind.get("url", ())),
        "hashtags": len(doc.by_kind.get("hashtag", ())),
        "mentions": len(doc.by_kind.get("mention", ())),
        "bangs": text.count("!"),
        "questions": text.count("?"),
        "symbols": len(_SYMBOL_RE.findall(text)),
        "caps": len(_CAPS_RE.findall(text)),
        "lines": len(doc.paragraphs),
    }


def _last_sentence(doc: Doc) -> tuple[int, int] | None:
    """Token range of the last sentence that has words."""
    for s in reversed(doc.sentences):
        if s.words:
            return s.first, s.last
    return None


def locate(doc: Doc, name: str) -> tuple[int, int] | None:
    """Where a word feature sits in the text (code points), for explanations: the last occurrence for an
    `e:` feature, the first otherwise; None for features that are not words ("r:", "c:", "n:", "<s>")."""
    if name[:2] in ("r:", "c:", "n:"):
        return None
    at_end = name.startswith("e:")
    words = (name[2:] if at_end else name).split(" ")
    words = [w for w in words if w not in ("<s>", "</s>")]
    if not words:
        return None
    toks = tokens(doc)
    k = len(words)
    found = None
    for i in range(len(toks) - k + 1):
        if toks[i : i + k] == words:
            found = (doc.starts[i], doc.ends[i + k - 1])
            if not at_end:
                break
    return found
