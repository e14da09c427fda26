"""The audit trail's hash chain: canonical rows, and every kind of tampering named at its first broken row."""

from __future__ import annotations

import dataclasses
import hashlib
from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from casefile.domain.audit import (
    GENESIS,
    Action,
    AuditEntry,
    canonical_json,
    canonical_time,
    describe,
    next_entry,
    verify,
)

T0 = datetime(2024, 9, 2, 10, 0, tzinfo=UTC)


def chain(n: int) -> list[AuditEntry]:
    entries: list[AuditEntry] = []
    for i in range(n):
        last = entries[-1] if entries else None
        entries.append(
            next_entry(last, at=T0 + timedelta(seconds=i), action="edit", actor="Аналитик", record_id=f"r{i}",
                       kind="person", detail={"changes": {"name": {"before": f"A{i}", "after": f"B{i}"}}})
        )  # fmt: skip
    return entries


def test_canonical_json_is_sorted_compact_and_keeps_unicode() -> None:
    assert canonical_json({"b": 1, "a": ["Путин", None]}) == '{"a":["Путин",null],"b":1}'


def test_canonical_time_is_utc_to_the_microsecond() -> None:
    ulaanbaatar = timezone(timedelta(hours=8))
    assert canonical_time(datetime(2024, 9, 2, 18, 0, 0, 5, tzinfo=ulaanbaatar)) == "2024-09-02T10:00:00.000005Z"
    with pytest.raises(ValueError, match="timezone-aware"):
        canonical_time(datetime(2024, 9, 2))


def test_the_first_row_follows_genesis_and_the_hash_is_sha256_of_prev_plus_row() -> None:
    first = next_entry(None, at=T0, action=Action.CREATE, record_id="x", kind="case", detail={"values": {}})
    canonical = (
        '{"action":"create","actor":null,"at":"2024-09-02T10:00:00.000000Z","detail":"{\\"values\\":{}}",'
        '"kind":"case","record_id":"x","seq":1}'
    )
    assert (first.seq, first.prev_hash) == (1, GENESIS)
    assert first.hash == hashlib.sha256((GENESIS + canonical).encode()).hexdigest()


def test_an_intact_chain_verifies() -> None:
    assert verify(chain(5)) is None
    assert verify([]) is None


@pytest.mark.parametrize("field", ["at", "actor", "action", "record_id", "kind", "detail"])
def test_a_changed_middle_row_is_named(field: str) -> None:
    entries = chain(5)
    entries[2] = dataclasses.replace(entries[2], **{field: entries[2].__dict__[field] + " "})
    broken = verify(entries)
    assert broken is not None and broken.seq == 3
    assert "changed" in broken.reason


def test_a_changed_row_with_a_recomputed_hash_breaks_at_the_next_row() -> None:
    entries = chain(5)
    forged = next_entry(entries[1], at=T0, action="edit", record_id="r2", detail={"forged": True})
    entries[2] = forged
    broken = verify(entries)
    assert broken is not None and broken.seq == 4
    assert "row 3 before it was changed or replaced" in broken.reason


def test_a_deleted_middle_row_is_named() -> None:
    entries = chain(5)
    del entries[2]
    broken = verify(entries)
    assert broken is not None and broken.seq == 4
    assert broken.reason == "row 3 was removed before it."


def test_deleted_first_rows_are_named() -> None:
    broken = verify(chain(5)[2:])
    assert broken is not None and broken.seq == 3
    assert "earlier rows were removed" in broken.reason


def test_reordered_rows_are_named() -> None:
    entries = chain(4)
    entries[1], entries[2] = entries[2], entries[1]
    broken = verify(entries)
    assert broken is not None and broken.seq == 3


def test_a_renumbered_row_fails_its_hash() -> None:
    entries = chain(3)
    entries[2] = dataclasses.replace(entries[2], seq=7)
    broken = verify(entries)
    assert broken is not None and (broken.seq, "changed" in broken.reason) == (7, True)


@given(st.integers(min_value=1, max_value=12), st.data())
def test_any_single_changed_byte_in_any_row_is_caught_at_or_before_that_row(n: int, data: st.DataObject) -> None:
    entries = chain(n)
    row = data.draw(st.integers(min_value=0, max_value=n - 1))
    text = entries[row].detail
    at = data.draw(st.integers(min_value=0, max_value=len(text) - 1))
    changed = text[:at] + ("x" if text[at] != "x" else "y") + text[at + 1 :]
    entries[row] = dataclasses.replace(entries[row], detail=changed)
    broken = verify(entries)
    assert broken is not None and broken.seq == row + 1


def test_describe_says_what_an_edit_changed() -> None:
    entry = chain(1)[0]
    assert describe(entry) == "name: A0 → B0"


def test_describe_survives_a_tampered_detail() -> None:
    entry = dataclasses.replace(chain(1)[0], detail="{not json")
    assert describe(entry).startswith("(unreadable detail)")


def test_describe_names_a_migration_and_an_export() -> None:
    migrate = next_entry(None, at=T0, action=Action.MIGRATE, detail={"from_revision": 1, "to_revision": 2,
                                                                      "backup": "x.casefile.v1.bak"})  # fmt: skip
    export = next_entry(migrate, at=T0, action=Action.EXPORT, detail={"format": "pdf", "file": "dossier.pdf"})
    assert describe(migrate) == "schema revision 1 → 2; backup x.casefile.v1.bak"
    assert describe(export) == "PDF, file dossier.pdf"
