"""A private CUPS scheduler with a cups-pdf queue, started and ended by the test.

Its configuration, spool, cache and logs live in a temporary folder and it listens only
on a socket there (CUPS_SERVER points clients at it), so the machine's own CUPS, if any,
is never touched. cups-pdf writes to the job owner's ~/PDF (its /etc/cups/cups-pdf.conf:
`Out ${HOME}/PDF`, from the password database, not $HOME); the queue labels each file
with its job id (`Label=2`), and the scheduler's job ids start at a random number, so two
test runs on one machine never write the same file. cups-pdf runs only as root, as the
backend of a root cupsd.
"""

from __future__ import annotations

import os
import pwd
import random
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

from tests.conftest import REQUIRE_SYSTEM, require_tool

QUEUE = "AfterwordPDF"
PPD = Path("/usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd")

CUPSD_CONF = """Listen {socket}
LogLevel warn
WebInterface No
Browsing No
DefaultAuthType None
<Location />
  Order allow,deny
  Allow all
</Location>
<Policy default>
  <Limit All>
    Order deny,allow
  </Limit>
</Policy>
"""
FILES_CONF = """ServerRoot {root}
RequestRoot {root}/spool
CacheDir {root}/cache
StateDir {root}/state
TempDir {root}/spool/tmp
AccessLog {root}/logs/access_log
ErrorLog {root}/logs/error_log
PageLog {root}/logs/page_log
SystemGroup root
"""


class PrivateCups:
    """cupsd in a folder of its own. The folder is made here, readable by all: cupsd runs
    its filters as the `lp` user, and a filter that cannot read the queue's PPD (pytest's
    temporary folders are private to root) prints everything on the PPD's default A4."""

    def __init__(self) -> None:
        cupsd = require_tool("cupsd")
        require_tool("lpadmin")
        if not PPD.is_file() or not Path("/usr/lib/cups/backend/cups-pdf").exists():
            _missing("cups-pdf (apt: printer-driver-cups-pdf) is not installed")
        if os.geteuid() != 0:
            _missing("cups-pdf writes files only as the backend of a cupsd run by root")
        self.root = root = Path(tempfile.mkdtemp(prefix="afterword-cups-"))
        root.chmod(0o755)
        for folder in ("spool/tmp", "cache", "state", "logs", "ppd"):
            (root / folder).mkdir(parents=True, exist_ok=True)
        self.first_job = random.randrange(10_000, 2_000_000_000)
        (root / "cache" / "job.cache").write_text(f"NextJobId {self.first_job}\n")
        self.socket = root / "cups.sock"
        (root / "cupsd.conf").write_text(CUPSD_CONF.format(socket=self.socket))
        (root / "cups-files.conf").write_text(FILES_CONF.format(root=root))
        self.env = {**os.environ, "CUPS_SERVER": str(self.socket)}
        self.process = subprocess.Popen(
            [cupsd, "-f", "-c", str(root / "cupsd.conf"), "-s", str(root / "cups-files.conf")],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 15
        while not self.socket.exists():
            if time.monotonic() > deadline or self.process.poll() is not None:
                self.close()
                pytest.fail(f"cupsd did not start: {self.log()}")
            time.sleep(0.05)
        added = subprocess.run(
            ["lpadmin", "-p", QUEUE, "-v", "cups-pdf:/", "-P", str(PPD), "-E",
             "-o", "Label=2"],
            env=self.env, capture_output=True, text=True, timeout=30,
        )  # fmt: skip
        if added.returncode != 0:
            self.close()
            pytest.fail(f"lpadmin could not add the cups-pdf queue: {added.stderr}")
        subprocess.run(["lpadmin", "-d", QUEUE], env=self.env, capture_output=True, timeout=30)
        self.output = Path(pwd.getpwuid(os.geteuid()).pw_dir) / "PDF"

    def wait_for_pdf(self, job: int, timeout: float = 60) -> Path:
        """The file cups-pdf wrote for job number `job` (moved out of ~/PDF)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = list(self.output.glob(f"*-job_{job}.pdf"))
            if found and _settled(found[0]):
                return Path(found[0].replace(self.root / found[0].name))
            time.sleep(0.2)
        pytest.fail(f"cups-pdf wrote nothing for job {job} in {self.output}: {self.log()}")

    def log(self) -> str:
        path = self.root / "logs" / "error_log"
        return path.read_text(errors="replace")[-2000:] if path.exists() else ""

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(20)
        shutil.rmtree(self.root, ignore_errors=True)


def _settled(path: Path) -> bool:
    size = path.stat().st_size
    time.sleep(0.3)
    return size > 0 and path.stat().st_size == size


def _missing(reason: str) -> None:
    if REQUIRE_SYSTEM:
        pytest.fail(f"{reason}, and AFTERWORD_REQUIRE_SYSTEM_TESTS=1")
    pytest.skip(reason)


# PDFDocEncoding (PDF 32000-1, annex D) where it differs from Latin-1: cups-pdf puts the
# job title's UTF-8 bytes into the PDF's Title as they are, so poppler reads each byte as
# one of these; turning them back gives the title that was sent.
_PDF_DOC = dict(
    zip(
        "•†‡…—–ƒ⁄‹›−‰„“”‘’‚™ﬁﬂŁŒŠŸŽıłœšž€",  # noqa: RUF001
        [*range(0x80, 0x9F), 0xA0],
        strict=True,
    )
)


def cups_pdf_title(pdfinfo_title: str) -> str:
    """The job title cups-pdf wrote into a PDF, from what pdfinfo prints for it."""
    raw = bytes(_PDF_DOC.get(ch, ord(ch)) for ch in pdfinfo_title)
    text = raw.decode("utf-8")
    # cups-pdf takes the title from the PostScript %%Title line, brackets and all.
    return text[1:-1] if text.startswith("(") and text.endswith(")") else text
