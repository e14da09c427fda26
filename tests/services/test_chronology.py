"""The chronology: every dated record and link, partial dates placed by precision and shown as entered."""

from __future__ import annotations

from datetime import UTC, datetime

from casefile.domain.dates import PartialDate, Precision
from casefile.domain.kinds import Kind
from casefile.services import links, records
from casefile.services.chronology import Event, build_chronology, chronology
from casefile.services.results import RecordData
from casefile.storage.casefile import CaseFile


def _add(session: object, record_kind: Kind, **values: object) -> str:
    return records.create(session, record_kind, values).id


def test_partial_dates_come_before_full_dates_of_the_same_period(empty_case: CaseFile) -> None:
    with empty_case.unit_of_work() as s:
        person = _add(s, Kind.PERSON, name="Монгол Улс speaker")
        for said in ("2024-09-02", "2024", "2024-09", "2023-12-31", "2024-09-01"):
            _add(s, Kind.QUOTE, text=f"said {said}", speaker=person, said_on=said)
    with empty_case.reading() as s:
        entries = chronology(s)
    assert [e.when.iso() for e in entries] == ["2023-12-31", "2024", "2024-09", "2024-09-01", "2024-09-02"]
    assert [e.precision for e in entries] == [
        Precision.DAY,
        Precision.YEAR,
        Precision.MONTH,
        Precision.DAY,
        Precision.DAY,
    ]
    assert [e.date_text() for e in entries][1:3] == ["2024", "September 2024"]
    assert all(e.persons == (person,) for e in entries)


def test_every_dated_kind_appears_with_its_sources(empty_case: CaseFile) -> None:
    with empty_case.unit_of_work() as s:
        putin = _add(s, Kind.PERSON, name="Vladimir Putin", role="President", role_from="2012-05-07")
        mongolia = _add(s, Kind.STATE, name="Mongolia", iso2="MN")
        chamber = _add(s, Kind.ORGANISATION, name="ICC Pre-Trial Chamber II", kind="chamber")
        report = _add(s, Kind.SOURCE, title="A <b>report</b> & more", published="2023-04")
        warrant = _add(s, Kind.WARRANT, subject=putin, issuer=chamber, issued="2023-03-17", status="withdrawn",
                       status_date="2025")  # fmt: skip
        _add(s, Kind.VISIT, person=putin, state=mongolia, start="2024-09-02", end="2024-09-03",
                     outcome="not_arrested", place="Ulaanbaatar")  # fmt: skip
        links.link(s, warrant, report, "reported by")
        links.link(s, putin, mongolia, "met", date="2024-09-03", source=report)
        links.link(s, putin, chamber, "undated link")
    with empty_case.reading() as s:
        entries = chronology(s)
    events = [(e.event, e.when.iso()) for e in entries]
    assert events == [
        (Event.ROLE_FROM, "2012-05-07"), (Event.ISSUED, "2023-03-17"), (Event.PUBLISHED, "2023-04"),
        (Event.VISIT, "2024-09-02"), (Event.LINK, "2024-09-03"), (Event.STATUS, "2025"),
    ]  # fmt: skip
    by_event = {e.event: e for e in entries}
    assert by_event[Event.ISSUED].source_ids == (report,)
    assert by_event[Event.ISSUED].title == "Arrest warrant issued for Vladimir Putin by ICC Pre-Trial Chamber II"
    assert by_event[Event.VISIT].until == PartialDate(2024, 9, 3)
    assert by_event[Event.VISIT].date_text() == "2 September 2024 – 3 September 2024"
    assert by_event[Event.VISIT].title == "Vladimir Putin visits Mongolia (Ulaanbaatar); not arrested"
    assert by_event[Event.LINK].source_ids == (report,) and by_event[Event.LINK].persons == (putin,)
    assert by_event[Event.STATUS].title == "Warrant for Vladimir Putin: withdrawn"
    assert by_event[Event.PUBLISHED].title == "Published — A <b>report</b> & more"


def test_names_can_be_overridden_for_a_redacted_export(empty_case: CaseFile) -> None:
    with empty_case.unit_of_work() as s:
        person = _add(s, Kind.PERSON, name="Real Name")
        _add(s, Kind.QUOTE, text="words", speaker=person, said_on="2024")
    with empty_case.reading() as s:
        (entry,) = chronology(s, names={person: "Witness A"})
    assert entry.title == "Witness A: “words”"


def test_dates_a_hand_edited_file_mangled_are_left_out() -> None:
    stamp = datetime(2024, 1, 1, tzinfo=UTC)

    def quote(rid: str, said: str) -> RecordData:
        return RecordData(rid, Kind.QUOTE, {"text": "x", "said_on": said}, stamp, stamp)

    rows = {Kind.QUOTE: [quote("a", "2024-13-45"), quote("b", "<script>"), quote("c", "2024-02")]}
    entries = build_chronology(rows, lambda rid: rid or "?")
    assert [e.record_id for e in entries] == ["c"]


def test_the_demo_chronology_is_in_order(demo_case: CaseFile) -> None:
    with demo_case.reading() as s:
        entries = chronology(s)
    assert [e.sort_key() for e in entries] == sorted(e.sort_key() for e in entries)
    visit = next(e for e in entries if e.event == Event.VISIT)
    assert visit.title.startswith("Vladimir Putin visits Mongolia")
    assert len(visit.source_ids) >= 3
