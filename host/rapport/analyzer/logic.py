"""Logic rules: what rule data cannot express. Each function is registered under the id of a `kind = "logic"`
rule in host/rapport/rules/*.toml, which holds its message, advice, weights, params and examples.

A function gets the running Analysis and its Rule and returns Hits (code-point spans). Stage 1 rules look at
the text; stage 2 rules also see stage-1 hits; stage 3 rules also see the scores.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from rapport.analyzer.spanset import Overlaps
from rapport.analyzer.text import (
    FIRST_PERSON_PLURAL,
    FIRST_PERSON_SINGULAR,
    SECOND_PERSON,
    Doc,
    Sentence,
    positions,
)
from rapport.spans import Utf16Offsets

if TYPE_CHECKING:
    from rapport.analyzer.catalog import Rule
    from rapport.analyzer.engine import Analysis


@dataclass(slots=True)
class Hit:
    start: int  # code points
    end: int
    strength: float = 1.0  # scales the rule's weight (e.g. how far over a limit)
    severity: str | None = None  # overrides the rule's severity
    detail: dict[str, Any] = field(default_factory=dict)  # fills {fields} in the message


LogicFn = Callable[["Analysis", "Rule"], list[Hit]]


@dataclass(frozen=True, slots=True)
class Registered:
    fn: LogicFn
    stage: int

    def __call__(self, an: Analysis, rule: Rule) -> list[Hit]:
        return self.fn(an, rule)


REGISTRY: dict[str, Registered] = {}


def logic(rule_id: str, stage: int = 1) -> Callable[[LogicFn], LogicFn]:
    def register(fn: LogicFn) -> LogicFn:
        REGISTRY[rule_id] = Registered(fn, stage)
        return fn

    return register


def check_registry(logic_ids: set[str]) -> None:
    missing = logic_ids - REGISTRY.keys()
    orphans = REGISTRY.keys() - logic_ids
    if missing or orphans:
        raise RuntimeError(
            f"logic rules without a function: {sorted(missing)}; functions without a rule: {sorted(orphans)}"
        )


# --- helpers ---------------------------------------------------------------------------------------------

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


def _sentence_of(doc: Doc, tok_index: int) -> Sentence:
    return doc.sentences[doc.sent_of[tok_index]]


def _greeting_end(doc: Doc) -> int | None:
    """Index of the first token after an opening greeting ("Hi", "Good morning"), or None."""
    lows = doc.lows
    if not lows:
        return None
    if lows[0] in GREETINGS:
        return 1
    if lows[0] == "good" and len(lows) > 1 and lows[1] in ("morning", "afternoon", "evening", "day"):
        return 2
    return None


def _words_after_greeting(doc: Doc) -> list[int]:
    """Indices of the word tokens right after an opening greeting, up to the first punctuation."""
    g = _greeting_end(doc)
    if g is None:
        return []
    out = []
    for j in range(g, min(len(doc.lows), g + 4)):
        if doc.kinds[j] == "punct" or doc.sent_of[j] != 0:
            break
        out.append(j)
    return out


def _is_name(doc: Doc, j: int) -> bool:
    kind, low = doc.kinds[j], doc.lows[j]
    if kind == "mention":
        return True
    if kind != "word" or low in CROWD or low in SECOND_PERSON:
        return False
    orig = doc.word(j)
    return orig[:1].isupper() and not orig.isupper() or (len(orig) <= 3 and orig[:1].isupper())


def addressed_by_name(doc: Doc) -> tuple[int, int] | None:
    """Span of the reader's name when the text greets or thanks someone by name."""
    for j in _words_after_greeting(doc):
        if _is_name(doc, j):
            return doc.starts[j], doc.ends[j]
    lows = doc.lows
    for i, low in enumerate(lows[:-1]):
        if low in ("thanks", "thank", "congrats", "congratulations"):
            j = i + 1 if low != "thank" else i + 2
            if j < len(lows) and doc.kinds[j] in ("word", "mention") and _is_name(doc, j):
                return doc.starts[j], doc.ends[j]
    if doc.kinds and doc.kinds[0] == "mention":
        return doc.starts[0], doc.ends[0]
    return None


def _hits_in(an: Analysis, category: str | None = None, ids: tuple[str, ...] = ()) -> list[Hit]:
    from rapport.analyzer.engine import BY_ID

    out = []
    for rule_id, hits in an.hits.items():
        if rule_id in ids or (category and BY_ID[rule_id].category == category and BY_ID[rule_id].reported):
            out.extend(hits)
    return out


def _overlap_index(hits: list[Hit]) -> Overlaps:
    """Answers "does a hit overlap this span?" in O(log n): no loop over sentences x hits."""
    return Overlaps((h.start, h.end) for h in hits)


def _first_sentence(doc: Doc) -> Hit:
    s = doc.sentences[0]
    return Hit(s.start, s.end)


# --- pitch -----------------------------------------------------------------------------------------------


@logic("pitch.request")
def request(an: Analysis, rule: Rule) -> list[Hit]:
    """Imperatives aimed at the reader that make them act for the writer: "Book a call", "Check out my..."."""
    doc = an.doc
    verbs = frozenset(rule.params["verbs"])
    softeners = frozenset(rule.params["softeners"])
    objects = frozenset(rule.params["objects"])
    hits = []
    lows = doc.lows
    for s in doc.sentences:
        i = s.first
        while i < s.last and (lows[i] in softeners or doc.kinds[i] == "punct"):
            i += 1
        if i >= s.last or lows[i] not in verbs:
            continue
        if lows[i] in ("let", "see") and i + 1 < s.last and lows[i + 1] in ("me", "you"):
            continue  # "let me know", "see you there": not orders
        body = lows[i + 1 : s.last]
        if any(w in objects for w in body) or any(doc.kinds[k] == "url" for k in range(i, s.last)):
            hits.append(Hit(doc.starts[i], s.end))
    return hits


@logic("pitch.self_promotion")
def self_promotion(an: Analysis, rule: Rule) -> list[Hit]:
    """ "We help SaaS founders scale", "I help coaches get clients": a subject, a service verb, a target."""
    doc = an.doc
    lows = doc.lows
    subjects = frozenset(rule.params["subjects"])
    verbs = frozenset(rule.params["verbs"])
    targets = frozenset(rule.params["targets"])
    if verbs.isdisjoint(doc.lowset):
        return []
    hits = []
    n = len(lows)
    busy = -1  # token index the last hit ended at
    for i in positions(subjects, lows):
        if i < busy:
            continue
        j = i + 1
        if j < n and lows[j] in _ADVERBS:
            j += 1
        if j < n and lows[j] in verbs:
            for k in range(j + 1, min(n, j + 8)):
                if doc.kinds[k] == "punct":
                    break
                # "for small businesses", "for ceramicists": a service aimed at a group of buyers
                for_group = lows[k - 1] == "for" and lows[k] not in _POSSESSIVE
                for_group = for_group and _plural(lows, k, min(n, k + 3))
                if lows[k] in targets or for_group:
                    last = k  # the whole phrase: "we help SaaS companies grow revenue"
                    while last + 1 < n and doc.kinds[last + 1] == "word" and lows[last + 1] in targets:
                        last += 1
                    hits.append(Hit(doc.starts[i], doc.ends[last]))
                    busy = last + 1
                    break
    return hits


_ADVERBS = frozenset({"also", "really", "specifically", "actually", "now", "primarily", "mainly"})
_POSSESSIVE = frozenset({"my", "our", "his", "her", "their", "the", "me", "us", "him", "them", "it"})


def _plural(lows: list[str], start: int, stop: int) -> bool:
    return any(len(w) > 3 and w.endswith("s") and not w.endswith("ss") for w in lows[start:stop])


@logic("pitch.price")
def price(an: Analysis, rule: Rule) -> list[Hit]:
    """Selling prices and discounts: "only $49", "$99 a month", "30% off". "Coffee was $5" is not a sale."""
    doc = an.doc
    lows = doc.lows
    if not any(c in doc.text for c in "$€£%"):
        return []
    before = frozenset(rule.params["before"])
    after = frozenset(rule.params["after"])
    hits = []
    n = len(lows)
    for i in range(n - 1):
        low, nxt = lows[i], lows[i + 1]
        if low in ("$", "€", "£") and nxt[:1].isdigit():
            prev = lows[max(0, i - 2) : i]
            follow = lows[i + 2 : i + 4]
            if any(w in before for w in prev) or any(w in after for w in follow):
                hits.append(Hit(doc.starts[i], doc.ends[i + 1]))
        elif low[:1].isdigit() and nxt == "%" and i + 2 < n and lows[i + 2] in ("off", "discount"):
            hits.append(Hit(doc.starts[i], doc.ends[i + 2]))
    return hits


@logic("pitch.link_bait")
def link_bait(an: Analysis, rule: Rule) -> list[Hit]:
    """Links pushed at a reader who did not ask: any link in a first contact, or several in one text."""
    doc = an.doc
    urls = doc.by_kind.get("url", [])
    if not urls:
        return []
    if an.context.is_first_contact or len(urls) >= rule.params["max_links"] + 1:
        return [Hit(doc.starts[i], doc.ends[i]) for i in urls]
    return []


# --- impersonal ------------------------------------------------------------------------------------------


@logic("impersonal.placeholder")
def placeholder(an: Analysis, rule: Rule) -> list[Hit]:
    doc = an.doc
    return [Hit(doc.starts[i], doc.ends[i]) for i in doc.by_kind.get("placeholder", [])]


@logic("impersonal.nameless_greeting", stage=2)
def nameless_greeting(an: Analysis, rule: Rule) -> list[Hit]:
    """ "Hi," with no name, in a message that names nothing both know either: "hey, are you still coming
    Saturday? I can pick you up from the station" is a friend's shorthand, not a mail merge."""
    doc = an.doc
    g = _greeting_end(doc)
    if g is None:
        return []
    if _specific(an) and _MASS_MAIL.isdisjoint(an.hits):
        return []
    after = _words_after_greeting(doc)
    if any(_is_name(doc, j) for j in after):
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
    s = _sentence_of(doc, first)
    strength = min(1.5, self_count / (p["ratio"] * (doc.second + 1)))
    return [Hit(s.start, s.end, strength=strength, detail={"me": self_count, "you": doc.second})]


@logic("impersonal.no_question", stage=2)
def no_question(an: Analysis, rule: Rule) -> list[Hit]:
    """A first message that asks nothing and invites no reply."""
    doc = an.doc
    if doc.words < rule.params["min_words"] or any(s.is_question for s in doc.sentences):
        return []
    if _hits_in(an, ids=("signal.invites_reply",)):
        return []
    if "signal.reader_name" in an.hits and "signal.shared_context" in an.hits:
        return []  # a warm note to someone you have met invites a reply without a question mark
    s = doc.sentences[-1]
    return [Hit(s.start, s.end)]


_PERSONAL = frozenset({"signal.reader_name", "signal.shared_context"})


def _real_question(an: Analysis) -> bool:
    """A question to the reader that is not a pitch phrased as one."""
    doc = an.doc
    questions = [s for s in doc.sentences if s.is_question]
    if not questions:
        return False
    pitch_hits = _overlap_index(_hits_in(an, category="pitch"))
    return any(s.words >= 4 and not pitch_hits.any(s.start, s.end) for s in questions)


_MASS_MAIL = frozenset({"impersonal.crowd_address", "impersonal.placeholder"})


def _specific(an: Analysis) -> bool:
    """Something in the text is about this reader: a thing both know or a real question to them."""
    from rapport.analyzer.engine import BY_ID

    # only in a text that sells nothing and follows no template
    if _hits_in(an, category="pitch") or not _TEMPLATES.isdisjoint(an.hits):
        return False
    return _real_question(an) or _shared_thing(an.doc, BY_ID["impersonal.generic"])


_TEMPLATES = frozenset({"impersonal.template_opener", "impersonal.template_closer", "impersonal.placeholder"})


def _shared_thing(doc: Doc, rule: Rule) -> bool:
    """A definite thing both know: "the recipe", "your dog" (not "your profile", "the content")."""
    vague = rule.params["vague_nouns"]
    lows, kinds = doc.lows, doc.kinds
    for i in positions(_DEFINITE, lows):
        j = i + 1
        if j < len(lows) and kinds[j] == "word" and lows[j] not in vague and lows[j] not in _DEFINITE:
            return True
    return False


_DEFINITE = frozenset({"the", "your"})


@logic("impersonal.generic", stage=2)
def generic(an: Analysis, rule: Rule) -> list[Hit]:
    """Nothing in the text is specific to anyone: no name, no detail, no shared context, no number."""
    doc = an.doc
    if doc.words < rule.params["min_words"]:
        return []
    if doc.by_kind.get("mention") or not _PERSONAL.isdisjoint(an.hits):
        return []
    if _specific(an):
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
    return [_first_sentence(doc)]


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


@logic("impersonal.empty_reply", stage=1)
def empty_reply(an: Analysis, rule: Rule) -> list[Hit]:
    """A short reply made mostly of praise and agreement words (or only emoji): it fits under any post.
    Strength is the share of generic words; a name, a number or a link makes it specific."""
    doc = an.doc
    text = doc.text.strip()
    p = rule.params
    if not text or doc.words > p["max_words"] or doc.by_kind.get("mention"):
        return []
    generic = _generic_words(rule)
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


@logic("impersonal.stock_opener", stage=2)
def stock_opener(an: Analysis, rule: Rule) -> list[Hit]:
    """A reply that opens with a stock compliment ("Great post!", "So helpful!") and then moves on to the
    writer's own business: the praise fits any post. Uses the generic words of impersonal.empty_reply."""
    from rapport.analyzer.engine import BY_ID

    doc = an.doc
    if len(doc.sentences) < 2 or "impersonal.empty_reply" in an.hits or _specific(an):
        return []
    first = doc.sentences[0]
    if not 1 <= first.words <= rule.params["max_words"]:
        return []
    generic = _generic_words(BY_ID["impersonal.empty_reply"])
    for i in range(first.first, first.last):
        if doc.kinds[i] == "word" and doc.lows[i] not in generic:
            return []
        if doc.kinds[i] == "mention":
            return []
    return [Hit(first.start, first.end)]


_GENERIC: dict[str, frozenset[str]] = {}


def _generic_words(rule: Rule) -> frozenset[str]:
    words = _GENERIC.get(rule.id)
    if words is None:
        words = _GENERIC[rule.id] = frozenset(rule.params["generic"])
    return words


@logic("impersonal.crowd_question")
def crowd_question(an: Analysis, rule: Rule) -> list[Hit]:
    """A bare question thrown at the crowd ("Thoughts on AI?", "What would you tell your younger self?"):
    no view of the writer's own, nothing specific, so it reads as engagement farming, not a conversation."""
    doc = an.doc
    if not doc.sentences or doc.words > rule.params["max_words"] or doc.first_singular or doc.first_plural:
        return []
    if not all(s.is_question or s.words == 0 for s in doc.sentences) or "mention" in doc.by_kind:
        return []
    if "signal.reader_name" in an.hits or "signal.shared_context" in an.hits:
        return []
    return [Hit(doc.sentences[0].start, doc.sentences[-1].end)]


@logic("impersonal.corporate_voice")
def corporate_voice(an: Analysis, rule: Rule) -> list[Hit]:
    doc = an.doc
    if doc.first_singular or doc.first_plural < rule.params["min_we"]:
        return []
    first = positions(FIRST_PERSON_PLURAL, doc.lows)[0]
    s = _sentence_of(doc, first)
    return [Hit(s.start, s.end, strength=min(1.5, doc.first_plural / (2 * rule.params["min_we"]) + 0.5))]


@logic("impersonal.broadcast_pitch", stage=3)
def broadcast_pitch(an: Analysis, rule: Rule) -> list[Hit]:
    """A pitch addressed to nobody in particular: no name, no shared context, no personal voice."""
    from rapport.analyzer.engine import THRESHOLDS

    if an.scores["pitch"] < THRESHOLDS[an.options.sensitivity]:
        return []
    if any(k in an.hits for k in rule.params["personal_signals"]) or an.doc.by_kind.get("mention"):
        return []
    # about the whole message (the pitch findings mark where): listed, not underlined
    return [Hit(an.doc.sentences[0].start, an.doc.sentences[-1].end)] if an.doc.sentences else []


# --- first contact ---------------------------------------------------------------------------------------


@logic("first_contact.pitch", stage=3)
def first_contact_pitch(an: Analysis, rule: Rule) -> list[Hit]:
    from rapport.analyzer.engine import THRESHOLDS

    if an.scores["pitch"] < THRESHOLDS[an.options.sensitivity] or not an.doc.sentences:
        return []
    # about the whole message (the specific pitch findings mark where): listed, not underlined
    return [Hit(an.doc.sentences[0].start, an.doc.sentences[-1].end)]


@logic("first_contact.no_reason", stage=2)
def no_reason(an: Analysis, rule: Rule) -> list[Hit]:
    doc = an.doc
    if doc.words < rule.params["min_words"] or "signal.shared_context" in an.hits:
        return []
    markers = frozenset(rule.params["reason_words"])
    if any(low in markers for low in doc.lows):
        return []
    return [_first_sentence(doc)]


@logic("first_contact.no_reference")
def no_reference(an: Analysis, rule: Rule) -> list[Hit]:
    doc = an.doc
    if doc.words < rule.params["min_words"] or doc.second or doc.by_kind.get("mention"):
        return []
    if addressed_by_name(doc):
        return []
    return [_first_sentence(doc)]


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


# --- readability -----------------------------------------------------------------------------------------


@logic("readability.hard_to_read")
def hard_to_read(an: Analysis, rule: Rule) -> list[Hit]:
    r = an.readability
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


# --- positive signals (lower the scores; not findings) -----------------------------------------------------


@logic("signal.reader_name")
def reader_name(an: Analysis, rule: Rule) -> list[Hit]:
    span = addressed_by_name(an.doc)
    return [Hit(*span)] if span else []


@logic("signal.question_to_reader", stage=2)
def question_to_reader(an: Analysis, rule: Rule) -> list[Hit]:
    """A real question (not a pitch phrased as one: "Would you be open to a demo?")."""
    doc = an.doc
    pitch_hits = _overlap_index(_hits_in(an, category="pitch"))
    hits = []
    for s in doc.sentences:
        if s.is_question and s.words >= 2 and not pitch_hits.any(s.start, s.end):
            hits.append(Hit(s.start, s.end))
    return hits
