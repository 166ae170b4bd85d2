"""The rule catalogue: rules as data (host/rapport/rules/*.toml) plus logic functions with the same fields.

A rule's id is its path: `<file stem>.<table name>`, e.g. `pitch.call_to_action` from `[call_to_action]` in
`pitch.toml`. Phrase rules list token patterns; a logic rule's function is registered under the same id in
the module beside its file (`rapport/rules/pitch.py`). A logic rule lists what it reads (`reads`: rule ids,
"<family>.*", "readability", "verdict"); check_order makes sure each of those runs before it. Every rule
carries examples that tests/test_rules.py checks against the final report.
"""

from __future__ import annotations

import itertools
import tomllib
from importlib import resources
from typing import Any

from rapport import ruleset
from rapport.analyzer.rule import INPUTS, VERDICT, Example, Rule

KINDS = ("phrases", "logic")
SEVERITIES = ("info", "warning", "error")
SCORES = ("pitch", "impersonal")
# A finding is shown when the text has its category's verdict (a pitch finding on a text that reads as a
# pitch), unless the rule says `shown_when = "always"` (a placeholder left in, a note over the length limit).
SHOWN_WHEN = {"pitch": "pitch", "impersonal": "impersonal"}
# The rule families, in the order their logic rules run (phrase rules all match first, in one pass). A rule
# may read only rules that run before it; check_order refuses a catalogue where one does not.
FAMILIES = ruleset.FAMILIES
_REQUIRED = ("kind", "category", "severity", "message", "advice")


class RuleError(ValueError):
    """A rule file is malformed; the message names the rule and the field."""


def _example(value: Any, where: str) -> Example:
    if isinstance(value, str):
        return Example(value)
    if isinstance(value, dict) and isinstance(value.get("text"), str):
        return Example(
            value["text"],
            site=value.get("site", "linkedin"),
            surface=value.get("surface", "post"),
            first_contact=bool(value.get("first_contact", False)),
            span=value.get("span"),
        )
    raise RuleError(f"{where}: an example is a string or a table with `text`")


def _rule(rule_id: str, data: dict[str, Any]) -> Rule:
    for key in _REQUIRED:
        if not isinstance(data.get(key), str) or not data[key].strip():
            raise RuleError(f"{rule_id}: missing or empty `{key}`")
    if data["kind"] not in KINDS:
        raise RuleError(f"{rule_id}: kind must be one of {KINDS}")
    if data["severity"] not in SEVERITIES:
        raise RuleError(f"{rule_id}: severity must be one of {SEVERITIES}")
    shown_when = data.get("shown_when", SHOWN_WHEN.get(data["category"], "always"))
    if shown_when not in ("always", *SCORES):
        raise RuleError(f"{rule_id}: shown_when is one of always, {', '.join(SCORES)}")
    summary = str(data.get("summary", "")).strip()
    if "{" in data["message"] and (not summary or "{" in summary):
        raise RuleError(f"{rule_id}: a message with placeholders needs a `summary` without them")
    phrases = tuple(data.get("phrases", ()))
    if data["kind"] == "phrases" and not phrases:
        raise RuleError(f"{rule_id}: a phrases rule needs `phrases`")
    reads = data.get("reads", [])
    if not isinstance(reads, list) or not all(isinstance(r, str) for r in reads):
        raise RuleError(f"{rule_id}: reads is a list of rule ids")
    if reads and data["kind"] != "logic":
        raise RuleError(f"{rule_id}: only logic rules read other rules; phrase rules read the text")
    examples = data.get("examples", {})
    return Rule(
        id=rule_id,
        kind=data["kind"],
        category=data["category"],
        severity=data["severity"],
        message=data["message"].strip(),
        advice=data["advice"].strip(),
        summary=summary,
        surfaces=tuple(data.get("surfaces", ())),
        first_contact_only=bool(data.get("first_contact_only", False)),
        reported=bool(data.get("reported", True)),
        shown_when=shown_when,
        phrases=phrases,
        params=dict(data.get("params", {})),
        reads=tuple(reads),
        fail=tuple(_example(e, rule_id) for e in examples.get("fail", ())),
        passes=tuple(_example(e, rule_id) for e in examples.get("pass", ())),
    )


def load_rules() -> tuple[list[Rule], str]:
    """All rules from the package's rule files, in run order (FAMILIES), and the ruleset version."""
    rules: list[Rule] = []
    folder = resources.files("rapport") / "rules"
    found = {entry.name for entry in folder.iterdir() if entry.name.endswith(".toml")}
    if found != {f"{family}.toml" for family in FAMILIES}:
        raise RuleError(f"rule files {sorted(found)} do not match the families {FAMILIES}")
    for name, raw in ruleset.rule_files():
        try:
            data = tomllib.loads(raw.decode("utf-8"))
        except tomllib.TOMLDecodeError as exc:
            raise RuleError(f"{name}: {exc}") from exc
        family = name.removesuffix(".toml")
        rules.extend(_rule(f"{family}.{table}", body) for table, body in data.items())
    check_order(rules)
    return rules, ruleset.version()


def run_position(rules: list[Rule]) -> dict[str, tuple[int, int]]:
    """When each rule runs: (0, i) phrase rules (one pass over the text, first), (1, i) logic rules in
    catalogue order, (2, i) rules that read the verdicts, once the scores are known."""
    out = {}
    for i, r in enumerate(rules):
        phase = 0 if r.kind == "phrases" else 2 if r.in_verdict_phase else 1
        out[r.id] = (phase, i)
    return out


def readable(rule: Rule, rules: list[Rule]) -> frozenset[str]:
    """What `rule` may read: its `reads`, each "<family>.*" also expanded to that family's rule ids (those
    of the text phase only, for a rule of the text phase: the verdict phase has not run yet)."""
    out = set(rule.reads)
    for name in rule.reads:
        if name.endswith(".*"):
            out.update(
                r.id
                for r in rules
                if r.category == name[:-2]
                and r.id != rule.id
                and (rule.in_verdict_phase or not r.in_verdict_phase)
            )
    return frozenset(out)


def check_order(rules: list[Rule]) -> None:
    """Every name a rule reads exists and runs before it (see run_position); raises RuleError."""
    position = run_position(rules)
    families = {r.category for r in rules}
    for rule in rules:
        for name in rule.reads:
            if name in INPUTS:
                continue
            if name.endswith(".*"):
                if name[:-2] not in families:
                    raise RuleError(f"{rule.id} reads {name!r}: no such family")
            elif name not in position:
                raise RuleError(f"{rule.id} reads {name!r}: no such rule")
        for name in readable(rule, rules):
            if name in INPUTS or name.endswith(".*"):
                continue
            if position[name] >= position[rule.id]:
                hint = f", or make {rule.id} read {VERDICT!r}" if position[name][0] == 2 else ""
                raise RuleError(
                    f"{rule.id} reads {name}, which runs after it: move it later in its file or its family "
                    f"later in FAMILIES {FAMILIES}{hint}"
                )


# --- phrase patterns -------------------------------------------------------------------------------------
# A pattern is words separated by spaces. `a|b` offers alternatives in one slot, `_` joins words inside an
# alternative ("i'd|i_would"), a trailing `?` makes the slot optional, `*` matches any one word.
# "book|schedule a? quick|short? call|demo" expands to every variant.


def expand(pattern: str) -> list[tuple[str, ...]]:
    slots: list[list[str]] = []
    for raw in pattern.lower().replace("’", "'").split():
        optional = raw.endswith("?") and len(raw) > 1
        words = raw.rstrip("?") if optional else raw
        options = words.split("|")
        if optional:
            options.append("")
        slots.append(options)
    out = []
    for combo in itertools.product(*slots):
        words = tuple(w for option in combo for w in option.split("_") if w)
        if words:
            out.append(words)
    return out


# A trie over words: a node maps a word (or "*") to the next node; key "" lists the rules that end there.
PhraseIndex = dict[str, Any]


def build_index(rules: list[Rule]) -> PhraseIndex:
    """One trie of every expanded pattern, so matching costs a few dict lookups per token."""
    root: PhraseIndex = {}
    for ri, rule in enumerate(rules):
        for pattern in rule.phrases:
            for words in expand(pattern):
                if words[0] == "*":
                    raise RuleError(f"{rule.id}: a pattern cannot start with *: {pattern!r}")
                node = root
                for w in words:
                    node = node.setdefault(w, {})
                ends = node.setdefault("", [])
                if ri not in ends:
                    ends.append(ri)
    return root


def compile_trie(node: PhraseIndex) -> tuple[dict[str, Any], tuple[int, ...], Any]:
    """The trie for matching: each node as (children, rule indices ending here, wildcard child or None).
    Tuple access costs less than the dict lookups of "" and "*" at every step."""
    children = {w: compile_trie(child) for w, child in node.items() if w not in ("", "*")}
    wild = compile_trie(node["*"]) if "*" in node else None
    return children, tuple(node.get("", ())), wild
