"""The `rapport` command line, run as a real subprocess."""

from __future__ import annotations

import json
import subprocess
import sys

RAPPORT = [sys.executable, "-m", "rapport"]
PITCH = "Hi, I came across your profile. Would you be open to a quick call to see our platform?"


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([*RAPPORT, *args], input=stdin, capture_output=True, timeout=60)


def test_check_text_prints_findings_scores_and_readability():
    out = run("check", "--surface", "message", PITCH)
    assert out.returncode == 0, out.stderr
    text = out.stdout.decode()
    assert "pitch.meeting_ask" in text and "impersonal.template_opener" in text
    assert "pitch " in text and "/100" in text and "reading ease" in text
    assert "\x1b[" not in text  # not a terminal: no colours
    assert "^" in text  # spans marked under the text
    short = run("check", "Loved your post").stdout.decode()
    assert "reading ease 100, grade 0.0, 3 words, 1 sentence\n" in short  # clamped; singular
    assert "no words to score" in run("check", "👋").stdout.decode()


def test_check_lists_whole_message_findings_without_underlining_everything():
    out = run("check", "--surface", "invite_note", PITCH)
    assert out.returncode == 0, out.stderr
    text = out.stdout.decode()
    assert "first_contact.pitch  (whole message)" in text
    marks = text.splitlines()[1]  # the marker line under the text
    assert marks.strip() and " " in marks.strip(), "only the flagged phrases are marked"


def test_check_json_from_stdin_and_file(tmp_path):
    out = run("check", "--json", stdin=PITCH.encode())
    report = json.loads(out.stdout)
    assert report["pitchy"] and report["findings"]
    f = tmp_path / "t.txt"
    f.write_text(PITCH, encoding="utf-8")
    again = json.loads(run("check", "--json", "--file", str(f)).stdout)
    assert again == report


def test_context_and_disable_flags():
    base = json.loads(run("check", "--json", "--surface", "message", "--first-contact", PITCH).stdout)
    assert base["level"] == "error"
    off = json.loads(
        run("check", "--json", "--surface", "message", "--disable", "pitch.meeting_ask", PITCH).stdout
    )
    assert "pitch.meeting_ask" not in {f["rule"] for f in off["findings"]}


def test_unknown_rule_and_bad_utf8_are_clear_errors(tmp_path):
    out = run("check", "--disable", "no.such_rule", "hello")
    assert out.returncode == 2 and b"unknown rule 'no.such_rule'" in out.stderr
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"caf\xe9 au lait")
    out = run("check", "--file", str(bad))
    assert out.returncode == 2 and b"not valid UTF-8" in out.stderr and b"Traceback" not in out.stderr
    out = run("check", "--file", str(tmp_path / "missing.txt"))
    assert out.returncode == 2 and b"cannot read" in out.stderr


def test_jsonl_batch_keeps_going_after_bad_lines():
    lines = [
        json.dumps({"id": "a", "text": PITCH, "surface": "message"}),
        "{not json",
        json.dumps({"id": "c"}),
        json.dumps({"id": "d", "text": "Thanks Ana, see you Friday!", "surface": "comment"}),
        json.dumps({"id": "e", "text": "x", "surface": "billboard"}),
    ]
    payload = ("\n".join(lines) + "\n").encode() + b'{"id": "f", "text": "caf\xe9"}\n'
    out = run("check", "--jsonl", stdin=payload)
    assert out.returncode == 1
    rows = [json.loads(x) for x in out.stdout.decode().splitlines()]
    assert [r.get("id") for r in rows] == ["a", None, "c", "d", "e", None]
    assert rows[0]["pitchy"] and "findings" in rows[0]
    assert rows[1]["line"] == 2 and "not JSON" in rows[1]["error"]
    assert 'missing "text"' in rows[2]["error"]
    assert rows[3]["level"] == "ok"
    # every batch error starts with its line and names the field once
    assert rows[4]["error"].startswith("line 5: context.surface: must be one of")
    assert rows[4]["error"].count("context.surface") == 1
    assert all(r["error"].startswith(f"line {r['line']}: ") for r in rows if "error" in r)
    assert rows[5]["line"] == 6 and "UTF-8" in rows[5]["error"]
    assert b"Traceback" not in out.stderr


def test_rules_lists_every_rule():
    out = run("rules", "--json")
    data = json.loads(out.stdout)
    assert len(data["rules"]) >= 30 and data["ruleset"]
    text = run("rules").stdout.decode()
    assert all(r["id"] in text for r in data["rules"])
    assert "{" not in text and "}" not in text  # readable text, no unfilled {placeholders}
    assert "300 characters" in text  # the invitation note limit, stated in words


def _small_corpus(tmp_path, groups: int = 3):
    """A few labelled texts in several source groups: enough for a source-grouped run."""
    texts = [
        (PITCH, True, True, "message"),
        ("Thanks Ana, the retry tip saved my week.", False, False, "comment"),
        ("Book a demo of our platform today, 20% off this week: https://example.com", True, True, "post"),
        ("Great post!", False, True, "comment"),
        ("I finally ran my first 10k this morning, slow but done.", False, False, "post"),
        ("We're hiring! Apply here: https://example.com/jobs", True, True, "post"),
    ]
    rows = [
        {"id": f"r{i:05d}", "text": t, "pitchy": p, "impersonal": m, "surface": s, "group": f"g{i % groups}"}
        for i, (t, p, m, s) in enumerate(texts * 3)
    ]
    corpus = tmp_path / "c.jsonl"
    corpus.write_text("\n".join(json.dumps(r) for r in rows))
    return corpus


def test_eval_runs_source_grouped_cross_validation(tmp_path):
    out = run("eval", str(_small_corpus(tmp_path)), "--folds", "3", "--no-invented", "--by-source")
    assert out.returncode == 0, out.stderr
    text = out.stdout.decode()
    assert "3 folds grouped by source" in text and "leave one source out" in text
    assert "pitchy P" in text and "false alarms" in text and "  post" in text and "  reply" in text
    assert "retry tip" not in text  # texts are never printed


def test_eval_shipped_measures_the_model_as_it_is(tmp_path):
    out = run("eval", str(_small_corpus(tmp_path)), "--shipped", "--json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["mode"] == "shipped" and data["overall"]["texts"] == 18


def test_train_writes_a_model_the_host_reads(tmp_path):
    from rapport.analyzer.model import parse_model

    out_file = tmp_path / "model.json"
    out = run("train", str(_small_corpus(tmp_path)), "--out", str(out_file), "--no-invented")
    assert out.returncode == 0, out.stderr
    model = parse_model(json.loads(out_file.read_bytes()))
    assert set(model.heads) == {"pitch", "impersonal"} and model.weights


def test_eval_bad_corpus(tmp_path):
    corpus = tmp_path / "c.jsonl"
    corpus.write_text('{"id": "1", "text": "hi", "pitchy": "yes", "impersonal": false, "split": "dev"}\n')
    out = run("eval", str(corpus))
    assert out.returncode == 2 and b":1:" in out.stderr and b"pitchy" in out.stderr
