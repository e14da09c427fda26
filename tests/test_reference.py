"""Shipped reference data: States Parties, article titles, ISO codes, and a case's corrections."""

from __future__ import annotations

import csv
import importlib.util
from datetime import date
from pathlib import Path
from types import ModuleType

import pytest

from casefile import reference
from casefile.domain.dates import PartialDate
from casefile.domain.errors import ValidationError
from casefile.domain.parties import Bound, PartyCorrection, PartyRegister, StateParty
from casefile.paths import reference_file
from casefile.services import parties
from casefile.storage.casefile import CaseFile

# The shared folder beside the repository is where the reference data comes from; the repository
# carries its own copy (resources/, made by tools/copy_shared.py with a record of each file's hash),
# so a clone with nothing beside it checks that copy against the record.
SHARED = Path(__file__).resolve().parents[2] / "shared"
SHIPPED = Path(__file__).resolve().parents[1] / "resources"


def _csv(name: str) -> list[dict[str, str]]:
    with reference_file(name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.mark.parametrize(
    ("iso2", "day", "bound"),
    [
        ("MN", date(2024, 9, 2), True),  # Mongolia, the day Putin arrived
        ("BI", date(2018, 1, 1), False),  # Burundi withdrew effective 2017-10-27
        ("UA", date(2024, 9, 2), False),  # Ukraine only from 2025-01-01
        ("UA", date(2025, 2, 1), True),
        ("PH", date(2019, 3, 18), False),  # the Philippines withdrew effective 2019-03-17
    ],
)
def test_is_party_cases_from_the_issue(iso2: str, day: date, bound: bool) -> None:
    assert reference.is_party(iso2, day) is bound


@pytest.mark.parametrize(
    ("iso2", "day", "bound"),
    [
        ("MN", date(2002, 6, 30), False),  # the day before entry into force
        ("MN", date(2002, 7, 1), True),
        ("UA", date(2024, 12, 31), False),
        ("UA", date(2025, 1, 1), True),
        ("PH", date(2019, 3, 16), True),  # the last day before the withdrawal took effect
        ("PH", date(2019, 3, 17), False),
        ("BI", date(2017, 10, 26), True),
        ("RU", date(2024, 9, 2), False),  # never a party
        ("mn", date(2024, 9, 2), True),  # codes are case-insensitive
        ("ZZ", date(2024, 9, 2), False),
    ],
)
def test_is_party_at_the_edges(iso2: str, day: date, bound: bool) -> None:
    assert reference.is_party(iso2, day) is bound


def _copy_tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("copy_shared", SHIPPED.parent / "tools" / "copy_shared.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_shipped_copy_is_the_one_recorded() -> None:
    """On any clone, with or without the shared folder: every file copied from it is here, unchanged
    since tools/copy_shared.py copied it (resources/shared-copy.sha256 names each with its hash)."""
    tool = _copy_tool()
    record = tool.read_record()
    assert {"reference/icc_states_parties.csv", "reference/party_status_events.csv", "reference/icc_precedents.csv",
            "reference/rome_statute_text.csv", "seed/mongolia-visit-2024-09-02.txt"} <= set(record)  # fmt: skip
    changed = [name for name, sha in record.items() if tool.digest(SHIPPED / name) != sha]
    assert changed == [], "edit the shared folder, then run tools/copy_shared.py"


@pytest.mark.skipif(not SHARED.is_dir(), reason="no shared folder beside the repository to compare with")
def test_the_shared_folder_has_not_moved_on_since_the_copy() -> None:
    tool = _copy_tool()
    record = tool.read_record()
    assert {p.as_posix() for p in tool.shared_files(SHARED)} == set(record), "run tools/copy_shared.py"
    moved = [name for name, sha in record.items() if tool.digest(SHARED / name) != sha]
    assert moved == [], "the shared folder changed: run tools/copy_shared.py"


def test_states_parties_carry_verification_and_a_printable_citation() -> None:
    rows = {p.iso2: p for p in reference.states_parties()}
    assert {p.verification for p in rows.values()} == {"multi_source", "single_source"}
    assert all(p.citation.strip() for p in rows.values())
    # single_source rows are facts, not doubts (shared/issue-notes.md)
    assert {"GM", "HU", "ML", "ZA", "TJ"} <= {iso for iso, p in rows.items() if p.verification == "single_source"}
    mongolia = rows["MN"]
    assert "github" not in mongolia.citation.lower()  # the raw provenance notes stay in `source`


def test_every_state_party_row_keeps_its_source() -> None:
    rows = _csv("icc_states_parties.csv")
    loaded = {p.iso2: p for p in reference.states_parties()}
    assert len(loaded) == len(rows) == 127
    for row in rows:
        party = loaded[row["iso3166_alpha2"]]
        assert party.source.strip(), party.name
        assert party.source == row["source"]
        assert party.name == row["state_name"]


def test_every_declaration_row_keeps_its_source() -> None:
    rows = _csv("icc_article_12_3_declarations.csv")
    loaded = reference.article_12_3_declarations()
    assert len(loaded) == len(rows) > 0
    for row, declaration in zip(rows, loaded, strict=True):
        assert declaration.source.strip()
        assert declaration.source == row["source"]
    ukraine = [d.lodged for d in loaded if d.iso2 == "UA"]
    assert ukraine == [date(2014, 4, 17), date(2015, 9, 8)]


def test_every_iso_row_keeps_its_source() -> None:
    rows = _csv("iso3166_1.csv")
    loaded = reference.iso_country_rows()
    assert len(loaded) == len(rows)
    for row in rows:
        assert loaded[row["alpha2"]].source == row["source"] != ""
    assert reference.iso_countries()["MN"] == "Mongolia"
    assert {"MN", "RU", "UA"} <= reference.iso_codes()


def test_every_csv_with_a_source_column_fills_it() -> None:
    for path in reference_file("icc_states_parties.csv").parent.glob("*.csv"):
        rows = _csv(path.name)
        if rows and "source" in rows[0]:
            assert all(row["source"].strip() for row in rows), path.name


def test_article_titles() -> None:
    titles = reference.article_titles()
    assert len(titles) == 128
    assert titles["27"].title == "Irrelevance of official capacity"
    assert titles["87"].title == "Requests for cooperation: general provisions"
    assert titles["10"].title == ""  # Article 10 has no heading in the official text


def _register(*rows: StateParty, corrections: tuple[PartyCorrection, ...] = ()) -> PartyRegister:
    return PartyRegister(rows, corrections)


def _party(entry: date | None, withdrawal: date | None = None) -> StateParty:
    return StateParty("Testland", "TL", entry, withdrawal, "test row")


@pytest.mark.parametrize(
    ("when", "bound"),
    [
        ("2024-09", Bound.UNDETERMINED),  # entry into force on 2024-09-15, inside the month
        ("2024", Bound.UNDETERMINED),
        ("2024-09-14", Bound.NO),
        ("2024-09-15", Bound.YES),
        ("2024-08", Bound.NO),
        ("2024-10", Bound.YES),
        ("2025", Bound.YES),
    ],
)
def test_bound_during_partial_dates(when: str, bound: Bound) -> None:
    register = _register(_party(date(2024, 9, 15)))
    assert register.bound_during("TL", PartialDate.parse(when)) == bound


def test_bound_during_a_short_membership_inside_the_month_is_undetermined() -> None:
    # Not bound on the first or last day of September, but bound in between.
    register = _register(_party(date(2024, 9, 5), date(2024, 9, 20)))
    assert register.bound_during("TL", PartialDate.parse("2024-09")) == Bound.UNDETERMINED


def test_bound_during_with_shipped_data() -> None:
    register = reference.party_register()
    assert register.bound_during("UA", PartialDate.parse("2025-01")) == Bound.YES  # from the first day
    assert register.bound_during("UA", PartialDate.parse("2024")) == Bound.NO
    assert register.bound_during("PH", PartialDate.parse("2019-03")) == Bound.UNDETERMINED
    assert register.bound_during("MN", PartialDate.parse("2024-09")) == Bound.YES
    assert register.bound_during("RU", PartialDate.parse("2024-09")) == Bound.NO


def test_a_correction_wins_inside_its_case_only(empty_case: CaseFile, tmp_path: Path) -> None:
    note = "Hypothetical correction for a test: entry into force a month earlier"
    with empty_case.unit_of_work() as session:
        parties.correct_party(session, "ua", entry_into_force="2024-09-01", withdrawal_effective=None, note=note)
    with empty_case.reading() as session:
        register = parties.register(session)
    assert register.is_party("UA", date(2024, 9, 2))
    row = register.row("UA")
    assert row is not None
    assert row.correction_note == note
    assert note in row.source and "shipped row" in row.source
    # Neither the shipped data nor another case sees it.
    assert not reference.is_party("UA", date(2024, 9, 2))
    assert reference.party_register().row("UA").correction_note == ""  # type: ignore[union-attr]
    with CaseFile.create(tmp_path / "other.casefile", "Other case") as other, other.reading() as session:
        assert not parties.register(session).is_party("UA", date(2024, 9, 2))


def test_a_correction_can_add_a_state_and_be_replaced(empty_case: CaseFile) -> None:
    with empty_case.unit_of_work() as session:
        parties.correct_party(
            session, "US", entry_into_force="2030-01-01", withdrawal_effective=None, note="Test only: first note"
        )
        parties.correct_party(
            session, "US", entry_into_force="2031-01-01", withdrawal_effective=None, note="Test only: second note"
        )
    with empty_case.reading() as session:
        fixes = parties.corrections(session)
        register = parties.register(session)
    assert [(f.iso2, f.entry_into_force, f.note) for f in fixes] == [("US", date(2031, 1, 1), "Test only: second note")]
    assert register.is_party("US", date(2031, 1, 1))
    assert not register.is_party("US", date(2030, 6, 1))
    with empty_case.unit_of_work() as session:
        parties.remove_correction(session, "us")
    with empty_case.reading() as session:
        assert parties.register(session).row("US") is None


@pytest.mark.parametrize(
    ("kwargs", "field", "words"),
    [
        ({"iso2": "XX"}, "iso2", "not an ISO 3166"),
        ({"note": "  "}, "note", "say why"),
        ({"entry_into_force": "2024-09"}, "entry_into_force", "full date"),
        ({"entry_into_force": "2024-02-30"}, "entry_into_force", "no day 30"),
        ({"withdrawal_effective": "2001-01-01"}, "withdrawal_effective", "before entry into force"),
    ],
)
def test_bad_corrections_are_refused(empty_case: CaseFile, kwargs: dict[str, str], field: str, words: str) -> None:
    values = {"iso2": "MN", "entry_into_force": "2002-07-01", "withdrawal_effective": None, "note": "a note"}
    values.update(kwargs)
    iso2 = values.pop("iso2")
    with empty_case.reading() as session, pytest.raises(ValidationError) as caught:
        parties.correct_party(session, iso2, **values)  # type: ignore[arg-type]
    assert caught.value.problems[0].field == field
    assert words in caught.value.problems[0].message
