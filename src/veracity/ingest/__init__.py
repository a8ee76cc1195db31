"""Ingest: files into the evidence store and their rows into records.

Readers (csv_reader, xlsx_reader, docx_reader) turn a file into RawTables;
header and columns decide which row is the header and which canonical field
each column holds; values normalise cells; pipeline writes one transaction.
"""
