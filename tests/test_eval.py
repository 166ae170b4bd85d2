"""The learned scorer's judgement, measured honestly and kept above the floors it reached.

Source-grouped cross-validation on the real corpus (no source group in both a training and a test fold;
calibration and thresholds fitted inside each training fold), the same numbers `rapport eval` prints, and
the shipped model rebuilt from the corpus byte for byte. Floors sit a little under the measured numbers
(docs/evaluation.md); raise them as the judgement improves.
"""

from __future__ import annotations

import pytest

pytest.importorskip("sklearn", reason="the train extra is part of the test extra")

from rapport.analyzer.evaluation import evaluate_shipped, load_corpus  # noqa: E402
from rapport.training import corpus, crossval, fit  # noqa: E402
from rapport.training.commands import MODEL_PATH  # noqa: E402

# Measured on the corpus of this commit (docs/evaluation.md), normal sensitivity.
FLOORS = {"pitchy": 0.67, "impersonal": 0.58}
PRECISION_FLOORS = {"pitchy": 0.70, "impersonal": 0.74}
MAX_FALSE_ALARMS = 0.115
# The invented corpus, never trained on for these numbers' model... but the shipped model does train on it;
# what this checks is that the product's own regression examples stay mostly right.
INVENTED_FLOORS = {"pitchy": 0.80, "impersonal": 0.80}


@pytest.fixture(scope="module")
def data():
    real = corpus.load(corpus.REAL, real=True)
    extra = corpus.load(corpus.INVENTED, real=False)
    return real, fit.featurize(real), extra, fit.featurize(extra)


def test_source_grouped_cross_validation_stays_above_the_floors(data):
    real, names, extra, extra_names = data
    cv = crossval.grouped_cv(real, names, fit.Settings(), 5, extra, extra_names, ("normal",))
    overall = cv["normal"].overall
    assert overall.texts == len(real) >= 3000
    for label, floor in FLOORS.items():
        c = overall.confusion[label]
        assert c.f1 >= floor, f"{label} F1 {c.f1:.3f} fell below {floor}"
        assert c.precision >= PRECISION_FLOORS[label], f"{label} precision {c.precision:.3f}"
    assert overall.false_alarm_rate <= MAX_FALSE_ALARMS, overall.false_alarm_rate
    assert set(cv["normal"].by_kind) == {"post", "reply", "first message"}


def test_the_shipped_model_is_the_one_the_corpus_and_seed_give(data):
    real, names, extra, extra_names = data
    examples, all_names = real + extra, names + extra_names
    built = fit.dump(fit.fit(examples, all_names, fit.Settings(), _meta()))
    assert built == MODEL_PATH.read_bytes(), "run `rapport train` and commit the model file"
    assert len(built) <= 5 * 1024 * 1024


def _meta() -> dict:
    import hashlib
    import json

    shipped = json.loads(MODEL_PATH.read_bytes())["meta"]
    meta = {k: v for k, v in shipped.items() if k not in ("settings", "texts", "features")}
    assert meta["corpus_sha256"] == hashlib.sha256(corpus.REAL.read_bytes()).hexdigest()[:16]
    return meta


def test_the_invented_regression_examples_stay_right():
    ev = evaluate_shipped(load_corpus(str(corpus.INVENTED)))
    for label, floor in INVENTED_FLOORS.items():
        assert ev.overall.confusion[label].f1 >= floor, (label, ev.overall.confusion[label].f1)
