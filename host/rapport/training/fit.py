"""Fitting the scorer: the features of every text (rapport.analyzer.features, exactly as the engine computes
them), a vocabulary, one L2 logistic regression per verdict, a Platt calibration and the sensitivities'
thresholds from source-grouped out-of-fold predictions, and the model file the host reads.

Deterministic: the same corpus, settings and seed give the same file, byte for byte.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass

import numpy as np
from scipy import sparse
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

from rapport.analyzer import engine, features
from rapport.analyzer.model import FORMAT, VERDICTS, Model, parse_model
from rapport.context import Options
from rapport.training.corpus import Example

LABEL_OF = {"pitch": "pitchy", "impersonal": "impersonal"}
# The sensitivities, as the share of texts labelled neither that may be called pitchy or impersonal on the
# held-out folds (None: as many as the best F1 takes). Normal keeps false alarms rare: a warm message
# flagged is what makes people stop using a coach.
FALSE_ALARM_CAPS = {"low": 0.05, "normal": 0.10, "high": None}
_GRID = np.round(np.arange(0.10, 0.91, 0.02), 2)


@dataclass(frozen=True)
class Settings:
    c: float = 2.0  # inverse L2 strength
    min_docs: int = 2  # a feature is kept when at least this many training texts have it...
    min_groups: int = 2  # ... from at least this many source groups (no one source's quirks)
    group_weighting: bool = True  # each text weighs 1/sqrt(its group's size): no source dominates
    inner_folds: int = 4  # source-grouped folds for the calibration and thresholds
    invented_weight: float = 1.0  # how much more the invented regression examples weigh than a real source
    seed: int = 0


def featurize(examples: Sequence[Example]) -> list[set[str]]:
    """The engine's features of each text (its text phase: the rules, not the model)."""
    out = []
    options = Options()
    for ex in examples:
        an = engine.read_text(ex.text, ex.context, options, with_readability=False)
        out.append(features.extract(an))
    return out


def vocabulary(names: Sequence[set[str]], groups: Sequence[str], s: Settings) -> list[str]:
    docs: Counter[str] = Counter()
    seen_in: dict[str, set[str]] = {}
    for ns, g in zip(names, groups, strict=True):
        docs.update(ns)
        for n in ns:
            seen_in.setdefault(n, set()).add(g)
    return sorted(n for n, d in docs.items() if d >= s.min_docs and len(seen_in[n]) >= s.min_groups)


def matrix(names: Sequence[set[str]], index: dict[str, int]) -> sparse.csr_matrix:
    """Binary features scaled by 1/sqrt(how many the text has), as rapport.analyzer.model scores them:
    a long text does not weigh more for having more words."""
    rows, cols, data = [], [], []
    for r, ns in enumerate(names):
        found = sorted(index[n] for n in ns if n in index)
        scale = 1.0 / math.sqrt(len(found)) if found else 0.0
        rows += [r] * len(found)
        cols += found
        data += [scale] * len(found)
    return sparse.csr_matrix((np.array(data), (rows, cols)), shape=(len(names), len(index)))


def _weights(groups: Sequence[str], s: Settings) -> np.ndarray:
    if not s.group_weighting:
        return np.ones(len(groups))
    size = Counter(groups)
    w = np.array([1.0 / math.sqrt(size[g]) * (s.invented_weight if g == "invented" else 1.0) for g in groups])
    return w * (len(w) / w.sum())


class _Constant:
    """What a fold with one class only (or no features) can learn: that class, for every text."""

    def __init__(self, n_features: int, positive: bool) -> None:
        self.coef_ = np.zeros((1, n_features))
        self.intercept_ = np.array([4.0 if positive else -4.0])

    def decision_function(self, x: sparse.csr_matrix) -> np.ndarray:
        return np.full(x.shape[0], self.intercept_[0])


def _logreg(
    x: sparse.csr_matrix, y: np.ndarray, w: np.ndarray, s: Settings
) -> LogisticRegression | _Constant:
    if y.min() == y.max() or x.shape[1] == 0:
        return _Constant(x.shape[1], bool(y.max()))
    clf = LogisticRegression(C=s.c, solver="liblinear", max_iter=1000, random_state=s.seed)
    clf.fit(x, y, sample_weight=w)
    return clf


def _folds(groups: Sequence[str], k: int) -> list[tuple[np.ndarray, np.ndarray]]:
    k = min(k, len(set(groups)))
    return list(GroupKFold(n_splits=k).split(np.zeros(len(groups)), groups=list(groups)))


def _platt(margins: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """Scale and shift so that sigmoid(scale * margin + shift) is calibrated on held-out margins."""
    if y.min() == y.max():
        return 1.0, 0.0
    clf = LogisticRegression(C=1e4, solver="lbfgs", max_iter=1000)
    clf.fit(margins.reshape(-1, 1), y)
    return float(clf.coef_[0][0]), float(clf.intercept_[0])


def _f1(guess: np.ndarray, y: np.ndarray) -> float:
    tp = float(np.sum(guess & (y == 1)))
    wrong = float(np.sum(guess != (y == 1)))
    return 2 * tp / (2 * tp + wrong) if tp else 0.0


def thresholds(p: dict[str, np.ndarray], y: dict[str, np.ndarray]) -> dict[str, dict[str, int]]:
    """Per sensitivity, the pair of thresholds (pitch, impersonal) with the best mean F1 on held-out
    probabilities whose false alarms stay under the sensitivity's cap (FALSE_ALARM_CAPS)."""
    neither = (y["pitch"] == 0) & (y["impersonal"] == 0)
    f1 = {v: {t: _f1(p[v] >= t, y[v]) for t in _GRID} for v in VERDICTS}
    out: dict[str, dict[str, int]] = {v: {} for v in VERDICTS}
    for sensitivity, cap in FALSE_ALARM_CAPS.items():
        best = (-1.0, 0.9, 0.9)
        for tp in _GRID:
            alarm_p = (p["pitch"] >= tp) & neither
            for ti in _GRID:
                alarms = float(np.sum(alarm_p | ((p["impersonal"] >= ti) & neither)))
                if cap is not None and alarms > cap * max(1, int(neither.sum())):
                    continue
                score = (f1["pitch"][tp] + f1["impersonal"][ti]) / 2
                if score > best[0] + 1e-12:
                    best = (score, tp, ti)
        out["pitch"][sensitivity] = round(100 * best[1])
        out["impersonal"][sensitivity] = round(100 * best[2])
    for v in VERDICTS:  # low never below normal, high never above it
        t = out[v]
        t["low"], t["high"] = max(t["low"], t["normal"]), min(t["high"], t["normal"])
    return out


def fit(
    examples: Sequence[Example], names: Sequence[set[str]], s: Settings, meta: dict | None = None
) -> dict:
    """The model file's content (a dict, see rapport.analyzer.model) fitted on these texts."""
    groups = [ex.group for ex in examples]
    vocab = vocabulary(names, groups, s)
    index = {n: i for i, n in enumerate(vocab)}
    x = matrix(names, index)
    w = _weights(groups, s)
    folds = _folds(groups, s.inner_folds)
    heads: dict[str, dict] = {}
    held_out: dict[str, np.ndarray] = {}
    labels: dict[str, np.ndarray] = {}
    coefs = []
    for verdict in VERDICTS:
        y = np.array([getattr(ex, LABEL_OF[verdict]) for ex in examples], dtype=int)
        margins = np.zeros(len(examples))
        for train, test in folds:
            inner = _logreg(x[train], y[train], w[train], s)
            margins[test] = inner.decision_function(x[test])
        scale, shift = _platt(margins, y)
        held_out[verdict] = 1.0 / (1.0 + np.exp(-(scale * margins + shift)))
        labels[verdict] = y
        clf = _logreg(x, y, w, s)
        coefs.append(clf.coef_[0])
        heads[verdict] = {"bias": round(float(clf.intercept_[0]), 6), "scale": round(scale, 6)}
        heads[verdict]["shift"] = round(shift, 6)
    for verdict, t in thresholds(held_out, labels).items():
        heads[verdict]["thresholds"] = t
    weights = {
        name: [round(float(coefs[0][i]), 5), round(float(coefs[1][i]), 5)] for i, name in enumerate(vocab)
    }
    return {
        "format": FORMAT,
        "meta": {**(meta or {}), "settings": asdict(s), "texts": len(examples), "features": len(weights)},
        "heads": heads,
        "weights": weights,
    }


def to_model(data: dict) -> Model:
    return parse_model(data)


def dump(data: dict) -> bytes:
    """The model file's bytes: sorted keys, one line per weight, stable across runs."""
    head = {k: v for k, v in data.items() if k != "weights"}
    lines = ["{", f'"format": {json.dumps(data["format"])},']
    lines.append(f'"meta": {json.dumps(head["meta"], sort_keys=True, ensure_ascii=False)},')
    lines.append(f'"heads": {json.dumps(head["heads"], sort_keys=True)},')
    lines.append('"weights": {')
    items = sorted(data["weights"].items())
    for k, (name, w) in enumerate(items):
        comma = "," if k < len(items) - 1 else ""
        lines.append(f"{json.dumps(name, ensure_ascii=False)}: [{w[0]!r}, {w[1]!r}]{comma}")
    lines += ["}", "}", ""]
    return "\n".join(lines).encode("utf-8")
