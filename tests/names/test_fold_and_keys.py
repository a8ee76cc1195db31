"""Latin folding families, Chinese/pinyin readings and blocking keys, with real name forms."""

from __future__ import annotations

import pytest

from veracity.names import block_key, keys, parse, part_keys, similarity
from veracity.names.latin_fold import fold

# Spellings of one name part that must fold to one key (variant family, examples).
FAMILIES = [
    ("ULY/English sh", ["Shöhret", "Shohret", "Şöhret"]),
    ("ULY x / English kh / h", ["Mexsum", "Mekhsum"]),
    ("ULY q / English k", ["Qadir", "Kadir"]),
    ("ULY gh / Turkish ğ", ["Gheyret", "Ğeyret"]),
    ("j / zh / c / dzh", ["Ilhamjan", "Ilhamzhan", "İlhamcan", "Ilhamdzhan"]),
    ("ch / ç", ["Chimen", "Çimen"]),
    ("doubled letters", ["Mutellip", "Mutelip"]),
    ("Muhammad family", ["Memet", "Mehmet", "Muhammad", "Muhemmed", "Mohammed"]),
    ("Abdul-/Abdu-", ["Abdulkerim", "Abdukerim"]),
    ("Yusuf family", ["Yusup", "Yusuf", "Yüsüp"]),
    ("v / w", ["Abduweli", "Abduveli"]),
    ("f / p", ["Lutpulla", "Lutfulla"]),
    ("Mahmud family", ["Mehmut", "Mahmut", "Mahmud", "Makhmud"]),
    ("Hasan family", ["Hesen", "Hasan", "Hassan"]),
    ("Hamid family", ["Hemit", "Hamid", "Hamit"]),
]


@pytest.mark.parametrize(("family", "spellings"), FAMILIES, ids=[f[0] for f in FAMILIES])
def test_family_folds_to_one_key(family: str, spellings: list[str]) -> None:
    assert len({fold(s) for s in spellings}) == 1


@pytest.mark.parametrize(("a", "b"), [
    ("Memet", "Mamat"), ("Rebiya", "Rabiye"), ("Téyip", "Tiyip"), ("Yolbars", "Yulbars"),
    ("Abdurehim", "Abdurahim"), ("Ötkür", "Otkur"),
])
def test_vowel_spellings_are_close(a: str, b: str) -> None:
    assert similarity(fold(a), fold(b)) >= 0.85


@pytest.mark.parametrize(("chinese", "latin"), [
    ("阿不都克里木", "Abdukerim"), ("热比娅", "Rabiye"), ("卡德尔", "Qadir"), ("吐尔逊", "Tursun"),
    ("衣拉木江", "Ilhamjan"), ("塔西甫拉提", "Tashpolat"), ("穆塔里甫", "Mutellip"), ("阿尤甫", "Ayup"),
    ("买合苏木", "Mexsum"), ("艾合买提", "Ehmet"), ("古丽", "Gül"),
    ("库车", "Kuchar"), ("沙雅", "Shayar"),  # Putonghua has no coda r: left out
    ("沙迪克", "Sadiq"), ("沙吾提", "Sawut"),  # Uyghur sa written 沙 sha
    ("哈斯木", "Qasim"),  # no uvular q in Putonghua: written h
])
def test_chinese_transcription_reads_close_to_latin(chinese: str, latin: str) -> None:
    assert similarity(part_keys(chinese)[0], part_keys(latin)[0]) >= 0.8


@pytest.mark.parametrize(("pinyin", "chinese"), [
    ("Yilamujiang", "衣拉木江"), ("Abuduwaili", "阿布都外力"), ("Xuěkèláití", "雪克来提"),
    ("Tuheti", "土赫提"),
])
def test_pinyin_reads_like_its_characters(pinyin: str, chinese: str) -> None:
    best = max(similarity(k, part_keys(chinese)[0]) for k in part_keys(pinyin))
    assert best >= 0.85


@pytest.mark.parametrize(("traditional", "simplified"), [
    ("堯樂博斯", "尧乐博斯"), ("買買提", "买买提"), ("阿布都熱依木", "阿布都热依木"), ("烏鐵庫爾", "乌铁库尔"),
    ("艾爾肯", "艾尔肯"), ("麥合蘇木", "麦合苏木"),
])
def test_traditional_characters_read_like_simplified(traditional: str, simplified: str) -> None:
    assert part_keys(traditional) == part_keys(simplified)


def test_voiced_and_voiceless_stops_are_close() -> None:
    assert similarity(fold("Tursunbeg"), fold("Tursunbek")) >= 0.9  # -beg ~ -bek


def test_coda_r_is_cheap_to_drop_only_against_chinese() -> None:
    chinese = similarity(part_keys("库车")[0], fold("Kuchar"))
    latin = similarity(fold("Kucha"), fold("Kuchar"))
    assert chinese > latin


def test_different_names_are_far_apart() -> None:
    assert similarity(fold("Tursun"), fold("Kerim")) < 0.4


def test_spaced_pinyin_syllables_join_into_one_part() -> None:
    assert len(parse("Gu Li Na Zha").parts) == 1


TITLED = ["Haji Memet Tohti", "Memet Tohti Hajim", "Molla Memet Tohti", "Memet-Tohti"]


@pytest.mark.parametrize("name", TITLED)
def test_titles_and_hyphens_leave_given_name_and_patronymic(name: str) -> None:
    assert [p.key for p in parse(name).parts] == [fold("Memet"), fold("Tohti")]


@pytest.mark.parametrize(("a", "b"), [
    ("Abdurehim Tursun", "阿不都热合木·吐尔逊"), ("Abdurehim Tursun", "ئابدۇرېھىم تۇرسۇن"),
    ("Ilham Tohti", "伊力哈木·土赫提"), ("Memet Tohti", "Mamat Tohti"), ("Ilhamjan", "Yilamujiang"),
    ("Rabiye Qadir", "热比娅·卡德尔"),
])
def test_one_person_shares_a_blocking_key_across_scripts(a: str, b: str) -> None:
    assert set(keys(a)) & set(keys(b))


def test_unreadable_name_has_no_blocking_keys() -> None:
    assert keys("") == [] and keys("123 %%") == []


def test_blocking_keys_are_sql_safe_ascii() -> None:
    for name in ["Ilham Tohti", "伊力哈木·土赫提", "ئىلھام توختى", "Абдурәһим"]:
        assert all(k.isascii() and k.isalpha() for k in keys(name))


def test_block_key_drops_vowels_and_h() -> None:
    assert block_key("ilham") == block_key("ILAm.") == "LM"


def test_keys_returns_a_fresh_list_each_call() -> None:
    first = keys("Ilham Tohti")
    first.append("XXX")
    assert "XXX" not in keys("Ilham Tohti")


def test_keys_of_a_title_only_name_are_kept() -> None:
    assert keys("Molla") == ["ML"]
