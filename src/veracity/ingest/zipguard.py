"""Checks a zip container (XLSX, DOCX) must pass before openpyxl or python-docx may open it.

Refused, each as an InputError naming the file and the member:

- a corrupt or truncated archive, an encrypted member, a member name that is
  absolute or climbs out of the archive (``..``);
- more members than ``Limits.max_zip_members``; a member whose declared
  uncompressed size passes ``Limits.max_member_bytes`` or whose ratio of
  uncompressed to compressed size passes ``Limits.max_compression_ratio``;
  members together larger than ``Limits.max_unpacked_bytes`` (zip bombs).
  ``zipfile`` never inflates a member past its declared size (it stops and
  the CRC check fails), so checking declared sizes bounds what is unpacked;
- any XML member whose prolog declares a DTD, an entity or an external
  reference (billion laughs, XXE). The prolog is parsed with defusedxml's
  parser, set to forbid all three, up to the root element, where a DTD can
  no longer appear. A member is XML when its first bytes, ignoring a BOM,
  whitespace and NUL bytes (UTF-16), are ``<``, whatever its name.
"""

from __future__ import annotations

import zipfile
from pathlib import Path, PurePosixPath

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser

from veracity.ingest.guard import READ_FAILURES, FileGuard

XML_PROBE = 512
PROLOG_CHUNK = 16384
BOM_AND_SPACE = b"\xef\xbb\xbf\xff\xfe \t\r\n\x00"


class _RootReached(Exception):
    """Raised by the prolog parser's target at the first element: the prolog is over."""


class _StopAtRoot:
    """An ElementTree parser target that stops parsing at the root element."""

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        raise _RootReached

    def close(self) -> None:
        return None


def unsafe_name(name: str) -> bool:
    """True for a member name that is absolute or leaves the archive.

    >>> unsafe_name("xl/worksheets/sheet1.xml")
    False
    >>> unsafe_name("../../etc/passwd"), unsafe_name("/etc/passwd"), unsafe_name("C:\\\\x")
    (True, True, True)
    """
    path = PurePosixPath(name.replace("\\", "/"))
    return path.is_absolute() or ".." in path.parts or (len(name) > 1 and name[1] == ":")


def member_names(path: Path, guard: FileGuard) -> list[str]:
    """The member names of a zip file, or an InputError when it is not a readable zip."""
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except READ_FAILURES as exc:
        raise guard.failure(exc, "zip directory") from None
    return [info.filename for info in infos]


def check_zip(path: Path, guard: FileGuard) -> None:
    """Apply every check of this module to the zip file at ``path``."""
    place = "zip directory"
    try:
        with zipfile.ZipFile(path) as archive:
            _check_sizes(archive, guard)
            for info in archive.infolist():
                place = f"member {info.filename}"
                guard.check_clock(place)
                _check_prolog(archive, info, guard, place)
    except READ_FAILURES as exc:
        raise guard.failure(exc, place) from None


def _check_sizes(archive: zipfile.ZipFile, guard: FileGuard) -> None:
    """Names, encryption and declared sizes of every member."""
    limits, total = guard.limits, 0
    if len(archive.infolist()) > limits.max_zip_members:
        raise guard.error(f"{len(archive.infolist())} zip members, more than {limits.max_zip_members}")
    for info in archive.infolist():
        place = f"member {info.filename}"
        if unsafe_name(info.filename):
            raise guard.error("member name leaves the archive (path traversal)", place)
        if info.flag_bits & 0x1:
            raise guard.error("encrypted zip member", place)
        if info.file_size > limits.max_member_bytes:
            size = info.file_size
            raise guard.error(f"unpacks to {size} bytes, more than {limits.max_member_bytes}", place)
        if info.file_size > limits.max_compression_ratio * max(info.compress_size, 1):
            ratio = info.file_size / max(info.compress_size, 1)
            raise guard.error(
                f"compression ratio {ratio:.0f}, more than {limits.max_compression_ratio:g} (zip bomb)", place
            )
        total += info.file_size
        if total > limits.max_unpacked_bytes:
            raise guard.error(f"members unpack to more than {limits.max_unpacked_bytes} bytes", place)


def _check_prolog(archive: zipfile.ZipFile, info: zipfile.ZipInfo, guard: FileGuard, place: str) -> None:
    """Refuse a DTD, entity or external reference before the root element of an XML member."""
    with archive.open(info) as member:
        first = member.read(XML_PROBE)
        if not first.lstrip(BOM_AND_SPACE).startswith(b"<"):
            return
        parser = DefusedXMLParser(target=_StopAtRoot(), forbid_dtd=True, forbid_entities=True)
        chunk = first
        try:
            while chunk:
                parser.feed(chunk)
                guard.check_clock(place)
                chunk = member.read(PROLOG_CHUNK)
            parser.close()
        except _RootReached:
            return
        except DefusedXmlException as exc:
            what = type(exc).__name__
            raise guard.error(f"XML declares a DTD or entity, refused ({what})", place) from None
