"""OpenDocument files written as LibreOffice writes them (mimetype first and stored, content.xml, manifest)."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence

SPREADSHEET = "application/vnd.oasis.opendocument.spreadsheet"
TEXT_DOCUMENT = "application/vnd.oasis.opendocument.text"
NAMESPACES = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
              'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
              'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"')


def opendocument_bytes(body: str, mimetype: str = SPREADSHEET, prolog: str = '<?xml version="1.0" encoding="UTF-8"?>',
                       meta: str = "") -> bytes:
    """A zip holding BODY (the inside of ``office:body``) as content.xml, and META (the inside of
    ``office:meta``) as meta.xml when given."""
    kind = "spreadsheet" if mimetype == SPREADSHEET else "text"
    content = (f'{prolog}<office:document-content {NAMESPACES} office:version="1.3"><office:body>'
               f"<office:{kind}>{body}</office:{kind}></office:body></office:document-content>")
    manifest = ('<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
                'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"/>')
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), mimetype, compress_type=zipfile.ZIP_STORED)
        archive.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
        archive.writestr("META-INF/manifest.xml", manifest, compress_type=zipfile.ZIP_DEFLATED)
        if meta:
            archive.writestr("meta.xml", f'<?xml version="1.0" encoding="UTF-8"?><office:document-meta '
                                         f"{META_NAMESPACES}><office:meta>{meta}</office:meta></office:document-meta>")
    return out.getvalue()

META_NAMESPACES = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
                   'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/"')


def text_cell(text: str, attrs: str = "") -> str:
    return f'<table:table-cell office:value-type="string" {attrs}><text:p>{text}</text:p></table:table-cell>'


def table(name: str, rows: Sequence[str]) -> str:
    return f'<table:table table:name="{name}">' + "".join(rows) + "</table:table>"


def row(*cells: str, attrs: str = "") -> str:
    return f"<table:table-row {attrs}>" + "".join(cells) + "</table:table-row>"


COVERED = "<table:covered-table-cell/>"
EMPTY = "<table:table-cell/>"


def register_ods() -> bytes:
    """A register as LibreOffice saves it: a title over four columns, a household spanning two rows,
    dates and numbers typed, an empty cell repeated between values, and the million empty rows and
    thousand empty columns LibreOffice closes a sheet with."""
    date = '<table:table-cell office:value-type="date" office:date-value="{0}"><text:p>{0}</text:p></table:table-cell>'
    first = table("名单", [
        row(text_cell("2017年墨玉县喀尔赛乡人员名单", 'table:number-columns-spanned="4"'), COVERED * 3,
            '<table:table-cell table:number-columns-repeated="1020"/>'),
        row(text_cell("户号"), text_cell("姓名"), text_cell("出生日期"), text_cell("年龄")),
        row(text_cell("H001", 'table:number-rows-spanned="2"'), text_cell("买买提·吐尔逊"), date.format("1980-03-05"),
            '<table:table-cell office:value-type="float" office:value="37"><text:p>37</text:p></table:table-cell>'),
        row(COVERED, text_cell("阿依古丽·买买提"), EMPTY,
            '<table:table-cell office:value-type="float" office:value="12"><text:p>12</text:p></table:table-cell>'),
        row(EMPTY, attrs='table:number-rows-repeated="2"'),
        row(text_cell("H002"), '<table:table-cell table:number-columns-repeated="2"/>',
            text_cell('空<text:s text:c="2"/>格')),
        row('<table:table-cell table:number-columns-repeated="1024"/>', attrs='table:number-rows-repeated="1048570"'),
    ])
    second = table("第二页", [row(text_cell("姓名"), text_cell("性别")),
                           row(text_cell("古丽米热·托合提"), text_cell("女"))])
    return opendocument_bytes(first + second)
