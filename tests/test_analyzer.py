"""The analyser's behaviour: report schema, UTF-16 spans, context, options, verdicts."""

from __future__ import annotations

import rapport
from rapport.analyzer import RULESET_VERSION, explain, model, rule_catalog
from rapport.analyzer import report as report_module
from rapport.context import Context, Options

THRESHOLDS = model.shipped().heads

PITCH = (
    "Hi, I came across your profile. We help SaaS companies 10x their pipeline. "
    "Would you be open to a quick call next week?"
)
FRIENDLY = "Hi Sam, great to meet you at the Rust meetup yesterday. How did your talk prep go? Thanks again!"


def _utf16(text: str, start: int, end: int) -> str:
    return text.encode("utf-16-le")[2 * start : 2 * end].decode("utf-16-le")


def test_report_schema():
    d = rapport.analyze(PITCH).to_dict()
    assert set(d) >= {"checked", "pitchy", "impersonal", "scores", "thresholds", "level", "findings"}
    assert d["checked"] is True and "reason" not in d
    assert set(d["scores"]) == set(d["thresholds"]) == {"pitch", "impersonal"}
    assert all(0 <= v <= 100 and isinstance(v, int) for v in d["scores"].values())
    assert set(d["readability"]) == {"flesch_reading_ease", "grade", "words", "sentences"}
    rule_ids = {r["id"] for r in rule_catalog()}
    for f in d["findings"]:
        assert set(f) == {"rule", "category", "severity", "start", "end", "message", "advice"}
        assert f["rule"] in rule_ids and f["severity"] in ("info", "warning", "error")
        assert 0 <= f["start"] < f["end"] <= len(PITCH)


def test_pitch_and_friendly_verdicts():
    pitch = rapport.analyze(PITCH, {"surface": "message"})
    assert pitch.pitchy and pitch.impersonal and pitch.level == "warning"
    rules = {f.rule for f in pitch.findings}
    assert {"pitch.meeting_ask", "impersonal.template_opener", "pitch.self_promotion"} <= rules
    friendly = rapport.analyze(FRIENDLY, {"surface": "message"})
    assert not friendly.pitchy and not friendly.impersonal
    assert friendly.level == "ok" and friendly.findings == []


def test_spans_after_emoji_are_utf16():
    text = "🚀🎉 Big news 👋🏽! Book a quick call with me and check out my course 😀 today."
    report = rapport.analyze(text)
    flagged = {f.rule: _utf16(text, f.start, f.end) for f in report.findings}
    assert flagged["pitch.call_to_action"] in ("Book a quick call", "check out my")
    for f in report.findings:
        piece = _utf16(text, f.start, f.end)
        assert piece == piece.strip() and piece  # a whole, decodable phrase: no split surrogate pair
    starts = [f for f in report.findings if f.rule == "pitch.call_to_action"]
    assert [_utf16(text, f.start, f.end) for f in starts] == ["Book a quick call", "check out my"]


def test_first_contact_pitch_is_an_error():
    report = rapport.analyze(PITCH, {"surface": "message", "first_contact": True})
    assert report.level == "error"
    assert any(f.rule == "first_contact.pitch" for f in report.findings)
    assert all(f.severity == "error" for f in report.findings if f.category == "pitch")
    later = rapport.analyze(PITCH, {"surface": "message", "first_contact": False})
    assert not any(f.rule == "first_contact.pitch" for f in later.findings)


def test_invite_note_length_limits():
    base = "Hi Maria, I enjoyed your talk on observability and the part about sampling traces. "
    short = rapport.analyze(base + "How do you do it?", {"surface": "invite_note"})
    assert not any(f.rule == "first_contact.invite_too_long" for f in short.findings)
    mid = base * 3  # 252 characters: over the free-account 200 limit only
    f = next(f for f in rapport.analyze(mid, {"surface": "invite_note"}).findings if "too_long" in f.rule)
    assert (f.severity, f.start, f.end) == ("warning", 200, len(mid))
    long = base * 4
    f = next(f for f in rapport.analyze(long, {"surface": "invite_note"}).findings if "too_long" in f.rule)
    assert (f.severity, f.start) == ("error", 300)
    assert "LinkedIn" in f.message and str(len(long)) in f.message
    emoji = "👋" * 160  # 320 UTF-16 units although only 160 code points
    f = next(f for f in rapport.analyze(emoji, {"surface": "invite_note"}).findings if "too_long" in f.rule)
    assert (f.severity, f.start, f.end) == ("error", 300, 320)


def test_disabled_rules_give_no_findings_and_are_not_read_by_the_scorer():
    off = {"pitch.meeting_ask", "pitch.self_promotion"}
    report, an = explain(PITCH, options=Options(disabled_rules=frozenset(off)))
    assert not off & {f.rule for f in report.findings}
    assert not {f"r:{rule}" for rule in off} & an.features
    _, on = explain(PITCH)
    assert {f"r:{rule}" for rule in off} <= on.features


def test_sensitivity_moves_the_threshold():
    for head in THRESHOLDS.values():
        assert head.thresholds["high"] < head.thresholds["normal"] < head.thresholds["low"]
    texts = [PITCH, FRIENDLY, "Worth a quick chat?", "Happy Monday everyone!", "We built a tool for this."]
    for text in texts:
        for sensitivity in ("low", "normal", "high"):
            r = rapport.analyze(text, options={"sensitivity": sensitivity})
            assert r.thresholds == {v: THRESHOLDS[v].thresholds[sensitivity] for v in ("pitch", "impersonal")}
            assert r.pitchy == (r.scores["pitch"] >= r.thresholds["pitch"])
            assert r.impersonal == (r.scores["impersonal"] >= r.thresholds["impersonal"])
            # the scores are the model's, whatever the sensitivity
            assert r.scores == rapport.analyze(text).scores


def test_placeholder_and_greeting():
    report = rapport.analyze("Hi {first_name}, loved your post!", {"surface": "message"})
    assert report.impersonal and report.level == "error"
    assert any(f.rule == "impersonal.placeholder" and f.start == 3 for f in report.findings)


def test_empty_and_odd_inputs():
    for text in ("", "   ", "\n\n", "🙂", "!!!", "a" * 5000, "\x00\ud800 broken"):
        d = rapport.analyze(text).to_dict()
        assert d["level"] in ("ok", "info", "warning", "error")
    assert rapport.analyze("").to_dict()["readability"]["words"] == 0


def test_context_objects_and_dicts_agree():
    a = rapport.analyze(PITCH, Context(surface="comment"), Options(sensitivity="high")).to_dict()
    b = rapport.analyze(PITCH, {"surface": "comment"}, {"sensitivity": "high"}).to_dict()
    assert a == b


def test_ruleset_version_is_a_short_hash():
    assert len(RULESET_VERSION) == 12 and int(RULESET_VERSION, 16) >= 0


def test_overlapping_findings_merge_into_one_per_problem():
    text = "Hi there, we help SaaS companies grow revenue. Would you be open to a quick call next week?"
    report, an = explain(text, Context(surface="message"))
    merged = [f for f in report.findings if f.category in ("pitch", "impersonal")]
    whole = report_module.WHOLE_TEXT_RULES
    spans = [(f.start, f.end) for f in merged if f.rule not in whole]
    for i, (a, b) in enumerate(spans):
        assert all(b <= c or d <= a for c, d in spans[i + 1 :]), "two findings on one span"
    shown = {f.rule: text[f.start : f.end] for f in report.findings}
    assert "impersonal.nameless_greeting" not in shown and shown["impersonal.crowd_address"] == "Hi there"
    assert shown["pitch.self_promotion"] == "we help SaaS companies grow revenue"  # the whole phrase
    assert shown["pitch.meeting_ask"] == "Would you be open to a quick call next week?"
    # the scorer still reads every rule that fired, shown or merged
    read = {name[2:] for name in an.features if name.startswith("r:")}
    assert {"pitch.reader_ask", "pitch.self_promotion", "pitch.meeting_ask"} <= read
    assert {"impersonal.nameless_greeting", "impersonal.broadcast_pitch"} <= set(an.hits)


def test_separate_phrases_in_one_sentence_stay_separate():
    text = "Book a quick call with me and check out my course today."
    shown = [(f.rule, text[f.start : f.end]) for f in rapport.analyze(text).findings]
    assert ("pitch.call_to_action", "Book a quick call") in shown
    assert ("pitch.call_to_action", "check out my") in shown
    assert "pitch.request" not in {rule for rule, _ in shown}  # the sentence-wide rule gives way


def test_first_contact_pitch_is_about_the_whole_message():
    report = rapport.analyze(PITCH, {"surface": "invite_note"})
    f = next(f for f in report.findings if f.rule == "first_contact.pitch")
    assert (f.start, f.end, f.severity) == (0, len(PITCH), "error")


WARM = [
    ("How did the call with Ada go?", "message"),
    ("How long did it take you to find it?", "comment"),
    ("How's the new job treating you so far?", "message"),
    ("Let me know if you want the recipe.", "comment"),
    ("Feel free to DM me if you want to talk about grief. I lost my dad last year.", "comment"),
    ("Want me to send you the photos from the wedding?", "message"),
    ("Happy to review your CV if that helps.", "message"),
    ("If you're ever in Leeds, let's grab a coffee.", "message"),
    (
        "Hi Maya, I'm a student at Leeds and your talk on accessibility stuck with me. Could I ask you a "
        "couple of questions about getting started in UX research? Even 15 minutes would mean a lot.",
        "message",
    ),
    (
        "I built a tiny app to track my running over the winter. Nothing fancy, but it got me out the door "
        "on cold mornings. Proud of this one.",
        "post",
    ),
]


def test_warm_everyday_messages_get_no_pitch_or_impersonal_findings():
    for text, surface in WARM:
        report = rapport.analyze(text, {"surface": surface})
        flagged = [f.rule for f in report.findings if f.category != "readability"]
        assert not report.pitchy and not report.impersonal and not flagged, (text, flagged)


def test_weak_money_words_are_shown_only_in_a_pitch():
    text = "Finally got the tickets for Saturday, my first concert since the kids were born!"
    report, an = explain(text, Context(surface="post"))
    assert "pitch.commerce" in an.hits and not report.pitchy
    assert "pitch.commerce" not in {f.rule for f in report.findings}
    sale = "Tickets are £12 and there are about 40 left. Grab yours before Friday, link in bio!"
    assert "pitch.commerce" in {f.rule for f in rapport.analyze(sale).findings}


CORE_PITCHES = (
    "I came across your profile and would love to book a quick call.",
    "Book a quick call with me this week.",
    "We help SaaS companies grow revenue.",
    "Get your free audit before Friday.",
)


def test_a_core_pitch_move_to_a_stranger_is_a_pitch():
    """Nobody answers a first contact that is a blatant pitch: a core move decides it, whatever the scorer."""
    contexts = [{"surface": "message", "first_contact": True}, {"surface": "invite_note"}]
    for text in CORE_PITCHES:
        for ctx in contexts:
            report = rapport.analyze(text, ctx)
            assert report.pitchy, (text, ctx, report.scores)


def test_a_call_proposed_to_someone_you_know_is_not_a_pitch():
    text = (
        "Great to meet you at PyCon, Ana! Want to grab a call next week to continue our chat about parsers?"
    )
    for ctx in (None, {"surface": "message"}, {"surface": "comment"}):
        report = rapport.analyze(text, ctx)
        assert not report.pitchy, (ctx, report.scores)
    named = "Hi Lucy, thanks for the time on Tuesday. Could we book a call to go over the next step?"
    assert not rapport.analyze(named, {"surface": "message"}).pitchy


def test_a_favour_or_a_shared_freebie_is_not_a_pitch():
    for text in (
        "Here's the free checklist from the government's service manual, the bit on testing is useful.",
    ):
        assert not rapport.analyze(text).pitchy, text


def test_sentence_spans_end_at_the_last_word_or_mark_not_at_a_following_emoji():
    from rapport.analyzer.text import parse

    for emoji in ("👉", "👍🏽", "🧑‍💻", "❤️"):
        text = f"Book a quick call with me today! {emoji} link in bio"
        doc = parse(text)
        sentences = [text[s.start : s.end] for s in doc.sentences]
        assert sentences == ["Book a quick call with me today!", "link in bio"]
        report = rapport.analyze(text)
        whole = len(text.encode("utf-16-le")) // 2
        spans = [_utf16(text, f.start, f.end) for f in report.findings if (f.start, f.end) != (0, whole)]
        assert "Book a quick call with me today!" in spans and "link in bio" in spans, spans
        assert all(emoji not in s and not s.endswith(" ") for s in spans), spans
    # an emoji-only or emoji-led text keeps its emoji as the sentence (nothing else to underline)
    only = parse("🙂")
    assert [(s.start, s.end) for s in only.sentences] == [(0, 1)]
