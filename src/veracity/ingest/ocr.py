"""OCR of scanned pages with Tesseract: page text, and ruled tables cell by cell, each cell with its confidence.

Tesseract runs through pytesseract (a maintained wrapper around the
``tesseract`` command: a subprocess, so ``Limits.ocr_seconds_per_page``, the
budget of all of a page's Tesseract runs together, is enforced by killing
it, and a crash in Tesseract cannot take veracity down; tesserocr would need
a C++ build against libtesseract). Languages are
``chi_sim+uig+eng`` for text and ``HanS`` (Tesseract's model of the
simplified Han script, Debian's tesseract-ocr-script-hans) for table cells.
The script model reads the rare characters of transliterated names that the
language model "corrects" towards common words (chi_sim read 帕提古丽 as
帕提十丽 and 吐尔逊 as 吐尔示), and its digits are as good; with eng added
Tesseract read some Chinese names as Latin junk; Uyghur Arabic script in a
cell is rare in registers and triples the time. Missing language data is a
``ConfigError`` that names the Debian package.

Tables: ruling lines are found on the binarised page (a row of pixels dark
over ``RULE_SHARE`` of the page width is a horizontal rule; within the span
of the rules, a column dark over ``COLUMN_SHARE`` of that height a vertical
one), erased, and the table area is read once (``--psm 6``). Each word goes
to the grid cell holding its centre; a cell's confidence is the lowest of
its words' (0..1), so a finding on a cell can say how sure the reading is.
A single dot-like mark between two CJK characters is read as the middle dot
of transliterated Uyghur names (Tesseract reads "·" as . , “ " * or …), and
so is a dot-sized box between two CJK characters when Tesseract dropped the
mark itself (``hidden_dots``).
A lone mark read with low confidence at the edge of a cell (a ``。`` after
性别, the remnant of an erased rule) is noise and dropped.
A page without rules gives text only.

Every page is first turned upright by Tesseract's orientation detection
(``--psm 0``, the osd data): a page scanned sideways or upside down is read
as the same table; the reader notes each page it turned.
"""

from __future__ import annotations

import io
import re
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace

import numpy as np
from numpy.typing import NDArray
from PIL import Image

from veracity.errors import ConfigError
from veracity.ingest.documents import PageText
from veracity.ingest.guard import FileGuard
from veracity.ingest.stitch import Fragment

TEXT_LANGUAGES = "chi_sim+uig+eng"
TABLE_LANGUAGES = "HanS"
LANGUAGE_PACKAGES = "tesseract-ocr-chi-sim tesseract-ocr-script-hans tesseract-ocr-uig tesseract-ocr-eng"
RULE_SHARE = 0.3
COLUMN_SHARE = 0.8
ERASE = 4            # pixels around a rule painted white
MIN_CELLS = 2
_CJK = re.compile(r"[\u3400-\u9fff·]")
_DOT = re.compile(r"(?<=[\u3400-\u9fff])\s*[.,，。、“”\"'`·•・\-_…*]+\s*(?=[\u3400-\u9fff])")
_EDGE_MARKS = "“”\"'`|"  # remnants of an erased rule at a cell's edge
DOT_SHARE = 0.35     # a box smaller than this share of the cell's glyph height holds a dot, not a character
ORIENTATION_CONFIDENCE = 2.0  # Tesseract OSD on the bench scans: 3.6-9.5 whole page, 9.8-10.7 its centre
NOISE_CONFIDENCE = 0.5  # a lone mark at a cell's edge read below this is noise (the 。 invented after 性别 read 0.39)


@dataclass(frozen=True)
class Word:
    """One word Tesseract read: text, confidence in [0, 1], box in pixels, and its line."""

    text: str
    confidence: float
    left: int
    top: int
    width: int
    height: int
    line: tuple[int, int, int] = (0, 0, 0)


@dataclass(frozen=True)
class OcrRead:
    """What one page gave: its text, its table fragments, and the degrees it was turned clockwise to read it."""

    text: PageText
    fragments: tuple[Fragment, ...]
    turned: int = 0


def name_dots(text: str) -> str:
    """A dot-like mark read between two CJK characters as the middle dot of a transliterated name.

    Quote marks left at a cell's edge by an erased rule are dropped.

    >>> name_dots("阿依古丽.吐尔逊"), name_dots("买买提“， 库尔班"), name_dots("”姓名"), name_dots("1979-01-20")
    ('阿依古丽·吐尔逊', '买买提·库尔班', '姓名', '1979-01-20')
    >>> name_dots("帕提古丽*库尔班"), name_dots("阿依古丽… 阿不都拉")
    ('帕提古丽·库尔班', '阿依古丽·阿不都拉')
    """
    return _DOT.sub("·", text.strip(_EDGE_MARKS))


def _is_mark(word: Word) -> bool:
    return not any(ch.isalnum() for ch in word.text)


def drop_edge_noise(words: Sequence[Word]) -> list[Word]:
    """A cell's words left to right, less a lone mark read with low confidence at either edge.

    >>> [w.text for w in drop_edge_noise([Word("性别", 0.9, 0, 0, 80, 40), Word("。", 0.39, 90, 0, 14, 40)])]
    ['性别']
    >>> [w.text for w in drop_edge_noise([Word("买买提", 0.9, 0, 0, 80, 40), Word("·", 0.2, 85, 0, 9, 9),
    ...                                   Word("肉孜", 0.9, 100, 0, 40, 40)])]
    ['买买提', '·', '肉孜']
    """
    kept = sorted(words, key=lambda w: w.left)
    while kept and _is_mark(kept[-1]) and kept[-1].confidence < NOISE_CONFIDENCE:
        kept.pop()
    while kept and _is_mark(kept[0]) and kept[0].confidence < NOISE_CONFIDENCE:
        kept.pop(0)
    return kept


def _is_dot_box(word: Word, glyph: float) -> bool:
    return max(word.width, word.height) < DOT_SHARE * glyph


def hidden_dots(words: Sequence[Word]) -> list[Word]:
    """A cell's words left to right, a CJK character read on a dot-sized box between two others given its dot.

    When Tesseract's line model drops the middle dot of a name, the character before it is reported on
    the dot's box (10 x 9 pixels among 40-pixel glyphs); the box shows the dot was there.

    >>> cell = [Word("米", 0.9, 120, 0, 58, 43), Word("热", 0.15, 214, 17, 10, 9), Word("阿", 0.9, 262, 0, 24, 41)]
    >>> "".join(w.text for w in hidden_dots(cell))
    '米热·阿'
    """
    kept = sorted(words, key=lambda w: w.left)
    if len(kept) < 3:
        return kept
    glyph = float(np.median([w.height for w in kept]))
    out = [kept[0]]
    for before, word, after in zip(kept, kept[1:], kept[2:], strict=False):
        cjk = all(_CJK.fullmatch(w.text[-1]) for w in (before, word, after))
        out.append(replace(word, text=word.text + "·") if cjk and _is_dot_box(word, glyph) else word)
    return [*out, kept[-1]]


def join_words(words: Sequence[Word]) -> str:
    """Words of one cell or line, left to right: a space only where the gap is wider than half a glyph.

    >>> join_words([Word("买买", 0.9, 0, 0, 40, 20), Word("提", 0.9, 42, 0, 20, 20)])
    '买买提'
    >>> join_words([Word("Tursun", 0.9, 0, 0, 60, 20), Word("Memet", 0.9, 80, 0, 50, 20)])
    'Tursun Memet'
    >>> join_words([Word("阿依", 0.9, 0, 0, 40, 20), Word("古丽", 0.9, 80, 0, 40, 20)])
    '阿依古丽'
    """
    out = ""
    previous: Word | None = None
    for word in sorted(words, key=lambda w: w.left):
        if previous is not None:
            gap = word.left - (previous.left + previous.width)
            cjk = _CJK.match(word.text[0]) and _CJK.match(previous.text[-1])
            out += " " if gap > max(previous.height, word.height) / 2 and not cjk else ""
        out += word.text
        previous = word
    return out


def _rules(share: NDArray[np.float64], threshold: float) -> list[tuple[int, int]]:
    """Runs of consecutive indices whose dark share passes THRESHOLD, as (first, last)."""
    runs: list[tuple[int, int]] = []
    for i in np.flatnonzero(share > threshold).tolist():
        if runs and i - runs[-1][1] <= 2:
            runs[-1] = (runs[-1][0], i)
        else:
            runs.append((i, i))
    return runs


def find_grid(pixels: NDArray[np.uint8]) -> tuple[list[int], list[int]]:
    """Row and column rule positions (centres, in pixels) of the ruled table on a greyscale page."""
    dark = pixels < 128
    rows = _rules(dark.mean(axis=1), RULE_SHARE)
    if len(rows) < MIN_CELLS:
        return [], []
    top, bottom = rows[0][0], rows[-1][1]
    columns = _rules(dark[top : bottom + 1].mean(axis=0), COLUMN_SHARE)
    if len(columns) < MIN_CELLS:
        return [], []
    return [(a + b) // 2 for a, b in rows], [(a + b) // 2 for a, b in columns]


@contextmanager
def _tesseract_errors(languages: str, guard: FileGuard, place: str) -> Iterator[None]:
    """Tesseract's failures as one InputError naming the page; missing language data as a ConfigError."""
    import pytesseract  # type: ignore[import-untyped]

    try:
        yield
    except pytesseract.TesseractError as exc:  # a RuntimeError too: caught before the timeout's
        if "Failed loading language" in str(exc):
            raise ConfigError(f"Tesseract lacks the language data {languages} (Debian: {LANGUAGE_PACKAGES})") from None
        raise guard.failure(exc, place) from None
    except RuntimeError as exc:  # pytesseract's timeout
        raise guard.error(f"OCR took longer than {guard.limits.ocr_seconds_per_page:g} s; stopped", place) from exc
    except (OSError, ValueError) as exc:
        raise guard.failure(exc, place) from None


def _seconds_left(deadline: float) -> float:
    """Seconds left to the page's deadline; at least a sliver, so a spent budget fails in Tesseract's timeout."""
    return max(0.001, deadline - time.monotonic())


def _tesseract(image: Image.Image, languages: str, guard: FileGuard, place: str, deadline: float) -> list[Word]:
    import pytesseract

    with _tesseract_errors(languages, guard, place):
        data = pytesseract.image_to_data(image, lang=languages, config="--psm 6", timeout=_seconds_left(deadline),
                                         output_type=pytesseract.Output.DICT)
    words = []
    for k, text in enumerate(data["text"]):
        if text.strip() and float(data["conf"][k]) >= 0:
            words.append(Word(text.strip(), float(data["conf"][k]) / 100, int(data["left"][k]),
                              int(data["top"][k]), int(data["width"][k]), int(data["height"][k]),
                              (int(data["block_num"][k]), int(data["par_num"][k]), int(data["line_num"][k]))))
    return words


def turn_needed(image: Image.Image, guard: FileGuard, place: str, deadline: float) -> int:
    """Degrees clockwise that turn the page upright (0, 90, 180 or 270), by Tesseract's orientation detection.

    The centre of the page (half its width and height) is looked at first: it is faster and, without
    the margins, as sure; the whole page when the centre has too little text. 0 when the detection is
    unsure (confidence under ``ORIENTATION_CONFIDENCE``) or the page has too little text to tell.
    """
    width, height = image.size
    centre = image.crop((width // 4, height // 4, width - width // 4, height - height // 4))
    for view in (centre, image):
        found = _orientation(view, guard, place, deadline)
        if found is not None:
            degrees, confidence = found
            return degrees if confidence >= ORIENTATION_CONFIDENCE else 0
    return 0


def _orientation(image: Image.Image, guard: FileGuard, place: str, deadline: float) -> tuple[int, float] | None:
    """Tesseract's (degrees to turn clockwise, confidence), or None when the image has too few characters."""
    import pytesseract

    with _tesseract_errors("osd", guard, place):
        try:
            osd = pytesseract.image_to_osd(image, config="--psm 0", timeout=_seconds_left(deadline),
                                           output_type=pytesseract.Output.DICT)
        except pytesseract.TesseractError as exc:
            if "Too few characters" in str(exc):
                return None
            raise
    return int(osd["rotate"]) % 360, float(osd["orientation_conf"])


def _cells(words: Sequence[Word], ys: list[int], xs: list[int]) -> Fragment:
    """Words placed in the grid cells holding their centres."""
    cells: dict[tuple[int, int], list[Word]] = {}
    for word in words:
        cy, cx = word.top + word.height / 2, word.left + word.width / 2
        r = next((i for i in range(len(ys) - 1) if ys[i] <= cy < ys[i + 1]), None)
        c = next((j for j in range(len(xs) - 1) if xs[j] <= cx < xs[j + 1]), None)
        if r is not None and c is not None:
            cells.setdefault((r, c), []).append(word)
    rows, confidences = [], []
    for r in range(len(ys) - 1):
        found = [hidden_dots(drop_edge_noise(cells.get((r, c), []))) for c in range(len(xs) - 1)]
        rows.append(tuple(name_dots(join_words(w)) for w in found))
        confidences.append(tuple(min(x.confidence for x in w) if w else None for w in found))
    width = (xs[-1] - xs[0]) or 1
    widths = tuple(round((b - a) / width, 4) for a, b in zip(xs, xs[1:], strict=False))
    return Fragment(0, tuple(rows), widths, tuple(confidences), first_on_page=True, last_on_page=True)


def ocr_image(image: Image.Image, page: int, guard: FileGuard) -> OcrRead:
    """OCR of one page image (pixels already checked against the limits)."""
    place = f"page {page}"
    guard.check_clock(place)
    deadline = time.monotonic() + guard.limits.ocr_seconds_per_page
    image = image.convert("L")
    turned = turn_needed(image, guard, place, deadline)
    if turned:
        image = image.rotate(-turned, expand=True, fillcolor=255)
    grey = np.asarray(image, dtype=np.uint8)
    ys, xs = find_grid(grey)
    if not ys:
        words = _tesseract(image, TEXT_LANGUAGES, guard, place, deadline)
        return OcrRead(_page_text(words, page), (), turned)
    clean = grey.copy()
    for y in ys:
        clean[max(0, y - ERASE) : y + ERASE + 1, xs[0] : xs[-1] + 1] = 255
    for x in xs:
        clean[ys[0] : ys[-1] + 1, max(0, x - ERASE) : x + ERASE + 1] = 255
    left, top = xs[0], ys[0]
    words = _column_words(clean[top : ys[-1] + 1, left : xs[-1] + 1], [x - left for x in xs], guard, place, deadline)
    fragment = _cells(words, [y - top for y in ys], [x - left for x in xs])
    text = "\n".join(" ".join(str(c) for c in row if c) for row in fragment.rows)
    confidence = _mean(words)
    return OcrRead(PageText(page, text, True, confidence), (Fragment(page, fragment.rows, fragment.widths,
                                                                     fragment.confidences, True, True),), turned)


def _column_words(band: NDArray[np.uint8], xs: list[int], guard: FileGuard, place: str, deadline: float
                  ) -> list[Word]:
    """Each column of the table BAND (cropped to the grid; XS its column lines) read on its own (``--psm 6``), its
    words placed back in table coordinates.

    Read as a whole, the table's lines run across columns, and Tesseract let one cell's reading colour its
    neighbour's (a 上 before 古丽米热 next to a three-digit serial); a column alone is a list of short lines.
    """
    words: list[Word] = []
    for a, b in zip(xs, xs[1:], strict=False):
        strip = band[:, a:b]
        if (strip < 128).any():
            words += [Word(w.text, w.confidence, w.left + a, w.top, w.width, w.height, w.line)
                      for w in _tesseract(Image.fromarray(strip), TABLE_LANGUAGES, guard, place, deadline)]
    return words


def turned_notes(turns: Sequence[tuple[int, int]]) -> tuple[str, ...]:
    """A note for each (page, degrees) turn that was not 0, so a reader knows how the page was read.

    >>> turned_notes([(1, 0), (2, 90)])
    ('page 2 was turned 90° clockwise to be read upright (Tesseract orientation detection)',)
    """
    return tuple(f"page {page} was turned {degrees}° clockwise to be read upright (Tesseract orientation detection)"
                 for page, degrees in turns if degrees)


def _mean(words: Sequence[Word]) -> float | None:
    return round(sum(w.confidence for w in words) / len(words), 4) if words else None


def _page_text(words: Sequence[Word], page: int) -> PageText:
    lines: dict[tuple[int, int, int], list[Word]] = {}
    for word in words:
        lines.setdefault(word.line, []).append(word)
    text = "\n".join(join_words(lines[key]) for key in sorted(lines))
    return PageText(page, text, True, _mean(words))


def ocr_page_png(png: bytes, page: int, guard: FileGuard) -> OcrRead:
    """OCR of a page the PDF child rendered (a PNG it made, within the pixel limit)."""
    with Image.open(io.BytesIO(png), formats=["PNG"]) as image:
        image.load()
        return ocr_image(image, page, guard)
