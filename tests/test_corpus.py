"""The real corpus: texts real people and brands wrote, each with its source, labelled by reading
(docs/labelling.md), a part of them twice and blind, and the corpus built from those parts."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest
from rapport.training import labels

DOCS = Path(__file__).resolve().parents[1] / "docs" / "corpus.md"


@pytest.fixture(scope="module")
def parts():
    return labels.read_parts()


def test_enough_real_texts_from_enough_sources(parts):
    texts = parts.texts
    assert len(texts) >= 3000
    groups = Counter(t["group"] for t in texts)
    assert len(groups) >= 25
    assert max(groups.values()) <= 150, "no source dominates"
    for t in texts:
        assert t["source"] and t["licence"] and t["group"], t["id"]
        assert re.fullmatch(r"r\d{5}", t["id"])
        assert t["site"] in ("linkedin", "x") and t["surface"] in (
            "post",
            "comment",
            "message",
            "invite_note",
        )
        if t["surface"] == "invite_note":
            assert t["site"] == "linkedin" and t["first_contact"], t["id"]
    assert len({t["id"] for t in texts}) == len(texts)
    assert len({t["text"] for t in texts}) == len(texts)
    kinds = Counter("first" if t["first_contact"] else t["surface"] for t in texts)
    assert kinds["first"] >= 400 and kinds["post"] >= 600 and kinds["comment"] + kinds["message"] >= 600


def test_names_a_source_anonymised_were_replaced(parts):
    redactions = re.compile(r"@user\b|__company__|__cust__|\buser_\d+\b|<url>", re.IGNORECASE)
    assert [t["id"] for t in parts.texts if redactions.search(t["text"])] == []


def test_every_text_is_labelled_and_the_doubles_agree_well(parts):
    assert {t["id"] for t in parts.texts} == set(parts.labels)
    agreement = labels.agreement(parts)
    assert agreement["texts"] >= 400
    assert agreement["pitchy"]["kappa"] >= 0.8 and agreement["impersonal"]["kappa"] >= 0.8, agreement
    # every disagreement was settled by a third reading
    assert set(labels.disagreements(parts)) <= set(parts.adjudicated)


def test_the_corpus_is_built_from_its_parts(parts):
    built = labels.build(parts)
    with labels.CORPUS.open(encoding="utf-8") as fh:
        shipped = [json.loads(line) for line in fh]
    assert shipped == built, "run `python -m rapport.training.labels`"


def test_docs_list_every_source_with_its_count(parts):
    doc = DOCS.read_text(encoding="utf-8")
    for group, n in Counter(t["group"] for t in parts.texts).items():
        assert re.search(rf"`{re.escape(group)}`\s*\|\s*{n}\b", doc), group
