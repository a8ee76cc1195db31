"""Redaction of names written as free text writes them: lower or upper case, surname first with or without a
comma, across a line break, in full-width letters, with ULY diacritics dropped or added, with an apostrophe, and
hanzi names without their middle dot or with another separator, held in Chinese or in Latin script."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from veracity.report.redact import NameIndex, Redactor
from veracity.report.spellings import compress

from .written import redactor_of, sentence, written_outputs

# generated people, and how free text writes each of them
HELD_IN_CHINESE = {
    "阿力木·卡德尔": ("alim qadir", "ALIM QADIR", "qadir alim", "Qadir, Alim", "qadir, alim", "Alim\nQadir",
                  "Alim -\n Qadir", "Ａｌｉｍ Ｑａｄｉｒ", "QADIR, ALIM"),
    "阿不都热合木·吐尔逊": ("阿不都热合木吐尔逊", "阿不都热合木・吐尔逊", "阿不都热合木•吐尔逊", "阿不都热合木．吐尔逊",
                   "阿不都热合木 吐尔逊", "阿不都热合木\n吐尔逊", "吐尔逊·阿不都热合木", "abdurehim tursun"),
}
HELD_IN_LATIN = {
    "Gülnar Exmet": ("gulnar exmet", "GULNAR EXMET", "exmet gulnar", "Exmet, Gülnar", "exmet, gulnar", "Gulnar Exmet"),
    "Memet Tursun": ("memet tursun", "tursun memet", "Tursun, Memet", "Mémet Tursün", "MÉMET TURSUN"),
    "Ma'mur Ehmet": ("mamur ehmet", "Maʼmur Ehmet", "ma’mur ehmet", "Ehmet, Ma'mur", "MAMUR EHMET"),
    "Erkin Turdi": ("艾尔肯图尔迪", "艾尔肯 图尔迪", "艾尔肯・图尔迪", "艾尔\n肯·图尔迪", "图尔迪艾尔肯",
                    "turdi, erkin", "Turdi\nErkin"),
    "Nurmemet Tohti": ("努尔买买提托合提", "托合提・努尔买买提", "nurmemet tohti"),
}
EVERY = {**HELD_IN_CHINESE, **HELD_IN_LATIN}
ORDINARY = ("the police said he was taken in march to a camp near the city of hotan with his brother",
            "THE POLICE SAID HE WAS TAKEN IN MARCH TO A CAMP NEAR THE CITY",
            "Police, Village 3, Qarasay Yéza; Bostan Township, Qaraqash County",
            "因宗教极端被收押培训，继续培训，表现良好，家属在外地",
            "他的家人说他在二〇一七年三月被带走，之后没有消息。")


def _redactor() -> Redactor:
    return redactor_of(list(EVERY))


@pytest.mark.parametrize(("held", "written"), [(h, w) for h, ws in EVERY.items() for w in ws])
def test_name_as_written_becomes_the_holders_pseudonym(held: str, written: str) -> None:
    redactor = _redactor()
    pseudonym = redactor.person(None, held)
    assert redactor.scrub(sentence(written)) == sentence(pseudonym)


@pytest.mark.parametrize("text", ORDINARY)
def test_ordinary_text_in_any_case_is_left_as_it_is(text: str) -> None:
    assert _redactor().scrub(text) == unicodedata.normalize("NFKC", text)


def test_a_lower_case_given_name_alone_is_left() -> None:
    """A lone lower-case word is a word, not a name: only a given name with a capital becomes [name]."""
    assert _redactor().scrub("an alim is a scholar") == "an alim is a scholar"


def test_no_written_form_survives_in_any_redacted_output(tmp_path: Path) -> None:
    written = [w for ws in EVERY.values() for w in ws]
    texts = written_outputs(EVERY, tmp_path)
    left = {output: [w for w in written if _folded(w) in _folded(text)] for output, text in texts.items()}
    assert {output: found for output, found in left.items() if found} == {}


def _folded(text: str) -> str:
    return unicodedata.normalize("NFKC", text).replace("\n", " ").lower()


@pytest.mark.parametrize(("held", "written"), [
    ("阿不都热合木・吐尔逊", "据阿不都热合木吐尔逊说"), ("阿不都热合木・吐尔逊", "据阿不都热合木·吐尔逊说"),
    ("Maʼmur Ehmet", "Ma'mur Ehmet said")])
def test_a_name_held_with_another_separator_is_found(held: str, written: str) -> None:
    index = NameIndex.from_pairs([(held, None)])
    assert [key for _, _, key in index.find(unicodedata.normalize("NFKC", written))] == [index.terms[compress(held)]]
