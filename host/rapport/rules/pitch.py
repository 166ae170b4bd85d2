"""Pitch rules: the text sells instead of starting a conversation. The data is in pitch.toml.

A pitch is usually three moves: the writer's offering ("our platform", "I sell templates"), a benefit aimed at
the reader ("cut your cloud bill", "help teams like yours") and a request for the writer's agenda ("would
you be open to 20 minutes?", "shall I send a sample?"). Each move is its own rule, so `rapport check` shows
which ones a text makes. Word classes (offering nouns, outcome nouns, improvement verbs...) are each rule's
`params`.
"""

from __future__ import annotations

import re

from rapport.analyzer.rule import Analysis, Hit, Rule, logic
from rapport.analyzer.text import SECOND_PERSON, positions
from rapport.analyzer.words import OTHERS, WRITER, head, weighed_phrases, word_sets


@logic("pitch.writer_offering")
def writer_offering(an: Analysis, rule: Rule) -> list[Hit]:
    """The writer's own offering: "our platform", "my course", "I sell...", "my firm does..."."""
    doc = an.doc
    lows = doc.lows
    nouns, verbs, makers = word_sets(rule, "offering_nouns", "seller_verbs", "maker_verbs")
    if WRITER.isdisjoint(doc.lowset) or (nouns.isdisjoint(doc.lowset) and verbs.isdisjoint(doc.lowset)):
        return []
    window = rule.params["window"]
    hits: list[Hit] = []
    for i in positions(nouns | verbs, lows):
        low = lows[i]
        first = doc.sentences[doc.sent_of[i]].first
        if low in verbs:
            if i > first and lows[i - 1] in WRITER:
                hits.append(Hit(doc.starts[i - 1], doc.ends[i]))
            continue
        made = False  # "I built a ... tool", "we run a ... workshop": the writer makes it
        for j in range(i - 1, max(first, i - window) - 1, -1):
            w = lows[j]
            if w in OTHERS or doc.kinds[j] == "punct":
                break
            made = made or w in makers
            if w in _POSSESSIVE_WRITER or (w in WRITER and made):
                hits.append(Hit(doc.starts[j], doc.ends[i]))
                break
    return hits


_POSSESSIVE_WRITER = frozenset({"my", "our", "mine", "ours"})


@logic("pitch.reader_benefit")
def reader_benefit(an: Analysis, rule: Rule) -> list[Hit]:
    """A promised improvement aimed at the reader: "cut your cloud bill", "help teams like yours grow"."""
    doc = an.doc
    lows = doc.lows
    verbs, outcomes, helpers = word_sets(rule, "improve_verbs", "outcome_nouns", "help_verbs")
    if verbs.isdisjoint(doc.lowset) and helpers.isdisjoint(doc.lowset) and not _SEGMENT & doc.lowset:
        return []
    window = rule.params["window"]
    hits: list[Hit] = []
    n = len(lows)
    for i in positions(verbs | helpers | _SEGMENT, lows):
        low = lows[i]
        end = -1
        if low in verbs:
            for j in range(i + 1, min(n, i + 1 + window)):
                w = lows[j]
                if doc.kinds[j] == "punct" and w not in ("%", "$", "£", "€"):
                    break
                if w in outcomes or (w in SECOND_PERSON and lows[j + 1 : j + 2] != ["to"]):
                    end = j  # "save you hours", "cut your bill"; not "drive you to the airport"
                    break
        if end < 0 and low in helpers and i + 1 < n and lows[i + 1] in SECOND_PERSON:
            # "take you" promises only as a journey: "take you from 0 to 10k", not "did it take you"
            if low not in _TAKE or lows[i + 2 : i + 3] in (["from"], ["through"], ["beyond"]):
                end = i + 1
        elif low == "like" and 0 < i < n - 1 and lows[i + 1] in ("you", "yours") and _plural(lows[i - 1]):
            end, i = i + 1, i - 1  # "leaders like you", "companies like yours"
        elif low == "your" and i + 1 < n and lows[i + 1] in ("size", "stage", "scale"):
            end = i + 1  # "teams your size"
        if end >= 0:
            hits.append(Hit(doc.starts[i], doc.ends[end]))
    return hits


_SEGMENT = frozenset({"like", "your"})
_TAKE = frozenset({"take", "takes"})


def _plural(w: str) -> bool:
    return len(w) > 3 and w.endswith("s") and not w.endswith("ss")


@logic("pitch.reader_ask")
def reader_ask(an: Analysis, rule: Rule) -> list[Hit]:
    """A request for the writer's agenda: a yes/no question to the reader about a call, time, a sample...
    ("Would it make sense to swap notes for 20 minutes?", "Shall I reserve one for you?"), or the writer
    offering to act for the reader ("I can come round tomorrow and give you a price")."""
    doc = an.doc
    lows = doc.lows
    openers, agenda, modals, actions, eager, wishes, uses = word_sets(
        rule, "question_openers", "agenda", "modals", "actions", "eager", "wishes", "reader_uses"
    )
    hits: list[Hit] = []
    for s in doc.sentences:
        h = head(doc, s.first, s.last)
        if h >= s.last:
            continue
        seq = lows[h : s.last]
        body = frozenset(seq)
        has_reader = not SECOND_PERSON.isdisjoint(body)
        ask = False
        indirect = lows[h] in _WONDER and not _IF_WHETHER.isdisjoint(seq[1:4])  # "curious whether you..."
        if ((s.is_question and lows[h] in openers) or indirect) and not _about_reader(seq):
            ask = _has_agenda(seq, body, agenda) or (
                has_reader and not WRITER.isdisjoint(body) and not actions.isdisjoint(body)
            )
        elif (has_reader or lows[h] in eager) and not actions.isdisjoint(body):
            # "I can/could/'d ... send|show|come ... you", "Keen to connect and show you"
            for k, w in enumerate(seq[:-1]):
                starts_offer = (w in modals and (k == 0 or seq[k - 1] in WRITER)) or (k == 0 and w in eager)
                if starts_offer and _acts(seq[k + 1 : k + 6], actions):
                    ask = True
                    break
        if not ask and has_reader and not wishes.isdisjoint(body) and not uses.isdisjoint(body):
            # "I'd love for you to join", "so grateful if you grabbed one"
            ask = _wish_for_use(seq, wishes, uses)
        if ask:
            hits.append(Hit(doc.starts[h], s.end))
    return hits


def _about_reader(seq: list[str]) -> bool:
    """A question about something that happened or about the reader's own story, not a request: "How did
    the call with Ada go?", "Was the meeting useful?", "...talk about how you got into research?"."""
    if not _PAST_AUX.isdisjoint(seq[:3]):
        return "chance" not in seq  # "did you get a chance to look at the proposal?" chases a sale

    if "you" not in seq or _HOW_WHAT.isdisjoint(seq):
        return False
    return any(w in _HOW_WHAT and seq[k + 1 : k + 2] == ["you"] for k, w in enumerate(seq[1:], 1))


def _has_agenda(seq: list[str], body: frozenset[str], agenda: frozenset[str]) -> bool:
    """An agenda word in the question; "one" only as a thing offered ("reserve one"), not "the old one"."""
    if agenda.isdisjoint(body):
        return False
    return any(
        w in agenda and (w != "one" or k == 0 or seq[k - 1] not in _DETERMINERS) for k, w in enumerate(seq)
    )


_PAST_AUX = frozenset({"did", "didn't", "was", "wasn't", "were", "weren't", "went"})
_HOW_WHAT = frozenset({"how", "what", "why", "where", "when"})
_DETERMINERS = frozenset(
    {"the", "old", "new", "this", "that", "every", "each", "no", "any", "other", "last", "first", "next"}
)
_WONDER = frozenset({"curious", "wondering", "wonder", "wondered"})
_IF_WHETHER = frozenset({"if", "whether"})


def _wish_for_use(seq: list[str], wishes: frozenset[str], uses: frozenset[str]) -> bool:
    for k, w in enumerate(seq):
        if w in wishes:
            after = seq[k + 1 : k + 7]
            for r, x in enumerate(after):
                if x in SECOND_PERSON or x in ("anyone", "everyone", "some"):
                    return not uses.isdisjoint(after[r + 1 : r + 5])
    return False


_CURRENCY = frozenset({"$", "£", "€"})


def _acts(following: list[str], actions: frozenset[str]) -> bool:
    """An action verb soon after "I can / I'd love to", before the clause turns to the reader: "I can send
    you" acts for the reader; "I'd love to hear how you run it" does not."""
    for w in following:
        if w in actions:
            return True
        if w in SECOND_PERSON or not w[:1].isalnum():
            return False
    return False


@logic("pitch.conditional_offer")
def conditional_offer(an: Analysis, rule: Rule) -> list[Hit]:
    """An offer hung on the reader's need: "if you need a hand...", "if anyone's curious...", "if that
    sounds like you...": the writer's service, made to whoever qualifies."""
    doc = an.doc
    lows = doc.lows
    if "if" not in doc.lowset:
        return []
    needs, business = word_sets(rule, "needs", "business")
    hits: list[Hit] = []
    n = len(lows)
    for i in positions(_IF, lows):
        clause = lows[i + 1 : min(n, i + 8)]
        who = next((k for k, w in enumerate(clause[:3]) if w in _AUDIENCE), -1)
        if who < 0:
            continue
        for k in range(who + 1, len(clause)):
            if not clause[k][:1].isalnum():
                break
            if clause[k] in needs:
                if not _friend_offer(clause, who, k, business):
                    hits.append(Hit(doc.starts[i], doc.ends[i + 1 + k]))
                break
    return hits


def _friend_offer(clause: list[str], who: int, k: int, business: frozenset[str]) -> bool:
    """One friend to another: "if you want the recipe", "if you want to talk", "if you need anything",
    "if you need a hand with the move" (a thing both know). A sales offer hangs on a group or a business
    need: "if your team needs", "if anyone's curious", "if you want more leads"."""
    if clause[who] not in _YOU:
        return False
    after = clause[k + 1 : k + 6]
    if not business.isdisjoint(after):
        return False
    return clause[k] in _WANT or after[:1] == ["anything"] or "the" in after


_YOU = frozenset({"you", "you're", "you've", "you'd"})
_WANT = frozenset({"want", "wants", "fancy"})
_IF = frozenset({"if"})
_AUDIENCE = SECOND_PERSON | frozenset({"anyone", "anyone's", "anybody", "that", "this", "someone"})


_TREAT = frozenset({"you", "me", "us", "them", "him", "her", "everyone"})


@logic("pitch.result_claim")
def result_claim(an: Analysis, rule: Rule) -> list[Hit]:
    """A measured business result as proof: "pipeline up 240%", "3x faster", "cut costs by half". Social
    proof in numbers is how a sales deck talks."""
    doc = an.doc
    lows = doc.lows
    n = len(lows)
    claims: list[tuple[int, bool]] = []  # (token index, is a multiplier)
    if "%" in doc.lowset:
        claims += [(i - 1, False) for i in positions(_PERCENT, lows) if i and lows[i - 1][:1].isdigit()]
    if "by" in doc.lowset:
        claims += [(i, False) for i in positions(_BY, lows) if i + 1 < n and lows[i + 1] in _BY_WHAT]
    if _MULTIPLIER_SEARCH.search(doc.norm):
        claims += [(i, True) for i, w in enumerate(lows) if w[-1:] == "x" and _MULTIPLIER.fullmatch(w)]
    if not claims:
        return []
    outcomes, comparatives = word_sets(rule, "outcome_nouns", "comparatives")
    hits: list[Hit] = []
    done: set[int] = set()
    for i, multiplier in sorted(claims):
        k = doc.sent_of[i]
        if k in done:
            continue
        s = doc.sentences[k]
        words = frozenset(lows[s.first : s.last])
        # a percentage needs a business outcome ("pipeline up 240%"); "3x faster" is a claim on its own
        if not outcomes.isdisjoint(words) or (multiplier and not comparatives.isdisjoint(words)):
            hits.append(Hit(doc.starts[i], doc.ends[min(i + 1, s.last - 1)]))
            done.add(k)
    return hits


_PERCENT = frozenset({"%"})
_BY = frozenset({"by"})
_BY_WHAT = frozenset({"half", "double", "twice"})
_MULTIPLIER_SEARCH = re.compile(r"\dx\b")  # a quick test; _MULTIPLIER confirms each token
_MULTIPLIER = re.compile(r"\d+(?:\.\d+)?x")


@logic("pitch.commerce")
def commerce(an: Analysis, rule: Rule) -> list[Hit]:
    """Money and transaction words: prices, rates, orders, tickets, discounts."""
    doc = an.doc
    lows = doc.lows
    (words,) = word_sets(rule, "words")
    if words.isdisjoint(doc.lowset) and _CURRENCY.isdisjoint(doc.lowset):
        return []
    hits: list[Hit] = []
    n = len(lows)
    for i, low in enumerate(lows):
        if low in _CURRENCY and i + 1 < n and lows[i + 1][:1].isdigit():
            hits.append(Hit(doc.starts[i], doc.ends[i + 1]))
        elif low in words and not (low == "buy" and i + 1 < n and lows[i + 1] in _TREAT):
            if low == "order" and i and lows[i - 1] == "in":
                continue  # "in order to"
            hits.append(Hit(doc.starts[i], doc.ends[i]))  # but "I'll buy you lunch" is a treat
    return hits


@logic("pitch.cold_probe")
def cold_probe(an: Analysis, rule: Rule) -> list[Hit]:
    """In a first contact: the reader's organisation or a buyer segment as the topic ("who handles vendor
    security on your side?", "I speak with a lot of CFOs"): a seller qualifying a lead."""
    doc = an.doc
    lows = doc.lows
    orgs, segments = word_sets(rule, "org_nouns", "segments")
    if "your" not in doc.lowset and segments.isdisjoint(doc.lowset):
        return []
    hits: list[Hit] = []
    n = len(lows)
    for i, low in enumerate(lows):
        if low == "your" and i + 1 < n:
            j = i + 1
            if j + 1 < n and doc.kinds[j] == "word" and lows[j + 1] in orgs:
                j += 1  # "your ops team"
            if lows[j] in orgs:
                hits.append(Hit(doc.starts[i], doc.ends[j]))
        elif low in segments and i > 0 and lows[i - 1] not in ("my", "our"):
            first = i  # with its modifiers: "SaaS companies", "B2B founders"
            while first > 0 and doc.kinds[first - 1] == "word" and _modifier(doc.word(first - 1)):
                first -= 1
            hits.append(Hit(doc.starts[first], doc.ends[i]))
    return hits


def _modifier(word: str) -> bool:
    """A word that narrows a buyer segment: a name or acronym ("SaaS", "B2B"), a size ("mid-size")."""
    return word[:1].isupper() or any(c.isdigit() for c in word) or "-" in word


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
                for_group = for_group and _any_plural(lows, k, min(n, k + 3))
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


def _any_plural(lows: list[str], start: int, stop: int) -> bool:
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
    for i in positions(_PRICE_MARKS, lows):
        if i + 1 >= n:
            continue
        low, nxt = lows[i], lows[i + 1]
        if low in ("$", "€", "£") and nxt[:1].isdigit():
            prev = lows[max(0, i - 2) : i]
            follow = lows[i + 2 : i + 4]
            if any(w in before for w in prev) or any(w in after for w in follow):
                hits.append(Hit(doc.starts[i], doc.ends[i + 1]))
        elif low == "%" and i and lows[i - 1][:1].isdigit() and lows[i + 1] in ("off", "discount"):
            hits.append(Hit(doc.starts[i - 1], doc.ends[i + 1]))
    return hits


_PRICE_MARKS = frozenset({"$", "€", "£", "%"})


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


@logic("pitch.learned")
def learned(an: Analysis, rule: Rule) -> list[Hit]:
    """The text reads as a pitch and no pitch rule fired: the phrases the scorer weighed most say why."""
    if not an.verdict("pitch") or an.hits_in("pitch"):
        return []
    return weighed_phrases(an, "pitch", rule.params["phrases"])
