"""Limits on everything a hostile file could inflate; one frozen object passed to every reader.

>>> Limits().max_cell_chars
32767
>>> Limits(max_rows=10).max_rows
10
"""

from __future__ import annotations

from dataclasses import dataclass

MIB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """Upper bounds for one input file; exceeding one is an InputError naming the file."""

    max_file_bytes: int = 1024 * MIB          # size of the file as added
    max_rows: int = 20_000_000                # data rows in one file, all sheets together
    max_columns: int = 1_000                  # columns in one table
    max_cell_chars: int = 32_767              # Excel's own cell limit
    max_unpacked_bytes: int = 4096 * MIB      # XLSX/DOCX: all zip members uncompressed
    max_member_bytes: int = 2048 * MIB        # XLSX/DOCX: one zip member uncompressed
    max_compression_ratio: float = 250.0      # XLSX/DOCX: uncompressed/compressed per member
    max_zip_members: int = 10_000
    max_sheets: int = 500                     # sheets or tables in one file
    header_scan_rows: int = 30                # rows searched for the header
    seconds_per_file: float = 1800.0          # time budget of one file's ingest
    max_pages: int = 2_000                    # PDF: pages in one document
    max_image_pixels: int = 60_000_000        # one image or rendered page (a 300-dpi A3 page is 17.5 M)
    max_parser_bytes: int = 2048 * MIB        # PDF: memory of the parsing process (decompression bombs)
    ocr_dpi: int = 300                        # scanned PDF pages are rendered at this resolution for OCR
    ocr_seconds_per_page: float = 120.0       # one page (image) in Tesseract
