"""The learned scorer: a logistic regression per verdict over the names rapport.analyzer.features extracts,
calibrated, evaluated in pure Python (the host imports neither numpy nor scikit-learn).

The model file (`rapport/analyzer/data/model.json`, written by `rapport train`) holds, per verdict, a bias,
a Platt calibration (scale, shift) and the thresholds of the three sensitivities on the calibrated
probability, and one table of weights: feature name -> [pitch weight, impersonal weight].
"""

from __future__ import annotations

import json
import math
import threading
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

VERDICTS = ("pitch", "impersonal")
MODEL_FILE = "model.json"
FORMAT = 1


class ModelError(RuntimeError):
    """The shipped model file is missing or malformed."""


@dataclass(frozen=True, slots=True)
class Head:
    """One verdict's calibration and thresholds."""

    bias: float
    scale: float
    shift: float
    thresholds: dict[str, int]  # sensitivity -> threshold on the score (calibrated probability x 100)

    def probability(self, margin: float) -> float:
        z = self.scale * (self.bias + margin) + self.shift
        if z < -40:
            return 0.0
        return 1.0 / (1.0 + math.exp(-z))


@dataclass(frozen=True, slots=True)
class Model:
    heads: dict[str, Head]
    weights: dict[str, tuple[float, float]]
    meta: dict[str, Any]
    pitch: dict[str, float] = field(default_factory=dict)  # the weights of each verdict, for sums in C
    impersonal: dict[str, float] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for name, (p, i) in self.weights.items():
            self.pitch[name] = p
            self.impersonal[name] = i

    def margins(self, names: set[str]) -> tuple[float, float]:
        """Sum of the weights of the known names, per verdict, scaled by 1/sqrt(how many are known), as
        the trainer's matrix is (before bias and calibration)."""
        known = self.weights.keys() & names
        if not known:
            return 0.0, 0.0
        scale = 1.0 / math.sqrt(len(known))
        pitch = sum(map(self.pitch.__getitem__, known))
        return pitch * scale, sum(map(self.impersonal.__getitem__, known)) * scale

    def probabilities(self, names: set[str]) -> dict[str, float]:
        margins = self.margins(names)
        return {v: self.heads[v].probability(m) for v, m in zip(VERDICTS, margins, strict=True)}

    def contributions(self, names: set[str], verdict: str) -> list[tuple[float, str]]:
        """(weight, name) of every known name for one verdict, strongest push towards it first."""
        k = VERDICTS.index(verdict)
        out = [(w[k], n) for n in names if (w := self.weights.get(n)) is not None and w[k]]
        out.sort(key=lambda x: (-x[0], x[1]))
        return out


def parse_model(data: Any) -> Model:
    """A Model from the decoded JSON of a model file; ModelError names what is wrong."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ModelError(f"model file: expected format {FORMAT}")
    try:
        heads = {
            v: Head(
                bias=float(h["bias"]),
                scale=float(h["scale"]),
                shift=float(h["shift"]),
                thresholds={k: int(t) for k, t in h["thresholds"].items()},
            )
            for v, h in ((v, data["heads"][v]) for v in VERDICTS)
        }
        weights = {str(n): (float(w[0]), float(w[1])) for n, w in data["weights"].items()}
    except (KeyError, TypeError, ValueError, IndexError) as exc:
        raise ModelError(f"model file: malformed ({exc!r})") from exc
    return Model(heads, weights, data.get("meta", {}))


_lock = threading.Lock()
_model: Model | None = None


def shipped() -> Model:
    """The model in the package, loaded once (thread-safe)."""
    global _model
    if _model is None:
        with _lock:
            if _model is None:
                try:
                    raw = (resources.files("rapport.analyzer") / "data" / MODEL_FILE).read_bytes()
                except OSError as exc:
                    raise ModelError(f"model file missing: {exc}") from exc
                _model = parse_model(json.loads(raw))
    return _model


def use(model: Model | None) -> None:
    """Replace the model the engine uses (the trainer's folds; None restores the shipped one)."""
    global _model
    _model = model
