"""Metadata as evidence: read from PDF, XLSX, DOCX and images; signals found on files made to carry them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import docx
import openpyxl
from PIL import Image

from veracity.case import Case
from veracity.ingest.formats import read_tables
from veracity.ingest.guard import FileGuard
from veracity.ingest.image_reader import open_image
from veracity.ingest.metadata import DocumentMetadata, MetadataState
from veracity.ingest.provenance import file_signals, set_signals
from veracity.ingest.software_releases import load_releases
from veracity.limits import Limits

from .doc_samples import html_pdf, png_bytes, register, register_html

Put = Callable[[str, bytes], Path]
CLAIMED = dt.date(2018, 12, 31)
RELEASES = load_releases()


def _xlsx(put: Put) -> Path:
    book = openpyxl.Workbook()
    for row in register(3):
        book.active.append(list(row))
    book.properties.creator = "县公安局"
    book.properties.created = dt.datetime(2019, 3, 1, 8, 0, 0)
    path = put("list.xlsx", b"")
    book.save(path)
    return path


def test_xlsx_author_and_creation_time_are_read(put: Put) -> None:
    document = read_tables(_xlsx(put), "list.xlsx", Limits()).document
    assert document is not None
    assert (document.metadata.author, document.metadata.created[:19]) == ("县公安局", "2019-03-01T08:00:00")


def test_docx_author_is_read(put: Put) -> None:
    word = docx.Document()
    word.core_properties.author = "乡政府"
    word.add_table(rows=1, cols=1)
    path = put("note.docx", b"")
    word.save(str(path))
    document = read_tables(path, "note.docx", Limits()).document
    assert document is not None and document.metadata.author == "乡政府"


def test_pdf_producer_author_creator_fonts_and_page_size_are_read(put: Put) -> None:
    meta = {"author": "墨玉县", "generator": "Microsoft® Excel® 2016", "dcterms.created": "2019-05-01T10:00:00+08:00"}
    document = read_tables(put("leak.pdf", html_pdf(register_html(register(3), meta=meta))), "leak.pdf",
                           Limits()).document
    assert document is not None
    m = document.metadata
    assert (m.author, m.creator, m.created[:10], m.page_sizes) == ("墨玉县", "Microsoft® Excel® 2016",
                                                                 "2019-05-01", ("595x842 pt",))
    assert any("Noto-Sans-CJK" in f for f in m.fonts)


def _photo_exif() -> Image.Exif:
    exif = Image.Exif()
    exif[0x010F], exif[0x0110] = "Canon", "EOS 5D"          # Make, Model
    exif.get_ifd(0x8769)[0x9003] = "2018:01:05 09:12:44"    # DateTimeOriginal
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2], gps[3], gps[4] = "N", (37.0, 6.0, 36.0), "E", (79.0, 55.0, 48.0)
    return exif


def test_photo_exif_camera_time_and_gps_are_read(tmp_path: Path) -> None:
    path = tmp_path / "photo.jpg"
    path.write_bytes(png_bytes(Image.new("L", (64, 64), 255), exif=_photo_exif()))
    m = open_image(path, FileGuard("photo.jpg", Limits())).document.metadata
    assert (m.camera, m.taken, m.gps) == ("Canon EOS 5D", "2018-01-05T09:12:44", (37.11, 79.93))


def test_creation_after_the_claimed_date_is_a_warning() -> None:
    m = DocumentMetadata("pdf", "WeasyPrint 70", created="2019-05-01T10:00:00+08:00")
    assert [s.signal_id for s in file_signals("a.pdf", m, CLAIMED, None, RELEASES)] == ["metadata.after_claimed"]


def test_software_released_after_the_creation_time_is_an_anachronism() -> None:
    m = DocumentMetadata("xlsx", creator="LibreOffice 7.1", created="2017-06-01T00:00:00Z")
    assert [s.signal_id for s in file_signals("a.xlsx", m, None, None, RELEASES)] == ["metadata.software_anachronism"]


def test_the_office_365_name_of_2011_is_not_read_as_the_microsoft_365_of_2020() -> None:
    old = DocumentMetadata("xlsx", creator="Microsoft Office 365", created="2015-03-01T00:00:00Z")
    new = DocumentMetadata("xlsx", creator="Microsoft® Excel® for Microsoft 365", created="2015-03-01T00:00:00Z")
    assert file_signals("a.xlsx", old, None, None, RELEASES) == []
    assert [s.signal_id for s in file_signals("b.xlsx", new, None, None, RELEASES)] == ["metadata.software_anachronism"]


def test_every_release_date_names_its_source() -> None:
    assert RELEASES.releases and all(len(r.source) > 10 for r in RELEASES.releases)


def test_created_before_a_date_it_states_is_a_warning() -> None:
    m = DocumentMetadata("xlsx", creator="Excel", created="2017-01-01T00:00:00Z")
    signals = file_signals("a.xlsx", m, None, dt.date(2017, 6, 1), RELEASES)
    assert [s.signal_id for s in signals] == ["metadata.before_own_dates"]


def test_spreadsheet_printed_to_pdf_says_its_metadata_was_lost() -> None:
    m = DocumentMetadata("pdf", "Microsoft® Excel® 2016", "Microsoft® Excel® 2016", created="2018-03-01")
    signal = file_signals("a.pdf", m, None, None, RELEASES)[-1]
    assert signal.signal_id == "metadata.converted" and "not evidence" in signal.message


def test_no_metadata_is_said_plainly_and_not_read_as_evidence() -> None:
    m = DocumentMetadata("image")
    assert m.state is MetadataState.ABSENT
    assert "not evidence" in file_signals("a.png", m, CLAIMED, None, RELEASES)[0].message


def test_files_of_one_set_in_different_time_zones_are_flagged() -> None:
    a = DocumentMetadata("image", created="2018-01-05T09:00:00+08:00")
    b = DocumentMetadata("image", created="2018-01-05T09:10:00+06:00")
    assert [s.signal_id for s in set_signals([("a.jpg", a), ("b.jpg", b)])] == ["metadata.mixed_zones"]


def test_signals_are_written_for_the_provenance_section(case: Case, put: Put) -> None:
    path = _xlsx(put)
    from veracity.ingest.pipeline import AddRequest, add_files

    add_files(case, [path], AddRequest(role="leak", document_date="2018-12-31"))
    assert case.con.execute("SELECT signal_id FROM document_signals").fetchall() == [("metadata.after_claimed",)]
