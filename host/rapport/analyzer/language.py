"""Is the text English? Rapport's rules and scorer read English only; anything else is reported as not
checked rather than passed as "ok".

A text is not English when most of its letters are in a script English does not use (Cyrillic, Greek,
CJK, Arabic, Devanagari...), or when its common function words are clearly another language's: words like
"und", "nicht", "ich" (German), "vous", "est", "les" (French), "que", "para", "muy" (Spanish) outnumber
English ones ("the", "and", "you"...). Names, emoji, a hashtag or a quoted phrase in another language
leave an English text English. Short texts get the benefit of the doubt.

Why not a library: langdetect (a port of Google's 2010 detector, last release 2021) loads 55 profiles at
start and is random unless seeded; lingua is accurate but its models weigh over 100 MB; fastText's
identifier needs numpy and a native library. The frozen host must start in milliseconds and stay small,
and Rapport only needs "English or not", which function words answer well (tests/test_language.py).
"""

from __future__ import annotations

import re

# Common function words, minus any that are also English words ("die", "an", "also", "no", "son").
_FUNCTION_WORDS = {
    "en": """the and to of you your is it that for on with this are be have was my we not but at so me
        just can will all if do our from they what about or as get how by would there one more out up like
        been thanks thank hi hello please am i'm i've it's don't would could should their them he she his her
        very really here when which who an a in""",
    "de": """der das und ist nicht ich sie es ein eine einen zu mit auf für von den dem des im wir ihr ihnen
        auch sich sind aber wie bei nach noch oder wenn nur habe haben wird werden kann können mich mir uns
        gerne würde vielen dank hallo liebe lieber grüße herr frau ihre ihren unsere unser sehr schon mein
        meine dass über zum zur hier einem einer keine kein""",
    "fr": """le la les des est et je vous nous une du pour pas que qui dans sur avec ce cette mais où très
        bien merci bonjour suis avez êtes sont votre vos notre nos mon ma mes il elle ils au aux été être
        avoir fait comme tout tous aussi leur leurs peut ou ça c'est j'ai n'est qu'il je suis""",
    "es": """el la los las de y que en es un una por con para lo se su sus del al como pero más muy
        gracias hola estoy está son tiene usted nosotros mi yo este esta también hay ya todo porque
        cuando donde quiero puedo nuestro nuestra sobre tu te cómo qué estás eres soy nos""",
    "pt": """o os de e que do da em um uma para com não é se na por mais mas como obrigado obrigada olá
        você vocês seu sua muito está são tem dos das ao pelo pela isso este esta nosso nossa também""",
    "it": """il lo la gli le di e che è un una per con non sono mi ti ci si del della ma come anche grazie
        ciao molto questo questa vostro nostro nel nella alla sul delle degli io sei siamo""",
    "nl": """de het een en van ik je jij u niet dat op te met voor zijn maar ook dank hallo graag bedankt
        naar bij heb hebben kan wij jullie ons onze mijn deze dit wel nog""",
    "id": """yang dan di untuk dengan ini itu saya tidak ada dari ke akan bisa kami kita anda juga atau
        sudah terima kasih""",
    "tr": """ve bir bu için ile çok ben sen değil da de mi ne var yok gibi daha sonra teşekkür merhaba""",
    "pl": """nie się na że jest z do jak tak czy ale jestem dla od po mnie już bardzo dzięki dziękuję
        cześć""",
}
_LANGUAGES = tuple(_FUNCTION_WORDS)
SAMPLE_WORDS = 150  # the first words decide: a long English post with a quote in French is English
# word -> the languages it is a function word of
_LOOKUP: dict[str, tuple[str, ...]] = {}
for _lang, _words in _FUNCTION_WORDS.items():
    for _w in _words.split():
        _LOOKUP[_w] = (*_LOOKUP.get(_w, ()), _lang)
# Letters outside the Latin script (Latin: A-Z with accents, Latin Extended, Latin Extended Additional).
_FOREIGN_RE = re.compile(r"[^\W\d_A-Za-z\u00c0-\u024f\u1e00-\u1eff]+")


def _foreign_script(words: list[str], text: str) -> bool:
    """Most letters of the text are in a script English does not use."""
    if text.isascii():
        return False
    words, text = words[:SAMPLE_WORDS], text[: 8 * SAMPLE_WORDS]
    letters = sum(map(len, words))  # the word tokens' characters: letters and a few digits
    foreign = sum(map(len, _FOREIGN_RE.findall(text)))
    return letters >= 8 and foreign > 0.5 * letters


def guess(words: list[str], text: str) -> str | None:
    """The language the text is clearly in when that is not English ("de", "fr", ... or "other" for a
    foreign script), else None. `words` are the text's lowercased word tokens."""
    if _foreign_script(words, text):
        return "other"
    if len(words) < 4:
        return None
    counts = dict.fromkeys(_LANGUAGES, 0)
    for langs in filter(None, map(_LOOKUP.get, words[:SAMPLE_WORDS])):
        for lang in langs:
            counts[lang] += 1
    english = counts.pop("en")
    best = max(counts, key=lambda lang: (counts[lang], lang))
    other = counts[best]
    if other >= 3 and other > 2 * english:
        return best
    return None
