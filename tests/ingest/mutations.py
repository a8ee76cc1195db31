"""Seeded mutations of valid CSV, XLSX, DOCX, XLS, ODS, HTML, XML and JSON files, for fuzzing every reader.

``mutants(count, seed)`` yields ``count`` altered files, the same for the
same seed, each labelled with how it was made so that a failure can be
reproduced. The fuzz test runs ~1,200; a benchmark may run 10,000:

    from ingest.mutations import mutants      # with tests/ on sys.path
    for mutant in mutants(10_000, seed=1): ...
"""

from __future__ import annotations

import io
import json
import random
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from veracity.errors import InputError

from .opendocument_samples import register_ods
from .samples import (
    csv_text,
    docx_bytes,
    merged_docx,
    people,
    read_all,
    register_book,
    register_xls,
    rezip,
    xls_bytes,
    xlsx_bytes,
)

Mutator = Callable[[bytes, random.Random], bytes]
ENCODINGS = ("utf-8", "utf-8-sig", "gb18030", "gbk", "utf-16", "utf-16-le", "utf-16-be", "latin-1", "big5")
DTD = b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>'


@dataclass(frozen=True)
class Mutant:
    """One altered file: how it was made, the extension it is given, its bytes."""

    label: str
    suffix: str
    data: bytes


@cache
def seed_files() -> tuple[tuple[str, str, bytes], ...]:
    """The valid files mutated: (label, suffix, bytes)."""
    rows = people(12)
    text = csv_text(rows)
    tables = [rows[:4], [("户号", "姓名", ""), ("H1", "买买提·吐尔逊", "男"), ("", "阿依古丽", "女")]]
    return (
        ("csv-utf8", ".csv", text.encode("utf-8")),
        ("csv-gb18030-tab", ".csv", csv_text(rows, "\t").encode("gb18030")),
        ("csv-utf16", ".csv", text.encode("utf-16")),
        ("csv-quoted", ".csv", csv_text([("a", "多行\n文本", 'x"y'), ("1", "2", "3")] * 4).encode()),
        ("xlsx", ".xlsx", xlsx_bytes(register_book)),
        ("docx", ".docx", docx_bytes(tables, merged_docx)),
        ("html-xls", ".xls", _html_page(rows).encode("utf-8")),
        ("xml-2003", ".xml", _xml_workbook(rows).encode("utf-8")),
        ("xls", ".xls", xls_bytes(register_xls)),
        ("ods", ".ods", register_ods()),
        ("json", ".json", json.dumps([dict(zip(rows[0], row, strict=True)) for row in rows[1:]],
                                     ensure_ascii=False).encode()),
    )


def _html_page(rows: list[tuple[str, ...]]) -> str:
    """ROWS as an HTML table under a title spanning the columns, every second cell spanning two rows."""
    body = "".join("<tr>" + "".join(f"<td rowspan={1 + k % 2}>{c}</td>" for k, c in enumerate(row)) + "</tr>"
                   for row in rows)
    return f"<html><body><table><tr><td colspan=3>名单</td></tr>{body}</table></body></html>"


def _xml_workbook(rows: list[tuple[str, ...]]) -> str:
    """ROWS as an Excel 2003 XML worksheet, every second cell merged down one row."""
    body = "".join("<Row>" + "".join(f'<Cell ss:MergeDown="{k % 2}"><Data ss:Type="String">{c}</Data></Cell>'
                                     for k, c in enumerate(row)) + "</Row>" for row in rows)
    namespace = "urn:schemas-microsoft-com:office:spreadsheet"
    return (f'<?xml version="1.0"?><Workbook xmlns="{namespace}" xmlns:ss="{namespace}">'
            f'<Worksheet ss:Name="名单"><Table>{body}</Table></Worksheet></Workbook>')


def truncate(data: bytes, rng: random.Random) -> bytes:
    """The file cut at a random point."""
    return data[: rng.randrange(len(data))]


def flip_bytes(data: bytes, rng: random.Random) -> bytes:
    """A few bytes replaced by random ones."""
    out = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        out[rng.randrange(len(out))] = rng.randrange(256)
    return bytes(out)


def insert_nuls(data: bytes, rng: random.Random) -> bytes:
    """Runs of NUL bytes inserted at random points."""
    out = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        out[rng.randrange(len(out)) : 0] = b"\x00" * rng.randint(1, 5)
    return bytes(out)


def huge_cell(data: bytes, rng: random.Random) -> bytes:
    """A very long run of one character inserted (a huge cell or a huge line)."""
    at = rng.randrange(len(data))
    return (
        data[:at] + rng.choice([b"x", b'"', b",", "名".encode()]) * rng.randint(40_000, 140_000) + data[at:]
    )


def swap_encoding(data: bytes, rng: random.Random) -> bytes:
    """Text decoded from one likely encoding and re-encoded in another (lossy where it must be)."""
    for source in ("utf-8-sig", "utf-16", "gb18030"):
        try:
            text = data.decode(source)
        except UnicodeDecodeError:
            continue
        return text.encode(rng.choice(ENCODINGS), errors="replace")
    return data[::-1]


def member_change(change: Mutator) -> Mutator:
    """A mutator of zip files that applies ``change`` to the content of one random member."""

    def mutate(data: bytes, rng: random.Random) -> bytes:
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                target = rng.choice(archive.namelist())
            return rezip(
                data, lambda name, content: change(content, rng) if name == target and content else content
            )
        except Exception:  # a zip broken by an earlier mutation: alter its raw bytes instead
            return change(data, rng)

    mutate.__name__ = f"member_{change.__name__}"
    return mutate


def inject_dtd(data: bytes, rng: random.Random) -> bytes:
    """An entity-expanding DTD put before the root element of an XML member."""
    body = data[data.find(b"?>") + 2 :] if data.startswith(b"<?xml") else data
    return DTD + body


def drop_member(data: bytes, rng: random.Random) -> bytes:
    """A zip with one member removed."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            target = rng.choice(archive.namelist())
        return rezip(data, lambda name, content: None if name == target else content)
    except Exception:  # a zip broken by an earlier mutation: cut it instead
        return truncate(data, rng)


TEXT_MUTATORS: tuple[Mutator, ...] = (truncate, flip_bytes, insert_nuls, huge_cell, swap_encoding)
BINARY_MUTATORS: tuple[Mutator, ...] = (truncate, flip_bytes, flip_bytes, insert_nuls, huge_cell)  # an OLE2 .xls
ZIP_MUTATORS: tuple[Mutator, ...] = (
    truncate,
    flip_bytes,
    insert_nuls,
    drop_member,
    member_change(truncate),
    member_change(flip_bytes),
    member_change(insert_nuls),
    member_change(huge_cell),
    member_change(inject_dtd),
)


def mutants(count: int, seed: int = 0, kinds: tuple[str, ...] = ()) -> Iterator[Mutant]:
    """``count`` mutated files cycling through the seed files (those whose label starts with a kind)."""
    rng = random.Random(seed)
    seeds = [s for s in seed_files() if not kinds or s[0].startswith(kinds)]
    for n in range(count):
        label, suffix, data = seeds[n % len(seeds)]
        mutators = TEXT_MUTATORS if suffix in (".csv", ".json") else BINARY_MUTATORS if label == "xls" else \
            ZIP_MUTATORS
        for _ in range(rng.choice((1, 1, 1, 2))):
            mutator = rng.choice(mutators)
            data = mutator(data, rng)
            label += f"|{mutator.__name__}"
            if not data:
                break
        yield Mutant(f"{n}:{label}", rng.choice((suffix, ".csv", ".xlsx")), data)


def read_failure(path: Path, label: str) -> str | None:
    """Read PATH as the pipeline does; None when it is read or refused with one InputError naming the
    file on one line, else what went wrong, prefixed with LABEL (how the file was made)."""
    try:
        read_all(path)
    except InputError as error:
        if error.source != path.name or "\n" in str(error):
            return f"{label}: {error!r}"
    except Exception as error:  # the point of the fuzz tests: anything else is a bug
        return f"{label}: {type(error).__name__}: {error}"
    return None
