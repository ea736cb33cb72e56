"""`afterword import --format csv --map …` and `afterword export --format report`."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import time
from pathlib import Path

from tests.conftest import require_tool

DATA = Path(__file__).resolve().parent.parent / "data"


def exported(afterword, data_dir: Path) -> dict:
    out = afterword("--data-dir", str(data_dir), "export", "--format", "json", "-o", "-")
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def test_csv_with_a_mapping_by_hand(afterword, data_dir, tmp_path):
    sheet = tmp_path / "sheet.csv"
    sheet.write_text("Person;Where;Mail\nAda Byron;Engines;ada@example.org\n", encoding="utf-8")
    args = ["--data-dir", str(data_dir), "import", str(sheet), "--format", "csv", "--json"]
    maps = ["--map", "name=Person", "--map", "company=Where", "--map", "email=Mail"]
    dry = afterword(*args, "--dry-run", *maps)
    assert dry.returncode == 0, dry.stderr
    preview = json.loads(dry.stdout)
    assert preview["dry_run"] and preview["counts"]["contacts"]["created"] == 1
    assert preview["mapping"] == {"name": "Person", "company": "Where", "email": "Mail"}
    assert exported(afterword, data_dir)["contacts"] == []
    done = afterword(*args, *maps)
    assert done.returncode == 0, done.stderr
    (ada,) = exported(afterword, data_dir)["contacts"]
    assert ada["name"] == "Ada Byron" and ada["email"] == "ada@example.org"


def test_csv_problems_are_numbered_by_row_and_change_nothing(afterword, data_dir, tmp_path):
    sheet = tmp_path / "sheet.csv"
    sheet.write_text("Name,Email\nAda,ada@example.org\nBob,bob at example\n")
    out = afterword("--data-dir", str(data_dir), "import", str(sheet))
    assert out.returncode == 1
    assert "row 3: email: not an email address ('bob at example')" in out.stderr
    assert "Traceback" not in out.stderr
    assert exported(afterword, data_dir)["contacts"] == []


def test_a_bad_map_is_a_usage_error(afterword, data_dir, tmp_path):
    sheet = tmp_path / "sheet.csv"
    sheet.write_text("Name,Email\nAda,ada@example.org\n")
    out = afterword("--data-dir", str(data_dir), "import", str(sheet), "--map", "name")
    assert out.returncode == 2 and "expected FIELD=COLUMN" in out.stderr
    out = afterword("--data-dir", str(data_dir), "import", str(sheet), "--map", "name=Who")
    assert out.returncode == 1 and "no column 'Who'" in out.stderr


def test_a_50_mb_file_is_refused_quickly_and_changes_nothing(afterword, data_dir, tmp_path):
    big = tmp_path / "big.vcf"
    with big.open("wb") as handle:
        handle.write(b"BEGIN:VCARD\r\n")
        handle.truncate(50 * 2**20)
    started = time.perf_counter()
    out = afterword("--data-dir", str(data_dir), "import", str(big))
    took = time.perf_counter() - started
    assert out.returncode == 1
    assert "big.vcf: the file is 50.0 MB; at most 20 MB can be imported" in out.stderr
    assert took < 10  # the whole process start included; the refusal itself reads nothing
    assert exported(afterword, data_dir)["contacts"] == []


def test_report_export_to_csv_and_pdf(afterword, data_dir, tmp_path):
    assert afterword("--data-dir", str(data_dir), "demo").returncode == 0
    out = afterword("--data-dir", str(data_dir), "export", "--format", "report", "-o", "-")
    assert out.returncode == 0, out.stderr
    rows = list(csv.DictReader(io.StringIO(out.stdout)))
    assert {r["company"] for r in rows} >= {"Hale & Pierce LLP", "Brightloop"}
    assert {"Applied", "Interview", "Follow-up sent"} <= {r["activity"] for r in rows}

    pdf = tmp_path / "report.pdf"
    made = afterword(
        "--data-dir",
        str(data_dir),
        "export",
        "--format",
        "report",
        "-o",
        str(pdf),
        "--from",
        "2020-01-01",
        "--to",
        "2030-12-31",
        "--paper",
        "letter",
    )
    assert made.returncode == 0, made.stderr
    require_tool("pdftotext")
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Job search activity of Alex Morgan" in text
    assert "1 Jan 2020 to 31 Dec 2030" in text
    for company in {r["company"] for r in rows}:
        assert company in text


def test_report_usage_errors(afterword, data_dir, tmp_path):
    base = ["--data-dir", str(data_dir), "export", "--format", "report"]
    out = afterword(*base, "-o", str(tmp_path / "r.txt"))
    assert out.returncode == 2 and ".pdf or .csv" in out.stderr
    out = afterword(
        *base, "-o", str(tmp_path / "r.csv"), "--from", "2026-12-01", "--to", "2026-11-01"
    )
    assert out.returncode == 2 and "before" in out.stderr
    out = afterword(*base, "-o", str(tmp_path / "r.csv"), "--from", "yesterday")
    assert out.returncode == 2 and "not a date" in out.stderr


def test_a_report_onto_a_folder_says_it_could_not_export(afterword, data_dir, tmp_path):
    assert afterword("--data-dir", str(data_dir), "demo").returncode == 0
    folder = tmp_path / "report.pdf"
    folder.mkdir()
    out = afterword("--data-dir", str(data_dir), "export", "--format", "report", "-o", str(folder))
    assert out.returncode == 1
    assert "cannot export, nothing was written" in out.stderr and "import" not in out.stderr
    assert list(folder.iterdir()) == []
