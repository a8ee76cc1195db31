"""The header: which physical rows hold it, each column's label, and which field a label names.

Labels are matched against ``data/header_roles.yaml`` (aliases in Chinese,
English and Uyghur, loaded once and validated: a malformed file raises
ConfigError); ``columns`` uses the same matching to assign fields.

Registers open with title lines (a merged title, a date line, blank rows),
then a header of one or two rows, then data. Among the first
``Limits.header_scan_rows`` rows the header is the row whose cells most name
canonical fields (``data/header_roles.yaml``); a row with a single distinct
value (a title merged across the table) never is. A second header row is
taken in when the reader's filled merges show one: the same label in both
rows of a column (a vertical merge) or across neighbouring columns (a group
merged over its sub-columns); the labels are joined, "出生日期 年". When
several tables stand one below the other, the first header is taken: a
header-like row above the best one (``later_header_rows``) wins.

When no row names a field, the first row that is not a title and holds no
value-looking cell (number, date, sex, identity number) is the header. When
even that row holds values, the table is **headerless**: it is accepted,
its columns are labelled "column 1", "column 2", ... (the names ``--map``
takes), and only content sniffing can give them fields; the pipeline refuses
it when no column is recognised (``columns.require_fields``). A header
with no data row below is the pipeline's error: ``require_data_rows``.

>>> rows = [("墨玉县某乡培训人员名单",) * 3, ("序号", "姓名", "身份证号"), (1, "买买提·吐尔逊", "x")]
>>> locate_header(rows, Limits())
HeaderLayout(first_row=1, last_row=1, columns=('序号', '姓名', '身份证号'), headerless=False)
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from functools import cached_property, lru_cache
from importlib import resources

import yaml

from veracity.errors import ConfigError, InputError
from veracity.fields import FIELDS
from veracity.ingest.table import Cell, Row
from veracity.ingest.values import (
    cell_text,
    convert_distinct,
    is_blank,
    is_empty,
    label_words,
    looks_like_data,
    normalise_label,
)
from veracity.limits import Limits

NO_DATA_ROWS = "header but no data rows"
LANGUAGES = ("zh", "en", "ug", "code")  # code: database column names (pinyin initials)
_ROLES_FILE = "header_roles.yaml"
_MAX_LABEL_CHARS = 40  # a longer cell is a value or a note, not a column label


@dataclass(frozen=True)
class HeaderLayout:
    """Physical rows ``first_row..last_row`` (0-based) hold the header; data row 1 is ``last_row + 1``.

    For a headerless table the span is the title lines above the data, or
    ``-1..-1`` when data starts on the first row; ``header_cells`` is empty.
    """

    first_row: int
    last_row: int
    columns: tuple[str, ...]
    header_cells: tuple[tuple[str, ...], ...] = dataclass_field(default=(), repr=False)
    headerless: bool = False

    @cached_property
    def header_keys(self) -> tuple[tuple[str, ...], ...]:
        """Each header row's cells, normalised as labels are matched."""
        return tuple(tuple(normalise_label(c) for c in cells) for cells in self.header_cells)

    @cached_property
    def label_index(self) -> frozenset[str]:
        """Header cells verbatim and normalised, and the first letters of those (a quick test)."""
        texts = {c for cells in self.header_cells for c in cells if c}
        keys = {k for keys in self.header_keys for k in keys if k}
        return frozenset(texts | keys | {k[0] for k in keys})

    @cached_property
    def _column_keys(self) -> frozenset[str]:
        return frozenset(normalise_label(c) for c in self.columns)

    def has_column(self, label: str) -> bool:
        """Whether LABEL (as given to ``--map``, normalised) names one of the columns."""
        return normalise_label(label) in self._column_keys

    def is_header_again(self, row: Row) -> bool:
        """Whether a data-area ROW repeats a header row (a page break in a printed register)."""
        return bool(self.header_cells) and is_repeated_header(row, self)

    def data_row(self, physical: int) -> int:
        """The contract's 1-based data row of a 0-based physical row.

        >>> HeaderLayout(2, 3, ("姓名",)).data_row(4)
        1
        """
        return physical - self.last_row


def require_data_rows(layout: HeaderLayout, data_rows: int, *, source: str = "", place: str = "") -> None:
    """Raise InputError when a table has a header and nothing (but blank or total rows) below it.

    >>> require_data_rows(HeaderLayout(0, 0, ("姓名",)), 0, source="a.csv")
    Traceback (most recent call last):
    veracity.errors.InputError: a.csv: header but no data rows
    """
    if data_rows == 0 and not layout.headerless:
        raise InputError(NO_DATA_ROWS, source=source, place=place)


def is_repeated_header(row: Row, layout: HeaderLayout) -> bool:
    """A copy of one header row further down (printed registers repeat it on every page).

    Most non-empty cells (four in five, at least two unless the header has one label) must equal
    the header's cell in the same column, after normalisation. Data rows are turned away by their
    first two non-empty cells, usually without normalising anything.
    """
    if not _starts_like_header(row, layout.label_index):
        return False
    for raws, keys in zip(layout.header_cells, layout.header_keys, strict=True):
        labelled = sum(1 for k in keys if k)
        matched = filled = 0
        for cell, raw, key in zip(row, raws, keys, strict=False):
            if is_empty(cell):
                continue
            filled += 1
            text = cell.strip() if isinstance(cell, str) else cell_text(cell)  # 1, 2, 3 of a 栏次 row in a sheet
            if key and _same_label(text, raw, key):
                matched += 1
        if filled and matched >= min(2, labelled) and matched * 5 >= filled * 4:
            return True
    return False


def later_header_rows(rows: Sequence[Row]) -> list[int]:
    """Indexes of ROWS that ``locate_header`` would take for a header: two or more distinct cells name canonical
    fields and every filled cell is label-like text (no number, date, sex or identity number, at most 40 characters).

    Looked at column by column, each distinct cell once: a data row is turned away at its first data-looking cell.

    >>> later_header_rows([(1, "买买提", "男"), ("编号", "名字", "性别"), ("", "合计", ""), ("姓名", "住址", "男")])
    [1]
    """
    survivors = list(range(len(rows)))
    width = max(map(len, rows), default=0)
    for column in range(width):
        if not survivors:
            return []
        cells = [rows[i][column] if column < len(rows[i]) else None for i in survivors]
        fits = convert_distinct(cells, _may_be_label)
        survivors = [i for i, fit in zip(survivors, fits, strict=True) if fit]
    roles = load_roles()
    return [i for i in survivors if _score(rows[i], roles, _width(rows[i])) >= 2]


def _may_be_label(cell: Cell) -> bool:
    """Whether CELL may sit in a header row: empty, or short text that looks like no value.

    >>> _may_be_label("姓名"), _may_be_label(None), _may_be_label("1"), _may_be_label(3), _may_be_label("女")
    (True, True, False, False, False)
    """
    if cell is None:
        return True
    if type(cell) is not str:
        return False
    s = cell.strip()
    return not s or (not s[0].isdigit() and len(s) <= _MAX_LABEL_CHARS and not looks_like_data(s))


def _starts_like_header(row: Row, labels: frozenset[str]) -> bool:
    """The first two non-empty cells are header texts (LABELS holds them verbatim and normalised)."""
    seen = 0
    for cell in row:
        if cell is None:
            continue
        if isinstance(cell, bool) or not isinstance(cell, str | int | float):
            return False
        s = cell.strip() if isinstance(cell, str) else cell_text(cell)  # 1, 2, 3 of a 栏次 row in a sheet
        if not s:
            continue
        if s not in labels and (s[0].casefold() not in labels or normalise_label(s) not in labels):
            return False
        seen += 1
        if seen == 2:
            return True
    return seen > 0


def _same_label(text: str, raw: str, key: str) -> bool:
    """TEXT is the header cell RAW (normalised: KEY); cheap comparisons first."""
    return text == raw or (key[0] in text.casefold() and normalise_label(text) == key)


def locate_header(rows: Sequence[Row], limits: Limits, *, source: str = "", place: str = "") -> HeaderLayout:
    """The header among the first ``limits.header_scan_rows`` ROWS; InputError when they are all blank."""
    window = list(rows[: limits.header_scan_rows])
    filled = [i for i, row in enumerate(window) if not is_blank(row)]
    if not filled:
        raise InputError(f"no content in the first {len(window)} rows", source=source, place=place)
    width = max(_width(window[i]) for i in filled)
    roles = load_roles()
    scores = [_score(row, roles, width) for row in window]
    top = max(range(len(window)), key=lambda i: (scores[i], -i))
    if scores[top] == 0:
        found = _plain_header(window, filled, width)
        if found is None:
            return _headerless(window, filled, width)
        top = found
    layout = _header_from(window, top, width)
    earlier = later_header_rows(window[: layout.first_row])  # several tables in the window: the first one's
    return _header_from(window, earlier[0], width) if earlier else layout


def header_at(rows: Sequence[Row]) -> HeaderLayout:
    """The header that starts at ROWS[0] (a row ``later_header_rows`` found), taking in a second header row.

    >>> header_at([("姓名", "出生日期", "出生日期"), ("姓名", "年", "月"), ("王芳", 1975, 3)]).columns
    ('姓名', '出生日期 年', '出生日期 月')
    """
    return _header_from(list(rows), 0, max(map(_width, rows)))


def _header_from(window: list[Row], top: int, width: int) -> HeaderLayout:
    """The header whose best row is WINDOW[TOP], with the row below or above when it continues it, and the
    rows under it that only annotate it (units, the columns' numbers)."""
    first, last = top, top
    if top + 1 < len(window) and _continues(window[top], window[top + 1]):
        last = top + 1
    elif top > 0 and _group_above(window[top - 1], window[top], width):
        first = top - 1
    notes = last
    while notes + 1 < len(window) and notes - last < _MAX_NOTE_ROWS and _annotates(window[notes + 1], width):
        notes += 1
    return _layout(window[first : last + 1], first, notes, width, window[last + 1 : notes + 1])


def _width(row: Row) -> int:
    """Columns up to the last non-empty cell."""
    return next((i + 1 for i in range(len(row) - 1, -1, -1) if cell_text(row[i])), 0)


def _texts(row: Row, width: int) -> list[str]:
    return [cell_text(row[i]) if i < len(row) else "" for i in range(width)]


def _is_title(row: Row, width: int) -> bool:
    """A line with one distinct value: a title merged across the table, a date, a lone note."""
    return width > 1 and len({t for t in _texts(row, width) if t}) < 2


def _score(row: Row, roles: HeaderRoles, width: int) -> int:
    """How many distinct cells of ROW are header aliases; 0 unless that is two, or half its cells."""
    if _is_title(row, width):
        return 0
    labels = {cell_text(c) for c in row if isinstance(c, str) and c.strip()}
    named = sum(1 for t in labels if len(t) <= _MAX_LABEL_CHARS and not looks_like_data(t) and roles.match(t))
    return named if named >= 2 or (named and 2 * named >= len(labels)) else 0


def _label_like(row: Row) -> bool:
    return all(isinstance(c, str) and len(c.strip()) <= _MAX_LABEL_CHARS and not looks_like_data(c)
               for c in row if cell_text(c))


def _plain_header(window: list[Row], filled: list[int], width: int) -> int | None:
    """No row names a field: the first non-title row, when it holds only label-like text."""
    first = next((i for i in filled if not _is_title(window[i], width)), None)
    return first if first is not None and _label_like(window[first]) else None


def _headerless(window: list[Row], filled: list[int], width: int) -> HeaderLayout:
    data = next((i for i in filled if not _is_title(window[i], width)), filled[0])
    first = filled[0] if filled[0] < data else -1
    return HeaderLayout(first, data - 1 if first >= 0 else -1, _numbered(width), headerless=True)


def _numbered(width: int) -> tuple[str, ...]:
    return tuple(f"column {i + 1}" for i in range(width))


def _continues(upper: Row, lower: Row) -> bool:
    """LOWER is a second header row: label-like, and a label filled down a merged column.

    XLSX readers fill merges, so a label merged down shows in both rows; a CSV exported
    from such a sheet leaves the lower cell blank and spreads a group over blank cells.
    """
    if is_blank(lower) or not _label_like(lower):
        return False
    n = max(len(upper), len(lower))
    up, low = _texts(upper, n), _texts(lower, n)
    if any(a and a == b for a, b in zip(up, low, strict=True)):
        return True
    spread = any(low[j] and not up[j] and up[j - 1] and low[j - 1] for j in range(1, n))
    return spread and any(a and not b for a, b in zip(up, low, strict=True))


def _group_above(upper: Row, lower: Row, width: int) -> bool:
    """UPPER is a group header over LOWER: label-like, not a title, one label over several columns."""
    if is_blank(upper) or _is_title(upper, width) or not _label_like(upper):
        return False
    up = _texts(upper, width)
    return any(up[j] and up[j] == up[j - 1] for j in range(1, width)) and _continues(upper, lower)


_MAX_NOTE_ROWS = 2
_NOTE = re.compile(r"[(（\[【].*[)）\]】]")  # a unit or note under a label: (岁), （18位）, 【年.月】
_FORM_LETTERS = frozenset("甲乙丙丁戊己ABCDEF") | {"栏次", "栏号"}  # before the numbered columns of a form: 甲 乙 1 2 3


def _annotates(row: Row, width: int) -> bool:
    """ROW, under the header, annotates it rather than holding a person: every filled cell is a bracketed unit
    or note, or the cells number the columns 1, 2, 3... (a form's 栏次 row, labels such as 甲 乙 first).

    >>> _annotates(("", "", "(18位)", "（年.月）"), 4), _annotates(("甲", "乙", "1", "2", "3"), 5)
    (True, True)
    >>> _annotates((1, "(已故)", "2", "3"), 4), _annotates(("1", "2"), 2), _annotates((1, 2, 3, 5), 4)
    (False, False, False)
    """
    texts = [t for t in _texts(row, width) if t]
    if texts and all(_NOTE.fullmatch(t) for t in texts):
        return True
    lead = next((k for k, t in enumerate(texts) if t not in _FORM_LETTERS), len(texts))
    numbers = texts[lead:]
    return len(numbers) >= 3 and numbers == [str(k) for k in range(1, len(numbers) + 1)]


def _layout(header: list[Row], first: int, last: int, width: int, notes: Sequence[Row] = ()) -> HeaderLayout:
    """One label per column from one or two header rows; an empty label becomes "column N". NOTES (rows that
    annotate the header: units, column numbers) end the header at LAST but give no label."""
    rows = [_texts(row, width) for row in header]
    if len(rows) == 2:
        up, low = rows
        for j in range(1, width):  # a group label written once, over blank cells (CSV-exported merges)
            if not up[j] and low[j] and low[j - 1] and up[j - 1]:
                up[j] = up[j - 1]
    labels = []
    for j in range(width):
        parts = list(dict.fromkeys(tidy_label(r[j]) for r in rows if r[j]))
        labels.append(" ".join(parts) or f"column {j + 1}")
    cells = [*rows, *(_texts(row, width) for row in notes)]
    return HeaderLayout(first, last, tuple(labels), tuple(tuple(r) for r in cells))


_SPACES = re.compile(r"\s+")


def tidy_label(text: str) -> str:
    """A header cell as a column label: line breaks and runs of spaces (full-width too) made one space,
    dropped beside a Chinese character or full-width sign (a cell too narrow for its label wraps it).

    >>> tidy_label("身份证号码\\n（18位）"), tidy_label("姓\\u3000名"), tidy_label(" Date of\\n birth ")
    ('身份证号码（18位）', '姓名', 'Date of birth')
    """
    def space(found: re.Match[str]) -> str:
        before, after = text[found.start() - 1 : found.start()], text[found.end() : found.end() + 1]
        wide = any(unicodedata.east_asian_width(ch) in "WF" for ch in before + after)
        return "" if wide else " "

    return _SPACES.sub(space, text.strip())


# ---------------------------------------------------------------- what a label names (the YAML taxonomy)


@dataclass(frozen=True)
class Alias:
    """One header alias: the field it names (None for a known non-field header) and how it matches."""

    field: str | None
    text: str
    language: str
    key: str
    words: tuple[str, ...]
    substring: bool  # Chinese aliases of two or more characters match inside a header


@dataclass(frozen=True)
class LabelMatch:
    """The alias a header label matched, exactly or by containing it."""

    alias: Alias
    exact: bool


@dataclass(frozen=True)
class HeaderRoles:
    """The validated taxonomy: every alias, the exact-match index and the field order for ties."""

    aliases: tuple[Alias, ...]
    exact: Mapping[str, Alias]
    english_only: frozenset[str]
    order: Mapping[str | None, int]

    def match(self, label: str) -> LabelMatch | None:
        """The alias LABEL names: exact first, then the longest contained alias, then the earlier field.

        >>> load_roles().match("现住址").alias.field, load_roles().match("户籍地址（详细）").exact
        ('address', False)
        """
        words = label_words(label)
        key = "".join(words)
        if not key:
            return None
        if key in self.exact:
            return LabelMatch(self.exact[key], exact=True)
        found = [a for a in self.aliases if _contains(key, words, a)]
        if not found:
            return None
        best = min(found, key=lambda a: (-len(a.key), self.order[a.field]))
        return LabelMatch(best, exact=False)


def _contains(key: str, words: tuple[str, ...], alias: Alias) -> bool:
    if alias.substring:
        return alias.key in key
    n = len(alias.words)
    return any(words[i : i + n] == alias.words for i in range(len(words) - n + 1))


_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")


@lru_cache(maxsize=1)
def load_roles() -> HeaderRoles:
    """The header roles shipped in ``veracity/data/header_roles.yaml``, validated once."""
    text = resources.files("veracity").joinpath("data", _ROLES_FILE).read_text(encoding="utf-8")
    return parse_roles(text)


def parse_roles(text: str) -> HeaderRoles:
    """Validate a header-roles document; a malformed one raises ConfigError naming the place.

    >>> parse_roles("fields: {sex: {aliases: {fr: [sexe]}}}")
    Traceback (most recent call last):
    veracity.errors.ConfigError: header_roles.yaml: fields.sex.aliases: unknown language 'fr'
    """
    try:
        doc = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise _config("", f"not YAML ({exc.__class__.__name__})") from None
    if not isinstance(doc, dict) or set(doc) - {"fields", "ignored"} or not isinstance(doc.get("fields"), dict):  # noqa: E501
        raise _config("", "expected a mapping with 'fields' and optionally 'ignored'")
    aliases: list[Alias] = []
    english_only: set[str] = set()
    for field, spec in doc["fields"].items():
        if field not in FIELDS:
            raise _config(f"fields.{field}", "not a canonical field")
        if not isinstance(spec, dict) or set(spec) - {"aliases", "english_only"}:
            raise _config(f"fields.{field}", "expected 'aliases' and optionally 'english_only'")
        if spec.get("english_only") is True:
            english_only.add(field)
        aliases += _aliases(field, spec.get("aliases"), f"fields.{field}.aliases")
    aliases += _aliases(None, doc.get("ignored", {}), "ignored")
    roles = _index(aliases, frozenset(english_only), list(doc["fields"]))
    missing = [f for f in FIELDS if f not in doc["fields"]]
    if missing:
        raise _config("fields", f"no aliases for {', '.join(missing)}")
    return roles


def _aliases(field: str | None, spec: object, where: str) -> list[Alias]:
    if not isinstance(spec, dict):
        raise _config(where, "expected a mapping of language to a list of aliases")
    out = []
    for language, texts in spec.items():
        if language not in LANGUAGES:
            raise _config(where, f"unknown language {language!r}")
        if not isinstance(texts, list) or not all(isinstance(t, str) for t in texts):
            raise _config(f"{where}.{language}", "expected a list of strings")
        for t in texts:
            words = label_words(t)
            key = "".join(words)
            if not key:
                raise _config(f"{where}.{language}", f"alias {t!r} is empty once normalised")
            substring = len(key) >= 2 and _HAN.fullmatch(key) is not None
            out.append(Alias(field, t, language, key, words, substring))
    return out


def _index(aliases: list[Alias], english_only: frozenset[str], fields: list[str]) -> HeaderRoles:
    exact: dict[str, Alias] = {}
    for a in aliases:
        other = exact.setdefault(a.key, a)
        if other is not a:
            raise _config("", f"alias {a.text!r} ({a.field}) repeats {other.text!r} ({other.field})")
    order: dict[str | None, int] = {None: -1} | {f: i for i, f in enumerate(fields)}
    return HeaderRoles(tuple(aliases), exact, english_only, order)


def _config(where: str, message: str) -> ConfigError:
    return ConfigError(": ".join(p for p in (_ROLES_FILE, where, message) if p))


def aliases_markdown(roles: HeaderRoles | None = None) -> str:
    """The alias table of ``docs/headers.md``, generated from the taxonomy (a test keeps them equal).

    >>> aliases_markdown().splitlines()[0]
    '| field | zh | en | ug | code |'
    """
    roles = roles or load_roles()
    lines = ["| field | " + " | ".join(LANGUAGES) + " |", "|---" * (len(LANGUAGES) + 1) + "|"]
    for name in [*FIELDS, None]:
        cells = [" · ".join(a.text for a in roles.aliases if a.field == name and a.language == lang)
                 for lang in LANGUAGES]
        if name in roles.english_only:
            cells = [c or "(English only)" for c in cells]
        label = f"`{name}`" if name else "(ignored)"
        lines.append(f"| {label} | " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    return "\n".join(lines) + "\n"
