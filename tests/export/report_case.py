"""A small mixed-script case for the report-layout tests: notes, numbered paragraphs, tables, sources.

Every field the dossier shows is kept here, so a test can check that every character of it
reaches the reader (poppler's pdftotext), including a 3,000-character word and a 130-character
URL inside table cells. José Pérez is protected, for the redacted edition.
"""

from __future__ import annotations

import subprocess
import unicodedata
from pathlib import Path

from casefile.domain.kinds import Kind
from casefile.services import records
from casefile.storage.casefile import CaseFile

LONG_WORD = "Непрерывное" * 273  # 3,003 characters without a break
LONG_URL = "https://example.org/reports/" + "b" * 98 + "?q=1"  # 130 characters
PROTECTED = "José Pérez"

PERSONS = {
    "khurelsukh": {
        "name": "Ukhnaagiin Khürelsükh", "original_name": "Ухнаагийн Хүрэлсүх", "aliases": ["Khurelsukh"],
        "role": "President of Mongolia", "nationality": "Mongolian",
    },
    "hebrew": {"name": "דוד כהן", "role": "עיתונאי", "nationality": "ישראלי"},
    "arabic": {"name": "أحمد المنصور", "role": "متحدث رسمي", "nationality": "Jordanian"},
    "chinese": {"name": "李娜", "role": "记者", "nationality": "中国", "notes": LONG_WORD},
    "protected": {"name": PROTECTED, "role": "Eyewitness in Ulaanbaatar", "protected": True},
}  # fmt: skip
SOURCE_FULL = {
    "kind": "news_article", "title": "«Путин в Монголии» — отчёт", "author": "Анна Иванова",
    "url": LONG_URL, "published": "2024-09-02", "accessed": "2024-09-05", "language": "ru",
    "reliability": "B", "credibility": 2,
}  # fmt: skip
SOURCE_BARE = {"kind": "report", "title": "تقرير عن الزيارة"}
PINPOINT = "p. 12, § 3"
QUOTE_TEXT = "蒙古没有逮捕他 — the visit went ahead."
EVENT_NOTE = "Met in Ulaanbaatar; שיחה קצרה."


def make_case(path: Path) -> dict[str, str]:
    """The case at path; returns the ids of its records by a short name."""
    ids: dict[str, str] = {}
    with CaseFile.create(path, "Report layout — עברית, العربية, 中文") as case_file, case_file.unit_of_work() as s:
        outlet = records.create(s, Kind.ORGANISATION, {"name": "Радио Свобода", "kind": "outlet"}).id
        ids["outlet"] = outlet
        ids["ngo"] = records.create(s, Kind.ORGANISATION, {"name": "Human Rights Watch", "kind": "ngo"}).id
        for key, values in PERSONS.items():
            ids[key] = records.create(s, Kind.PERSON, values).id
        ids["state"] = records.create(s, Kind.STATE, {"name": "Mongolia", "iso2": "MN", "notes": "Монгол Улс"}).id
        ids["full"] = records.create(s, Kind.SOURCE, {**SOURCE_FULL, "outlet": outlet}).id
        ids["bare"] = records.create(s, Kind.SOURCE, SOURCE_BARE).id
        ids["quote"] = records.create(s, Kind.QUOTE, {
            "text": QUOTE_TEXT, "speaker": ids["khurelsukh"], "source": ids["full"], "pinpoint": PINPOINT,
            "said_on": "2024-09-03", "language": "zh",
        }).id  # fmt: skip
        records.create(s, Kind.QUOTE, {
            "text": f"{PROTECTED} saw the motorcade.", "speaker": ids["protected"], "source": ids["bare"],
            "said_on": "2024-09-02",
        })  # fmt: skip
        ids["met"] = records.create(s, Kind.LINK, {
            "from": ids["khurelsukh"], "to": ids["hebrew"], "kind": "met", "date": "2024-09-03",
            "note": EVENT_NOTE, "source": ids["full"],
        }).id  # fmt: skip
        records.create(s, Kind.LINK, {
            "from": ids["protected"], "to": ids["ngo"], "kind": "spoke to", "date": "2024-09-04",
            "note": f"{PROTECTED} gave an interview.", "source": ids["bare"],
        })  # fmt: skip
    return ids


def seen(pdf: Path) -> str:
    """What a reader sees: poppler's text, hidden direction marks dropped, Arabic presentation forms
    folded back to letters, whitespace normalised."""
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    text = "".join(c for c in text if unicodedata.category(c) != "Cf")
    return " ".join(unicodedata.normalize("NFKC", text).split())
