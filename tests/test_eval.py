"""Quality floors on the labelled corpus (tests/data/corpus.jsonl), set honestly from measured numbers.

dev is what the rules were tuned on; heldout was never looked at (only its aggregate numbers), so its floor is
the honest estimate of how Rapport does on texts it has never seen. Raise the floors as the rules improve.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rapport.analyzer.evaluation import evaluate, load_corpus

CORPUS = Path(__file__).parent / "data" / "corpus.jsonl"
# Measured 2026-11-23 on 944 texts (ruleset of this commit, core pitch moves with floors): dev F1 pitchy
# 0.887 / impersonal 0.943, precision 0.947 / 0.986, false alarms 4.1%; heldout F1 0.750 / 0.798, precision
# 0.876 / 0.957, false alarms 10.4%. Precision and false alarms matter most (a false alarm on a warm message
# loses the user), so they have floors too. Floors sit a little under the measured numbers.
FLOORS = {
    "dev": {"pitchy": 0.85, "impersonal": 0.91, "false_alarms": 0.07},
    "heldout": {"pitchy": 0.70, "impersonal": 0.77, "false_alarms": 0.12},
}
PRECISION_FLOORS = {
    "dev": {"pitchy": 0.92, "impersonal": 0.96},
    "heldout": {"pitchy": 0.85, "impersonal": 0.93},
}


@pytest.fixture(scope="module")
def rows():
    if not CORPUS.exists():
        pytest.fail(f"missing corpus {CORPUS}")
    return load_corpus(str(CORPUS))


@pytest.mark.parametrize("split", ["dev", "heldout"])
def test_f1_stays_above_floor(rows, split):
    result = evaluate(rows, split)
    assert result.texts >= 100
    floors = FLOORS[split]
    for label in ("pitchy", "impersonal"):
        f1 = result.confusion[label].f1
        assert f1 >= floors[label], f"{split} {label} F1 {f1:.3f} fell below {floors[label]}"
        precision = result.confusion[label].precision
        floor = PRECISION_FLOORS[split][label]
        assert precision >= floor, f"{split} {label} precision {precision:.3f} fell below {floor}"
    assert result.false_alarm_rate <= floors["false_alarms"]


def test_corpus_is_split_and_labelled(rows):
    splits = {r["split"] for r in rows}
    assert splits == {"dev", "heldout"}
    assert len(rows) >= 400
