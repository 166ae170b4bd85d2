"""Runs the catalogue over a text: phrase matches, logic rules, scores, verdicts, Findings in UTF-16 spans."""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import compress

from rapport.analyzer import grammar, logic
from rapport.analyzer.catalog import PhraseIndex, Rule, build_index, compile_trie, load_rules
from rapport.analyzer.text import Doc, parse
from rapport.context import Context, Options
from rapport.findings import Finding, Readability, Report
from rapport.spans import Utf16Offsets

# Score at or above which a text is called pitchy / impersonal.
THRESHOLDS = {"low": 65, "normal": 50, "high": 35}
# A rule hit several times counts a bit more, up to twice its weight.
REPEAT_BONUS = 0.5
REPEAT_CAP = 2.0

RULES, RULESET_VERSION = load_rules()
BY_ID: dict[str, Rule] = {r.id: r for r in RULES}
_PHRASE_RULES = [r for r in RULES if r.kind == "phrases"]
_INDEX: PhraseIndex = build_index(_PHRASE_RULES)
_LOGIC_RULES = [r for r in RULES if r.kind == "logic"]
logic.check_registry({r.id for r in _LOGIC_RULES})
_TRIE = compile_trie(_INDEX)[0]  # first word -> node
assert grammar.WRITER  # grammar.py registers its logic rules on import
# Logic rules by stage (1: text, 2: sees stage-1 hits, 3: sees the scores), with their functions.
_STAGES = [
    [(r, logic.REGISTRY[r.id]) for r in _LOGIC_RULES if logic.REGISTRY[r.id].stage == stage]
    for stage in (1, 2, 3)
]


@dataclass(slots=True)
class Analysis:
    """Everything one analysis found, before it becomes a Report: hits per rule and the score breakdown."""

    doc: Doc
    context: Context
    options: Options
    hits: dict[str, list[logic.Hit]] = field(default_factory=dict)
    contributions: list[tuple[str, str, int]] = field(default_factory=list)  # (rule id, score, points)
    scores: dict[str, int] = field(default_factory=lambda: {"pitch": 0, "impersonal": 0})
    readability: Readability | None = None


def _applies(rule: Rule, ctx: Context, opts: Options) -> bool:
    if rule.id in opts.disabled_rules:
        return False
    if rule.surfaces and ctx.surface not in rule.surfaces:
        return False
    return not (rule.first_contact_only and not ctx.is_first_contact)


def _match_phrases(doc: Doc, ctx: Context, opts: Options, out: dict[str, list[logic.Hit]]) -> None:
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
            out.setdefault(rules[ri].id, []).append(logic.Hit(doc.starts[i], doc.ends[end - 1]))
            busy_until[ri] = end


def run(text: str, ctx: Context, opts: Options, with_readability: bool = True) -> Analysis:
    doc = parse(text)
    an = Analysis(doc, ctx, opts)
    _match_phrases(doc, ctx, opts, an.hits)
    if with_readability and doc.words:
        from rapport import readability

        an.readability = readability.score(text)
    for stage, rules in enumerate(_STAGES, 1):
        if stage == 3:
            _score(an)
        for rule, fn in rules:
            if not _applies(rule, ctx, opts):
                continue
            found = fn(an, rule)
            if found:
                an.hits[rule.id] = found
    _score(an)
    return an


def _score(an: Analysis) -> None:
    totals = {"pitch": 0.0, "impersonal": 0.0}
    contributions = []
    for rule_id, hits in an.hits.items():
        rule = BY_ID[rule_id]
        if not rule.weights or any(c in an.hits for c in rule.cancelled_by):
            continue
        strength = max(h.strength for h in hits)
        factor = min(1.0 + REPEAT_BONUS * (len(hits) - 1), REPEAT_CAP) * strength
        for score, weight in rule.weights.items():
            points = round(weight * factor)
            totals[score] += points
            contributions.append((rule_id, score, points))
    an.contributions = contributions
    an.scores = {k: max(0, min(100, round(v))) for k, v in totals.items()}


def to_report(an: Analysis) -> Report:
    threshold = THRESHOLDS[an.options.sensitivity]
    offsets = Utf16Offsets(an.doc.text)
    first_contact = an.context.is_first_contact
    findings = []
    for rule_id, hits in an.hits.items():
        rule = BY_ID[rule_id]
        if not rule.reported:
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
    findings.sort(key=lambda f: (f.start, f.end, f.rule))
    return Report(
        pitchy=an.scores["pitch"] >= threshold,
        impersonal=an.scores["impersonal"] >= threshold,
        scores=dict(an.scores),
        findings=findings,
        readability=an.readability or Readability(),
    )
