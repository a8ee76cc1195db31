"""Hostile documents: every PDF and image parser stops at its limit with one error naming the file and place."""

from __future__ import annotations

import io
import os
import random
import shutil
import socket
import subprocess
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image

from veracity.errors import InputError
from veracity.ingest.formats import read_tables
from veracity.ingest.guard import FileGuard
from veracity.ingest.sandbox import run_limited
from veracity.limits import Limits

from .doc_samples import page_images, pdf_of_objects, png_bytes, register, register_pdf, scanned_pdf
from .mutations import flip_bytes, read_failure, truncate

Put = Callable[[str, bytes], Path]
MUTANTS = 8  # per kind: each PDF read starts the parsing child, each readable image goes to OCR
needs_tesseract = pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract is not installed")


def white_flate(rows: int, side: int) -> bytes:
    """A zlib stream of ROWS x SIDE bytes 0xff, made without compressing them all.

    After a full flush a deflate compressor forgets what it saw, so every later block of the same
    input compresses to the same bytes; they are repeated, then the stream is closed with its checksum.
    """
    block = b"\xff" * side * 100
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    first = packer.compress(block) + packer.flush(zlib.Z_FULL_FLUSH)
    repeat = packer.compress(block) + packer.flush(zlib.Z_FULL_FLUSH)
    checksum = 1
    for _ in range(rows // 100):
        checksum = zlib.adler32(block, checksum)
    body = first + repeat * (rows // 100 - 1) + packer.flush(zlib.Z_FINISH)
    return b"\x78\xda" + body + checksum.to_bytes(4, "big")


def image_bomb_pdf(side: int) -> bytes:
    """A one-page PDF with no text whose only content is a SIDE x SIDE grey image that inflates to SIDE² bytes."""
    stream = white_flate(side, side)
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
               b"/Resources << /XObject << /Im0 5 0 R >> >> >>",
               b"<< /Length 30 >>\nstream\nq 595 0 0 842 0 0 cm /Im0 Do Q\nendstream",
               b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray "
               b"/BitsPerComponent 8 /Filter /FlateDecode /Length %d >>\nstream\n" % (side, side, len(stream))
               + stream + b"\nendstream"]
    return pdf_of_objects(objects)


def test_the_bomb_helper_inflates_to_what_it_says() -> None:
    assert zlib.decompress(white_flate(300, 1000)) == b"\xff" * 300_000


def test_an_image_bomb_inside_a_scanned_pdf_is_rendered_within_the_memory_limit(put: Put) -> None:
    # 625 MB of pixels from about 600 KB, under a 560 MB cap: pdfium decodes an image line by line while
    # it scales it to the page, so the bomb renders as a blank scan instead of exhausting memory
    result = read_tables(put("bomb.pdf", image_bomb_pdf(25_000)), "bomb.pdf", Limits(max_parser_bytes=560 * 2**20))
    assert list(result.tables) == [] and result.document is not None and result.document.pages[0].ocr


def test_a_scanned_pdf_page_too_large_to_render_is_refused(put: Put) -> None:
    pdf = scanned_pdf([Image.new("L", (2480, 3508), 255)])  # A4 at 300 dpi: 8.7 M pixels
    with pytest.raises(InputError, match=r"^scan.pdf: document: PDF document: .*page 1: .* pixels at 300 dpi, more"):
        read_tables(put("scan.pdf", pdf), "scan.pdf", Limits(max_image_pixels=1_000_000))


def test_a_tiff_with_more_pages_than_the_limit_is_refused(put: Put) -> None:
    out = io.BytesIO()
    frames = [Image.new("L", (100, 100), 255) for _ in range(3)]
    frames[0].save(out, "TIFF", save_all=True, append_images=frames[1:])
    with pytest.raises(InputError, match=r"^pages.tiff: .*3 pages, more than the limit of 2"):
        read_tables(put("pages.tiff", out.getvalue()), "pages.tiff", Limits(max_pages=2))


@needs_tesseract
def test_ocr_past_its_time_per_page_is_stopped(put: Put) -> None:
    path = put("scan.png", png_bytes(page_images(register_pdf(register(3)), dpi=150)[0], dpi=150))
    with pytest.raises(InputError, match=r"^scan.png: page 1: PNG image: OCR took longer than 0.05 s; stopped"):
        read_tables(path, "scan.png", Limits(ocr_seconds_per_page=0.05))


@pytest.mark.parametrize(("call", "args"), [(socket.create_connection, (("127.0.0.1", 9),)),
                                            (subprocess.run, (["true"],)), (os.system, ("true",))],
                         ids=["socket", "subprocess", "os.system"])
def test_the_parsing_child_can_reach_neither_network_nor_processes(call: Callable[..., object],
                                                                   args: tuple[object, ...]) -> None:
    guard = FileGuard("leak.pdf", Limits())
    with pytest.raises(InputError, match=r"^leak.pdf: document: cannot read the file \(ForbiddenAction: .* is not "
                                         r"allowed while parsing a file\)"):
        run_limited(call, args, guard, "document")


@needs_tesseract
@pytest.mark.parametrize("kind", ["pdf", "png"])
def test_mutated_documents_fail_only_with_one_input_error(tmp_path: Path, kind: str) -> None:
    small = register_pdf(register(3)) if kind == "pdf" else png_bytes(Image.new("L", (120, 80), 255))
    rng = random.Random(10)
    failures = []
    for k in range(MUTANTS):
        mutate = (truncate, flip_bytes)[k % 2]
        path = tmp_path / f"m{k}.{kind}"
        path.write_bytes(mutate(small, rng))
        failures.append(read_failure(path, f"{mutate.__name__} {k}"))
    assert [f for f in failures if f] == []
