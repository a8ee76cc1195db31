"""Images (photos and scans of pages): EXIF metadata, and text and ruled tables by OCR.

Pillow opens only PNG, JPEG, TIFF, GIF and WebP (never FITS, EPS or the
other formats it knows), reads the header first, and the image's size is
checked against ``Limits.max_image_pixels`` before a single pixel is decoded
(a decompression bomb declares its size honestly: it is the compression that
lies). The file's structure is verified first (``Image.verify``): another
library in the process (WeasyPrint) sets Pillow's global
``LOAD_TRUNCATED_IMAGES``, which would otherwise let a truncated scan through
padded with grey. A multi-page TIFF is a document of pages, at most ``Limits.max_pages``;
each frame is a page. EXIF is read before OCR, so a photo whose text cannot
be read still gives its camera, times and GPS. A photo's EXIF orientation is
applied before OCR, and OCR turns any page upright (see ``ocr``). Ruled tables of successive
pages are joined as in a PDF (``stitch``) and named ``table N``.
"""

from __future__ import annotations

import warnings
from pathlib import Path

from PIL import Image, ImageOps, ImageSequence, UnidentifiedImageError

from veracity.ingest.documents import Document, PageText, TableOrigin
from veracity.ingest.guard import READ_FAILURES, FileGuard
from veracity.ingest.metadata import image_metadata
from veracity.ingest.ocr import ocr_image, turned_notes
from veracity.ingest.pdf_reader import PdfRead
from veracity.ingest.stitch import Fragment, stitch
from veracity.ingest.table import RawTable

FORMATS = ("PNG", "JPEG", "TIFF", "GIF", "WEBP")
FAILURES: tuple[type[BaseException], ...] = (*READ_FAILURES, UnidentifiedImageError, Image.DecompressionBombError,
                                             Image.DecompressionBombWarning)


def check_pixels(size: tuple[int, int], guard: FileGuard, place: str) -> None:
    """Refuse an image larger than ``Limits.max_image_pixels`` (checked before decoding)."""
    pixels = max(1, size[0]) * max(1, size[1])
    if pixels > guard.limits.max_image_pixels:
        raise guard.error(f"{size[0]}x{size[1]} = {pixels} pixels, more than the limit of "
                          f"{guard.limits.max_image_pixels} (a decompression bomb?)", place)


def open_image(path: Path, guard: FileGuard) -> PdfRead:
    """The image's tables (by OCR) and its Document; InputError naming the file and page."""
    texts: list[PageText] = []
    fragments: list[Fragment] = []
    turns: list[tuple[int, int]] = []
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path, formats=FORMATS) as probe:
                probe.verify()  # chunk structure and CRCs, whatever ImageFile.LOAD_TRUNCATED_IMAGES says
            with Image.open(path, formats=FORMATS) as image:
                metadata = image_metadata(image)
                frames = getattr(image, "n_frames", 1)
                if frames > guard.limits.max_pages:
                    raise guard.error(f"{frames} pages, more than the limit of {guard.limits.max_pages}")
                for number, frame in enumerate(ImageSequence.Iterator(image), 1):
                    check_pixels(frame.size, guard, f"page {number}")
                    frame.load()
                    read = ocr_image(ImageOps.exif_transpose(frame), number, guard)
                    turns.append((number, read.turned))
                    texts.append(read.text)
                    fragments.extend(read.fragments)
    except FAILURES as exc:
        raise guard.failure(exc, f"page {len(texts) + 1}") from None
    stitched = stitch(fragments, guard.limits)
    tables = tuple(RawTable(f"table {n}", iter(t.rows)) for n, t in enumerate(stitched, 1))
    origins = tuple(TableOrigin(f"table {n}", t.origins) for n, t in enumerate(stitched, 1))
    notes = (f"read by OCR ({len(texts)} page(s)); confidence kept per cell", *turned_notes(turns))
    return PdfRead(tables, Document(metadata, tuple(texts), origins, notes), notes)
