"""Every rule's own examples: fail examples must produce the rule, pass examples must not."""

from __future__ import annotations

import pytest
from rapport.analyzer import engine, explain, rule_catalog
from rapport.analyzer.catalog import KINDS, SEVERITIES, expand
from rapport.analyzer.logic import REGISTRY
from rapport.context import Context

RULES = engine.RULES


def _fires(rule_id: str, example) -> bool:
    ctx = Context(site=example.site, surface=example.surface, first_contact=example.first_contact)
    _, an = explain(example.text, ctx)
    return rule_id in an.hits


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_rule_has_examples_and_docs(rule):
    assert rule.fail, f"{rule.id} has no fail examples"
    assert rule.passes, f"{rule.id} has no pass examples"
    assert rule.kind in KINDS and rule.severity in SEVERITIES
    assert rule.id.split(".")[0] in ("pitch", "impersonal", "first_contact", "readability", "signal")
    assert len(rule.message) > 15 and len(rule.advice) > 30


@pytest.mark.parametrize(
    ("rule_id", "example"),
    [(r.id, e) for r in RULES for e in r.fail],
    ids=lambda v: v if isinstance(v, str) else v.text[:40],
)
def test_fail_examples_fire(rule_id, example):
    assert _fires(rule_id, example), f"{rule_id} should fire on {example.text!r}"


@pytest.mark.parametrize(
    ("rule_id", "example"),
    [(r.id, e) for r in RULES for e in r.passes],
    ids=lambda v: v if isinstance(v, str) else v.text[:40],
)
def test_pass_examples_do_not_fire(rule_id, example):
    assert not _fires(rule_id, example), f"{rule_id} should not fire on {example.text!r}"


def test_logic_rules_and_functions_match():
    logic_ids = {r.id for r in RULES if r.kind == "logic"}
    assert logic_ids == set(REGISTRY)


def test_catalog_schema():
    catalog = rule_catalog()
    assert len(catalog) == len(RULES) >= 30
    ids = [r["id"] for r in catalog]
    assert len(ids) == len(set(ids))
    for r in catalog:
        assert set(r) == {"id", "category", "kind", "severity", "message", "advice", "enabled_by_default"}


def test_pattern_expansion():
    assert expand("book|grab a? quick call") == [
        ("book", "a", "quick", "call"),
        ("book", "quick", "call"),
        ("grab", "a", "quick", "call"),
        ("grab", "quick", "call"),
    ]
    assert expand("i'd|i_would love") == [("i'd", "love"), ("i", "would", "love")]


def test_catalog_messages_are_readable():
    """The settings page shows these: no unfilled {placeholders}."""
    for r in rule_catalog():
        assert "{" not in r["message"] and "}" not in r["message"], r["id"]
        assert r["message"].lstrip('"')[:1].isupper() and r["message"].endswith((".", "!", "?")), r["id"]
