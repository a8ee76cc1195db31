"""Comparison with published excerpts: which passages of a new file match text already published from a leak.

Given text published earlier (a newspaper's excerpts, an earlier release),
each published passage (a paragraph, or a sentence of a long one) is looked
for in the page texts of a document in the case (``document_pages``). The
best-matching stretch of the document is found with ``difflib`` (a
character-level alignment, whitespace ignored) and the passage is:

- ``identical``: the same characters;
- ``differs``: at least ``MIN_SIMILAR`` of the characters align; the
  differences are listed (what was published, what the file says);
- ``absent``: nothing in the file comes close.

Each passage found is located by page, so a reader can check it in the
original, as researchers did when the Xinjiang Papers reappeared in 2021.

>>> pages = [(1, "第一条 严格执行。第二条 加强管理，不得外出。")]
>>> [(m.status.value, m.page) for m in compare_texts("第二条 加强管理，不准外出。", pages)]
[('differs', 1)]
"""

from __future__ import annotations

import difflib
import enum
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from veracity.case import Case
from veracity.errors import InputError
from veracity.limits import Limits

MIN_SIMILAR = 0.6
MIN_PASSAGE = 8          # characters; shorter lines (headings, numbers) are not compared
_SENTENCES = re.compile(r"(?<=[。！？!?.])\s*")


class Status(enum.Enum):
    """How a published passage compares with the file."""

    IDENTICAL = "identical"
    DIFFERS = "differs"
    ABSENT = "absent"


@dataclass(frozen=True)
class Difference:
    """One difference: what the published text has, and what the file has instead."""

    published: str
    in_file: str


@dataclass(frozen=True)
class PassageMatch:
    """One published passage, its status, the page where it was found and the differences."""

    passage: str
    status: Status
    page: int | None
    similarity: float
    found: str = ""
    differences: tuple[Difference, ...] = ()


def passages(text: str) -> list[str]:
    """Published text split into passages: paragraphs, long ones into sentences; short lines dropped.

    >>> passages("标题\\n\\n第一条 严格执行。第二条 加强管理。")
    ['第一条 严格执行。第二条 加强管理。']
    """
    out: list[str] = []
    for paragraph in re.split(r"\n\s*\n|\n", text):
        paragraph = paragraph.strip()
        parts = [paragraph] if len(paragraph) <= 200 else [s for s in _SENTENCES.split(paragraph) if s]
        out.extend(p for p in parts if len("".join(p.split())) >= MIN_PASSAGE)
    return out


def _squash(text: str) -> str:
    return "".join(text.split())


def _best(passage: str, page_text: str) -> tuple[float, int, int]:
    """Similarity, start and end in PAGE_TEXT of the stretch best aligned with PASSAGE."""
    matcher = difflib.SequenceMatcher(None, page_text, passage, autojunk=False)
    blocks = [b for b in matcher.get_matching_blocks() if b.size]
    if not blocks:
        return 0.0, 0, 0
    anchor = max(blocks, key=lambda b: b.size)
    start = max(0, anchor.a - anchor.b - len(passage) // 4)
    end = min(len(page_text), anchor.a + (len(passage) - anchor.b) + len(passage) // 4)
    window = difflib.SequenceMatcher(None, page_text[start:end], passage, autojunk=False)
    inside = [b for b in window.get_matching_blocks() if b.size]
    if not inside:
        return 0.0, 0, 0
    a0, a1 = start + inside[0].a, start + inside[-1].a + inside[-1].size
    found = page_text[a0:a1]
    return difflib.SequenceMatcher(None, found, passage, autojunk=False).ratio(), a0, a1


def differences(published: str, found: str) -> tuple[Difference, ...]:
    """The changes from PUBLISHED to FOUND, changes one or two characters apart read as one.

    >>> [(d.published, d.in_file) for d in differences("防止外逃。", "防止逃跑。")]
    [('外逃', '逃跑')]
    """
    matcher = difflib.SequenceMatcher(None, published, found, autojunk=False)
    spans: list[list[int]] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        if spans and i1 - spans[-1][1] <= 2 and j1 - spans[-1][3] <= 2:
            spans[-1][1], spans[-1][3] = i2, j2
        else:
            spans.append([i1, i2, j1, j2])
    return tuple(Difference(published[i1:i2], found[j1:j2]) for i1, i2, j1, j2 in spans)


def compare_texts(published: str, pages: Sequence[tuple[int, str]]) -> list[PassageMatch]:
    """Each passage of PUBLISHED against the (page, text) PAGES of one document."""
    squashed = [(page, _squash(text)) for page, text in pages]
    out = []
    for passage in passages(published):
        key = _squash(passage)
        scored = [(_best(key, text), page, text) for page, text in squashed if text]
        if not scored:
            out.append(PassageMatch(passage, Status.ABSENT, None, 0.0))
            continue
        (score, a0, a1), page, text = max(scored, key=lambda s: s[0][0])
        found = text[a0:a1]
        if found == key:
            out.append(PassageMatch(passage, Status.IDENTICAL, page, 1.0, found))
        elif score >= MIN_SIMILAR:
            out.append(PassageMatch(passage, Status.DIFFERS, page, round(score, 4), found,
                                    differences(key, found)))
        else:
            out.append(PassageMatch(passage, Status.ABSENT, None, round(score, 4)))
    return out


def compare_published(case: Case, source_file: str, published: Path, limits: Limits) -> list[PassageMatch]:
    """``veracity compare CASE --published FILE [--file SOURCE]``: FILE's passages against SOURCE's pages.

    PUBLISHED is UTF-8 text (at most ``limits.max_file_bytes``); SOURCE is a file of the case with page
    texts (a PDF or image). InputError naming the file when either cannot be used.
    """
    try:
        if published.stat().st_size > limits.max_file_bytes:
            raise InputError(f"more than {limits.max_file_bytes} bytes", source=published.name)
        text = published.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read the published text ({type(exc).__name__})", source=published.name) from None
    pages = case.con.execute("SELECT page, text FROM document_pages WHERE source_file = ? ORDER BY page",
                             [source_file]).fetchall()
    if not pages:
        raise InputError("no page text in the case for this file (only PDFs and images have pages)",
                         source=source_file)
    return compare_texts(text, [(int(p), str(t)) for p, t in pages])
