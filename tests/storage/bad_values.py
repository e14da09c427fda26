"""A case holding values no Casefile writes, and how the checks must name them."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

from casefile.domain.kinds import Kind
from casefile.services import records
from casefile.storage.casefile import CaseFile


def damage(path: Path) -> dict[str, str]:
    """Four people, each with one value Casefile never writes; returns their ids by damage."""
    with CaseFile.open(path) as case_file, case_file.unit_of_work() as session:
        ids = {
            damage: records.create(session, Kind.PERSON, {"name": name}).id
            for damage, name in (("stamp", "Свидетель <b>"), ("json", "شاهد & co"), ("bool", "证人 Li"), ("day", "עד"))
        }
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("UPDATE records SET created_at = 'yesterday-ish' WHERE id = ?", (ids["stamp"],))
        conn.execute("UPDATE persons SET aliases = '[\"a\",' WHERE id = ?", (ids["json"],))
        conn.execute("UPDATE persons SET protected = 'maybe' WHERE id = ?", (ids["bool"],))
        # What typing accepts, but never what Casefile stores: dates are stored in ISO form.
        conn.execute("UPDATE persons SET role_from = '17.03.2023' WHERE id = ?", (ids["day"],))
        conn.execute("UPDATE attachments SET size = 'big'")  # no rows in a fresh case: harmless
        conn.commit()
    return ids


def assert_named(problems: list[str] | tuple[str, ...], ids: dict[str, str]) -> None:
    text = "\n".join(problems)
    assert f"person record {ids['stamp']}" in text and "'yesterday-ish' is not a date and time" in text
    assert "person 'شاهد & co'" in text and "is not a list (broken JSON)" in text
    assert "person '证人 Li'" in text and "'maybe' is not yes or no" in text
    assert "person 'עד'" in text and "'17.03.2023' is not a date as Casefile stores it" in text
