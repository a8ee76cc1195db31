"""The tables of a case, as DDL, in the order migrations apply them.

Each entry of MIGRATIONS brings the case to the next schema version; a case
records its version in ``meta`` and ``case.open_case`` applies what is missing.
Record columns are the canonical fields of ``veracity.fields`` plus provenance.

>>> "records" in MIGRATIONS[0]
True
"""

from __future__ import annotations

from veracity.fields import FIELDS, Kind

_FIELD_COLUMNS = ",\n    ".join(
    f"{f.name} {'INTEGER' if f.kind is Kind.INTEGER else 'VARCHAR'}" for f in FIELDS.values()
)

_V1 = f"""
CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL);
CREATE TABLE sources (
    source_id INTEGER PRIMARY KEY,
    sha256 VARCHAR NOT NULL UNIQUE,
    source_file VARCHAR NOT NULL,
    label VARCHAR NOT NULL,
    role VARCHAR NOT NULL,
    media_type VARCHAR NOT NULL,
    size BIGINT NOT NULL,
    added_at TIMESTAMP NOT NULL,
    encoding VARCHAR NOT NULL,
    n_tables INTEGER NOT NULL,
    n_records INTEGER NOT NULL,
    authentic BOOLEAN NOT NULL DEFAULT false
);
CREATE TABLE source_tables (
    source_id INTEGER NOT NULL,
    sheet VARCHAR NOT NULL,
    header_rows VARCHAR NOT NULL,
    columns JSON NOT NULL,
    data_rows INTEGER NOT NULL,
    skipped_rows INTEGER NOT NULL
);
CREATE TABLE records (
    record_id BIGINT PRIMARY KEY,
    source_id INTEGER NOT NULL,
    source_file VARCHAR NOT NULL,
    sheet VARCHAR NOT NULL,
    table_no INTEGER NOT NULL,
    "row" INTEGER NOT NULL,
    role VARCHAR NOT NULL,
    {_FIELD_COLUMNS},
    cells JSON NOT NULL
);
CREATE TABLE findings (
    check_id VARCHAR NOT NULL,
    severity VARCHAR NOT NULL,
    source_file VARCHAR NOT NULL,
    sheet VARCHAR NOT NULL,
    "row" INTEGER,
    record_id BIGINT,
    message VARCHAR NOT NULL,
    stage VARCHAR NOT NULL,
    details JSON
);
CREATE TABLE claims (
    claim_id VARCHAR NOT NULL,
    source_id INTEGER NOT NULL,
    source_file VARCHAR NOT NULL,
    sheet VARCHAR NOT NULL,
    "row" INTEGER NOT NULL,
    speaker VARCHAR NOT NULL,
    date VARCHAR NOT NULL,
    source VARCHAR NOT NULL,
    subject_name VARCHAR NOT NULL,
    subject_id VARCHAR NOT NULL,
    assertion VARCHAR NOT NULL,
    value VARCHAR NOT NULL,
    quote VARCHAR NOT NULL
);
"""


# v2 (checks, issue 4): the date a source document bears (ISO, set by the user; the checks of ages and
# dates use it, else the latest detention date or the day of the check), and the dataset statistics
# of `veracity check`, one row per statistic and source file, each with its figure, interval or
# p-value and a sentence a journalist can repeat.
_V2_CHECKS = """
ALTER TABLE sources ADD COLUMN document_date VARCHAR;
CREATE TABLE statistics (
    check_id VARCHAR NOT NULL,
    source_file VARCHAR NOT NULL,
    n BIGINT NOT NULL,
    figure DOUBLE,
    expected DOUBLE,
    low DOUBLE,
    high DOUBLE,
    p_value DOUBLE,
    flagged BOOLEAN NOT NULL,
    sentence VARCHAR NOT NULL,
    details JSON
);
"""


# v3 (web review, issue 9): the blocking keys of every name a record holds (any script), so a search
# typed in Latin finds the Chinese or Arabic-script record by key in SQL (filled by
# ``veracity.web.nameindex``; ``meta.name_keys_upto`` is the highest record_id indexed); and the
# accounts of the review UI (``veracity user add``), each with its role and an argon2 password hash.
_V3_WEB = """
CREATE TABLE name_keys (record_id BIGINT NOT NULL, key VARCHAR NOT NULL);
CREATE TABLE users (
    name VARCHAR PRIMARY KEY,
    role VARCHAR NOT NULL,
    password_hash VARCHAR NOT NULL,
    created_at TIMESTAMP NOT NULL
);
"""


# v4 (claims, issue 7): one verdict per claim (claim_id as in ``claims``; a named group's members are
# claims of their own, ``C10.1`` ..., with ``parent_claim_id`` set), the records each verdict rests on,
# the reason/decision clauses of every record with their taxonomy category (NULL when none matched,
# listed, not hidden), and articles added with ``--role claims``: their metadata, main-text paragraphs
# (1-based) and the quotations found in them with their speakers and a suggested assertion.
_V4_CLAIMS = """
CREATE TABLE verdicts (
    claim_id VARCHAR NOT NULL,
    source_file VARCHAR NOT NULL,
    sheet VARCHAR NOT NULL,
    "row" INTEGER NOT NULL,
    verdict VARCHAR NOT NULL,
    evidence VARCHAR NOT NULL,
    sentence VARCHAR NOT NULL,
    match_level VARCHAR NOT NULL,
    name_score DOUBLE,
    candidates INTEGER NOT NULL,
    group_size INTEGER,
    n_supported INTEGER,
    n_contradicted INTEGER,
    n_not_covered INTEGER,
    parent_claim_id VARCHAR
);
CREATE TABLE verdict_evidence (
    claim_id VARCHAR NOT NULL,
    record_id BIGINT NOT NULL,
    source_file VARCHAR NOT NULL,
    sheet VARCHAR NOT NULL,
    "row" INTEGER NOT NULL
);
CREATE TABLE record_reasons (
    record_id BIGINT NOT NULL,
    source_file VARCHAR NOT NULL,
    sheet VARCHAR NOT NULL,
    "row" INTEGER NOT NULL,
    field VARCHAR NOT NULL,
    clause VARCHAR NOT NULL,
    category VARCHAR
);
CREATE TABLE articles (
    source_id INTEGER NOT NULL,
    source_file VARCHAR NOT NULL,
    title VARCHAR NOT NULL,
    date VARCHAR NOT NULL,
    author VARCHAR NOT NULL,
    sitename VARCHAR NOT NULL,
    paragraphs INTEGER NOT NULL
);
CREATE TABLE article_paragraphs (
    source_id INTEGER NOT NULL,
    source_file VARCHAR NOT NULL,
    paragraph INTEGER NOT NULL,
    text VARCHAR NOT NULL
);
CREATE TABLE quotes (
    source_id INTEGER NOT NULL,
    source_file VARCHAR NOT NULL,
    paragraph INTEGER NOT NULL,
    end_paragraph INTEGER NOT NULL,
    speaker VARCHAR NOT NULL,
    quote VARCHAR NOT NULL,
    persons VARCHAR NOT NULL,
    assertion VARCHAR NOT NULL,
    kind VARCHAR NOT NULL,
    cue VARCHAR NOT NULL
);
"""


# v5 (linkage, issue 6): links between records (side `a` the leak record when one side is the leak;
# `link_id` a stable hash of both locators, so a reviewer's decision finds its link again after a
# re-run), the reviewer's decisions (kept across runs; the latest per link counts), persons (each
# leak record's cluster, its level and the number of independent sources confirming it), the
# households rebuilt from the leak and the families that one source corroborates.
_V5_LINK = """
CREATE TABLE links (
    source_file_a VARCHAR NOT NULL,
    row_a INTEGER NOT NULL,
    source_file_b VARCHAR NOT NULL,
    row_b INTEGER NOT NULL,
    match_probability DOUBLE NOT NULL,
    level VARCHAR NOT NULL,
    status VARCHAR NOT NULL,
    link_id VARCHAR PRIMARY KEY,
    sheet_a VARCHAR NOT NULL,
    sheet_b VARCHAR NOT NULL,
    record_id_a BIGINT NOT NULL,
    record_id_b BIGINT NOT NULL,
    match_weight DOUBLE,
    name_score DOUBLE,
    rule VARCHAR NOT NULL,
    evidence JSON NOT NULL
);
CREATE TABLE link_decisions (
    link_id VARCHAR NOT NULL,
    source_file_a VARCHAR NOT NULL,
    sheet_a VARCHAR NOT NULL,
    row_a INTEGER NOT NULL,
    source_file_b VARCHAR NOT NULL,
    sheet_b VARCHAR NOT NULL,
    row_b INTEGER NOT NULL,
    decision VARCHAR NOT NULL,
    note VARCHAR NOT NULL,
    decided_by VARCHAR NOT NULL,
    decided_at VARCHAR NOT NULL
);
CREATE TABLE persons (
    person_id BIGINT NOT NULL,
    record_id BIGINT NOT NULL,
    level VARCHAR NOT NULL,
    sources INTEGER NOT NULL,
    records INTEGER NOT NULL,
    household_id VARCHAR
);
CREATE TABLE person_records (person_id BIGINT NOT NULL, record_id BIGINT NOT NULL);
CREATE TABLE households (
    household_id VARCHAR NOT NULL,
    record_id BIGINT NOT NULL,
    method VARCHAR NOT NULL
);
CREATE TABLE families (
    household_id VARCHAR NOT NULL,
    source_file VARCHAR NOT NULL,
    members_confirmed INTEGER NOT NULL,
    members INTEGER NOT NULL
);
"""


# documents (issue 10): what a PDF, DOCX, XLSX or image says about its making (one row per source, fields
# verbatim in `fields`; `metadata_state` present/partial/absent, absent being no evidence either way), the
# provenance signals found in it (`document_signals`, read by the report's provenance section), the text
# of each page (OCR or text layer, for search, claims and comparison with published excerpts), and where
# each physical row of a table was read: its page and, for OCR, the confidence of each cell (JSON array,
# 0..1). `record_origins` joins a record to its row's origin: physical row = last header row + data row.
_V6_DOCUMENTS = """
CREATE TABLE documents (
    source_id INTEGER NOT NULL,
    source_file VARCHAR NOT NULL,
    kind VARCHAR NOT NULL,
    producer VARCHAR NOT NULL,
    creator VARCHAR NOT NULL,
    author VARCHAR NOT NULL,
    created VARCHAR NOT NULL,
    modified VARCHAR NOT NULL,
    pages INTEGER NOT NULL,
    fonts JSON NOT NULL,
    page_sizes JSON NOT NULL,
    camera VARCHAR NOT NULL,
    taken VARCHAR NOT NULL,
    gps JSON,
    metadata_state VARCHAR NOT NULL,
    fields JSON NOT NULL
);
CREATE TABLE document_signals (
    signal_id VARCHAR NOT NULL,
    severity VARCHAR NOT NULL,
    source_file VARCHAR NOT NULL,
    message VARCHAR NOT NULL,
    details JSON
);
CREATE TABLE document_pages (
    source_id INTEGER NOT NULL,
    source_file VARCHAR NOT NULL,
    page INTEGER NOT NULL,
    text VARCHAR NOT NULL,
    ocr BOOLEAN NOT NULL,
    confidence DOUBLE
);
CREATE TABLE document_rows (
    source_id INTEGER NOT NULL,
    sheet VARCHAR NOT NULL,
    physical_row INTEGER NOT NULL,
    page INTEGER NOT NULL,
    confidences JSON
);
CREATE VIEW record_origins AS
SELECT r.record_id, r.source_file, r.sheet, r."row", d.page, d.confidences
FROM records r
JOIN source_tables t ON t.source_id = r.source_id AND t.sheet = r.sheet
JOIN document_rows d ON d.source_id = r.source_id AND d.sheet = r.sheet
 AND d.physical_row = CAST(split_part(t.header_rows, '-', 2) AS INTEGER) + r."row";
"""

# v7 (title date): the date a source states in its title rows (ISO at the precision written: "2019-06" for
# 2019年6月) and where it was read (JSON: sheet, physical title row, the row's text verbatim, the date as written,
# and the different dates other tables' titles state; the latest is kept). Ages and dates are judged at it when
# no document date is set (`veracity.ingest.title_date`).
_V7_STATED_DATE = """
ALTER TABLE sources ADD COLUMN stated_date VARCHAR;
ALTER TABLE sources ADD COLUMN stated_date_at JSON;
"""

# Append only: a case records how many of these it has applied.
MIGRATIONS: tuple[str, ...] = (_V1, _V2_CHECKS, _V3_WEB, _V4_CLAIMS, _V5_LINK, _V6_DOCUMENTS, _V7_STATED_DATE)
