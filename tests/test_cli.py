"""The command line as scripts call it: exit codes, one-line errors, help with examples, JSON output."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from veracity.cli import app

from .conftest import synthetic_people, write_register

runner = CliRunner()
COMMANDS = ("init", "add", "verify", "status", "export", "check", "link", "judge", "run", "review", "report",
            "demo", "serve")


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_an_example(command: str) -> None:
    result = runner.invoke(app, [command, "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0 and "Example: veracity" in result.output


def test_user_add_has_help_with_an_example() -> None:
    result = runner.invoke(app, ["user", "add", "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0 and "Example: veracity user add" in result.output


def test_user_add_reads_the_password_from_stdin_and_lists_the_account(tmp_path: Path) -> None:
    case = _case(tmp_path)
    added = runner.invoke(app, ["user", "add", str(case), "ana", "--role", "reviewer", "--password-stdin"],
                          input="correct horse battery\n")
    assert added.exit_code == 0, added.output
    listed = runner.invoke(app, ["user", "list", str(case)])
    assert "ana" in listed.stdout and "reviewer" in listed.stdout


def test_help_does_not_import_heavy_engines() -> None:
    code = ("import sys; from veracity.cli import app; from typer.testing import CliRunner; "
            "CliRunner().invoke(app, ['--help']); "
            "print(sorted(m for m in ('pyspark', 'splink', 'weasyprint', 'pypinyin', 'fastapi', 'followthemoney') "
            "if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def _case(tmp_path: Path) -> Path:
    case = tmp_path / "case"
    assert runner.invoke(app, ["init", str(case)]).exit_code == 0
    return case


def test_add_then_export_records_json(tmp_path: Path) -> None:
    case = _case(tmp_path)
    people = synthetic_people(3)
    leak = write_register(tmp_path / "leak.csv", people)
    assert runner.invoke(app, ["add", str(case), str(leak), "--role", "leak"]).exit_code == 0
    out = tmp_path / "r.json"
    assert runner.invoke(app, ["export", str(case), "--what", "records", "--format", "json", "-o",
                               str(out)]).exit_code == 0
    records = json.loads(out.read_text("utf-8"))
    assert [r["id_number"] for r in records] == [p["id"] for p in people]


def test_bad_input_exits_2_with_one_line_naming_the_file(tmp_path: Path) -> None:
    case = _case(tmp_path)
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    result = runner.invoke(app, ["add", str(case), str(empty), "--role", "leak"])
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == ["error: empty.csv: empty file"]


def test_add_json_says_a_repeated_file_was_not_added(tmp_path: Path) -> None:
    case = _case(tmp_path)
    leak = write_register(tmp_path / "leak.csv", synthetic_people(2))
    runner.invoke(app, ["add", str(case), str(leak), "--role", "leak"])
    result = runner.invoke(app, ["add", str(case), str(leak), "--role", "leak", "--json"])
    assert result.exit_code == 0 and json.loads(result.stdout)[0]["added"] is False


def test_verify_exits_1_and_names_the_tampered_file(tmp_path: Path) -> None:
    case = _case(tmp_path)
    leak = write_register(tmp_path / "leak.csv", synthetic_people(2))
    runner.invoke(app, ["add", str(case), str(leak), "--role", "leak"])
    stored = next((case / "evidence").iterdir())
    stored.chmod(0o644)
    stored.write_bytes(b"forged")
    result = runner.invoke(app, ["verify", str(case)])
    assert result.exit_code == 1 and "leak.csv" in result.stderr and "modified" in result.stderr


def test_status_json_counts_sources_and_records(tmp_path: Path) -> None:
    case = _case(tmp_path)
    runner.invoke(app, ["add", str(case), str(write_register(tmp_path / "l.csv", synthetic_people(4))),
                        "--role", "leak", "--name", "County list"])
    state = json.loads(runner.invoke(app, ["status", str(case), "--json"]).stdout)
    assert state["records"] == 4 and state["sources"][0]["label"] == "County list"


def test_status_json_shows_the_date_the_title_states_and_where(tmp_path: Path) -> None:
    case = _case(tmp_path)
    leak = write_register(tmp_path / "l.csv", synthetic_people(4))
    leak.write_text("墨玉县教培学员名单（2019年6月）,,,\n" + leak.read_text("utf-8"), "utf-8")
    runner.invoke(app, ["add", str(case), str(leak), "--role", "leak"])
    [source] = json.loads(runner.invoke(app, ["status", str(case), "--json"]).stdout)["sources"]
    assert (source["stated_date"], source["stated_date_at"]["row"], source["stated_date_at"]["text"]) == (
        "2019-06", 1, "墨玉县教培学员名单（2019年6月）")


def test_map_with_a_bad_pair_is_a_usage_error(tmp_path: Path) -> None:
    case = _case(tmp_path)
    leak = write_register(tmp_path / "leak.csv", synthetic_people(2))
    result = runner.invoke(app, ["add", str(case), str(leak), "--role", "leak", "--map", "nonsense"])
    assert result.exit_code == 2 and "COLUMN=FIELD" in result.stderr
