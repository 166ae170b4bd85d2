"""Impersonal rules: the text reads as a template, a broadcast or a corporate voice. The data is in
impersonal.toml."""

from __future__ import annotations

import re

from rapport.analyzer.rule import Analysis, Hit, Rule, logic
from rapport.analyzer.text import FIRST_PERSON_PLURAL, FIRST_PERSON_SINGULAR, positions
from rapport.analyzer.words import (
    GREETINGS,
    first_sentence,
    greeting_end,
    is_name,
    sentence_of,
    weighed_phrases,
    word_sets,
    words_after_greeting,
)


@logic("impersonal.placeholder")
def placeholder(an: Analysis, rule: Rule) -> list[Hit]:
    doc = an.doc
    return [Hit(doc.starts[i], doc.ends[i]) for i in doc.by_kind.get("placeholder", [])]


@logic("impersonal.nameless_greeting")
def nameless_greeting(an: Analysis, rule: Rule) -> list[Hit]:
    """ "Hi," with no name, in a message that names nothing both know either: "hey, are you still coming
    Saturday? I can pick you up from the station" is a friend's shorthand, not a mail merge."""
    doc = an.doc
    g = greeting_end(doc)
    if g is None:
        return []
    if an.fired("signal.specific") and not any(map(an.fired, _MASS_MAIL)):
        return []
    after = words_after_greeting(doc)
    if any(is_name(doc, j) for j in after):
        return []
    end = doc.ends[after[-1]] if after else doc.ends[g - 1]
    return [Hit(doc.starts[0], end)]


@logic("impersonal.self_focus")
def self_focus(an: Analysis, rule: Rule) -> list[Hit]:
    """Many I/we/our and little or no you/your. In posts only "we" counts: a personal "I" story is welcome."""
    doc = an.doc
    p = rule.params
    if doc.words < p["min_words"]:
        return []
    if an.context.surface == "post":
        self_count = doc.first_plural
        wanted = FIRST_PERSON_PLURAL
    else:
        self_count = doc.first_singular + doc.first_plural
        wanted = FIRST_PERSON_SINGULAR | FIRST_PERSON_PLURAL
    if self_count < p["min_self"] or self_count < p["ratio"] * (doc.second + 1):
        return []
    first = next(i for i, low in enumerate(doc.lows) if low in wanted)
    s = sentence_of(doc, first)
    strength = min(1.5, self_count / (p["ratio"] * (doc.second + 1)))
    return [Hit(s.start, s.end, strength=strength, detail={"me": self_count, "you": doc.second})]


@logic("impersonal.no_question")
def no_question(an: Analysis, rule: Rule) -> list[Hit]:
    """A first message that asks nothing and invites no reply."""
    doc = an.doc
    if doc.words < rule.params["min_words"] or any(s.is_question for s in doc.sentences):
        return []
    if an.fired("signal.invites_reply"):
        return []
    if an.fired("signal.reader_name") and an.fired("signal.shared_context"):
        return []  # a warm note to someone you have met invites a reply without a question mark
    s = doc.sentences[-1]
    return [Hit(s.start, s.end)]


_PERSONAL = frozenset({"signal.reader_name", "signal.shared_context"})
_MASS_MAIL = frozenset({"impersonal.crowd_address", "impersonal.placeholder"})


@logic("impersonal.generic")
def generic(an: Analysis, rule: Rule) -> list[Hit]:
    """Nothing in the text is specific to anyone: no name, no detail, no shared context, no number."""
    doc = an.doc
    if doc.words < rule.params["min_words"]:
        return []
    if doc.by_kind.get("mention") or any(map(an.fired, _PERSONAL)):
        return []
    if an.fired("signal.specific"):
        return []  # asking this reader about something, or naming a thing you both know, is specific
    starts = {s.first for s in doc.sentences}
    for i, (low, kind) in enumerate(zip(doc.lows, doc.kinds, strict=True)):
        if kind != "word":
            continue
        if low[:1].isdigit():
            return []
        if i not in starts and low != "i" and not low.startswith("i'"):
            orig = doc.word(i)
            if orig[:1].isupper() and not (i > 0 and doc.lows[i - 1] in GREETINGS):
                return []  # a proper noun: a company, a place, an event
    return [first_sentence(doc)]


@logic("impersonal.hashtag_stuffing")
def hashtag_stuffing(an: Analysis, rule: Rule) -> list[Hit]:
    doc = an.doc
    tags = doc.by_kind.get("hashtag", [])
    limits = rule.params["max_hashtags"]
    limit = limits.get(an.context.surface, limits["post"])
    if an.context.site == "x":
        limit = min(limit, rule.params["max_hashtags_x"])
    if len(tags) <= limit:
        return []
    first, last = tags[0], tags[-1]
    return [Hit(doc.starts[first], doc.ends[last], detail={"count": len(tags)})]


@logic("impersonal.mention_stuffing")
def mention_stuffing(an: Analysis, rule: Rule) -> list[Hit]:
    doc = an.doc
    tags = doc.by_kind.get("mention", [])
    if len(tags) <= rule.params["max_mentions"]:
        return []
    return [Hit(doc.starts[tags[0]], doc.ends[tags[-1]], detail={"count": len(tags)})]


# Candidate words in capitals (Latin, Greek, Cyrillic); _is_caps_word checks the word's edges.
_CAPS_RE = re.compile(r"[A-Z\u00c0-\u024f\u0370-\u052f]{4,}")
_APOSTROPHES = frozenset("'’")


def _is_caps_word(text: str, start: int, end: int) -> bool:
    """A whole word in capitals: letters only, not glued to a word, a hashtag, a mention or an apostrophe."""
    word = text[start:end]
    if not word.isupper() or not word.isalpha():
        return False
    before = text[start - 1] if start else " "
    if (
        before.isalnum()
        or before in "_#@"
        or (before in _APOSTROPHES and start >= 2 and (text[start - 2].isalnum() or text[start - 2] == "_"))
    ):
        return False
    after = text[end] if end < len(text) else " "
    if after.isalnum() or after == "_":
        return False
    return not (
        after in _APOSTROPHES and end + 1 < len(text) and (text[end + 1].isalnum() or text[end + 1] == "_")
    )


_BANG_RUN_RE = re.compile(r"!(?=\s*!\s*!)")


@logic("impersonal.shouting")
def shouting(an: Analysis, rule: Rule) -> list[Hit]:
    """Words in capitals (not acronyms) and runs of exclamation marks."""
    doc = an.doc
    text = doc.text
    acronyms = frozenset(rule.params["acronyms"])
    hits: list[Hit] = []
    bangs = text.count("!")
    if bangs >= 3:  # "!!!" (spaces allowed): one hit per run of three
        for m in _BANG_RUN_RE.finditer(text):
            run = _BANG_END_RE.match(text, m.start())
            if run:
                hits.append(Hit(run.start(), run.end()))
    caps = []
    for m in _CAPS_RE.finditer(text):
        if _is_caps_word(text, m.start(), m.end()) and m.group().lower() not in acronyms:
            caps.append(m)
    if caps and (doc.by_kind.get("url") or doc.by_kind.get("placeholder")):
        kinds = ("url", "placeholder")
        special = [(doc.starts[i], doc.ends[i]) for k in kinds for i in doc.by_kind.get(k, ())]
        caps = [m for m in caps if not any(a <= m.start() < b for a, b in special)]
    if len(caps) >= rule.params["min_caps_words"]:
        hits.extend(Hit(m.start(), m.end()) for m in caps)
    if bangs >= rule.params["max_exclamations"] + 1 and not hits:
        last = text.rindex("!")
        hits.append(Hit(last, last + 1))
    return hits


_BANG_END_RE = re.compile(r"!\s*!\s*!")


@logic("impersonal.empty_reply")
def empty_reply(an: Analysis, rule: Rule) -> list[Hit]:
    """A short reply made mostly of praise and agreement words (or only emoji): it fits under any post.
    Strength is the share of generic words; a name, a number or a link makes it specific."""
    doc = an.doc
    text = doc.text.strip()
    p = rule.params
    if not text or doc.words > p["max_words"] or doc.by_kind.get("mention"):
        return []
    (generic,) = word_sets(rule, "generic")
    if "url" in doc.by_kind or "placeholder" in doc.by_kind or "?" in doc.lows:
        return []
    words = [i for i, kind in enumerate(doc.kinds) if kind == "word"]
    starts = {s.first for s in doc.sentences}
    plain = 0
    for i in words:
        low = doc.lows[i]
        if low in generic:
            plain += 1
        elif low[:1].isdigit() or (i not in starts and doc.word(i)[:1].isupper()):
            return []  # a number or a proper noun: something specific
    ratio = plain / len(words) if words else 1.0
    if ratio < p["min_ratio"]:
        return []
    return [Hit(0, len(doc.text), strength=ratio)]


@logic("impersonal.stock_opener")
def stock_opener(an: Analysis, rule: Rule) -> list[Hit]:
    """A reply that opens with a stock compliment ("Great post!", "So helpful!") and then moves on to the
    writer's own business: the praise fits any post. Uses the generic words of impersonal.empty_reply."""
    doc = an.doc
    if len(doc.sentences) < 2 or an.fired("impersonal.empty_reply") or an.fired("signal.specific"):
        return []
    first = doc.sentences[0]
    if not 1 <= first.words <= rule.params["max_words"]:
        return []
    (generic,) = word_sets(an.rule_of("impersonal.empty_reply"), "generic")
    for i in range(first.first, first.last):
        if doc.kinds[i] == "word" and doc.lows[i] not in generic:
            return []
        if doc.kinds[i] == "mention":
            return []
    return [Hit(first.start, first.end)]


@logic("impersonal.crowd_question")
def crowd_question(an: Analysis, rule: Rule) -> list[Hit]:
    """A bare question thrown at the crowd ("Thoughts on AI?", "What would you tell your younger self?"):
    no view of the writer's own, nothing specific, so it reads as engagement farming, not a conversation."""
    doc = an.doc
    if not doc.sentences or doc.words > rule.params["max_words"] or doc.first_singular or doc.first_plural:
        return []
    if not all(s.is_question or s.words == 0 for s in doc.sentences) or "mention" in doc.by_kind:
        return []
    if an.fired("signal.reader_name") or an.fired("signal.shared_context"):
        return []
    return [Hit(doc.sentences[0].start, doc.sentences[-1].end)]


@logic("impersonal.corporate_voice")
def corporate_voice(an: Analysis, rule: Rule) -> list[Hit]:
    doc = an.doc
    if doc.first_singular or doc.first_plural < rule.params["min_we"]:
        return []
    first = positions(FIRST_PERSON_PLURAL, doc.lows)[0]
    s = sentence_of(doc, first)
    return [Hit(s.start, s.end, strength=min(1.5, doc.first_plural / (2 * rule.params["min_we"]) + 0.5))]


@logic("impersonal.broadcast_pitch")
def broadcast_pitch(an: Analysis, rule: Rule) -> list[Hit]:
    """A pitch addressed to nobody in particular: no name, no shared context, no personal voice."""
    if not an.verdict("pitch"):
        return []
    if any(map(an.fired, rule.params["personal_signals"])) or an.doc.by_kind.get("mention"):
        return []
    # about the whole message (the pitch findings mark where): listed, not underlined
    return [Hit(an.doc.sentences[0].start, an.doc.sentences[-1].end)] if an.doc.sentences else []


@logic("impersonal.buzzwords")
def buzzwords(an: Analysis, rule: Rule) -> list[Hit]:
    """Corporate and CV buzzwords: many of them make any text sound like a brochure."""
    doc = an.doc
    (words,) = word_sets(rule, "words")
    if len(words & doc.lowset) < rule.params["min_count"] and words.isdisjoint(doc.lowset):
        return []
    found = positions(words, doc.lows)
    if len(found) < rule.params["min_count"]:
        return []
    strength = min(2.0, len(found) / rule.params["min_count"])
    return [Hit(doc.starts[i], doc.ends[i], strength=strength) for i in found]


@logic("impersonal.learned")
def learned(an: Analysis, rule: Rule) -> list[Hit]:
    """The text reads as impersonal and no impersonal rule fired: the phrases the scorer weighed most."""
    if not an.verdict("impersonal") or an.hits_in("impersonal"):
        return []
    return weighed_phrases(an, "impersonal", rule.params["phrases"])


_SIGNOFF_RE = re.compile(r"(?:^|\s)([-~^*–—]\s?[A-Z]{2,3})\s*$")


@logic("impersonal.initials_signoff")
def initials_signoff(an: Analysis, rule: Rule) -> list[Hit]:
    """A reply signed with a rota's initials ("-AB", "^JR"): a brand's support desk."""
    text = an.doc.text
    m = _SIGNOFF_RE.search(text[-12:])
    if m is None or len(m.group(1).strip("-~^*–— ")) > rule.params["max_letters"]:
        return []
    offset = len(text) - len(text[-12:])
    return [Hit(offset + m.start(1), offset + m.end(1))]


@logic("impersonal.headline")
def headline(an: Analysis, rule: Rule) -> list[Hit]:
    """A headline and a link: a short text with a link, no I or you, no question, nothing of the writer."""
    doc = an.doc
    if not doc.by_kind.get("url") or not doc.sentences or doc.words > rule.params["max_words"]:
        return []
    if doc.first_singular or doc.second or any(s.is_question for s in doc.sentences):
        return []
    if an.fired("signal.reader_name"):
        return []
    first = next((s for s in doc.sentences if s.words), None)
    if first is None:
        return []
    return [Hit(first.start, first.end)]


_ITEM_RE = re.compile(r"^\s*(?:\d{1,2}[.)]|[-*•●▪►→✅✔️➡️👉🔹🔸◾]|[\U0001F300-\U0001FAFF])", re.MULTILINE)


@logic("impersonal.generic_list")
def generic_list(an: Analysis, rule: Rule) -> list[Hit]:
    """Several list items of advice and hardly any "I": a listicle that could carry anyone's name."""
    doc = an.doc
    p = rule.params
    if doc.first_singular > p["max_first_person"] or len(doc.paragraphs) < p["min_items"]:
        return []
    if an.fired("signal.reader_name"):
        return []  # a list for one person ("Packing list for Saturday, Sam:") is not a listicle
    items = len(_ITEM_RE.findall(doc.text))
    if items < p["min_items"]:
        return []
    first = next((s for s in doc.sentences if s.words), None)
    return [Hit(first.start, first.end)] if first else []
