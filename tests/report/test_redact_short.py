"""Redaction of short names (two or three letters: Ali, Eli, Ot), of a held person's name alone in a text that
names them in full, of Latin names cut by a hyphen (``Abdu-Rehim``) or a hyphenated line break (``Abdu-\\nrehim``),
and of spellings whose parts sound only near the held ones, held in Chinese, Latin or Arabic script."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from veracity.report.redact import NAME_MARK, Redactor

from .adversarial import walled
from .written import redactor_of, sentence, written_outputs

# generated people, and how free text writes each of them
WRITTEN = {
    "阿里·吐尔逊": ("Ali Tursun", "ali tursun", "Tursun Ali", "tursun, ali", "TURSUN ALI", "Ali\nTursun", "Tursun, Ali",
                "吐尔逊·阿里", "阿里吐尔逊"),
    "艾力·卡斯木": ("Eli Qasim", "Qasim Eli", "eli kasim", "Kasim, Eli", "QASIM ELI", "Aili Kasimu"),
    "Ot Memet": ("Ot Memet", "memet ot", "Memet, Ot", "OT MEMET", "Ot\nMemet"),
    "ئەلى نىياز": ("Eli Niyaz", "niyaz eli", "ئەلى نىياز", "نىياز ئەلى", "Niyaz, Eli"),
    "阿不都热合木·买买提": ("Abdu-\nrehim Memet", "Abdurehim Me-\nmet", "Abdu-Rehim Memet", "abdu-rehim memet",
                      "Memet Abdu-\nrehim", "Abdu- \nrehim Memet", "ABDU-REHIM MEMET", "Abdu-\nrehim Me-\nmet"),
    "Abdu-Rehim Niyaz": ("Abdurehim Niyaz", "Abdu-Rehim Niyaz", "abdu-\nrehim niyaz", "Niyaz, Abdu-Rehim"),
    # parts that only sound near the held ones (ibrahim ~ 依布拉音 0.72) or whose blocking keys differ (turghun TLK ~
    # 吐尔洪 TLN)
    "依布拉音·吐尔洪": ("Ibrahim Turghun", "ibrahim, turghun", "turghun ibrahim", "TURGHUN, IBRAHIM"),
    "吐尔洪·帕提曼": ("Turghun Patime", "patime, turghun", "patime turghun"),
}
ORDINARY = ("all of them are out at the camp, or so it is said; one old man is ill",
            "ALL OF THEM ARE OUT AT THE CAMP",
            "ali said he would come back in March",
            "Police, Village 3, Qarasay Yéza; Bostan Township, Qaraqash County",
            "a well-known re-education centre, long-term and state-run")


def _redactor() -> Redactor:
    return redactor_of(list(WRITTEN))


@pytest.mark.parametrize(("held", "written"), [(h, w) for h, ws in WRITTEN.items() for w in ws])
def test_short_or_hyphenated_name_becomes_the_holders_pseudonym(held: str, written: str) -> None:
    redactor = _redactor()
    assert redactor.scrub(sentence(written)) == sentence(redactor.person(None, held))


@pytest.mark.parametrize("text", ORDINARY)
def test_ordinary_short_words_are_left(text: str) -> None:
    assert _redactor().scrub(text) == unicodedata.normalize("NFKC", text)


@pytest.mark.parametrize(("held", "text", "expected"), [
    ("阿里·吐尔逊", "Ali Tursun was taken. ali said he was fine", "{p} was taken. {n} said he was fine"),
    ("阿里·吐尔逊", "Ali Tursun was taken. Ali said: Tursun is my dad", "{p} was taken. {n} said: {n} is my dad"),
    ("艾力·卡斯木", "eli, his wife said, was taken; Eli Qasim was away", "{n}, his wife said, was taken; {p} was away"),
    ("Ot Memet", "Ot Memet was taken out of town. ot is all she had", "{p} was taken out of town. {n} is all she had"),
    ("Abdu-Rehim Niyaz", "Abdu-Rehim Niyaz was taken. abdurehim was 30", "{p} was taken. {n} was 30"),
    ("阿里·吐尔逊", "阿里·吐尔逊被带走。阿里说他很好", "{p}被带走。{n}说他很好"),
    ("ئەلى نىياز", "ئەلى نىياز تۇتۇلدى. ئەلى دېدى", "{p} تۇتۇلدى. {n} دېدى"),
    ("艾力·卡斯木", "Eli Qasim and wife were taken here from the area", "{p} and wife were taken here from the area"),
])
def test_a_part_alone_is_marked_where_the_text_names_its_holder(held: str, text: str, expected: str) -> None:
    """A held person's name part alone, in any case, becomes [name] in a text that also names them in full."""
    redactor = _redactor()
    assert redactor.scrub(text) == expected.format(p=redactor.person(None, held), n=NAME_MARK)


def test_a_lower_case_part_alone_is_a_word_where_no_holder_is_named() -> None:
    assert _redactor().scrub("ali said that ot is grass") == "ali said that ot is grass"


def test_no_short_or_hyphenated_name_survives_in_any_redacted_output(tmp_path: Path) -> None:
    written = [w for ws in WRITTEN.values() for w in ws]
    texts = written_outputs(WRITTEN, tmp_path)
    left = {output: [w for w in written if walled(w) in walled(text)] for output, text in texts.items()}
    assert {output: found for output, found in left.items() if found} == {}
