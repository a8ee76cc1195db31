"""Document metadata as evidence: who and what made a file, and when, as the file itself says.

For PDF the document information dictionary (Producer, Creator, Author,
CreationDate, ModDate), the fonts used and the page sizes; for XLSX and DOCX
``docProps/core.xml`` (creator, lastModifiedBy, created, modified) and
``docProps/app.xml`` (Application, AppVersion), and for OpenDocument files
``meta.xml`` (generator, initial creator, creation date, date), parsed with
defusedxml after ``zipguard.check_zip``; for images the EXIF camera make and model, the times
(DateTimeOriginal, DateTime), the software and the GPS position, read by
Pillow. Values are kept verbatim in ``fields`` and normalised in the named
attributes (times as ISO text, as the file states them, zone included).

``state`` says whether the file carries metadata at all. Its absence is not
evidence: a spreadsheet printed or converted to PDF (the Karakax List) keeps
none of the spreadsheet's own metadata, and messaging apps strip EXIF.
"""

from __future__ import annotations

import enum
import re
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from defusedxml import ElementTree
from PIL import ExifTags, Image

from veracity.ingest.guard import READ_FAILURES, FileGuard

MAX_FIELD_CHARS = 500
_PDF_DATE = re.compile(r"D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?([Zz]|[+-]\d{2}'?\d{2}'?)?")
_EXIF_DATE = re.compile(r"(\d{4}):(\d{2}):(\d{2}) (\d{2}):(\d{2}):(\d{2})")


class MetadataState(enum.Enum):
    """Whether a file carries the metadata its kind can carry."""

    PRESENT = "present"    # a creating application and a time at least
    PARTIAL = "partial"    # some fields, not both of those
    ABSENT = "absent"      # none: lost in a conversion or stripped; not evidence either way


@dataclass(frozen=True)
class DocumentMetadata:
    """What a file says about its making; empty strings where it says nothing."""

    kind: str                                   # pdf, xlsx, docx, ods, odt, image
    producer: str = ""                          # PDF Producer; Office AppVersion; EXIF Software
    creator: str = ""                           # the creating application (PDF Creator, Office Application)
    author: str = ""                            # PDF Author, Office creator / lastModifiedBy
    created: str = ""                           # ISO, as stated (with its zone when given)
    modified: str = ""
    pages: int = 0
    fonts: tuple[str, ...] = ()
    page_sizes: tuple[str, ...] = ()            # "595x842 pt" per distinct size
    camera: str = ""                            # EXIF Make Model
    taken: str = ""                             # EXIF DateTimeOriginal, ISO
    gps: tuple[float, float] | None = None      # latitude, longitude in degrees
    fields: tuple[tuple[str, str], ...] = field(default=(), repr=False)

    @property
    def state(self) -> MetadataState:
        """PRESENT, PARTIAL or ABSENT (see the class of that name)."""
        made_by = self.producer or self.creator or self.camera
        when = self.created or self.modified or self.taken
        if made_by and when:
            return MetadataState.PRESENT
        return MetadataState.PARTIAL if (made_by or when or self.author or self.gps) else MetadataState.ABSENT


def _clip(value: object) -> str:
    text = value.decode("latin-1") if isinstance(value, bytes) else str(value)
    return " ".join(text.split())[:MAX_FIELD_CHARS]


def pdf_date(value: str) -> str:
    """A PDF date string as ISO text, its zone kept; '' when it is not one.

    >>> pdf_date("D:20190523101530+08'00'")
    '2019-05-23T10:15:30+08:00'
    >>> pdf_date("D:2019"), pdf_date("yesterday")
    ('2019', '')
    """
    m = _PDF_DATE.match(value.strip())
    if not m:
        return ""
    year, month, day, hour, minute, second, zone = m.groups()
    text = year + "".join(f"-{p}" for p in (month, day) if p)
    if hour:
        text += f"T{hour}:{minute or '00'}:{second or '00'}"
        if zone:
            text += "+00:00" if zone in "Zz" else f"{zone[:3]}:{zone.replace(chr(39), '')[3:5]}"
    return text


def exif_date(value: str) -> str:
    """An EXIF time ("2018:01:05 09:12:44") as ISO text; '' when it is not one.

    >>> exif_date("2018:01:05 09:12:44"), exif_date("0000:00:00 00:00:00")
    ('2018-01-05T09:12:44', '')
    """
    m = _EXIF_DATE.match(value.strip())
    if not m or m.group(1) == "0000":
        return ""
    y, mo, d, h, mi, s = m.groups()
    return f"{y}-{mo}-{d}T{h}:{mi}:{s}"


def pdf_metadata(info: Mapping[str, str], pages: int, fonts: tuple[str, ...],
                 sizes: tuple[str, ...]) -> DocumentMetadata:
    """Metadata of a PDF from its information dictionary (values already text).

    >>> m = pdf_metadata({"Producer": "LibreOffice 6.4", "CreationDate": "D:20190101"}, 3, (), ())
    >>> m.producer, m.created, m.state.value
    ('LibreOffice 6.4', '2019-01-01', 'present')
    """
    get = {k: _clip(v) for k, v in info.items()}
    return DocumentMetadata(
        "pdf", producer=get.get("Producer", ""), creator=get.get("Creator", ""), author=get.get("Author", ""),
        created=pdf_date(get.get("CreationDate", "")), modified=pdf_date(get.get("ModDate", "")),
        pages=pages, fonts=fonts, page_sizes=sizes, fields=tuple(sorted(get.items())))


_OFFICE = {"creator": "author", "lastModifiedBy": "last_modified_by", "created": "created",
           "modified": "modified", "Application": "application", "AppVersion": "app_version",
           "title": "title", "lastPrinted": "last_printed", "Company": "company"}


def office_metadata(path: Path, kind: str, guard: FileGuard) -> DocumentMetadata:
    """XLSX/DOCX metadata from docProps (the zip has passed ``check_zip``); InputError when unreadable."""
    found: dict[str, str] = {}
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            for member in ("docProps/core.xml", "docProps/app.xml"):
                if member in names:
                    root = ElementTree.fromstring(archive.read(member), forbid_dtd=True)
                    for element in root:
                        local = element.tag.rsplit("}", 1)[-1]
                        if local in _OFFICE and element.text and element.text.strip():
                            found[_OFFICE[local]] = _clip(element.text)
    except READ_FAILURES as exc:
        raise guard.failure(exc, "document properties") from None
    application = " ".join(p for p in (found.get("application", ""), found.get("app_version", "")) if p)
    return DocumentMetadata(
        kind, producer=found.get("app_version", ""), creator=application,
        author=found.get("author", "") or found.get("last_modified_by", ""),
        created=found.get("created", ""), modified=found.get("modified", ""), fields=tuple(sorted(found.items())))


_OPENDOCUMENT = {"generator": "generator", "initial-creator": "author", "creator": "last_modified_by",
                 "creation-date": "created", "date": "modified", "title": "title", "print-date": "last_printed"}


def generator_name(generator: str) -> str:
    """The application and version an OpenDocument ``meta:generator`` names.

    >>> generator_name("LibreOffice/7.3.7.2$Linux_X86_64 LibreOffice_project/30$Build-2")
    'LibreOffice 7.3.7.2'
    >>> generator_name("MicrosoftOffice/16.0 MicrosoftExcel/16.0.14326"), generator_name("")
    ('MicrosoftOffice 16.0', '')
    """
    first = generator.split("$", 1)[0].split(" ", 1)[0]
    return first.replace("/", " ", 1)


def opendocument_metadata(path: Path, kind: str, guard: FileGuard) -> DocumentMetadata:
    """ODS/ODT metadata from ``meta.xml`` (the zip has passed ``check_zip``); InputError when unreadable."""
    found: dict[str, str] = {}
    try:
        with zipfile.ZipFile(path) as archive:
            if "meta.xml" in archive.namelist():
                root = ElementTree.fromstring(archive.read("meta.xml"), forbid_dtd=True)
                for element in root.iter():
                    local = element.tag.rsplit("}", 1)[-1]
                    if local in _OPENDOCUMENT and element.text and element.text.strip():
                        found.setdefault(_OPENDOCUMENT[local], _clip(element.text))
    except READ_FAILURES as exc:
        raise guard.failure(exc, "document properties") from None
    return DocumentMetadata(
        kind, producer=found.get("generator", ""), creator=generator_name(found.get("generator", "")),
        author=found.get("author", "") or found.get("last_modified_by", ""), created=found.get("created", ""),
        modified=found.get("modified", ""), fields=tuple(sorted(found.items())))


def _degrees(value: object, ref: object) -> float | None:
    """An EXIF GPS coordinate (degrees, minutes, seconds) with its N/S/E/W reference, as signed degrees.

    >>> _degrees((37.0, 6.0, 36.0), "N"), _degrees((79.0, 55.0, 48.0), "W")
    (37.11, -79.93)
    """
    try:
        d, m, s = (float(part) for part in value)  # type: ignore[attr-defined]
    except (TypeError, ValueError, ZeroDivisionError):
        return None
    sign = -1.0 if str(ref).strip().upper() in ("S", "W") else 1.0
    return round(sign * (d + m / 60 + s / 3600), 6)


def image_metadata(image: Image.Image) -> DocumentMetadata:
    """EXIF of an opened image (header read, pixels not decoded): camera, software, times, GPS."""
    exif = image.getexif()
    tags = {ExifTags.TAGS.get(k, str(k)): v for k, v in exif.items()}
    tags.update({ExifTags.TAGS.get(k, str(k)): v for k, v in exif.get_ifd(ExifTags.IFD.Exif).items()})
    gps_ifd = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps = {ExifTags.GPSTAGS.get(k, str(k)): v for k, v in gps_ifd.items()}
    fields = {k: _clip(v) for k, v in tags.items() if isinstance(v, str | int | float | bytes) and k != "MakerNote"}
    fields.update({f"GPS{k}": _clip(v) for k, v in gps.items()})
    lat = _degrees(gps.get("GPSLatitude"), gps.get("GPSLatitudeRef", "N"))
    lon = _degrees(gps.get("GPSLongitude"), gps.get("GPSLongitudeRef", "E"))
    camera = " ".join(p for p in (fields.get("Make", ""), fields.get("Model", "")) if p)
    return DocumentMetadata(
        "image", producer=fields.get("Software", ""), author=fields.get("Artist", ""),
        created=exif_date(fields.get("DateTimeDigitized", "")), modified=exif_date(fields.get("DateTime", "")),
        pages=1, camera=camera, taken=exif_date(fields.get("DateTimeOriginal", "")),
        gps=(lat, lon) if lat is not None and lon is not None else None, fields=tuple(sorted(fields.items())))
