"""Nothing runs off the page: any unbroken string wraps inside its frame (issue 10 §2).

The test of record is what a reader sees: poppler's pdftotext drops glyphs drawn outside the
page, so every character of every field must be in its output.
"""

from __future__ import annotations

import hashlib
import re
import subprocess
from pathlib import Path

from test_pdf_support import export

from casefile.domain.kinds import Kind
from casefile.services import records
from casefile.storage.casefile import CaseFile

WORD = "Непрерывное" * 300  # 3,300 characters without a break
URL = "https://example.org/" + "a" * 110 + "?q=1"  # 134 characters
SHA = hashlib.sha256(b"evidence").hexdigest()


def test_unbroken_strings_wrap_inside_the_page(tmp_path: Path) -> None:
    path = tmp_path / "long.casefile"
    with CaseFile.create(path, "Long words") as case_file, case_file.unit_of_work() as s:
        speaker = records.create(s, Kind.PERSON, {"name": "Test Speaker", "notes": SHA}).id
        source = records.create(s, Kind.SOURCE, {"title": "A source", "url": URL}).id
        records.create(s, Kind.QUOTE, {"text": f"{URL} said {WORD}", "speaker": speaker, "source": source})
    report = export(path, tmp_path / "long.pdf")
    seen = subprocess.run(["pdftotext", str(report.path), "-"], capture_output=True, text=True, check=True).stdout
    # Wrapping adds line breaks (and a hyphen nowhere); a word split across pages has the running
    # header and footer between its halves.
    frame = re.compile(r"Page\d+of\d+|\x0c|Longwords")
    joined = frame.sub("", "".join(seen.split()))
    assert WORD in joined
    assert URL in joined
    assert SHA in joined
