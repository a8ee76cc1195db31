"""Files built to crash, hang or exploit the readers are refused with one InputError naming file and place."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from veracity.errors import InputError
from veracity.limits import Limits

from .samples import docx_bytes, people, read_all, register_book, rezip, xlsx_bytes

Put = Callable[[str, bytes], Path]
LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">]>
"""
XXE = b'<?xml version="1.0"?>\n<!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'


def with_prolog(prolog: bytes, member: str) -> Callable[[str, bytes], bytes]:
    """A rezip change that puts ``prolog`` before the root element of ``member``."""

    def change(name: str, content: bytes) -> bytes:
        body = content[content.find(b"?>") + 2 :] if content.startswith(b"<?xml") else content
        return prolog + body if name == member else content

    return change


def refused(put: Put, name: str, data: bytes, limits: Limits | None = None) -> InputError:
    with pytest.raises(InputError) as caught:
        read_all(put(name, data), limits)
    assert caught.value.source == name
    return caught.value


def test_truncated_xlsx(put: Put) -> None:
    data = xlsx_bytes(register_book)
    error = refused(put, "cut.xlsx", data[: len(data) // 2])
    assert "BadZipFile" in error.message


def test_zip_bomb_member_is_refused_by_ratio(put: Put) -> None:
    data = rezip(
        xlsx_bytes(register_book), lambda name, content: content, {"xl/media/zeros.bin": b"\x00" * 5_000_000}
    )
    error = refused(put, "bomb.xlsx", data)
    assert ("zip bomb" in error.message, error.place) == (True, "member xl/media/zeros.bin")


def test_member_over_the_size_limit(put: Put) -> None:
    error = refused(put, "big.xlsx", xlsx_bytes(register_book), Limits(max_member_bytes=1000))
    assert "more than 1000" in error.message and error.place.startswith("member ")


def test_unpacked_total_over_the_limit(put: Put) -> None:
    error = refused(put, "big.xlsx", xlsx_bytes(register_book), Limits(max_unpacked_bytes=5000))
    assert "members unpack to more than 5000 bytes" in error.message


def test_too_many_members(put: Put) -> None:
    error = refused(put, "many.docx", docx_bytes([people(2)]), Limits(max_zip_members=3))
    assert "zip members, more than 3" in error.message


@pytest.mark.parametrize("member", ["xl/styles.xml", "xl/worksheets/sheet1.xml", "[Content_Types].xml"])
def test_billion_laughs_in_xlsx(put: Put, member: str) -> None:
    error = refused(put, "lol.xlsx", rezip(xlsx_bytes(register_book), with_prolog(LAUGHS, member)))
    assert ("DTD" in error.message, error.place) == (True, f"member {member}")


def test_billion_laughs_in_docx(put: Put) -> None:
    error = refused(put, "lol.docx", rezip(docx_bytes([people(2)]), with_prolog(LAUGHS, "word/document.xml")))
    assert error.place == "member word/document.xml"


def test_external_entity_in_xlsx(put: Put) -> None:
    error = refused(put, "xxe.xlsx", rezip(xlsx_bytes(register_book), with_prolog(XXE, "xl/workbook.xml")))
    assert "DTD" in error.message


def test_dtd_in_a_utf16_member_is_found(put: Put) -> None:
    def change(name: str, content: bytes) -> bytes:
        if name != "xl/workbook.xml":
            return content
        text = (
            XXE.decode().replace("?>", ' encoding="UTF-16"?>') + content.decode()[content.find(b"?>") + 2 :]
        )
        return text.encode("utf-16")

    error = refused(put, "xxe16.xlsx", rezip(xlsx_bytes(register_book), change))
    assert error.place == "member xl/workbook.xml"


def test_dtd_in_a_member_not_named_xml_is_found(put: Put) -> None:
    data = rezip(xlsx_bytes(register_book), lambda n, c: c, {"xl/media/image1.png": LAUGHS + b"<a/>"})
    assert refused(put, "png.xlsx", data).place == "member xl/media/image1.png"


def test_path_traversal_member_name(put: Put) -> None:
    data = rezip(docx_bytes([people(2)]), lambda n, c: c, {"../../evil.xml": b"<a/>"})
    assert "path traversal" in refused(put, "trav.docx", data).message


def test_encrypted_member(put: Put) -> None:
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(xlsx_bytes(register_book))) as source,
        zipfile.ZipFile(out, "w") as target,
    ):
        for info in source.infolist():
            target.writestr(info, source.read(info))
    data = bytearray(out.getvalue())
    central = data.rfind(b"PK\x01\x02")  # the last member's central directory entry: set its encryption flag
    data[central + 8] |= 1
    assert "encrypted" in refused(put, "enc.xlsx", bytes(data)).message


def test_binary_posing_as_csv(put: Put) -> None:
    png = b"\x89PNG\r\n\x1a\n" + bytes(range(256))
    assert "PNG image" in refused(put, "list.csv", png).message


def test_binary_without_magic_posing_as_csv(put: Put) -> None:
    assert "binary file" in refused(put, "list.csv", b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 64).message


def test_empty_file(put: Put) -> None:
    assert refused(put, "empty.xlsx", b"").message == "empty file"


def test_invalid_gb18030_sequence_is_a_wrong_encoding(put: Put) -> None:
    data = "姓名,性别\n".encode("gb18030") + b"\x81\x30\xff\x30,x\n"  # a four-byte lead with a bad third byte
    assert refused(put, "gb.csv", data).message.startswith("neither UTF-8")


def test_huge_cell_in_csv(put: Put) -> None:
    assert "a cell longer than" in refused(put, "h.csv", b"a,b\n" + b"x" * 200_000 + b"\n").message


def test_too_many_columns_in_csv(put: Put) -> None:
    data = b"a,b\n" + b"," * 2000 + b"\n"
    assert refused(put, "w.csv", data).place == "line 2"


def test_unclosed_quote_runs_into_the_field_limit_not_memory(put: Put) -> None:
    error = refused(put, "q.csv", b'a,"b\n' + b"x,y\n" * 50_000)
    assert "a cell longer than" in error.message and error.place == "line 1"


def test_time_budget_covers_the_zip_checks(put: Put) -> None:
    error = refused(put, "slow.xlsx", xlsx_bytes(register_book), Limits(seconds_per_file=0))
    assert "took longer than 0 s" in error.message and error.place.startswith("member ")


def test_zip_member_with_an_unknown_compression_method(put: Put) -> None:
    data = bytearray(xlsx_bytes(register_book))
    for signature, offset in ((b"PK\x03\x04", 8), (b"PK\x01\x02", 10)):  # local and central headers
        at = data.find(signature)
        while at != -1:
            data[at + offset:at + offset + 2] = (99).to_bytes(2, "little")  # method 99: not one zipfile reads
            at = data.find(signature, at + 4)
    error = refused(put, "method.xlsx", bytes(data))
    assert error.source == "method.xlsx" and "compression method is not supported" in error.message
