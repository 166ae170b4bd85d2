"""The rule catalogue: rules as data (host/rapport/rules/*.toml) plus logic functions with the same fields.

A rule's id is its path: `<file stem>.<table name>`, e.g. `pitch.call_to_action` from `[call_to_action]` in
`pitch.toml`. Phrase rules list token patterns; a logic rule's function is registered under
the same id in `rapport.analyzer.logic`. Every rule carries examples that tests/test_rules.py runs.
"""

from __future__ import annotations

import hashlib
import itertools
import tomllib
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

KINDS = ("phrases", "logic")
SEVERITIES = ("info", "warning", "error")
SCORES = ("pitch", "impersonal")
_REQUIRED = ("kind", "category", "severity", "message", "advice")


@dataclass(frozen=True, slots=True)
class Example:
    text: str
    site: str = "linkedin"
    surface: str = "post"
    first_contact: bool = False


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    kind: str
    category: str
    severity: str
    message: str  # may hold {placeholders} filled from each hit (a count, a limit)
    advice: str
    summary: str = ""  # the message without placeholders, for the catalogue; `message` when it has none
    weights: dict[str, int] = field(default_factory=dict)  # contribution to scores.pitch / scores.impersonal
    surfaces: tuple[str, ...] = ()  # empty: every surface
    first_contact_only: bool = False
    reported: bool = True  # False for positive signals: they lower scores but are not findings
    enabled_by_default: bool = True
    cancelled_by: tuple[str, ...] = ()  # rule ids whose hits make this rule's weight not count
    phrases: tuple[str, ...] = ()
    params: dict[str, Any] = field(default_factory=dict)
    fail: tuple[Example, ...] = ()
    passes: tuple[Example, ...] = ()

    def public(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "category": self.category,
            "kind": self.kind,
            "severity": self.severity,
            "message": self.summary or self.message,
            "advice": self.advice,
            "enabled_by_default": self.enabled_by_default,
        }


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
    weights = data.get("weights", {})
    if not all(k in SCORES and isinstance(v, int) for k, v in weights.items()):
        raise RuleError(f"{rule_id}: weights maps pitch/impersonal to integers")
    summary = str(data.get("summary", "")).strip()
    if "{" in data["message"] and (not summary or "{" in summary):
        raise RuleError(f"{rule_id}: a message with placeholders needs a `summary` without them")
    phrases = tuple(data.get("phrases", ()))
    if data["kind"] == "phrases" and not phrases:
        raise RuleError(f"{rule_id}: a phrases rule needs `phrases`")
    examples = data.get("examples", {})
    return Rule(
        id=rule_id,
        kind=data["kind"],
        category=data["category"],
        severity=data["severity"],
        message=data["message"].strip(),
        advice=data["advice"].strip(),
        summary=summary,
        weights=dict(weights),
        surfaces=tuple(data.get("surfaces", ())),
        first_contact_only=bool(data.get("first_contact_only", False)),
        reported=bool(data.get("reported", True)),
        enabled_by_default=bool(data.get("enabled_by_default", True)),
        cancelled_by=tuple(data.get("cancelled_by", ())),
        phrases=phrases,
        params=dict(data.get("params", {})),
        fail=tuple(_example(e, rule_id) for e in examples.get("fail", ())),
        passes=tuple(_example(e, rule_id) for e in examples.get("pass", ())),
    )


def load_rules() -> tuple[list[Rule], str]:
    """All rules from the package's rule files, and a short version hash of their bytes."""
    digest = hashlib.sha256()
    rules: list[Rule] = []
    folder = resources.files("rapport") / "rules"
    for entry in sorted(folder.iterdir(), key=lambda p: p.name):
        if not entry.name.endswith(".toml"):
            continue
        raw = entry.read_bytes()
        digest.update(entry.name.encode() + b"\0" + raw)
        stem = entry.name.removesuffix(".toml")
        try:
            data = tomllib.loads(raw.decode("utf-8"))
        except tomllib.TOMLDecodeError as exc:
            raise RuleError(f"{entry.name}: {exc}") from exc
        rules.extend(_rule(f"{stem}.{name}", body) for name, body in data.items())
    return rules, digest.hexdigest()[:12]


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
