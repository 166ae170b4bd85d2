"""What every rule works with: Rule and Example (the data in rules/*.toml), Hit (what a rule finds), Analysis
(one run over one text) and the registry of logic functions.

Nothing here imports the engine, so each rule family (rules/<family>.py, beside its TOML file) imports this
module and nothing else of the analyser's machinery. A rule reads other rules' hits only through
`Analysis.fired`, `hits_of` and `hits_in`, and only those it declares in `reads`; the catalogue checks at
load that each of them runs before it (see catalog.check_order), and these accessors raise UndeclaredRead
for anything else, so no rule depends on a run order nobody wrote down.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rapport.analyzer.model import Model
    from rapport.analyzer.text import Doc
    from rapport.context import Context, Options
    from rapport.findings import Readability

# Inputs a rule can read besides other rules' hits: the readability numbers, and the verdicts (a rule that
# reads them runs after the scores are known, in the verdict phase).
READABILITY = "readability"
VERDICT = "verdict"
INPUTS = (READABILITY, VERDICT)
VERDICTS = ("pitch", "impersonal")


@dataclass(frozen=True, slots=True)
class Example:
    text: str
    site: str = "linkedin"
    surface: str = "post"
    first_contact: bool = False
    span: str | None = None  # what the user sees underlined (fail examples)


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    kind: str
    category: str
    severity: str
    message: str  # may hold {placeholders} filled from each hit (a count, a limit)
    advice: str
    summary: str = ""  # the message without placeholders, for the catalogue; `message` when it has none
    surfaces: tuple[str, ...] = ()  # empty: every surface
    first_contact_only: bool = False
    reported: bool = True  # False for positive signals: the model reads them; they are not findings
    shown_when: str = "always"  # "pitch" / "impersonal": shown only when the text has that verdict
    phrases: tuple[str, ...] = ()
    params: dict[str, Any] = field(default_factory=dict)
    reads: tuple[str, ...] = ()  # rule ids ("signal.reader_name"), families ("pitch.*") or INPUTS
    fail: tuple[Example, ...] = ()
    passes: tuple[Example, ...] = ()

    @property
    def in_verdict_phase(self) -> bool:
        return VERDICT in self.reads

    def public(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "category": self.category,
            "kind": self.kind,
            "severity": self.severity,
            "message": self.summary or self.message,
            "advice": self.advice,
        }


@dataclass(slots=True)
class Hit:
    start: int  # code points
    end: int
    strength: float = 1.0  # scales the rule's weight (e.g. how far over a limit)
    severity: str | None = None  # overrides the rule's severity
    detail: dict[str, Any] = field(default_factory=dict)  # fills {fields} in the message


class UndeclaredRead(RuntimeError):
    """A rule read a rule or an input it does not declare in `reads`."""


@dataclass(slots=True)
class Analysis:
    """Everything one analysis found, before it becomes a Report: hits per rule and the score breakdown.

    The engine fills `hits`; rules read it through the accessors below, which check `reading`: the ids the
    running rule declared (catalog expands "pitch.*" to the rule ids of that family)."""

    doc: Doc
    context: Context
    options: Options
    hits: dict[str, list[Hit]] = field(default_factory=dict)
    scores: dict[str, int] = field(default_factory=lambda: dict.fromkeys(VERDICTS, 0))  # 0-100
    thresholds: dict[str, int] = field(default_factory=lambda: dict.fromkeys(VERDICTS, 50))
    verdicts: dict[str, bool] = field(default_factory=lambda: dict.fromkeys(VERDICTS, False))
    features: set[str] = field(default_factory=set)  # what the model read (rapport.analyzer.features)
    model: Model | None = None
    readability: Readability | None = None
    language: str | None = None  # the language the text is clearly in, when not English (not checked)
    reader: str = ""  # the rule running now
    reading: frozenset[str] = frozenset()  # what it may read
    category_of: dict[str, str] = field(default_factory=dict)  # reported rule id -> category
    catalog: dict[str, Rule] = field(default_factory=dict)  # every rule by id

    def _check(self, name: str) -> None:
        if name not in self.reading:
            raise UndeclaredRead(f"{self.reader} reads {name!r} but does not declare it in `reads`")

    def fired(self, rule_id: str) -> bool:
        self._check(rule_id)
        return rule_id in self.hits

    def hits_of(self, rule_id: str) -> list[Hit]:
        self._check(rule_id)
        return self.hits.get(rule_id, [])

    def hits_in(self, category: str) -> list[Hit]:
        """The hits of every reported rule of a family (declared as "<family>.*")."""
        self._check(f"{category}.*")
        out: list[Hit] = []
        for rule_id, hits in self.hits.items():
            if self.category_of.get(rule_id) == category:
                out.extend(hits)
        return out

    def rule_of(self, rule_id: str) -> Rule:
        """Another rule, for its params (a shared word class): declared in `reads` like its hits."""
        self._check(rule_id)
        return self.catalog[rule_id]

    def verdict(self, score: str) -> bool:
        """Whether the text reads as a pitch / as impersonal at the chosen sensitivity."""
        self._check(VERDICT)
        return self.verdicts[score]

    def weighed(self, verdict: str) -> list[tuple[float, str]]:
        """(weight, feature) of what pushed the model towards a verdict, strongest first."""
        self._check(VERDICT)
        return self.model.contributions(self.features, verdict) if self.model else []

    def text_readability(self) -> Readability | None:
        self._check(READABILITY)
        return self.readability


LogicFn = Callable[[Analysis, Rule], list[Hit]]
REGISTRY: dict[str, LogicFn] = {}


def logic(rule_id: str) -> Callable[[LogicFn], LogicFn]:
    """Registers the function of the `kind = "logic"` rule `rule_id`."""

    def register(fn: LogicFn) -> LogicFn:
        if rule_id in REGISTRY:
            raise RuntimeError(f"two functions for {rule_id}")
        REGISTRY[rule_id] = fn
        return fn

    return register
