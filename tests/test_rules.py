"""Every rule's own examples: fail examples must produce the rule, pass examples must not."""

from __future__ import annotations

import re

import pytest
from rapport.analyzer import engine, explain, rule_catalog
from rapport.analyzer.catalog import KINDS, SEVERITIES, expand
from rapport.analyzer.rule import REGISTRY
from rapport.context import Context

RULES = engine.RULES


def _explain(example):
    ctx = Context(site=example.site, surface=example.surface, first_contact=example.first_contact)
    return explain(example.text, ctx)


def _utf16(text: str, start: int, end: int) -> str:
    return text.encode("utf-16-le", "surrogatepass")[2 * start : 2 * end].decode("utf-16-le")


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
def test_fail_examples_show_the_finding(rule_id, example):
    """What the user sees: the rule's finding is in the final report, on the expected span. A positive
    signal is never shown; its examples check that the scorer reads it."""
    report, an = _explain(example)
    if not engine.BY_ID[rule_id].reported:
        assert rule_id in an.hits and f"r:{rule_id}" in an.features, (
            f"{rule_id} should fire on {example.text!r}"
        )
        return
    shown = [_utf16(example.text, f.start, f.end) for f in report.findings if f.rule == rule_id]
    assert shown, f"{rule_id} is not shown on {example.text!r}: {[f.rule for f in report.findings]}"
    if example.span is not None:
        assert example.span in shown, f"{rule_id} underlines {shown}, not {example.span!r}"


@pytest.mark.parametrize(
    ("rule_id", "example"),
    [(r.id, e) for r in RULES for e in r.passes],
    ids=lambda v: v if isinstance(v, str) else v.text[:40],
)
def test_pass_examples_do_not_fire(rule_id, example):
    report, an = _explain(example)
    assert rule_id not in an.hits, f"{rule_id} should not fire on {example.text!r}"
    assert rule_id not in {f.rule for f in report.findings}


def test_logic_rules_and_functions_match():
    logic_ids = {r.id for r in RULES if r.kind == "logic"}
    assert logic_ids == set(REGISTRY)


def test_catalog_schema():
    catalog = rule_catalog()
    assert len(catalog) == len(RULES) >= 30
    ids = [r["id"] for r in catalog]
    assert len(ids) == len(set(ids))
    for r in catalog:
        assert set(r) == {"id", "category", "kind", "severity", "message", "advice"}


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


def test_a_rule_reading_a_later_rule_fails_to_load():
    """The run order is written down: a rule may read only rules that run before it."""
    from dataclasses import replace

    from rapport.analyzer.catalog import RuleError, check_order

    by_id = {r.id: r for r in RULES}
    check_order(RULES)  # the shipped catalogue loads
    crowd = by_id["impersonal.crowd_question"]
    assert "signal.reader_name" in crowd.reads
    # signal.reader_name moved after the rule that reads it: refused, with the names in the message
    moved = [r for r in RULES if r.id != "signal.reader_name"] + [by_id["signal.reader_name"]]
    with pytest.raises(RuleError, match=r"reads signal.reader_name, which runs after it"):
        check_order(moved)
    # a text-phase rule cannot read a rule of the verdict phase
    bad = replace(crowd, reads=(*crowd.reads, "first_contact.pitch"))
    with pytest.raises(RuleError, match="verdict"):
        check_order([bad if r.id == crowd.id else r for r in RULES])
    with pytest.raises(RuleError, match="no such rule"):
        check_order([replace(crowd, reads=("signal.nope",)) if r.id == crowd.id else r for r in RULES])
    with pytest.raises(RuleError, match="only logic rules"):
        from rapport.analyzer.catalog import _rule

        _rule(
            "pitch.x",
            {
                "kind": "phrases",
                "category": "pitch",
                "severity": "info",
                "message": "m",
                "advice": "a",
                "phrases": ["a b"],
                "reads": ["signal.reader_name"],
            },
        )


def test_a_rule_that_reads_what_it_did_not_declare_raises():
    from rapport.analyzer.rule import Analysis, UndeclaredRead
    from rapport.analyzer.text import parse
    from rapport.context import Options

    an = Analysis(parse("Hi Ana"), Context(), Options())
    an.reader, an.reading = "impersonal.crowd_question", frozenset({"signal.reader_name"})
    assert an.fired("signal.reader_name") is False
    with pytest.raises(UndeclaredRead, match="crowd_question reads 'signal.shared_context'"):
        an.fired("signal.shared_context")
    with pytest.raises(UndeclaredRead):
        an.hits_in("pitch")
    with pytest.raises(UndeclaredRead):
        an.verdict("pitch")


def test_rule_families_read_hits_only_through_the_declared_accessors():
    """No rule function touches Analysis.hits or the engine: what it reads is what it declares."""
    import inspect

    import rapport.rules as families

    for name in families.__all__:
        source = inspect.getsource(getattr(families, name))
        assert ".hits[" not in source and re.search(r"an\.hits\b(?!_)", source) is None, name
        assert "rapport.analyzer.engine" not in source, name


def test_a_name_in_the_greeting_is_read_before_the_crowd_question():
    """impersonal.crowd_question reads signal.reader_name; it once ran first and flagged this."""
    report, an = explain("Hi Ana, thoughts on AI?", Context(surface="post"))
    assert "impersonal.crowd_question" not in an.hits
    assert "impersonal.crowd_question" not in {f.rule for f in report.findings}
    _, an = explain("Thoughts on AI?", Context(surface="post"))
    assert "impersonal.crowd_question" in an.hits
