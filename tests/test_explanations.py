"""Every verdict explains itself: a text called pitchy or impersonal shows at least one finding of that
category, with a span the user sees underlined (or the whole message) and advice. Checked over every text
of both corpora, as the user would see their reports."""

from __future__ import annotations

import pytest
import rapport
from rapport.analyzer.evaluation import load_corpus
from rapport.context import Context
from rapport.training import corpus

CATEGORY = {"pitchy": "pitch", "impersonal": "impersonal"}


def _rows():
    return load_corpus(str(corpus.REAL)) + load_corpus(str(corpus.INVENTED))


@pytest.mark.parametrize("sensitivity", ["normal", "high"])
def test_every_verdict_shows_a_finding_that_says_why(sensitivity):
    verdicts = {"pitchy": 0, "impersonal": 0}
    for row in _rows():
        ctx = Context.from_dict({k: row[k] for k in ("site", "surface", "first_contact") if k in row})
        report = rapport.analyze(row["text"], ctx, {"sensitivity": sensitivity})
        length = len(row["text"].encode("utf-16-le", "surrogatepass")) // 2
        for verdict, category in CATEGORY.items():
            if not getattr(report, verdict):
                continue
            verdicts[verdict] += 1
            why = [f for f in report.findings if f.category == category]
            assert why, (row["id"], verdict, [f.rule for f in report.findings])
            for f in why:
                assert 0 <= f.start < f.end <= length, (row["id"], f)
                assert len(f.advice) > 30 and len(f.message) > 15 and "{" not in f.message, (row["id"], f)
    assert verdicts["pitchy"] > 500 and verdicts["impersonal"] > 500, verdicts


def test_a_verdict_no_rule_explains_names_the_phrases_the_scorer_weighed():
    text = (
        "Three years ago I was broke and sleeping on a friend's couch. Today I run a six-figure design "
        "studio. Here's the exact system I used. Grab the playbook in my featured section."
    )
    report = rapport.analyze(text)
    assert report.pitchy
    shown = {f.rule: text[f.start : f.end] for f in report.findings if f.category == "pitch"}
    assert shown, report.findings
