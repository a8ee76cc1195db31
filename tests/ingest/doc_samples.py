"""Generated documents for the PDF, OCR and metadata tests and the bench: a synthetic register, never real people.

``register(n)`` gives a header and ``n`` rows with identity numbers made with
``veracity.idnumber.check_character``; ``register_pdf`` renders them with
WeasyPrint (the table's ``thead`` repeats on every page, as printed registers
do); ``page_images`` rasterises a PDF with pypdfium2 at a given dpi, the
"scan"; ``scanned_pdf`` wraps such images into a PDF with no text layer.
"""

from __future__ import annotations

import datetime as dt
import html
import io
import random
from collections.abc import Sequence

import pypdfium2
from PIL import Image

from veracity.idnumber import check_character

GIVEN = ("买买提", "阿不都热依木", "艾合买提", "阿依古丽", "古丽米热", "热依拉", "努尔买买提", "帕提古丽")
FATHERS = ("吐尔逊", "艾买提", "阿不都拉", "肉孜", "托合提", "库尔班")
HEADER = ("序号", "姓名", "性别", "身份证号", "出生日期")
REGION = "653222"  # 墨玉县, the county of the Karakax List


def identity_number(born: dt.date, serial: int, female: bool) -> str:
    """A synthetic 18-character number with a correct check character (sex in the 17th digit)."""
    sequence = f"{serial % 100:02d}{(serial % 5) * 2 + (0 if female else 1)}"
    body = f"{REGION}{born:%Y%m%d}{sequence}"
    return body + check_character(body)


def register(n: int, seed: int = 7) -> list[tuple[str, ...]]:
    """A header and ``n`` rows of synthetic people."""
    rng = random.Random(seed)
    rows: list[tuple[str, ...]] = [HEADER]
    for k in range(1, n + 1):
        born = dt.date(1950, 1, 1) + dt.timedelta(days=rng.randrange(20000))
        female = rng.random() < 0.5
        name = f"{rng.choice(GIVEN)}·{rng.choice(FATHERS)}"
        rows.append((str(k), name, "女" if female else "男", identity_number(born, k, female), born.isoformat()))
    return rows


STYLE = """
@page { size: A4; margin: 15mm; }
body { font-family: "Noto Sans CJK SC"; font-size: 11pt; }
table { border-collapse: collapse; width: 100%; }
td, th { border: 1px solid black; padding: 3pt 4pt; font-weight: normal; text-align: left; }
"""


def register_html(rows: Sequence[Sequence[str]], title: str = "墨玉县喀尔赛乡培训人员名单",
                  meta: dict[str, str] | None = None, merges: dict[tuple[int, int], tuple[int, int]] | None = None,
                  landscape: bool = False, ruled: bool = True) -> str:
    """HTML of a title and one table; ``merges`` maps (row, column) of a data cell to (rowspan, colspan).

    ``ruled=False`` draws no border at all: the table is only whitespace, as a word processor prints one.
    """
    spans = merges or {}
    covered = {(r + dr, c + dc) for (r, c), (rs, cs) in spans.items() for dr in range(rs) for dc in range(cs)}
    covered -= set(spans)
    head = "".join(f"<th>{html.escape(c)}</th>" for c in rows[0])
    body = []
    for r, row in enumerate(rows[1:], 1):
        cells = []
        for c, value in enumerate(row):
            if (r, c) in covered:
                continue
            rs, cs = spans.get((r, c), (1, 1))
            cells.append(f'<td rowspan="{rs}" colspan="{cs}">{html.escape(value)}</td>')
        body.append(f"<tr>{''.join(cells)}</tr>")
    metas = "".join(f'<meta name="{k}" content="{html.escape(v)}">' for k, v in (meta or {}).items())
    page = "@page { size: A4 landscape; }" if landscape else ""
    page += "" if ruled else "td, th { border: none; }"
    return (f"<html><head><meta charset='utf-8'>{metas}<style>{STYLE}{page}</style></head><body>"
            f"<p>{html.escape(title)}</p><table><thead><tr>{head}</tr></thead>"
            f"<tbody>{''.join(body)}</tbody></table></body></html>")


def html_pdf(text: str) -> bytes:
    """A PDF rendered by WeasyPrint from HTML (fonts from fontconfig; nothing fetched)."""
    import weasyprint

    return bytes(weasyprint.HTML(string=text, url_fetcher=_no_fetch).write_pdf())


def _no_fetch(url: str, *args: object, **kwargs: object) -> dict[str, object]:
    raise ValueError(f"test documents fetch nothing ({url})")


def register_pdf(rows: Sequence[Sequence[str]], **options: object) -> bytes:
    """The register as a PDF (see ``register_html`` for the options)."""
    return html_pdf(register_html(rows, **options))  # type: ignore[arg-type]


def page_images(pdf: bytes, dpi: int = 300) -> list[Image.Image]:
    """Each page rendered in greyscale at DPI: a clean scan."""
    document = pypdfium2.PdfDocument(pdf)
    try:
        return [page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L") for page in document]
    finally:
        document.close()


def png_bytes(image: Image.Image, dpi: int = 300, exif: Image.Exif | None = None) -> bytes:
    """An image as PNG bytes (JPEG when EXIF is given, as cameras write)."""
    out = io.BytesIO()
    if exif is not None:
        image.convert("RGB").save(out, "JPEG", quality=92, exif=exif, dpi=(dpi, dpi))
    else:
        image.save(out, "PNG", dpi=(dpi, dpi))
    return out.getvalue()


def scanned_pdf(images: Sequence[Image.Image], dpi: int = 300) -> bytes:
    """A PDF of page images and no text layer, as a scanner writes."""
    out = io.BytesIO()
    images[0].save(out, "PDF", resolution=dpi, save_all=True, append_images=list(images[1:]))
    return out.getvalue()


def turned_pdf(pdf: bytes, rotation: int = 90) -> bytes:
    """Each page's content turned ROTATION degrees counter-clockwise on a page carrying ``/Rotate ROTATION``.

    A viewer turns the page ROTATION degrees clockwise, so it shows upright: this is how landscape
    tables are often stored (the content turned, the page told to turn back), and how a scanner driver
    records a page fed the wrong way.
    """
    source = pypdfium2.PdfDocument(pdf)
    target = pypdfium2.PdfDocument.new()
    for index in range(len(source)):
        width, height = source[index].get_size()
        turn = {90: (0, 1, -1, 0, height, 0), 180: (-1, 0, 0, -1, width, height), 270: (0, -1, 1, 0, 0, width)}
        content = source.page_as_xobject(index, target).as_pageobject()
        content.transform(pypdfium2.PdfMatrix(*turn[rotation]))
        page = target.new_page(width, height) if rotation == 180 else target.new_page(height, width)
        page.insert_obj(content)
        page.gen_content()
        page.set_rotation(rotation)
    out = io.BytesIO()
    target.save(out)
    return out.getvalue()


def pdf_of_objects(objects: Sequence[bytes]) -> bytes:
    """A PDF file of the given numbered objects (1 the catalog), with its cross-reference table: for hostile PDFs."""
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)
