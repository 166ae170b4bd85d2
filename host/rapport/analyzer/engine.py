"""Runs the catalogue over a text, in the order it declares (catalog.run_position):

1. phrase rules, in one pass over the tokens;
2. logic rules, family by family, each reading only what it declares;
3. the learned scorer over the features of 1 and 2 (rapport.analyzer.features, rapport.analyzer.model):
   calibrated probabilities, shown as scores 0-100, and the verdicts at the chosen sensitivity;
4. the rules that read the verdicts (a pitch to a stranger; what the model weighed, when no rule says it).
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import compress

from rapport import rules as _families
from rapport.analyzer import features, language, model
from rapport.analyzer.catalog import load_rules, readable
from rapport.analyzer.matching import HitFilters, PhraseMatcher, applies
from rapport.analyzer.rule import READABILITY, REGISTRY, VERDICTS, Analysis, LogicFn, Rule
from rapport.analyzer.text import Doc, parse
from rapport.context import Context, Options

_WORD = "word"
RULES, RULESET_VERSION = load_rules()
BY_ID: dict[str, Rule] = {r.id: r for r in RULES}
_LOGIC_RULES = [r for r in RULES if r.kind == "logic"]
if {r.id for r in _LOGIC_RULES} != REGISTRY.keys() or not _families.__all__:
    raise RuntimeError(
        f"logic rules without a function: {sorted({r.id for r in _LOGIC_RULES} - REGISTRY.keys())}; "
        f"functions without a rule: {sorted(REGISTRY.keys() - {r.id for r in _LOGIC_RULES})}"
    )
_PHRASES = PhraseMatcher(RULES)
_FILTERS = HitFilters(RULES)
# Logic rules in run order, each with its function and what it may read: first those that read the text and
# earlier rules, then, once the verdicts are known, those that read them.
_STEPS = [(r, REGISTRY[r.id], readable(r, RULES)) for r in _LOGIC_RULES]
_TEXT_PHASE = [step for step in _STEPS if not step[0].in_verdict_phase]
_VERDICT_PHASE = [step for step in _STEPS if step[0].in_verdict_phase]
_READS_READABILITY = any(READABILITY in r.reads for r in _LOGIC_RULES)
# Moves that decide a verdict on their own (`params.core`): always, or to a stranger; per verdict.
CORE = {
    (verdict, where): frozenset(
        r.id for r in RULES if r.category == verdict and r.params.get("core") == where
    )
    for verdict in VERDICTS
    for where in ("always", "first_contact")
}
_CATEGORY_OF = {r.id: r.category for r in RULES if r.reported}


def run(
    text: str,
    ctx: Context,
    opts: Options,
    with_readability: bool = True,
    scorer: model.Model | None = None,
) -> Analysis:
    """The whole analysis of one text; `scorer` replaces the shipped model (the trainer's folds). A text
    that is clearly not English is not read at all (`an.language` says what it is)."""
    doc = parse(text)
    foreign = language.guess(list(compress(doc.lows, map(_WORD.__eq__, doc.kinds))), text)
    if foreign is not None:
        return Analysis(doc, ctx, opts, category_of=_CATEGORY_OF, catalog=BY_ID, language=foreign)
    an = read_text(text, ctx, opts, with_readability, doc)
    score(an, scorer or model.shipped())
    for step in _VERDICT_PHASE:
        _run_rule(an, *step)
    return an


def read_text(
    text: str, ctx: Context, opts: Options, with_readability: bool = True, doc: Doc | None = None
) -> Analysis:
    """Steps 1 and 2: every rule that reads the text and earlier rules (what the scorer's features need)."""
    doc = doc or parse(text)
    an = Analysis(doc, ctx, opts, category_of=_CATEGORY_OF, catalog=BY_ID)
    _PHRASES.match(doc, ctx, opts, an.hits)
    for rule_id in _FILTERS.ids & an.hits.keys():
        kept = _FILTERS.apply(doc, rule_id, an.hits[rule_id])
        if kept:
            an.hits[rule_id] = kept
        else:
            del an.hits[rule_id]
    if with_readability and doc.words and _READS_READABILITY:
        from rapport import readability

        an.readability = readability.score(text)
    for step in _TEXT_PHASE:
        _run_rule(an, *step)
    return an


def core_move(verdict: str, fired: Iterable[str], first_contact: bool) -> bool:
    """A core move of that verdict fired: the text is a pitch (or impersonal) whatever the scorer says."""
    core = CORE[verdict, "always"]
    if first_contact:
        core = core | CORE[verdict, "first_contact"]
    return not core.isdisjoint(fired)


def score(an: Analysis, scorer: model.Model) -> None:
    """Scores, thresholds and verdicts from the model, over the features of the text phase; a core move
    lifts its verdict's score to the threshold."""
    an.model = scorer
    an.features = features.extract(an)
    probabilities = scorer.probabilities(an.features)
    sensitivity = an.options.sensitivity
    for verdict in VERDICTS:
        an.scores[verdict] = round(100 * probabilities[verdict])
        an.thresholds[verdict] = scorer.heads[verdict].thresholds[sensitivity]
    for verdict in VERDICTS:
        if core_move(verdict, an.hits, an.context.is_first_contact):
            an.scores[verdict] = max(an.scores[verdict], an.thresholds[verdict])
        an.verdicts[verdict] = bool(an.doc.lows) and an.scores[verdict] >= an.thresholds[verdict]


def _run_rule(an: Analysis, rule: Rule, fn: LogicFn, reading: frozenset[str]) -> None:
    if not applies(rule, an.context, an.options):
        return
    an.reader, an.reading = rule.id, reading
    found = fn(an, rule)
    an.reader, an.reading = "", frozenset()
    if found:
        found = _FILTERS.apply(an.doc, rule.id, found)
    if found:
        an.hits[rule.id] = found
