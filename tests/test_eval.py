"""Quality floors on the labelled corpus (tests/data/corpus.jsonl), set honestly from measured numbers.

dev is what the rules were tuned on; heldout was never looked at (only its aggregate numbers), so its floor is
the honest estimate of how Rapport does on texts it has never seen. Raise the floors as the rules improve.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rapport.analyzer.evaluation import evaluate, load_corpus

CORPUS = Path(__file__).parent / "data" / "corpus.jsonl"
# Measured 2026-11-22 on 944 texts (ruleset of this commit): dev F1 pitchy 0.879 / impersonal 0.937, false
# alarms 9.9%; heldout 0.746 / 0.815, false alarms 11.7%. Floors sit a little under, with room for the
# held-out texts still being added.
FLOORS = {
    "dev": {"pitchy": 0.85, "impersonal": 0.90, "false_alarms": 0.13},
    "heldout": {"pitchy": 0.70, "impersonal": 0.77, "false_alarms": 0.15},
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
    assert result.false_alarm_rate <= floors["false_alarms"]


def test_corpus_is_split_and_labelled(rows):
    splits = {r["split"] for r in rows}
    assert splits == {"dev", "heldout"}
    assert len(rows) >= 400
