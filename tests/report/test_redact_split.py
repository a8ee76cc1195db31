"""Redaction of compound names split by a space or a hyphen (held whole, written split, and the reverse), of two
held names next to each other across a word, and an adversarial scan: every held name of a case of short and
compound names written every way :mod:`.adversarial` writes it, with identity numbers written as free text does."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

from veracity.report.redact import NAME_MARK, Redactor

from .adversarial import numbers_written, phrases, survivors, walled
from .written import redactor_of, sentence, written_outputs

# generated people: compounds held whole (阿不都热合木) or split (Abdu Rehim), short parts (Ali, Ot)
HELD = ("阿不都热合木·吐尔逊", "阿里·吐尔逊", "Abdu Rehim Qasim", "ئابدۇرېھىم نىياز", "Ot Memet", "Eli Niyaz",
        "努尔买买提·艾力", "Gülmire Exmet", "古丽米热·肉孜")
SPLIT = {
    "阿不都热合木·吐尔逊": ("Abdu Rehim Tursun", "abdu rehim tursun", "Tursun, Abdu Rehim", "TURSUN ABDU REHIM",
                      "Abdu-Rehim Tursun", "Abdu rehim\nTursun", "阿不都 热合木·吐尔逊", "ئابدۇ رېھىم تۇرسۇن"),
    "Abdu Rehim Qasim": ("Abdurehim Qasim", "Qasim Abdurehim", "qasim, abdurehim", "ABDUREHIM QASIM"),
    "ئابدۇرېھىم نىياز": ("Abdu Rehim Niyaz", "niyaz abdu rehim", "ئابدۇ رېھىم نىياز", "نىياز ئابدۇ رېھىم"),
    "努尔买买提·艾力": ("Nur Memet Eli", "nur memet aili", "Eli, Nur-Memet", "努尔 买买提·艾力"),
    "Gülmire Exmet": ("Gül Mire Exmet", "exmet gul mire", "古丽 米热·艾合买提"),
}


def _digits(text: str) -> str:
    """TEXT with every digit in ASCII and the spaces, hyphens and dots between digits dropped."""
    ascii_digits = "".join(str(unicodedata.digit(c)) if c.isdigit() else c for c in text)
    return re.sub(r"(?<=\d)[\s\-.]+(?=\d)", "", ascii_digits)


@pytest.fixture(scope="module")
def redactor() -> Redactor:
    return redactor_of(HELD)


@pytest.mark.parametrize(("held", "written"), [(h, w) for h, ws in SPLIT.items() for w in ws])
def test_a_compound_split_or_joined_becomes_the_holders_pseudonym(redactor: Redactor, held: str, written: str) -> None:
    assert redactor.scrub(sentence(written)) == sentence(redactor.person(None, held))


@pytest.mark.parametrize(("text", "expected"), [
    ("Ali said Tursun was taken", "{n} said {n} was taken"),
    ("Tursun's father Abdurehim was taken", "{n}'s father {n} was taken"),
    ("Ali Tursun said Eli Niyaz was taken", "{ali_tursun} said {eli_niyaz} was taken"),
    ("Ali Tursun was taken", "{ali_tursun} was taken"),
    ("Eli Niyaz and Ot Memet were taken", "{eli_niyaz} and {ot_memet} were taken"),
])
def test_two_names_across_a_word_are_never_one_person(redactor: Redactor, text: str, expected: str) -> None:
    """Held parts around a word that is no part of the name become a mark each; a full name stays one pseudonym."""
    people = {"ali_tursun": "阿里·吐尔逊", "eli_niyaz": "Eli Niyaz", "ot_memet": "Ot Memet"}
    assert redactor.scrub(text) == expected.format(n=NAME_MARK, **{k: redactor.person(None, h)
                                                                   for k, h in people.items()})


@pytest.mark.parametrize("text", ["Ali said the camp was far", "all of them are out at the camp",
                                  "In Hotan, Gul said nothing"])
def test_ordinary_words_beside_a_part_are_left(redactor: Redactor, text: str) -> None:
    assert redactor.scrub(text) == text


def test_no_whole_name_survives_any_written_form(redactor: Redactor) -> None:
    """Every form of every held name, scrubbed in a sentence: no whole name in any script is left."""
    left = {form.written: found for form in phrases(HELD)
            if (found := survivors(redactor.scrub(sentence(form.written)), form))}
    assert left == {}


@pytest.mark.parametrize("written", numbers_written("653222198503121235"))
def test_no_identity_number_survives_as_free_text_writes_it(redactor: Redactor, written: str) -> None:
    digits = _digits(redactor.scrub(sentence(written)))
    assert "653222198503121235" not in digits and "653222850312123" not in digits


def test_no_whole_name_or_number_survives_in_any_redacted_output(tmp_path: Path) -> None:
    """One form in seven of every held name (and the id numbers as written) through the report, every table in
    CSV, JSON and Parquet, the summary and FtM."""
    chosen = phrases(HELD)[::7]
    written = {held: [f.written for f in chosen if f.held == held] for held in HELD}
    written[HELD[0]] += numbers_written("653222198001011230")
    texts = written_outputs(written, tmp_path)
    flat = {output: walled(text) for output, text in texts.items()}
    left = {output: sorted({w for form in chosen for w in survivors(text, form, flat=True)})
            for output, text in flat.items()}
    numbers = {output for output, text in texts.items() if "653222198001011230" in _digits(text)}
    assert ({output: found for output, found in left.items() if found}, numbers) == ({}, set())
