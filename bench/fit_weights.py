"""Fit the rules' score weights on the corpus dev split (never on held-out texts).

For each score (pitch, impersonal) an L2 logistic regression over rule hits (the strength the engine uses:
repeats and per-hit strength), with signs fixed by category (signals lower scores, other rules raise them);
the L2 strength is chosen by 5-fold cross-validation on dev. Weights are scaled so that the fitted decision
boundary is the `normal` threshold (50), capped at 60 (signals at -40; only shared context and personal voice
may lower the pitch score, by at most 20) and rounded to fives. Only pitch rules and those two signals move
the pitch score. Stage-3 rules that read the scores are left out of the pitch fit.

Floors come first, the fit second: a core pitch move (`params.core`: call to action, meeting ask, offer,
"we help X do Y") to a stranger or to nobody in particular scores at least engine.CORE_FLOOR whatever its
weight (see docs/evaluation.md). Texts where a floor applies are predicted pitchy and left out of the pitch
regression, so the fitted weight of a core move is its weight between people who know each other.

Run: `python3 bench/fit_weights.py` prints the weights and cross-validated F1; `--write` rewrites the
`weights = {...}` lines in host/rapport/rules/*.toml. Needs numpy and scipy (not project dependencies).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import numpy as np
from rapport.analyzer import engine, explain
from rapport.analyzer.evaluation import load_corpus
from rapport.context import Context
from scipy.optimize import minimize

ROOT = Path(__file__).resolve().parent.parent
LAMBDAS = (0.1, 0.3, 1.0, 3.0)
SKIP = {"first_contact.pitch", "signal.invites_reply"}  # reads the pitch score / feeds another rule only
PITCH_SIGNALS = {"signal.shared_context", "signal.personal_voice"}
# Rules that fire on few dev texts get a lower cap, so that alone they stay under the threshold.
CAPS = {"pitch.result_claim": 40}


def features(rows: list[dict], ids: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """Rule strengths per text, and which texts a core-move floor makes pitchy whatever the weights."""
    x = np.zeros((len(rows), len(ids)))
    floored = np.zeros(len(rows), dtype=bool)
    for n, row in enumerate(rows):
        ctx = Context.from_dict({k: row[k] for k in ("site", "surface", "first_contact") if k in row})
        _, an = explain(row["text"], ctx)
        floored[n] = engine.core_floor_applies(an)
        for k, rid in enumerate(ids):
            hits = an.hits.get(rid)
            if hits and not any(c in an.hits for c in engine.BY_ID[rid].cancelled_by):
                repeat = min(1 + engine.REPEAT_BONUS * (len(hits) - 1), engine.REPEAT_CAP)
                x[n, k] = repeat * max(h.strength for h in hits)
    return x, floored


def fit(x: np.ndarray, y: np.ndarray, signs: list[int], lam: float) -> tuple[np.ndarray, float]:
    k = x.shape[1]

    def loss(p: np.ndarray) -> tuple[float, np.ndarray]:
        w, b = p[:k], p[k]
        z = x @ w + b
        err = 1 / (1 + np.exp(-z)) - y
        value = np.sum(np.logaddexp(0, z) - y * z) + lam * np.sum(w * w)
        return value, np.append(x.T @ err + 2 * lam * w, np.sum(err))

    bounds = [(0, None) if s > 0 else (None, 0) for s in signs] + [(None, None)]
    res = minimize(loss, np.zeros(k + 1), jac=True, bounds=bounds, method="L-BFGS-B")
    return res.x[:k], res.x[k]


def points(w: np.ndarray, b: float, low: int, caps: list[int]) -> list[int]:
    scale = 50 / -b if b < 0 else 50.0
    return [int(5 * round(max(low, min(cap, v * scale)) / 5)) for v, cap in zip(w, caps, strict=True)]


def f1(y: np.ndarray, x: np.ndarray, pts: list[int], floored: np.ndarray) -> float:
    guess = (np.clip(x @ np.array(pts, dtype=float), 0, 100) >= 50) | floored
    tp, fp, fn = np.sum(y & guess), np.sum(~y & guess), np.sum(y & ~guess)
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def main() -> None:
    rows = [r for r in load_corpus(str(ROOT / "tests" / "data" / "corpus.jsonl")) if r["split"] == "dev"]
    ids = [r.id for r in engine.RULES if r.category != "readability" and r.id not in SKIP]
    x_all, floored_all = features(rows, ids)
    folds = np.random.default_rng(0).integers(0, 5, len(rows))
    weights: dict[str, dict[str, int]] = {rid: {} for rid in ids}
    for label, score in (("pitchy", "pitch"), ("impersonal", "impersonal")):
        if score == "pitch":
            cols = [k for k, rid in enumerate(ids) if rid.startswith("pitch.") or rid in PITCH_SIGNALS]
            low = -20
        else:
            cols = list(range(len(ids)))
            low = -40
        x = x_all[:, cols]
        y = np.array([r[label] for r in rows], dtype=bool)
        # the pitch verdict of a floored text is fixed: it predicts, it does not train
        floored = floored_all if score == "pitch" else np.zeros(len(rows), dtype=bool)
        signs = [-1 if ids[k].startswith("signal.") else 1 for k in cols]
        caps = [CAPS.get(ids[k], 60) for k in cols]
        cv = {}
        for lam in LAMBDAS:
            scores = []
            for f in range(5):
                train = (folds != f) & ~floored
                w, b = fit(x[train], y[train], signs, lam)
                test = folds == f
                scores.append(f1(y[test], x[test], points(w, b, low, caps), floored[test]))
            cv[lam] = float(np.mean(scores))
        lam = max(cv, key=lambda v: cv[v])
        w, b = fit(x[~floored], y[~floored], signs, lam)
        pts = points(w, b, low, caps)
        dev = f1(y, x, pts, floored)
        print(f"{label}: cv F1 {cv[lam]:.3f} (lambda {lam}), dev F1 {dev:.3f}", file=sys.stderr)
        for k, p in zip(cols, pts, strict=True):
            if p:
                weights[ids[k]][score] = p
    for rid, w in weights.items():
        print(rid, w)
    if "--write" in sys.argv:
        write(weights)


def write(weights: dict[str, dict[str, int]]) -> None:
    table = re.compile(r"^\[([a-z_]+)\]\n(?:(?!^\[[a-z_]+\]\n)[\s\S])*", re.M)
    for path in sorted((ROOT / "host" / "rapport" / "rules").glob("*.toml")):

        def replace(m: re.Match[str], stem: str = path.stem) -> str:
            rid, body = f"{stem}.{m.group(1)}", m.group(0)
            if rid not in weights:
                return body
            w = weights[rid]
            line = "weights = { " + ", ".join(f"{k} = {v}" for k, v in w.items()) + " }\n" if w else ""
            if re.search(r"^weights = .*\n", body, re.M):
                return re.sub(r"^weights = .*\n", line, body, count=1, flags=re.M)
            return re.sub(r"^(severity = .*\n)", lambda s: s.group(1) + line, body, count=1, flags=re.M)

        path.write_text(table.sub(replace, path.read_text(encoding="utf-8")), encoding="utf-8")


if __name__ == "__main__":
    main()
