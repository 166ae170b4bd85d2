"""Runs the catalogue over a text: phrase matches, logic rules, scores, verdicts, Findings in UTF-16 spans."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from itertools import compress

from rapport import rules as _families
from rapport.analyzer.catalog import PhraseIndex, build_index, compile_trie, load_rules, readable
from rapport.analyzer.rule import READABILITY, REGISTRY, Analysis, Hit, LogicFn, Rule
from rapport.analyzer.spanset import DisjointSpans
from rapport.analyzer.text import Doc, parse
from rapport.context import Context, Options
from rapport.findings import SEVERITY_ORDER, Finding, Readability, Report
from rapport.spans import Utf16Offsets

# Score at or above which a text is called pitchy / impersonal.
THRESHOLDS = {"low": 65, "normal": 50, "high": 35}
# Core pitch moves (rules with `params.core`: a call to action, a meeting ask, an offer, "we help X do Y") are
# a pitch on their own: their pitch points are at least CORE_FLOOR (the `normal` threshold) unless a signal
# says the writer knows the reader (KNOWS_READER: "we met at", "as we discussed"); in a first contact they
# reach it regardless. The fitted weight applies between people who know each other.
CORE_FLOOR = THRESHOLDS["normal"]
# With `params.core_words`, only a hit holding one of those words is a core move ("book a quick call",
# "free audit"); "DM me" or "free checklist" keep their fitted weight (a favour, a freebie, a job post).
KNOWS_READER = frozenset({"signal.shared_context"})
# With the reader's name: "Hi Lucy, thanks for the time on Tuesday".
KNOWS_NAMED_READER = frozenset({"signal.gratitude"})
# A rule hit several times counts a bit more, up to twice its weight.
REPEAT_BONUS = 0.5
REPEAT_CAP = 2.0
# Findings on overlapping spans are one problem: only the best is shown (the scores still count each rule).
# Ranking: most severe, then the most specific: a phrase ("Book a quick call") before a rule that spans a
# whole sentence ("Asks the reader for something on your agenda"), before a finding that sums up others.
# Verdicts about the whole message (a pitch to a stranger, a pitch to nobody) span it and are listed apart.
BROAD_RULES = frozenset(
    {"pitch.request", "pitch.reader_ask", "impersonal.crowd_question", "impersonal.empty_reply"}
)
SUMMARY_RULES = frozenset({"impersonal.generic"})
# Findings about the whole text (length, focus, what is missing) are other problems: never merged.
WHOLE_TEXT_RULES = frozenset(
    {
        "first_contact.pitch",
        "impersonal.broadcast_pitch",
        "first_contact.invite_too_long",
        "first_contact.too_long",
        "first_contact.no_reason",
        "first_contact.no_reference",
        "impersonal.self_focus",
        "impersonal.corporate_voice",
        "impersonal.no_question",
    }
)
MERGED_CATEGORIES = frozenset({"pitch", "impersonal", "first_contact"})

RULES, RULESET_VERSION = load_rules()
BY_ID: dict[str, Rule] = {r.id: r for r in RULES}
_PHRASE_RULES = [r for r in RULES if r.kind == "phrases"]
_INDEX: PhraseIndex = build_index(_PHRASE_RULES)
_LOGIC_RULES = [r for r in RULES if r.kind == "logic"]
if {r.id for r in _LOGIC_RULES} != REGISTRY.keys() or not _families.__all__:
    raise RuntimeError(
        f"logic rules without a function: {sorted({r.id for r in _LOGIC_RULES} - REGISTRY.keys())}; "
        f"functions without a rule: {sorted(REGISTRY.keys() - {r.id for r in _LOGIC_RULES})}"
    )
_TRIE = compile_trie(_INDEX)[0]  # first word -> node
# Logic rules in run order (catalog.run_position), each with its function and what it may read: first those
# that read the text and earlier rules, then, once the scores are known, those that read the verdicts.
_STEPS = [(r, REGISTRY[r.id], readable(r, RULES)) for r in _LOGIC_RULES]
_TEXT_PHASE = [step for step in _STEPS if not step[0].in_verdict_phase]
_VERDICT_PHASE = [step for step in _STEPS if step[0].in_verdict_phase]
_READS_READABILITY = any(READABILITY in r.reads for r in _LOGIC_RULES)
_CATEGORY_OF = {r.id: r.category for r in RULES if r.reported}
# Rules with `params.except_in_sentence`: a hit in a sentence holding one of those words does not count
# ("want me to send you the photos from the wedding" is a friend's offer, not a sale).
# With `params.except_in_text`, a word anywhere in the text does the same ("student": a learner's ask).
_EXCEPT = {
    r.id: frozenset(r.params.get("except_in_sentence", ()))
    for r in RULES
    if r.params.get("except_in_sentence") or r.params.get("except_in_text")
}
_EXCEPT_TEXT = {r.id: frozenset(r.params.get("except_in_text", ())) for r in RULES if r.id in _EXCEPT}
# With `params.not_after`, a phrase right after one of those words is someone else's thing: "the pricing
# page", "her demo" (a customer or a proud colleague talking, not a seller).
_NOT_AFTER = {r.id: frozenset(r.params["not_after"]) for r in RULES if r.params.get("not_after")}
# Rules with `params.needs_company`: sharing what you built is not a pitch by itself; it counts (and is
# shown) only when another pitch signal aims it at the reader.
_NEEDS_COMPANY = frozenset(r.id for r in RULES if r.params.get("needs_company"))
# Rules with `params.shown_if_pitchy`: weak signals ("order", "tickets") that add to the score but are
# shown only when the text reads as a pitch; a price in a friend's post is not worth a remark.
_SHOWN_IF_PITCHY = frozenset(r.id for r in RULES if r.params.get("shown_if_pitchy"))
_CORE = frozenset(r.id for r in RULES if r.params.get("core"))
_CORE_WORDS = {r.id: frozenset(r.params["core_words"]) for r in RULES if r.params.get("core_words")}
_PITCH_IDS = frozenset(r.id for r in RULES if r.category == "pitch") - _NEEDS_COMPANY - {"pitch.commerce"}


def _applies(rule: Rule, ctx: Context, opts: Options) -> bool:
    if rule.id in opts.disabled_rules:
        return False
    if rule.surfaces and ctx.surface not in rule.surfaces:
        return False
    return not (rule.first_contact_only and not ctx.is_first_contact)


def _match_phrases(doc: Doc, ctx: Context, opts: Options, out: dict[str, list[Hit]]) -> None:
    """Every phrase rule's matches over the tokens: per rule the longest match at a position, no overlaps."""
    lows = doc.lows
    n = len(lows)
    root = _TRIE
    kinds = doc.kinds
    rules = _PHRASE_RULES
    busy_until: dict[int, int] = {}  # rule index -> token index its last match ended at
    allowed: dict[int, bool] = {}  # rule index -> applies in this context (computed on first match)
    nodes = list(map(root.get, lows))  # trie node of each token as a first word, or None
    for i in compress(range(n), nodes):
        longest: dict[int, int] | None = None  # rule index -> end of its longest match starting at i
        stack = [(nodes[i], i + 1)]
        while stack:
            (children, ends, wild), j = stack.pop()
            if ends:
                if longest is None:
                    longest = {}
                for ri in ends:
                    if longest.get(ri, 0) < j:
                        longest[ri] = j
            if j < n:
                nxt = children.get(lows[j])
                if nxt is not None:
                    stack.append((nxt, j + 1))
                if wild is not None and kinds[j] == "word":
                    stack.append((wild, j + 1))
        if longest is None:
            continue
        for ri, end in longest.items():
            if busy_until.get(ri, 0) > i:
                continue
            ok = allowed.get(ri)
            if ok is None:
                ok = allowed[ri] = _applies(rules[ri], ctx, opts)
            if not ok:
                continue
            out.setdefault(rules[ri].id, []).append(Hit(doc.starts[i], doc.ends[end - 1]))
            busy_until[ri] = end


def _drop_excepted(doc: Doc, rule_id: str, hits: list[Hit]) -> list[Hit]:
    """The hits of a rule with `except_in_sentence` words, minus those in a sentence holding one."""
    if not _EXCEPT_TEXT[rule_id].isdisjoint(doc.lowset):
        return []
    words = _EXCEPT[rule_id]
    if words.isdisjoint(doc.lowset):
        return hits
    lows, sent_of, sentences = doc.lows, doc.sent_of, doc.sentences
    kept = []
    for h in hits:
        s = sentences[sent_of[max(0, bisect_right(doc.starts, h.start) - 1)]]
        if words.isdisjoint(lows[s.first : s.last]):
            kept.append(h)
    return kept


def _previous_word(doc: Doc, start: int) -> str:
    i = bisect_right(doc.starts, start) - 1
    return doc.lows[i - 1] if i > 0 else ""


def run(text: str, ctx: Context, opts: Options, with_readability: bool = True) -> Analysis:
    doc = parse(text)
    an = Analysis(doc, ctx, opts, category_of=_CATEGORY_OF, catalog=BY_ID)
    _match_phrases(doc, ctx, opts, an.hits)
    for rule_id in _NOT_AFTER.keys() & an.hits.keys():
        _keep(an, rule_id, _not_after(doc, rule_id, an.hits[rule_id]))
    for rule_id in _EXCEPT.keys() & an.hits.keys():
        _keep(an, rule_id, _drop_excepted(doc, rule_id, an.hits[rule_id]))
    if with_readability and doc.words and _READS_READABILITY:
        from rapport import readability

        an.readability = readability.score(text)
    for step in _TEXT_PHASE:
        _run_rule(an, *step)
    if _NEEDS_COMPANY & an.hits.keys() and _PITCH_IDS.isdisjoint(an.hits):
        for rule_id in _NEEDS_COMPANY:
            an.hits.pop(rule_id, None)
    _score(an)
    for step in _VERDICT_PHASE:
        _run_rule(an, *step)
    _score(an)
    return an


def _keep(an: Analysis, rule_id: str, kept: list[Hit]) -> None:
    if kept:
        an.hits[rule_id] = kept
    else:
        del an.hits[rule_id]


def _not_after(doc: Doc, rule_id: str, hits: list[Hit]) -> list[Hit]:
    words = _NOT_AFTER[rule_id]
    return [h for h in hits if _previous_word(doc, h.start) not in words]


def _run_rule(an: Analysis, rule: Rule, fn: LogicFn, reading: frozenset[str]) -> None:
    if not _applies(rule, an.context, an.options):
        return
    an.reader, an.reading = rule.id, reading
    found = fn(an, rule)
    an.reader, an.reading = "", frozenset()
    if found and rule.id in _NOT_AFTER:
        found = _not_after(an.doc, rule.id, found)
    if found and rule.id in _EXCEPT:
        found = _drop_excepted(an.doc, rule.id, found)
    if found:
        an.hits[rule.id] = found


def _is_core(an: Analysis, rule_id: str) -> bool:
    if rule_id not in _CORE or any(c in an.hits for c in BY_ID[rule_id].cancelled_by):
        return False
    words = _CORE_WORDS.get(rule_id)
    if words is None:
        return True
    doc = an.doc
    for h in an.hits[rule_id]:
        first = bisect_left(doc.starts, h.start)
        if not words.isdisjoint(doc.lows[first : bisect_left(doc.starts, h.end)]):
            return True
    return False


def _knows_reader(hits: dict[str, list[Hit]]) -> bool:
    if not KNOWS_READER.isdisjoint(hits):
        return True
    return "signal.reader_name" in hits and not KNOWS_NAMED_READER.isdisjoint(hits)


def core_floor_applies(an: Analysis) -> bool:
    """A core pitch move fired, to a stranger or to nobody in particular (see CORE_FLOOR)."""
    core = _CORE & an.hits.keys()
    if not core or not any(_is_core(an, rid) for rid in core):
        return False
    return an.context.is_first_contact or not _knows_reader(an.hits)


def _score(an: Analysis) -> None:
    totals = {"pitch": 0.0, "impersonal": 0.0}
    contributions = []
    floored = core_floor_applies(an)
    for rule_id, hits in an.hits.items():
        rule = BY_ID[rule_id]
        if not rule.weights or any(c in an.hits for c in rule.cancelled_by):
            continue
        strength = max(h.strength for h in hits)
        factor = min(1.0 + REPEAT_BONUS * (len(hits) - 1), REPEAT_CAP) * strength
        for score, weight in rule.weights.items():
            points = round(weight * factor)
            if floored and score == "pitch" and rule_id in _CORE and _is_core(an, rule_id):
                points = max(points, CORE_FLOOR)
            totals[score] += points
            contributions.append((rule_id, score, points))
    if floored:  # no personal aside talks a stranger out of a sales ask
        totals["pitch"] = max(totals["pitch"], CORE_FLOOR)
    an.contributions = contributions
    an.scores = {k: max(0, min(100, round(v))) for k, v in totals.items()}
    threshold = THRESHOLDS[an.options.sensitivity]
    an.verdicts = {k: v >= threshold for k, v in an.scores.items()}


def to_report(an: Analysis) -> Report:
    threshold = THRESHOLDS[an.options.sensitivity]
    offsets = Utf16Offsets(an.doc.text)
    first_contact = an.context.is_first_contact
    findings = []
    for rule_id, hits in an.hits.items():
        rule = BY_ID[rule_id]
        if not rule.reported or (rule.id in _SHOWN_IF_PITCHY and an.scores["pitch"] < threshold):
            continue
        severity = rule.severity
        if first_contact and rule.category == "pitch":
            severity = "error"  # nobody answers a first contact that is a blatant pitch
        for h in hits:
            message = rule.message.format_map(h.detail) if h.detail else rule.message
            sev = severity if severity == "error" else (h.severity or severity)
            findings.append(
                Finding(
                    rule=rule.id,
                    category=rule.category,
                    severity=sev,  # type: ignore[arg-type]
                    start=offsets.to_utf16(h.start),
                    end=offsets.to_utf16(h.end),
                    message=message,
                    advice=rule.advice,
                )
            )
    findings = merge_overlapping(findings)
    findings.sort(key=lambda f: (f.start, f.end, f.rule))
    return Report(
        pitchy=an.verdicts["pitch"],
        impersonal=an.verdicts["impersonal"],
        scores=dict(an.scores),
        findings=findings,
        readability=an.readability or Readability(),
    )


def _rank(f: Finding) -> tuple[int, int, int, int]:
    tier = 2 if f.rule in SUMMARY_RULES else 1 if f.rule in BROAD_RULES else 0
    return (-SEVERITY_ORDER[f.severity], tier, f.start - f.end, f.start)


def merge_overlapping(findings: list[Finding]) -> list[Finding]:
    """One finding per problem: of pitch and impersonal findings whose spans overlap, keep the best ranked
    (see BROAD_RULES). A sentence-wide finding that held one phrase lends that phrase its span ("Would you
    be open to a quick call next week?"). Readability and whole-text findings always stay."""
    if any(f.rule == "first_contact.pitch" for f in findings):
        # in a first contact, "a pitch to a stranger" already says "a pitch to nobody in particular"
        findings = [f for f in findings if f.rule != "impersonal.broadcast_pitch"]
    merged = [f for f in findings if f.category in MERGED_CATEGORIES and f.rule not in WHOLE_TEXT_RULES]
    if len(merged) < 2:
        return findings
    kept = [f for f in findings if f.category not in MERGED_CATEGORIES or f.rule in WHOLE_TEXT_RULES]
    # The taken spans never overlap; a test scans only the new span (see spanset.DisjointSpans).
    taken: DisjointSpans[Finding] = DisjointSpans(max(f.end for f in merged))
    broad_dropped: list[Finding] = []
    for f in sorted(merged, key=_rank):
        if taken.overlapping(f.start, f.end)[0]:
            if f.rule in BROAD_RULES:
                broad_dropped.append(f)
            continue
        taken.add(f.start, f.end, f)
    for d in broad_dropped:
        count, at = taken.overlapping(d.start, d.end)
        if at is not None:  # exactly one
            t = taken.item(at)
            start, end = min(t.start, d.start), max(t.end, d.end)
            wide = Finding(t.rule, t.category, t.severity, start, end, t.message, t.advice)
            taken.replace(at, start, end, wide)
    return kept + taken.items()
