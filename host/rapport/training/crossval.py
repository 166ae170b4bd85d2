"""Honest numbers: source-grouped cross-validation (no source group in both the training and the test
fold; calibration and thresholds are fitted inside each training fold) and leave-one-source-out.

Only real texts are ever measured; the invented corpus, when used, only adds to the training folds.
"""

from __future__ import annotations

from collections.abc import Sequence

from rapport.analyzer import engine
from rapport.analyzer.evaluation import Evaluation
from rapport.analyzer.model import VERDICTS, Model
from rapport.training import fit
from rapport.training.corpus import Example


def _guess(model: Model, names: set[str], sensitivity: str) -> dict[str, bool]:
    """The engine's verdicts (rapport.analyzer.engine.score) from a text's features."""
    p = model.probabilities(names)
    out = {}
    for verdict in VERDICTS:
        out[fit.LABEL_OF[verdict]] = round(100 * p[verdict]) >= model.heads[verdict].thresholds[sensitivity]
    fired = {n[2:] for n in names if n.startswith("r:") and "|" not in n}
    for verdict in VERDICTS:
        label = fit.LABEL_OF[verdict]
        out[label] = out[label] or engine.core_move(verdict, fired, "c:fc" in names)
    return out


def _truth(ex: Example) -> dict[str, bool]:
    return {"pitchy": ex.pitchy, "impersonal": ex.impersonal}


def _score_fold(
    ev: dict[str, Evaluation], model: Model, examples: Sequence[Example], names: Sequence[set[str]]
) -> None:
    for ex, ns in zip(examples, names, strict=True):
        for sensitivity, e in ev.items():
            e.add(ex.kind, ex.group, _truth(ex), _guess(model, ns, sensitivity))


def grouped_cv(
    real: Sequence[Example],
    real_names: Sequence[set[str]],
    settings: fit.Settings,
    folds: int = 5,
    extra: Sequence[Example] = (),
    extra_names: Sequence[set[str]] = (),
    sensitivities: Sequence[str] = ("low", "normal", "high"),
) -> dict[str, Evaluation]:
    """Per sensitivity, the verdicts on every real text from a model that never saw its source group."""
    ev = {s: Evaluation() for s in sensitivities}
    groups = [ex.group for ex in real]
    for train, test in fit._folds(groups, folds):
        model = _train(real, real_names, train, extra, extra_names, settings)
        _score_fold(ev, model, [real[i] for i in test], [real_names[i] for i in test])
    return ev


def leave_one_source_out(
    real: Sequence[Example],
    real_names: Sequence[set[str]],
    settings: fit.Settings,
    extra: Sequence[Example] = (),
    extra_names: Sequence[set[str]] = (),
) -> Evaluation:
    """Each source group measured by a model trained on all the others (normal sensitivity)."""
    ev = Evaluation()
    for group in sorted({ex.group for ex in real}):
        train = [i for i, ex in enumerate(real) if ex.group != group]
        test = [i for i, ex in enumerate(real) if ex.group == group]
        model = _train(real, real_names, train, extra, extra_names, settings)
        _score_fold({"normal": ev}, model, [real[i] for i in test], [real_names[i] for i in test])
    return ev


def _train(real, real_names, train, extra, extra_names, settings) -> Model:
    examples = [real[i] for i in train] + list(extra)
    names = [real_names[i] for i in train] + list(extra_names)
    return fit.to_model(fit.fit(examples, names, settings))
