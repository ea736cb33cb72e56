"""Random command lines: every subcommand that exits answers 0, 1 or 2 with a message, never
a traceback. Run in this process (`desktop.cli.main`) on a throwaway data directory; the
window and the tray (no command, `tray`) are left out because they do not exit."""

from __future__ import annotations

import io
import logging
import shutil
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop import cli
from tests.conftest import REPO, examples

# Not `print`: it would print on this machine's default printer.
COMMANDS = [
    "due", "proofread", "card", "import", "export", "backup", "restore", "demo", "outbox",
    "followup",
]  # fmt: skip
DATA_FILES = [
    "sample.json",
    "google-invite.ics",
    "apple-contacts.vcf",
    "linkedin-connections.csv",
    "outlook-contacts.csv",
]
OPTIONS = [
    "-h", "--help", "--json", "--at", "--format", "--dry-run", "--map", "-o", "--output",
    "--table", "--from", "--to", "--paper", "--text", "--followup", "--size", "--font", "--sheet",
    "--channel", "--formality", "--recipient", "--point", "--", "-", "--demo", "-v", "--nope",
    "--send", "--sent", "--snooze",
]  # fmt: skip
VALUES = [
    "json", "csv", "ics", "report", "vcard", "linkedin", "auto", "email", "card", "formal",
    "casual", "a2", "a6", "4x6", "folded-letter", "letter", "a4", "ruled", "plain", "Caveat",
    "Comic Sans", "applications", "contacts", "1", "0", "-1", "99999999999999999999", "2026-11-20",
    "2026-02-30", "2026-11-20T10:00:00-05:00", "2026-11-20T10:00", "yesterday", "", " ", "é",
    "\U0001f600", "name=Full Name", "email=", "=x", "nonsense", "\x7f",
]  # fmt: skip


class Folder:
    """The throwaway data directory and the files the fuzzed command lines may name."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.data = root / "data"
        self.inputs = root / "inputs"
        self.outputs = root / "outputs"
        for folder in (self.data, self.inputs, self.outputs):
            folder.mkdir()
        # Copies, so that `-o` given an input file can never overwrite the repository's.
        for name in DATA_FILES:
            shutil.copy(REPO / "tests" / "data" / name, self.inputs / name)
        (self.inputs / "note.txt").write_text("Dear Ms. Hale,\n\nThank you for your time.\n")
        (self.inputs / "binary.bin").write_bytes(bytes(range(256)) * 4)
        (self.inputs / "latin1.txt").write_bytes("Caf\xe9 \xa3".encode("latin-1"))

    def paths(self) -> list[str]:
        inputs = [str(self.inputs / name) for name in sorted(p.name for p in self.inputs.iterdir())]
        outputs = [
            str(self.outputs / name) for name in ("out.pdf", "out.json", "out.csv", "out.ics")
        ]
        odd = [str(self.inputs), str(self.outputs / "missing" / "x.pdf"), "/dev/null"]
        return inputs + outputs + odd + [str(self.data / "afterword.sqlite")]


@pytest.fixture(scope="module")
def folder() -> Iterator[Folder]:
    with tempfile.TemporaryDirectory(prefix="afterword-fuzz-cli-") as root:
        yield Folder(Path(root))


@pytest.fixture(autouse=True)
def restore_process_state(qapp: object) -> Iterator[None]:
    """main() installs an exception hook and a log file handler: put both back after.

    (`qapp` first: `card` would otherwise make a QGuiApplication, and the widget tests
    after this one need a QApplication.)
    """
    hook = sys.excepthook
    handlers = list(logging.getLogger().handlers)
    level = logging.getLogger().level
    yield
    sys.excepthook = hook
    root = logging.getLogger()
    for handler in [h for h in root.handlers if h not in handlers]:
        root.removeHandler(handler)
        handler.close()
    root.setLevel(level)


def command_lines(folder: Folder) -> st.SearchStrategy[list[str]]:
    """Mostly well-formed command lines (so commands really run), then a few tokens mutated."""
    files = st.sampled_from([*folder.paths(), "-"])
    outs = st.sampled_from([*folder.paths()[-8:], "-"])
    value = st.one_of(st.sampled_from(VALUES), st.text(max_size=8))

    def opt(name: str, values: st.SearchStrategy[str]) -> st.SearchStrategy[list[str]]:
        return st.one_of(st.just([]), values.map(lambda v: [name, v]))

    def flag(name: str) -> st.SearchStrategy[list[str]]:
        return st.sampled_from([[], [name]])

    def pick(*names: str) -> st.SearchStrategy[str]:
        # Mostly valid, so that most commands really run: one value in ten is noise.
        return st.integers(0, 9).flatmap(lambda n: value if n == 0 else st.sampled_from(names))

    grammar = {
        "due": [opt("--at", pick("2026-11-20T10:00:00-05:00", "2026-11-20")), flag("--json")],
        "proofread": [
            st.lists(files, min_size=1, max_size=3),
            flag("--json"),
            opt("--channel", pick("email", "card")),
            opt("--formality", pick("formal", "neutral", "casual")),
            opt("--recipient", pick("Margaret Hale", "李明", "Ms.")),
            opt("--point", pick("her clerkship story")),
        ],
        "card": [
            st.one_of(
                files.map(lambda f: ["--text", f]), pick("1", "2").map(lambda v: ["--followup", v])
            ),
            outs.map(lambda o: ["-o", o]),
            opt("--size", pick("a2", "a6", "3.5x5", "4x6", "folded-letter", "folded-a4")),
            opt("--font", pick("Caveat", "Kalam", "EB Garamond")),
            opt("--sheet", pick("letter", "a4")),
            opt("--paper", pick("ruled", "plain")),
        ],
        "import": [
            files.map(lambda f: [f]),
            opt("--format", pick("auto", "json", "vcard", "linkedin", "csv", "ics")),
            flag("--dry-run"),
            flag("--json"),
            opt("--map", pick("name=Full Name", "email=E-mail Address")),
        ],
        "export": [
            pick("json", "csv", "ics", "report").map(lambda f: ["--format", f]),
            outs.map(lambda o: ["-o", o]),
            opt("--table", pick("applications", "contacts")),
            opt("--from", pick("2026-11-01")),
            opt("--to", pick("2026-12-01")),
            opt("--paper", pick("auto", "a4", "letter")),
        ],
        "backup": [outs.map(lambda o: ["-o", o])],
        "restore": [files.map(lambda f: [f])],
        "demo": [],
        "outbox": [flag("--send"), flag("--json")],
        "followup": [
            pick("1", "2", "999").map(lambda v: [v]),
            st.one_of(st.just(["--sent"]), pick("60", "1", "0").map(lambda v: ["--snooze", v])),
        ],
    }
    token = st.one_of(st.sampled_from(OPTIONS), value, files)

    @st.composite
    def line(draw: st.DrawFn) -> list[str]:
        command = draw(st.sampled_from(COMMANDS))
        argv = [command]
        for part in grammar[command]:
            drawn = draw(part)
            argv += [drawn] if isinstance(drawn, str) else drawn
        before = draw(
            st.lists(st.sampled_from(["-v", "--verbose", "--demo", "--version"]), max_size=1)
        )
        for _ in range(draw(st.sampled_from([0, 0, 0, 1, 2]))):  # noise: a token dropped or added
            # Never at 0: without its command the line would open the window.
            at = draw(st.integers(1, len(argv)))
            if draw(st.booleans()) and at < len(argv):
                del argv[at]
            else:
                argv.insert(at, draw(token))
        return [*before, *argv]

    return line()


def run(folder: Folder, argv: list[str], stdin: bytes, monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8"))
    # Relative names ("-" for `backup -o -` is a file called "-") land here, not in the repo.
    monkeypatch.chdir(folder.outputs)
    try:
        return cli.main(["--data-dir", str(folder.data), *argv])
    except SystemExit as done:  # argparse: usage errors (2), --help and --version (0)
        return done.code if isinstance(done.code, int) else 2


@settings(
    max_examples=examples(100),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_random_command_lines_exit_0_1_or_2_without_a_traceback(
    folder: Folder,
    capsysbinary: pytest.CaptureFixture[bytes],
    monkeypatch: pytest.MonkeyPatch,
    data: st.DataObject,
    qtlog: Any,
) -> None:
    argv = data.draw(command_lines(folder), label="argv")
    stdin = data.draw(st.binary(max_size=200), label="stdin")
    status = run(folder, argv, stdin, monkeypatch)
    # Bytes: `card -o -` writes the PDF itself to stdout.
    out, err = (text.decode("utf-8", "replace") for text in capsysbinary.readouterr())
    assert status in (0, 1, 2), (argv, status, err)
    # A Qt warning on the console is a defect too; named here with the command line.
    warnings = [r.message for r in qtlog.records if r.type_name != "QtDebugMsg"]
    qtlog.records.clear()
    assert not warnings, (argv, warnings)
    assert "Traceback" not in err and "Traceback" not in out
    if status != 0:
        assert err.strip(), f"{argv} failed without saying why"


@pytest.mark.parametrize(
    "argv",
    [
        ["import", "-", "--format", "json"],
        ["proofread", "-", "--json"],
        ["card", "--text", "-", "-o", "OUT/x.pdf"],
    ],
)
def test_stdin_that_is_not_text_is_a_clear_error(
    folder: Folder,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    argv: list[str],
) -> None:
    argv = [a.replace("OUT", str(folder.outputs)) for a in argv]
    status = run(folder, argv, b"\xff\xfe\x00garbage\xc3", monkeypatch)
    _out, err = capsys.readouterr()
    assert status in (0, 1), err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["backup", "-o", "OUT"],
            "afterword backup: OUT: could not write the backup: Is a directory",
        ),
        (
            ["card", "--text", "NOTE", "-o", "OUT"],
            "afterword card: OUT: cannot write the PDF: Is a directory",
        ),
        (
            ["export", "--format", "json", "-o", "OUT"],
            "afterword export: OUT: cannot write: Is a directory",
        ),
    ],
    ids=["backup", "card", "export"],
)
def test_writing_onto_a_folder_is_a_clear_error(
    folder: Folder,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    argv: list[str],
    message: str,
) -> None:
    """Found by the fuzzer: `backup -o FOLDER` and `card -o FOLDER` ended in a traceback."""
    names = {"OUT": str(folder.outputs), "NOTE": str(folder.inputs / "note.txt")}
    status = run(folder, [names.get(a, a) for a in argv], b"", monkeypatch)
    _out, err = capsys.readouterr()
    assert status == 1
    assert message.replace("OUT", str(folder.outputs)) in err
    assert not list(folder.outputs.glob("*.partial")) and not list(folder.root.glob("*.partial"))


def test_an_empty_output_name_is_a_usage_error(
    folder: Folder, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Found by the fuzzer: `-o ""` is the current folder, and ended in a ValueError."""
    for argv in (["backup", "-o", ""], ["export", "--format", "json", "-o", ""]):
        assert run(folder, argv, b"", monkeypatch) == 2
        assert "argument -o/--output: give a file name" in capsys.readouterr().err


@pytest.mark.parametrize(
    "argv",
    [
        ["export", "--format", "report", "-o", "MISSING/report.pdf"],
        ["export", "--format", "json", "-o", "MISSING/backup.json"],
        ["card", "--text", "NOTE", "-o", "MISSING/card.pdf"],
    ],
    ids=["report", "json", "card"],
)
def test_writing_into_a_missing_folder_names_the_folder(
    folder: Folder,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    argv: list[str],
) -> None:
    """Found by CI's fuzzing: the report's PDF writer failed on a missing folder with a Qt
    warning on the console and an error naming its hidden `.partial` file."""
    missing = folder.root / "not-there"  # not a path the fuzzer uses (`backup` makes folders)
    names = {"NOTE": str(folder.inputs / "note.txt")}
    argv = [names.get(a, a.replace("MISSING", str(missing))) for a in argv]
    assert run(folder, argv, b"", monkeypatch) == 1
    err = capsys.readouterr().err
    assert f"the folder {missing} does not exist" in err
    assert ".partial" not in err
    assert not missing.exists()
