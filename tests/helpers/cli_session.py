"""The command line through a realistic session, run as
`python -m tests.helpers.cli_session DATA OUT`.

Every command runs through `desktop.cli.main` in this one process (one start-up instead of
twenty); each command's exit status is printed as a JSON line, and the run fails if any
command did not succeed.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
IMPORTS = sorted(
    p for p in (REPO / "tests" / "data").iterdir() if p.suffix in (".ics", ".vcf", ".csv")
)


def commands(data: str, out: Path) -> list[list[str]]:
    note = out / "note.txt"
    note.write_text(
        "Dear Ms. Hale,\n\nThank you for taking the time to meet with me. I enjoyed hearing "
        "about your clerkship, and I am excited about the role.\n\nSincerely,\nAda Lovelace\n",
        encoding="utf-8",
    )
    lines = [["--data-dir", data, "import", str(path)] for path in IMPORTS]
    lines += [
        ["--data-dir", data, "due", "--json"],
        ["--data-dir", data, "card", "--text", str(note), "-o", str(out / "cli-card.pdf")],
        ["--data-dir", data, "proofread", "--json", "--recipient", "Margaret Hale", str(note)],
        ["--data-dir", data, "export", "--format", "json", "-o", str(out / "export.json")],
        ["--data-dir", data, "export", "--format", "ics", "-o", str(out / "export.ics")],
        ["--data-dir", data, "export", "--format", "csv", "-o", str(out / "export.csv")],
        ["--data-dir", data, "export", "--format", "report", "-o", str(out / "report.pdf")],
        ["--data-dir", data, "export", "--format", "report", "-o", str(out / "report.csv")],
        ["--data-dir", data, "backup", "-o", str(out / "backup.sqlite3")],
    ]
    return [["-v", *line] for line in lines]  # verbose: the logs hold all they ever would


def main(data: str, out: str) -> int:
    from desktop import cli

    failed = 0
    for argv in commands(data, Path(out)):
        try:
            status = cli.main(argv)
        except SystemExit as done:
            status = done.code if isinstance(done.code, int) else 2
        sys.stdout.flush()
        print(json.dumps({"argv": argv[3:], "status": status}), file=sys.stderr)
        failed += status != 0
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1], sys.argv[2]))
