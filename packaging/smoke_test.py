"""Start the built bundle headless and check that it works as a user would use it.

    python packaging/smoke_test.py [--dist dist]

Against a temporary data directory it runs the command line (demo, due, proofread, card,
export, import), opens the window on the demo data until its first paint (offscreen, and
on Linux also on Xvfb), runs the tray until it has announced what is due (on Linux to a
recording notification server on a private D-Bus) and stops it with SIGTERM, and fails
on any unexpected line on stderr. It also looks inside the bundle: the data the app reads
must be there, and keyrings.alt, the test tools and the Qt modules the app does not use
must not; on Linux Qt must still collate on the slimmed ICU data.
Exit status 0 when every check passes, 1 otherwise (each failure says what and why).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import tomllib
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

# The smoke test's own modules sit beside it; slim_bundle holds the ICU probe.
sys.path[:0] = [
    str(Path(__file__).resolve().parent),
    str(Path(__file__).resolve().parent / "linux"),
]
from bundle_contents import bundled_modules, forbidden_parts, required_parts  # noqa: E402
from slim_bundle import ICU_PROBE  # noqa: E402
from smoke_core import Smoke, SmokeFailure  # noqa: E402
from smoke_desktop import check_tray, check_x11_window  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
APP_NAME = "Afterword"

NOTE = (
    "Dear Ms. Hale,\n\nThank you for your time on Friday. I enjoyed lerning how the litigation "
    "team splits research, and your clerkship story stayed with me. I am excited about the "
    "role and hope to hear about next steps.\n\nBest regards,\nAlex Morgan\n"
)
VCARD = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Robin Vance\r\nN:Vance;Robin;;;\r\nORG:Quayside Labs\r\n"
    "TITLE:Engineering Manager\r\nEMAIL:robin@quayside.example\r\nEND:VCARD\r\n"
)
# The company comes from the public-suffix list the bundle carries (publicsuffixlist's):
# mail.hale-pierce.co.uk is Hale-Pierce, and the tenant relay names nothing.
INVITE = (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\n"
    "UID:smoke-1@example.org\r\nDTSTART:20261201T150000Z\r\nSUMMARY:Interview: Associate\r\n"
    "ORGANIZER;CN=Talent:mailto:talent@halepierce.onmicrosoft.com\r\n"
    "ATTENDEE;CN=Margaret Hale:mailto:mhale@mail.hale-pierce.co.uk\r\nEND:VEVENT\r\n"
    "END:VCALENDAR\r\n"
)


def find_executable(dist: Path) -> tuple[Path, Path]:
    """The bundle's executable and the folder holding the bundle (the .app on macOS)."""
    app = dist / f"{APP_NAME}.app"
    if sys.platform == "darwin" and app.is_dir():
        return app / "Contents" / "MacOS" / APP_NAME, app
    name = f"{APP_NAME}.exe" if sys.platform == "win32" else APP_NAME
    return dist / APP_NAME / name, dist / APP_NAME


def project_version() -> str:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return str(project["version"])


def midday_zone(now: datetime) -> str:
    """A fixed-offset zone (POSIX TZ name) where `now` falls between 11:00 and 13:00."""
    offset = (12 - now.astimezone(UTC).hour) % 24
    if offset > 12:
        offset -= 24
    # Etc/GMT-5 is five hours *ahead* of UTC (the POSIX sign is reversed).
    return "Etc/GMT" + (f"{-offset:+d}" if offset else "")


def smoke_env(work: Path) -> dict[str, str]:
    """The environment: offscreen Qt, and every per-user directory inside `work`."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AFTERWORD_", "PYTHON"))}
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["PYTHONUTF8"] = "1"
    if sys.platform != "win32":
        # Midday wherever the clock stands, so the tray's notice is never held by the
        # default quiet hours (21:00-08:00): the smoke test passes at any hour.
        env["TZ"] = midday_zone(datetime.now(UTC))
    home = work / "home"
    runtime = work / "runtime"
    for directory in (home, runtime):
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    if sys.platform.startswith("linux"):
        env.update(
            HOME=str(home),
            XDG_CONFIG_HOME=str(home / ".config"),
            XDG_DATA_HOME=str(home / ".local" / "share"),
            XDG_CACHE_HOME=str(home / ".cache"),
            XDG_STATE_HOME=str(home / ".local" / "state"),
            XDG_RUNTIME_DIR=str(runtime),
        )
    return env


# --- what is inside the bundle ----------------------------------------------------------


def check_contents(smoke: Smoke) -> None:
    modules = bundled_modules(smoke.executable)
    if not modules:
        smoke.notes.append("PyInstaller is not importable: archived modules were not listed")
    elif "desktop" not in modules:
        raise SmokeFailure("the executable's archive holds no `desktop` package")
    bad = forbidden_parts(smoke.bundle, modules)
    if bad:
        raise SmokeFailure("the bundle holds parts it must not: " + ", ".join(bad[:20]))
    missing = required_parts(smoke.bundle)
    if missing:
        raise SmokeFailure("the bundle lacks: " + ", ".join(missing))


# --- what the bundle does ---------------------------------------------------------------


def check_version(smoke: Smoke) -> None:
    run = smoke.run("--version")
    expected = f"{APP_NAME} {project_version()}"
    if sys.platform != "win32" and expected not in run.stdout:
        raise SmokeFailure(f"--version printed {run.stdout.strip()!r}, expected {expected!r}")


def check_demo_and_due(smoke: Smoke) -> None:
    run = smoke.run("--data-dir", str(smoke.data), "demo")
    if sys.platform != "win32" and "Imported" not in run.stdout:
        raise SmokeFailure(f"demo printed no import summary: {run.stdout!r}")
    if not (smoke.data / "afterword.sqlite3").is_file():
        raise SmokeFailure(f"demo left no database in {smoke.data}")
    due = smoke.run("--data-dir", str(smoke.data), "due", "--json", "--at", "2099-01-01T00:00Z")
    if sys.platform != "win32":
        items = json.loads(due.stdout)
        if not items or not all({"id", "kind", "due_at"} <= item.keys() for item in items):
            raise SmokeFailure(f"due --json listed nothing usable: {due.stdout[:500]!r}")


def check_proofread(smoke: Smoke) -> None:
    note = smoke.work / "note.txt"
    note.write_text(NOTE, encoding="utf-8")
    run = smoke.run("proofread", "--json", "--recipient", "Margaret Hale", str(note))
    if sys.platform == "win32":
        return
    codes = {finding["code"] for finding in json.loads(run.stdout)[0]["findings"]}
    if "spelling" not in codes:  # "lerning": only found when the dictionary was bundled
        raise SmokeFailure(f"proofread did not find the misspelling; findings: {sorted(codes)}")


def draft_followup_id(database: Path) -> int | None:
    """The follow-up of the demo's first draft (read-only; closed before the app runs)."""
    connection = sqlite3.connect(database.resolve().as_uri() + "?mode=ro", uri=True)
    try:
        row = connection.execute("SELECT followup_id FROM drafts ORDER BY id LIMIT 1").fetchone()
    finally:
        connection.close()
    return int(row[0]) if row else None


def check_cards(smoke: Smoke) -> None:
    outputs = {"Kalam": smoke.work / "text-card.pdf"}
    smoke.run(
        "--data-dir",
        str(smoke.data),
        "card",
        "--text",
        str(smoke.work / "note.txt"),
        "--font",
        "Kalam",
        "-o",
        str(outputs["Kalam"]),
    )
    followup = draft_followup_id(smoke.data / "afterword.sqlite3")
    if followup is None:
        smoke.notes.append("the demo data has no draft: card --followup not tried")
    else:
        outputs["Caveat"] = smoke.work / "followup-card.pdf"
        smoke.run(
            "--data-dir",
            str(smoke.data),
            "card",
            "--followup",
            str(followup),
            "-o",
            str(outputs["Caveat"]),
        )
    pdffonts = shutil.which("pdffonts")
    for font, pdf in outputs.items():
        if not pdf.is_file() or not pdf.read_bytes().startswith(b"%PDF"):
            raise SmokeFailure(f"card wrote no PDF at {pdf}")
        if pdffonts is None:
            continue
        listing = subprocess.run(
            [pdffonts, str(pdf)], capture_output=True, text=True, check=True
        ).stdout
        embedded = [line for line in listing.splitlines() if font.replace(" ", "") in line]
        if not embedded or " yes " not in embedded[0]:
            raise SmokeFailure(f"{pdf.name}: the font {font} is not embedded:\n{listing}")
    if pdffonts is None:
        smoke.notes.append("pdffonts not found: card fonts not checked")


def check_interchange(smoke: Smoke) -> None:
    vcard = smoke.work / "robin.vcf"
    vcard.write_text(VCARD, encoding="utf-8", newline="")
    smoke.run("--data-dir", str(smoke.data), "import", str(vcard), "--json")
    calendar = smoke.work / "followups.ics"
    smoke.run("--data-dir", str(smoke.data), "export", "--format", "ics", "-o", str(calendar))
    if b"BEGIN:VCALENDAR" not in calendar.read_bytes():
        raise SmokeFailure(f"export --format ics wrote no calendar to {calendar}")
    backup = smoke.work / "backup.json"
    smoke.run("--data-dir", str(smoke.data), "export", "--format", "json", "-o", str(backup))
    names = {contact["name"] for contact in json.loads(backup.read_text("utf-8"))["contacts"]}
    if "Robin Vance" not in names:
        raise SmokeFailure("the vCard's contact is not in the exported data")
    invite = smoke.work / "invite.ics"
    invite.write_text(INVITE, encoding="utf-8", newline="")
    smoke.run("--data-dir", str(smoke.data), "import", str(invite), "--json")
    smoke.run("--data-dir", str(smoke.data), "export", "--format", "json", "-o", str(backup))
    companies = {c["name"] for c in json.loads(backup.read_text("utf-8"))["companies"]}
    if "Hale-Pierce" not in companies or "Onmicrosoft" in companies:
        raise SmokeFailure(f"the invite's company was not read from the suffix list: {companies}")


def check_icu(smoke: Smoke) -> None:
    """The slimmed ICU data (packaging/linux/slim_bundle.py) still sorts, names and cases."""
    icu = next(smoke.bundle.rglob("libicudata.so.*"), None)
    if not sys.platform.startswith("linux") or icu is None:
        smoke.notes.append("ICU data not checked: no libicudata in this bundle")
        return
    try:
        import PySide6  # noqa: F401  (the probe runs this Qt on the bundle's ICU data)
    except ImportError:
        smoke.notes.append("ICU data not checked: PySide6 is not installed here")
        return
    only_icu = smoke.work / "icu"
    only_icu.mkdir(exist_ok=True)
    (only_icu / icu.name).symlink_to(icu.resolve())
    env = dict(smoke.env, LD_LIBRARY_PATH=str(only_icu))
    done = subprocess.run(
        [sys.executable, "-c", ICU_PROBE], env=env, capture_output=True, text=True, timeout=60
    )
    if done.returncode != 0 or str(icu.resolve()) not in done.stdout:
        raise SmokeFailure(
            f"Qt on the bundled ICU data: {done.stdout.strip()} {done.stderr.strip()[-1000:]}"
        )


def check_window(smoke: Smoke) -> None:
    env = dict(smoke.env, AFTERWORD_QUIT_AFTER_PAINT="1")
    started = time.monotonic()
    smoke.run("--data-dir", str(smoke.data), env=env)
    smoke.notes.append(f"window painted and quit in {time.monotonic() - started:.1f} s")


def check_outbox(smoke: Smoke) -> None:
    """A note waiting in the outbox, the server away: `outbox --send` tries it (smtplib,
    email, filelock and the mail settings load in the bundle) and says it still waits."""
    import socket

    with socket.socket() as probe:  # a port nothing listens on: as good as offline
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    account = {"host": "127.0.0.1", "port": port, "security": "none", "username": "",
               "from_address": "ada@example.com", "from_name": "Ada"}  # fmt: skip
    conn = sqlite3.connect(smoke.data / "afterword.sqlite3")
    with conn:
        conn.execute(
            "INSERT OR REPLACE INTO settings (key, value) VALUES ('mail', ?)",
            (json.dumps(account),),
        )
        conn.execute(
            "INSERT INTO outbox (recipient, subject, message, queued_at, attempts, last_error,"
            " state) VALUES ('m@hale.law', 'Thank you', ?, '2026-11-23 12:00:00.000000', 0, '',"
            " 'queued')",
            (b"From: ada@example.com\r\nTo: m@hale.law\r\nSubject: Thank you\r\n\r\nThanks\r\n",),
        )
    conn.close()
    run = smoke.run("--data-dir", str(smoke.data), "outbox", "--send", "--json", expect=1)
    if sys.platform == "win32":
        return
    try:
        answer = json.loads(run.stdout)
        [waiting] = answer["outbox"]
    except (ValueError, KeyError) as exc:
        raise SmokeFailure(f"outbox --send gave no answer ({exc}): {run.stderr[-1000:]}") from exc
    if waiting["attempts"] != 1 or "offline" not in answer["waiting_reason"]:
        raise SmokeFailure(f"outbox --send did not try the note: {run.stdout[:500]!r}")


def check_stderr(smoke: Smoke) -> None:
    if smoke.unexpected:
        raise SmokeFailure("unexpected lines on stderr:\n  " + "\n  ".join(smoke.unexpected))


CHECKS = (
    ("bundle contents", check_contents),
    ("--version", check_version),
    ("demo and due", check_demo_and_due),
    ("proofread (dictionary)", check_proofread),
    ("card PDFs (fonts)", check_cards),
    ("import vCard and invite, export iCalendar", check_interchange),
    ("outbox --send (mail)", check_outbox),
    ("ICU data (collation, zones, case)", check_icu),
    ("window on demo data", check_window),
    ("window on X11 (Xvfb)", check_x11_window),
    ("tray: notice, then SIGTERM", check_tray),
    ("stderr", check_stderr),
)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="PyInstaller's output")
    parser.add_argument("--keep", action="store_true", help="keep the temporary data directory")
    args = parser.parse_args(argv)
    executable, bundle = find_executable(args.dist)
    if not executable.is_file():
        print(f"smoke test: no bundle at {executable}; run make bundle", file=sys.stderr)
        return 1
    work = Path(tempfile.mkdtemp(prefix="afterword-smoke-"))
    smoke = Smoke(executable, bundle, work, smoke_env(work))
    failures = 0
    started = time.monotonic()
    try:
        for name, check in CHECKS:
            step = time.monotonic()
            try:
                check(smoke)
            except SmokeFailure as exc:
                failures += 1
                print(f"FAIL  {name}: {exc}", flush=True)
            else:
                print(f"ok    {name} ({time.monotonic() - step:.1f} s)", flush=True)
    finally:
        if args.keep:
            print(f"data kept in {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    for note in smoke.notes:
        print(f"note: {note}")
    total = time.monotonic() - started
    if failures:
        print(f"smoke test FAILED: {failures} of {len(CHECKS)} checks ({total:.1f} s)")
        return 1
    print(f"smoke test passed: {len(CHECKS)} checks on {executable} ({total:.1f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
