"""News articles added with ``--role claims``: their main text, paragraph by paragraph, and metadata.

HTML is read with trafilatura from the bytes alone (no URL is given, so nothing is ever fetched;
comments, tables, images and links are left out and precision is favoured), after pruning what
news pages put around an article: navigation, asides, figures and captions, video playlists and
"Now playing" lists. Lines that are still such furniture ("Now playing", "Watch:", "Photo:") are
dropped. Title, date, author and site name are kept. Plain text is split into paragraphs at blank
lines. Paragraphs are numbered from 1 in the extracted main text.

>>> furniture("Now playing: Karakax in pictures")
True
>>> furniture("“He never attended a centre,” the spokesperson said.")
False
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from veracity.case import Case
from veracity.claims.quotes import PERSONS_SEPARATOR, find_quotes
from veracity.errors import InputError
from veracity.ingest.encoding import detect_encoding
from veracity.ingest.guard import FileGuard
from veracity.limits import Limits

MAX_TREE_NODES = 200_000  # an HTML tree larger than this is refused by trafilatura (max_tree_size)
_PRUNE = [
    "//nav", "//aside", "//footer", "//figure", "//figcaption", "//video", "//*[@role='navigation']",
    "//*[contains(@class, 'caption')]", "//*[contains(@class, 'playlist')]", "//*[contains(@class, 'now-playing')]",
    "//*[contains(@class, 'related')]", "//*[contains(@class, 'share')]", "//*[contains(@class, 'newsletter')]",
]
_FURNITURE = re.compile(r"^\s*(now playing|up next|watch( now)?|video|photo|image|caption|read more|related|"
                        r"advertisement|share this|sign up|subscribe|图片|视频|正在播放|相关阅读|责任编辑)\b[:：]?",
                        re.IGNORECASE)


@dataclass(frozen=True)
class Article:
    """An article's main text as numbered paragraphs (``paragraphs[0]`` is paragraph 1) and its metadata."""

    title: str
    date: str
    author: str
    sitename: str
    paragraphs: tuple[str, ...]


def furniture(line: str) -> bool:
    """Whether a line is page furniture rather than article text."""
    return bool(_FURNITURE.match(line))


def _paragraphs(lines: list[str]) -> tuple[str, ...]:
    return tuple(" ".join(line.split()) for line in lines if line.strip() and not furniture(line))


def looks_like_html(head: bytes) -> bool:
    """Whether a file's first bytes are an HTML page.

    >>> looks_like_html(b"\\xef\\xbb\\xbf  <!DOCTYPE html><html>")
    True
    >>> looks_like_html(b"claim_id,speaker")
    False
    """
    text = head[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return text.startswith((b"<!doctype html", b"<html", b"<head", b"<body", b"<!--")) or b"<html" in text[:512]


def read_html(data: bytes, source_file: str) -> Article:
    """The main text and metadata of an HTML page (trafilatura, offline, captions and playlists pruned)."""
    import trafilatura
    from trafilatura.settings import use_config

    config = use_config()  # the package's own settings.cfg, read locally; then ours on top
    config.set("DEFAULT", "max_tree_size", str(MAX_TREE_NODES))
    config.set("DEFAULT", "max_file_size", str(len(data) + 1))
    config.set("DEFAULT", "extraction_timeout", "0")  # its timer uses signals; our limits bound the input
    config.set("DEFAULT", "extensive_date_search", "off")
    config.set("DEFAULT", "external_urls", "off")
    doc = trafilatura.bare_extraction(
        data, url=None, with_metadata=True, include_comments=False, include_tables=False, include_images=False,
        include_links=False, favor_precision=True, deduplicate=True, prune_xpath=_PRUNE, config=config,
        date_extraction_params={"extensive_search": False, "original_date": True})
    if doc is None or isinstance(doc, dict) or not (doc.text or "").strip():
        raise InputError("no article text found in this HTML page", source=source_file)
    paragraphs = _paragraphs((doc.text or "").split("\n"))
    if paragraphs and doc.title and paragraphs[0] == " ".join(doc.title.split()):
        paragraphs = paragraphs[1:]  # the headline is metadata, not paragraph 1
    return Article(doc.title or "", doc.date or "", doc.author or "", doc.sitename or "", paragraphs)


def read_text(text: str) -> Article:
    """The paragraphs of a plain-text article (blank lines separate them; a short first one is the title).

    >>> read_text("Title\\n\\nFirst line\\nof one paragraph.\\n\\nSecond.").paragraphs
    ('First line of one paragraph.', 'Second.')
    """
    blocks = [" ".join(b.split()) for b in re.split(r"\n\s*\n", text.replace("\r\n", "\n")) if b.strip()]
    if not blocks:
        return Article("", "", "", "", ())
    if "\n\n" not in text.replace("\r\n", "\n"):
        blocks = [" ".join(line.split()) for line in text.splitlines() if line.strip()]
    title = blocks[0] if len(blocks) > 1 and len(blocks[0]) < 120 and not blocks[0].endswith((".", "。")) else ""
    return Article(title, "", "", "", _paragraphs(blocks[1:] if title else blocks))


def read_article(path: Path, source_file: str, limits: Limits) -> Article:
    """The article in the file at PATH (HTML or plain text), within LIMITS."""
    guard = FileGuard(source_file, limits)
    size = path.stat().st_size
    if size > limits.max_file_bytes:
        raise guard.error(f"{size} bytes, more than the limit of {limits.max_file_bytes}")
    data = path.read_bytes()
    if looks_like_html(data):
        article = read_html(data, source_file)
    else:
        encoding, _ = detect_encoding(path, data[:1 << 16], guard)
        article = read_text(encoding.decode(data))
    if not article.paragraphs:
        raise guard.error("no article text")
    if any(len(p) > limits.max_cell_chars for p in article.paragraphs):
        raise guard.error(f"a paragraph is longer than {limits.max_cell_chars} characters")
    return article


def store_article(case: Case, article: Article, source_id: int, source_file: str) -> int:
    """Write the article, its paragraphs and the quotations found in them; return the number of quotations."""
    case.con.execute("INSERT INTO articles VALUES (?, ?, ?, ?, ?, ?, ?)",
                     [source_id, source_file, article.title, article.date, article.author, article.sitename,
                      len(article.paragraphs)])
    case.con.executemany("INSERT INTO article_paragraphs VALUES (?, ?, ?, ?)",
                         [[source_id, source_file, k, text] for k, text in enumerate(article.paragraphs, 1)])
    quotes = find_quotes(article.paragraphs)
    if quotes:
        case.con.executemany("INSERT INTO quotes VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", [
            [source_id, source_file, q.paragraph, q.end_paragraph, q.speaker, q.quote,
             PERSONS_SEPARATOR.join(q.persons), q.assertion, q.kind, q.cue] for q in quotes])
    return len(quotes)
