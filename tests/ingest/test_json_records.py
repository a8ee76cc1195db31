"""JSON database exports: an array of objects or JSON Lines, a row per object, a column per key."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from veracity.case import Case
from veracity.errors import InputError
from veracity.ingest import json_records
from veracity.ingest.formats import MediaType
from veracity.ingest.pipeline import AddRequest, add_files
from veracity.limits import Limits

from .samples import read_all

Put = Callable[[str, bytes], Path]
PEOPLE = [
    {"name": "买买提·吐尔逊", "id_number": "653222198501011234", "sex": "男", "birth_date": "1985-01-01",
     "address": {"county": "墨玉县", "village": 3}, "tags": ["a", "b"]},
    {"name": "阿依古丽·艾买提", "id_number": "653222199001011236", "sex": "女", "note": None},
    {"name": "Ehmet Tursun", "sex": "M", "birth_date": "1979-07-07", "verified": True, "score": 0.5},
]
HEADER = ("name", "id_number", "sex", "birth_date", "address.county", "address.village", "tags", "note", "verified",
          "score")
ROWS = [("买买提·吐尔逊", "653222198501011234", "男", "1985-01-01", "墨玉县", 3, '["a", "b"]'),
        ("阿依古丽·艾买提", "653222199001011236", "女"),
        ("Ehmet Tursun", None, "M", "1979-07-07", None, None, None, None, True, 0.5)]


def test_an_array_of_objects_is_a_row_per_object_under_every_key_met(put: Put) -> None:
    result, tables = read_all(put("dump.json", json.dumps(PEOPLE, ensure_ascii=False, indent=2).encode()))
    assert result.media_type is MediaType.JSON
    assert tables == [("", [HEADER, *ROWS])]


def test_json_lines_count_blank_lines_as_rows_and_take_a_search_dumps_source(put: Put) -> None:
    lines = [json.dumps({"_index": "people", "_id": str(k), "_source": p}, ensure_ascii=False)
             for k, p in enumerate(PEOPLE)]
    data = "\n".join([lines[0], lines[1], "", lines[2]]) + "\n"
    _, tables = read_all(put("dump.jsonl", data.encode()))
    assert tables == [("", [HEADER, ROWS[0], ROWS[1], (), ROWS[2]])]


@pytest.mark.parametrize("chunk", [1, 7, 64])
def test_an_array_is_read_the_same_in_any_chunk_size(put: Put, monkeypatch: pytest.MonkeyPatch, chunk: int) -> None:
    monkeypatch.setattr(json_records, "CHUNK", chunk)
    data = json.dumps([*PEOPLE, {"name": "x" * 100, "n": 123456789}], ensure_ascii=False).encode()
    _, tables = read_all(put("dump.json", data))
    assert tables[0][1][1:4] == ROWS and tables[0][1][4] == ("x" * 100, *[None] * 9, 123456789)


def test_utf16_json_is_read(put: Put) -> None:
    _, tables = read_all(put("dump.json", json.dumps(PEOPLE[:1], ensure_ascii=False).encode("utf-16")))
    assert tables[0][1][1] == ROWS[0]


def test_a_json_export_is_added_with_its_fields_and_rows(put: Put, case: Case) -> None:
    lines = "\n".join(json.dumps(p, ensure_ascii=False) for p in PEOPLE) + "\n"
    add_files(case, [put("dump.jsonl", lines.encode())], AddRequest(role="reference"))
    rows = case.con.execute('SELECT "row", name, id_number, sex, birth_date FROM records ORDER BY "row"').fetchall()
    assert rows == [(1, "买买提·吐尔逊", "653222198501011234", "M", "1985-01-01"),
                    (2, "阿依古丽·艾买提", "653222199001011236", "F", None),
                    (3, "Ehmet Tursun", None, "M", "1979-07-07")]


WRAPPED = {"code": 0, "msg": "成功", "data": {"total": 3, "flags": [1, 2], "page": {"no": 1, "list": PEOPLE}},
           "after": [{"not": "read"}]}


@pytest.mark.parametrize("indent", [2, None])
@pytest.mark.parametrize("chunk", [7, 1 << 20])
def test_an_api_response_is_read_from_its_array_of_records(put: Put, monkeypatch: pytest.MonkeyPatch,
                                                           indent: int | None, chunk: int) -> None:
    monkeypatch.setattr(json_records, "CHUNK", chunk)
    _, tables = read_all(put("response.json", json.dumps(WRAPPED, ensure_ascii=False, indent=indent).encode()))
    assert tables == [("", [HEADER, *ROWS])]


def test_json_lines_of_objects_holding_lists_stay_json_lines(put: Put) -> None:
    lines = [{"name": "a", "rows": [{"x": 1}]}, {"name": "b", "rows": []}]
    _, tables = read_all(put("dump.jsonl", "\n".join(json.dumps(x) for x in lines).encode()))
    assert tables == [("", [("name", "rows"), ("a", '[{"x": 1}]'), ("b", "[]")])]


@pytest.mark.parametrize(("data", "limits", "message", "place"), [
    (b'[{"a": 1}, {"a": 2', Limits(), "cannot read the file", "record 2"),
    (b'{\n  "code": 0, "msg": "ok", "data": {"list": []}\n}\n', Limits(), "no array of records", "record 1"),
    (b'{\n  "data": {"list": [{"a": 1}, {"a": ' + b"[" * 100_000 + b"]" * 100_000 + b"}]}}", Limits(), "RecursionError",
     "record 2"),
    (b'{\n  "data": [{"a": 1}, {"a": 2', Limits(), "cannot read the file", "record 2"),
    (b'[{"a": 1}, 2]', Limits(), "record 2 is not an object", "record 2"),
    (b'[{"a": 1} {"a": 2}]', Limits(), "expected ',' or ']'", "record 2"),
    (b'{"a": 1}\n{"a": ' + b"[" * 100_000 + b"]" * 100_000 + b"}\n", Limits(), "RecursionError", "record 2"),
    (json.dumps([{f"k{k}": 1 for k in range(50)}]).encode(), Limits(max_columns=20), "50 columns", "record 1"),
    (json.dumps([{"a": 1}] * 30).encode(), Limits(max_rows=20), "more than 20 rows", "record 21"),
    (json.dumps([{"a": "x" * 50}]).encode(), Limits(max_cell_chars=10), "a cell longer than 10", "record 1"),
])
def test_bad_json_is_one_input_error_at_its_record(put: Put, data: bytes, limits: Limits, message: str,
                                                   place: str) -> None:
    with pytest.raises(InputError, match=message) as caught:
        read_all(put("bad.json", data), limits)
    assert (caught.value.source, caught.value.place) == ("bad.json", place)
