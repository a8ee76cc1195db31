"""The sample case (``veracity demo``) scanned: no full name it holds, in any script or written form, and no
identity number of 18 or 15 digits in the redacted report or any redacted export (every table in CSV, JSON and
Parquet, the summary, FtM). One module-scoped build."""

from __future__ import annotations

import json
import random
import re
import unicodedata
from pathlib import Path

import pytest

from veracity.case import open_case
from veracity.demo import run_demo
from veracity.report.redact import Redactor, name_pairs

from .adversarial import forms, survivors
from .scan import redacted_outputs
from .written import sentence

_ID_LIKE = re.compile(r"(?<![\da-f.])(?:\d{17}[\dx]|\d{15})(?![\da-f])", re.IGNORECASE)  # not inside a hex digest
_WORD = re.compile(r"[^\W\d_]+")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_SCRIPTS = {"hanzi": r"[\u4e00-\u9fff]", "latin": r"^[a-zà-ž' -]+$", "arabic": r"[\u0600-\u06ff]"}


class Sample:
    """The redacted outputs of the sample case, the names it holds and its people's identity numbers."""

    def __init__(self, out: Path) -> None:
        demo = run_demo(out / "demo")
        self.unredacted = demo.report.read_text("utf-8")
        truth = json.loads((demo.folder / "sample" / "truth.json").read_text("utf-8"))
        with open_case(demo.case) as case:
            held, _ = name_pairs(case)
            self.texts = redacted_outputs(case, out, pdf=False)
            self.redactor = Redactor.for_case(case)
        people = truth["persons"].values()
        self.names = set(held) | {p[k] for p in people for k in ("name_zh", "name_latin", "name_arabic") if p.get(k)}
        self.numbers = {p["id_number"] for p in people} | {p["id_number"][:6] + p["id_number"][8:17] for p in people}


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Sample:
    return Sample(tmp_path_factory.mktemp("sample"))


def _words(text: str) -> list[str]:
    return _WORD.findall(unicodedata.normalize("NFC", text).lower())


def _written(name: str) -> set[str]:
    """NAME as text may write it, its words (lower case, NFC) with a space or nothing between them, either way
    round (a name written with a middle dot, a comma or an apostrophe gives the same words)."""
    words = _words(name)
    return {sep.join(order) for sep in (" ", "") for order in (words, words[::-1])}


def _said(text: str) -> set[str]:
    """Every run of one to four words of TEXT, joined as :func:`_written` joins them; in hanzi, every stretch of
    four to sixteen characters of such a run."""
    words = _words(text)
    runs = {sep.join(words[i:i + n]) for n in range(1, 5) for i in range(len(words)) for sep in (" ", "")}
    return runs | {run[i:i + n] for run in runs if _HAN.search(run) and len(run) <= 80
                   for n in range(4, 17) for i in range(len(run) - n + 1)}


def _digit_stretches(text: str) -> set[str]:
    """Every stretch of 15 or 18 digits of TEXT, also inside longer runs (a hex digest)."""
    runs = re.findall(r"\d{15,}[Xx]?", text)
    return {run[i:i + n] for run in runs for n in (15, 18) for i in range(len(run) - n + 1)}


def test_the_sample_holds_names_in_every_script(sample: Sample) -> None:
    counts = {s: sum(bool(re.search(p, n.lower())) for n in sample.names) for s, p in _SCRIPTS.items()}
    assert {s: n > 100 for s, n in counts.items()} == dict.fromkeys(_SCRIPTS, True), counts


def _forms(sample: Sample) -> set[str]:
    return {form for name in sample.names if len(_words(name)) >= 2 for form in _written(name)}


def test_the_scan_finds_names_in_the_unredacted_report(sample: Sample) -> None:
    """The report shows names in hanzi and Latin script (Arabic script only in exports)."""
    found = _forms(sample) & _said(sample.unredacted)
    assert {s: any(re.search(_SCRIPTS[s], f) for f in found) for s in ("hanzi", "latin")} == {"hanzi": True,
                                                                                            "latin": True}


def test_no_held_name_in_any_written_form_in_any_redacted_output(sample: Sample) -> None:
    forms = _forms(sample)
    left = {output: sorted(forms & _said(text)) for output, text in sample.texts.items()}
    assert {output: found[:5] for output, found in left.items() if found} == {}


def test_no_identity_number_in_any_redacted_output(sample: Sample) -> None:
    left = {output: sorted(set(_ID_LIKE.findall(text)) | (sample.numbers & _digit_stretches(text)))
            for output, text in sample.texts.items()}
    assert {output: found[:5] for output, found in left.items() if found} == {}


def test_no_whole_name_survives_any_written_form_of_sample_names(sample: Sample) -> None:
    """Eight of the sample's two-part names (seeded), each written every way :mod:`.adversarial` writes it, scrubbed
    with the sample's own name index: no whole name in any script is left."""
    held = sorted(n for n in sample.names if len(_words(n)) == 2)
    chosen = random.Random(8).sample(held, 8)
    left = {form.written: found for name in chosen for form in forms(name)
            if (found := survivors(sample.redactor.scrub(sentence(form.written)), form))}
    assert left == {}
