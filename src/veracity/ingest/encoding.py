"""The text encoding of a CSV file, detected from its bytes by fixed rules and never guessed silently.

The rules, in order (the first that applies decides):

1. a byte-order mark: UTF-8, UTF-16 LE or UTF-16 BE;
2. a NUL-byte pattern in the first 4 KiB: NULs on odd offsets mean UTF-16 LE,
   on even offsets UTF-16 BE (ASCII digits, commas and newlines are
   ``xx 00`` in UTF-16 LE); other NUL bytes mean a binary file;
3. the whole file decodes as strict UTF-8 (ASCII is UTF-8);
4. the file decodes as strict Big5 (Microsoft's code page 950, what Excel
   writes on Traditional Chinese Windows) and its Han characters are far
   more often among Big5's frequent characters than, read as GB18030,
   among GB2312's (``frequent_share``): GB18030 decodes most Big5 byte
   pairs, to rare characters and symbols (and many Big5 characters end in
   an ASCII byte, which rule 5 would take for Western letters);
5. most of its non-ASCII bytes stand alone (one byte between ASCII
   characters, not before a digit), as the accented letters of a Western
   code page do (Müller, Ümid, José in Excel's "CSV" on Western Windows),
   and the whole file decodes as strict Windows-1252; GB18030 writes a
   character as a pair of bytes, or as four with digits second and fourth;
6. the whole file decodes as strict GB18030 (a superset of GBK and GB2312);
7. otherwise an InputError naming the byte offset and line of the first
   byte that neither UTF-8 nor GB18030 can decode.

Every rule ends with one strict decoding pass over the whole file before a
row is yielded, so the encoding recorded in provenance holds for every line
(and an undecodable byte is reported with its offset and line up front); the
pass also measures the longest line, which spares the CSV reader a per-cell
length check when no line is longer than ``Limits.max_cell_chars``. GB18030 decodes most byte pairs,
so a Western file whose accented letters come in pairs may decode as (wrong) GB18030 text, and a Big5
file with few Han characters may too; the evidence string says why an encoding was chosen so that a
reviewer can judge.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from pathlib import Path

from veracity.ingest.guard import FileGuard

BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
NEWLINES = {"utf-16-le": b"\n\x00", "utf-16-be": b"\x00\n"}
NUL_SAMPLE = 4096
CHUNK = 1 << 20
HAN_SAMPLE = 1 << 18  # bytes read to weigh Big5 against GB18030 (rule 5)
BIG5_SHARE = 0.6  # the least share of frequent characters a Big5 reading must have
BIG5_MARGIN = 0.25  # how much larger Big5's share of frequent characters must be than GB18030's
# Frequent characters: GB2312 level 1 (the 3,755 most used simplified ones), Big5 frequent (5,401).
_FREQUENT = {"gb2312": (0xB0A1, 0xD7FE), "cp950": (0xA440, 0xC67E)}
HIGH_RUNS = 2000  # runs of non-ASCII bytes looked at to tell a Western code page from GB18030 (rule 4)
_HIGH_RUN = re.compile(rb"[\x80-\xff]+")
# C0 control characters that never occur in a text table (tab, newlines, form feed kept).
CONTROLS = tuple(chr(c) for c in range(32) if chr(c) not in "\t\n\r\x0b\x0c")


@dataclass(frozen=True)
class TextEncoding:
    """How a text file is decoded: ``codec`` after skipping ``bom`` bytes, and why."""

    codec: str        # Python codec name: utf-8, gb18030, cp950, cp1252, utf-16-le or utf-16-be
    bom: int          # length of the byte-order mark skipped (0 when none)
    evidence: str     # the rule that decided, for provenance

    @property
    def name(self) -> str:
        """The encoding as recorded in provenance.

        >>> TextEncoding("utf-8", 3, "byte-order mark").name
        'utf-8-sig'
        >>> TextEncoding("utf-16-le", 0, "NUL bytes").name
        'utf-16-le'
        """
        return "utf-8-sig" if self.codec == "utf-8" and self.bom else self.codec

    def decode(self, data: bytes) -> str:
        """DATA, a whole file's bytes, as text: the byte-order mark skipped, decoded strictly.

        >>> TextEncoding("utf-8", 3, "byte-order mark").decode(b"\\xef\\xbb\\xbf\\xe5\\xa7\\x93")
        '姓'
        """
        return data[self.bom:].decode(self.codec)


def from_bom(head: bytes) -> TextEncoding | None:
    """The encoding named by a byte-order mark at the start of ``head``.

    >>> from_bom(b"\\xff\\xfeA\\x00").codec
    'utf-16-le'
    >>> from_bom(b"abc") is None
    True
    """
    for bom, codec in BOMS:
        if head.startswith(bom):
            return TextEncoding(codec, len(bom), "byte-order mark")
    return None


def utf16_from_nuls(head: bytes) -> str | None:
    """UTF-16 LE or BE when NUL bytes fall mostly on one parity of offsets in the first 4 KiB.

    >>> utf16_from_nuls("姓名,性别\\n".encode("utf-16-le"))
    'utf-16-le'
    >>> utf16_from_nuls("name,sex\\n".encode("utf-16-be"))
    'utf-16-be'
    >>> utf16_from_nuls(b"name,sex\\n") is None
    True
    """
    sample = head[: NUL_SAMPLE - NUL_SAMPLE % 2]
    units = len(sample) // 2
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    if odd * 10 >= units > 0 and odd > 4 * even:
        return "utf-16-le"
    if even * 10 >= units > 0 and even > 4 * odd:
        return "utf-16-be"
    return None


def binary_reason(text: str) -> str | None:
    """Why decoded text looks like a binary file rather than a table, or None.

    >>> binary_reason("a,b\\n1,2\\n") is None
    True
    >>> binary_reason("PK\\x03\\x04\\x00\\x00")
    'contains NUL characters'
    """
    if "\x00" in text:
        return "contains NUL characters"
    controls = sum(text.count(c) for c in CONTROLS)
    if controls * 100 > len(text):
        return f"{controls} control characters in the first {len(text)}"
    return None


def after_last_newline(data: bytes, newline: bytes) -> int:
    """Length of the longest prefix of ``data`` that ends with ``newline`` at an aligned offset.

    >>> after_last_newline(b"ab\\ncd", b"\\n"), after_last_newline(b"a\\x00\\n\\x00b\\x00", b"\\n\\x00")
    (3, 4)
    >>> after_last_newline(b"\\x00\\n\\x00a", b"\\n\\x00")
    0
    """
    width = len(newline)
    pos = data.rfind(newline)
    while pos > 0 and pos % width:
        pos = data.rfind(newline, 0, pos + width - 1)
    return pos + width if pos >= 0 else 0


@dataclass(frozen=True)
class TextScan:
    """One strict decoding pass over a file: where it first failed, and its longest line."""

    bad: tuple[int, int] | None   # (byte offset, line) of the first undecodable byte
    longest_line: int             # characters, of the lines decoded before ``bad``


def scan_text(path: Path, codec: str, skip: int, guard: FileGuard) -> TextScan:
    """Decode the whole file strictly with ``codec``, after ``skip`` bytes.

    Chunks are cut after a newline (the byte 0x0A is never part of a multi-byte
    UTF-8 or GB18030 character; in UTF-16 the aligned newline unit), so each
    piece decodes on its own.
    """
    newline = NEWLINES.get(codec, b"\n")
    offset, line, longest, carry = skip, 1, 0, b""
    with path.open("rb") as f:
        f.seek(skip)
        while True:
            chunk = f.read(CHUNK)
            data = carry + chunk
            cut = after_last_newline(data, newline) if chunk else len(data)
            piece, carry = data[:cut], data[cut:]
            try:
                lines = piece.decode(codec).split("\n")
            except UnicodeDecodeError as exc:
                bad = (offset + exc.start, line + piece[: exc.start].decode(codec).count("\n"))
                return TextScan(bad, longest)
            offset, line, longest = offset + len(piece), line + len(lines) - 1, max(longest, *map(len, lines))
            if not chunk:
                return TextScan(None, longest)
            guard.check_clock(f"byte {offset} (checking the encoding)")


def high_byte_runs(data: bytes) -> tuple[int, int]:
    """How many runs of non-ASCII bytes in DATA are one byte not followed by an ASCII digit (an accented
    letter of a Western code page), and how many runs there are.

    >>> high_byte_runs("Müller,Ümid\\n".encode("cp1252")), high_byte_runs("姓名,ئەلى\\n".encode("gb18030"))
    ((2, 2), (0, 9))
    """
    lone = runs = 0
    for run in _HIGH_RUN.finditer(data):
        runs += 1
        lone += run.end() - run.start() == 1 and not data[run.end() : run.end() + 1].isdigit()
    return lone, runs


def frequent_share(text: str, codec: str) -> float:
    """The share of TEXT's non-ASCII characters that are frequent Han characters of CODEC (gb2312 or cp950).

    >>> frequent_share("买买提·吐尔逊", "gb2312"), frequent_share("買買提·吐爾遜", "cp950")
    (0.86, 0.86)
    >>> frequent_share("買買提·吐爾遜".encode("cp950").decode("gb18030"), "gb2312")
    0.43
    """
    low, high = _FREQUENT[codec]
    wide = frequent = 0
    for ch in text:
        if ord(ch) >= 0x80:
            wide += 1
            code = ch.encode(codec, errors="ignore") if "\u4e00" <= ch <= "\u9fff" else b""
            frequent += len(code) == 2 and low <= int.from_bytes(code, "big") <= high
    return round(frequent / wide, 2) if wide else 0.0


def _big5_shares(path: Path) -> tuple[float, float] | None:
    """``frequent_share`` of the start of the file read as GB18030 and as Big5, or None when it is not Big5."""
    with path.open("rb") as f:
        head = f.read(HAN_SAMPLE)
    head = head[: after_last_newline(head, b"\n")] if len(head) == HAN_SAMPLE else head
    try:
        big5 = head.decode("cp950")
    except UnicodeDecodeError:
        return None
    return frequent_share(head.decode("gb18030", errors="replace"), "gb2312"), frequent_share(big5, "cp950")


def _looks_western(path: Path, guard: FileGuard) -> tuple[int, int]:
    """``high_byte_runs`` of the file, read until HIGH_RUNS runs are seen (a run across two reads counts twice)."""
    lone = runs = 0
    with path.open("rb") as f:
        while runs < HIGH_RUNS and (chunk := f.read(CHUNK)):
            more, seen = high_byte_runs(chunk)
            lone, runs = lone + more, runs + seen
            guard.check_clock(f"byte {f.tell()} (checking the encoding)")
    return lone, runs


def detect_encoding(path: Path, head: bytes, guard: FileGuard) -> tuple[TextEncoding, TextScan]:
    """Apply the module's rules to a file whose first bytes are ``head``; every rule ends with a full scan."""
    found = from_bom(head)
    utf16 = utf16_from_nuls(head)
    if found is None and utf16:
        found = TextEncoding(utf16, 0, "NUL-byte pattern of UTF-16")
    if found:
        scan = scan_text(path, found.codec, found.bom, guard)
        if scan.bad:
            raise guard.error(f"not valid {found.name} text", place_of(scan.bad))
        return found, scan
    if b"\x00" in head:
        raise guard.error("binary file, not text (NUL bytes)", f"byte {head.index(0)}")
    utf8 = scan_text(path, "utf-8", 0, guard)
    if utf8.bad is None:
        return TextEncoding("utf-8", 0, "strict UTF-8 decoding of the whole file"), utf8
    where = place_of(utf8.bad)
    shares = _big5_shares(path)
    if shares and shares[1] >= max(BIG5_SHARE, shares[0] + BIG5_MARGIN):
        big5 = scan_text(path, "cp950", 0, guard)
        if big5.bad is None:
            evidence = (f"not UTF-8 ({where}); {shares[1]:.0%} of the non-ASCII characters read as Big5 are "
                        f"frequent Han characters, {shares[0]:.0%} read as GB18030; strict Big5 (cp950) decoding "
                        "of the whole file")
            return TextEncoding("cp950", 0, evidence), big5
    lone, runs = _looks_western(path, guard)
    if lone * 2 > runs:
        western = scan_text(path, "cp1252", 0, guard)
        if western.bad is None:
            evidence = (f"not UTF-8 ({where}); {lone} of {runs} runs of non-ASCII bytes are one byte alone, as "
                        "accented letters of a Western code page are; strict Windows-1252 decoding of the whole file")
            return TextEncoding("cp1252", 0, evidence), western
    gb = scan_text(path, "gb18030", 0, guard)
    if gb.bad is None:
        evidence = f"not UTF-8 ({where}); strict GB18030 decoding of the whole file"
        return TextEncoding("gb18030", 0, evidence), gb
    raise guard.error(
        f"neither UTF-8 (first bad byte at {where}) nor GB18030 text; convert it to UTF-8", place_of(gb.bad)
    )


def place_of(position: tuple[int, int]) -> str:
    """The place of a (byte offset, line) position in an error.

    >>> place_of((18, 2))
    'byte 18, line 2'
    """
    return f"byte {position[0]}, line {position[1]}"

