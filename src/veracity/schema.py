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

MIGRATIONS: tuple[str, ...] = (_V1,)

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

MIGRATIONS = (*MIGRATIONS, _V2_CHECKS)

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

MIGRATIONS = (*MIGRATIONS, _V3_WEB)

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

MIGRATIONS = (*MIGRATIONS, _V4_CLAIMS)
