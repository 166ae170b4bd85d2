"""Rapport reads English. A text in another language is reported as not checked, never as "ok"."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
import rapport
from rapport.analyzer import language
from rapport.analyzer.evaluation import load_corpus
from rapport.analyzer.text import parse
from rapport.training import corpus

FOREIGN = {
    "de": "Hallo Herr Müller, ich bin auf Ihr Profil gestoßen und würde gerne einen kurzen Termin "
    "vereinbaren, um Ihnen unsere Lösung vorzustellen.",
    "fr": "Bonjour à tous, je suis ravi de vous annoncer que je rejoins une nouvelle équipe le mois "
    "prochain.",
    "es": "Hola Ana, ¿cómo estás? Me encantó tu charla de ayer, muy buena para todos nosotros.",
    "pt": "Olá, tudo bem? Você tem um minuto para conversar sobre o nosso produto? Obrigado!",
    "it": "Ciao a tutti, sono molto felice di condividere questa notizia con voi: ho un nuovo lavoro!",
    "nl": "Hallo allemaal, ik ben blij dat ik jullie kan vertellen dat ik een nieuwe baan heb.",
    "other": "Здравствуйте! Я увидел ваш профиль и хотел бы предложить вам наш продукт.",
}
MIXED = [
    "Great thread! As Camus said, « il faut imaginer Sisyphe heureux », and that applies to on-call too.",
    "Congrats Jürgen Müller on the new role at Zürich Versicherung! 🎉",
    "Spent the weekend in Lisbon: pastéis de nata, fado and far too many hills. 10/10 would go again.",
    "Danke schön! Thanks for the lovely dinner, we had a great time.",
    "Merci!",
    "🔥🔥🔥",
]


def _words(text: str) -> list[str]:
    doc = parse(text)
    return [w for w, k in zip(doc.lows, doc.kinds, strict=True) if k == "word"]


@pytest.mark.parametrize("lang", sorted(FOREIGN))
def test_another_language_is_not_checked(lang):
    text = FOREIGN[lang]
    assert language.guess(_words(text), text) == lang
    report = rapport.analyze(text, {"surface": "message", "first_contact": True}).to_dict()
    assert report["checked"] is False and report["reason"] == "not_english"
    assert report["findings"] == [] and report["pitchy"] is None and report["impersonal"] is None
    assert report["level"] == "unchecked" and report["scores"] is None


@pytest.mark.parametrize("text", MIXED)
def test_english_with_a_quote_a_name_or_emoji_is_checked(text):
    report = rapport.analyze(text).to_dict()
    assert report["checked"] is True and "reason" not in report


def test_no_text_of_the_real_corpus_is_taken_for_another_language():
    rows = load_corpus(str(corpus.REAL))
    foreign = [r["id"] for r in rows if language.guess(_words(r["text"]), r["text"])]
    assert foreign == []


def test_the_command_line_says_not_checked():
    out = subprocess.run(
        [sys.executable, "-m", "rapport", "check", FOREIGN["de"]], capture_output=True, text=True, check=True
    )
    assert "Not checked: Rapport reads English for now." in out.stdout
    out = subprocess.run(
        [sys.executable, "-m", "rapport", "check", "--json", FOREIGN["fr"]],
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(out.stdout)["checked"] is False
