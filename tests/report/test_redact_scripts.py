"""Redaction across scripts: people the case holds only in Chinese, named in free text in Uyghur Latin,
pinyin, English-style spellings and Arabic script, in either order, with and without the patronymic."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

from veracity.case import create_case, open_case
from veracity.report.export import Format, export_table
from veracity.report.redact import NameIndex, Pseudonyms, Redactor

from .scan import redacted_outputs
from .synthetic import CLAIMS, LEAK, TESTIMONIES, _record, _source

# generated people held only in Chinese (none of their parts is in hanzi_sequences.tsv), and how free text
# spells them: Uyghur Latin, the other order, pinyin, English-style, Arabic script, the given name alone
PEOPLE = {
    "阿力木·卡德尔": ("Alim Qadir", "Qadir Alim", "Alimu Kadeer", "Aliem Kadir", "ئالىم قادىر", "Alim"),
    "麦麦提敏·依明": ("Memtimin Imin", "Imin Memtimin", "Maimaitimin Yiming", "Mamtimin Emin", "مەمتىمىن ئىمىن",
                  "Memtimin"),
    "热合曼·尼亚孜": ("Rehman Niyaz", "Niyaz Rehman", "Rehemann Niyazi", "Rahman Niyaz", "رەھمان نىياز", "Rehman"),
    "古丽娜尔·艾买提": ("Gülnar Exmet", "Exmet Gülnar", "Gulinaer Aimaiti", "Gulnar Ahmet", "ئەخمەت گۈلنار", "Gulnar"),
}
ORDINARY = ("Hotan", "Xinjiang", "Qaraqash County", "Bostan Township", "March", "brother", "خوتەن")


def _text(spelling: str) -> str:
    return f"In March his brother {spelling} was taken from Bostan Township, Qaraqash County, Hotan (Xinjiang)."


def _case(path: Path) -> None:
    with create_case(path) as case:
        _source(case, 1, LEAK, "leak", 4)
        _source(case, 2, TESTIMONIES, "reference", 6)
        _source(case, 3, CLAIMS, "claims", 6)
        for k, name in enumerate(PEOPLE):
            number = f"65322219{80 + k}0101123{k}"
            _record(case, k + 1, 1, k + 1, {"name": name, "id_number": number, "reason": "宗教极端",
                                             "detained_on": "2017-03-01", "decision": "继续培训"})
        spellings = [s for spelt in PEOPLE.values() for s in spelt]
        for k, spelling in enumerate(spellings):  # every field of free text, round robin
            field = ("reason", "decision", "address", "relation", "state")[k % 5]
            _record(case, 100 + k, 2, k + 1, {field: _text(spelling), "birth_date": "1980"})
            case.con.execute("INSERT INTO findings VALUES ('id.checksum', 'error', ?, '', ?, ?, ?, 'check', NULL)",
                             [TESTIMONIES, k + 1, 100 + k, f"{spelling} خوتەن: wrong check character"])
            case.con.execute(
                "INSERT INTO claims VALUES (?, 3, ?, '', ?, 'spokesperson', '2020-02-20', 'video', '', '', "
                "'never_detained', '', ?)", [f"C{k:02d}", CLAIMS, k + 1, _text(spelling)])


def _mentioned(text: str) -> list[str]:
    folded = unicodedata.normalize("NFC", text)
    return [s for spelt in PEOPLE.values() for s in spelt
            for part in (s, *s.split()) if re.search(rf"(?<!\w){re.escape(part)}(?!\w)", folded, re.IGNORECASE)]


@pytest.fixture
def chinese_only(tmp_path: Path) -> Path:
    _case(tmp_path / "case")
    return tmp_path / "case"


def test_every_spelling_is_redacted_in_every_output(chinese_only: Path, tmp_path: Path) -> None:
    with open_case(chinese_only) as case:
        texts = redacted_outputs(case, tmp_path, pdf=False)
    assert {output: _mentioned(text) for output, text in texts.items() if _mentioned(text)} == {}
    exported = texts["records.csv"] + texts["findings.json"] + texts["claims.parquet"]
    assert [word for word in ORDINARY if word not in exported] == []


def test_unredacted_export_holds_the_spellings(chinese_only: Path, tmp_path: Path) -> None:
    with open_case(chinese_only) as case:
        export_table(case, "records", Format.CSV, tmp_path / "r.csv", redact=False)
    assert len(set(_mentioned((tmp_path / "r.csv").read_text("utf-8")))) == sum(map(len, PEOPLE.values()))


def _redactor() -> Redactor:
    return Redactor(Pseudonyms(b"k" * 32), NameIndex.from_pairs((n, None) for n in PEOPLE))


@pytest.mark.parametrize("held", list(PEOPLE))
def test_full_name_becomes_the_holders_pseudonym(held: str) -> None:
    redactor = _redactor()
    pseudonym = redactor.person(None, held)
    for spelling in PEOPLE[held][:-1]:
        assert redactor.scrub(_text(spelling)) == _text(pseudonym)


def test_given_name_alone_is_marked_and_ordinary_words_survive() -> None:
    redactor = _redactor()
    assert redactor.scrub(_text("Gulnar")) == _text("[name]")
    ordinary = "Detained in March 2017 in Hotan, Xinjiang; Police, Village 3, Qarasay Yéza. خوتەن ناھىيىسى"
    assert redactor.scrub(ordinary) == ordinary


def test_a_different_person_of_one_given_name_is_not_taken_for_a_held_one() -> None:
    redactor = _redactor()
    assert redactor.scrub("Alim Tursun and Qadir Memet") == "[name] Tursun and Qadir Memet"



def test_latin_held_name_is_found_in_chinese_inside_a_sentence() -> None:
    redactor = Redactor(Pseudonyms(b"k" * 32), NameIndex.from_pairs([("Alim Qadir", None)]))
    pseudonym = redactor.person(None, "Alim Qadir")
    assert redactor.scrub("其兄阿力木·卡德尔在境外。宗教极端") == f"其兄{pseudonym}在境外。宗教极端"
