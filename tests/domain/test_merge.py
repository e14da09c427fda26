"""The merge rules: what is added, updated, skipped, or in conflict, judged against the base."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from casefile.domain.kinds import Kind
from casefile.domain.merge import (
    KindCounts,
    Outcome,
    Resolution,
    Version,
    allows_both,
    classify,
    different_fields,
    fallback,
    merge_base,
    same_values,
)

CREATED = datetime(2024, 9, 1, 12, 0, tzinfo=UTC)
LAST_MERGE = CREATED + timedelta(days=1)


def at(days: float) -> datetime:
    return CREATED + timedelta(days=days)


def version(days: float, **values: object) -> Version:
    return Version(at(days), {"name": "Testperson Alpha", "notes": None, **values})


def test_a_record_only_they_have_is_added() -> None:
    assert classify(None, version(0), CREATED).outcome == Outcome.ADDED


def test_equal_values_are_skipped_whatever_the_timestamps() -> None:
    decision = classify(version(3), version(5), CREATED)
    assert decision.outcome == Outcome.SKIPPED
    assert "same" in decision.reason


def test_changed_only_in_their_copy_is_updated() -> None:
    assert classify(version(0), version(2, notes="theirs"), CREATED).outcome == Outcome.UPDATED


def test_changed_only_in_my_copy_is_skipped() -> None:
    decision = classify(version(2, notes="mine"), version(0), CREATED)
    assert (decision.outcome, decision.reason) == (Outcome.SKIPPED, "changed only in your copy")


def test_changed_in_both_copies_is_a_conflict() -> None:
    assert classify(version(2, notes="mine"), version(3, notes="theirs"), CREATED).outcome == Outcome.CONFLICT


def test_a_difference_settled_at_the_last_merge_is_not_asked_again() -> None:
    # Both edits predate the last merge, where the person kept theirs or mine.
    base = merge_base(CREATED, LAST_MERGE)
    decision = classify(version(0.5, notes="mine"), version(0.7, notes="theirs"), base)
    assert (decision.outcome, decision.reason) == (Outcome.SKIPPED, "settled at an earlier merge")


def test_after_a_merge_only_later_edits_count() -> None:
    base = merge_base(CREATED, LAST_MERGE)
    assert classify(version(0.5, notes="mine"), version(2, notes="theirs"), base).outcome == Outcome.UPDATED
    assert classify(version(2, notes="mine"), version(3, notes="theirs"), base).outcome == Outcome.CONFLICT


def test_the_base_is_the_later_of_creation_and_last_merge() -> None:
    assert merge_base(CREATED, None) == CREATED
    assert merge_base(CREATED, LAST_MERGE) == LAST_MERGE
    assert merge_base(at(5), LAST_MERGE) == at(5)  # a record created after the last merge


def test_my_deletion_stands_unless_they_changed_it_too() -> None:
    deleted = Version(at(0), {"name": "Testperson Alpha"}, deleted_at=at(2))
    assert classify(deleted, version(0), CREATED).outcome == Outcome.SKIPPED
    assert classify(deleted, version(3, notes="theirs"), CREATED).outcome == Outcome.CONFLICT


def test_a_deletion_before_the_last_merge_gives_way_to_their_later_edit() -> None:
    deleted = Version(at(0), {"name": "Testperson Alpha"}, deleted_at=at(0.5))
    base = merge_base(CREATED, LAST_MERGE)
    assert classify(deleted, version(3, notes="theirs"), base).outcome == Outcome.UPDATED


@pytest.mark.parametrize(("mine", "theirs"), [("", None), ([], None), ((), []), (["a"], ("a",))])
def test_empty_forms_and_sequence_types_compare_equal(mine: object, theirs: object) -> None:
    assert same_values({"aliases": mine}, {"aliases": theirs})


def test_a_missing_field_counts_as_empty_and_differences_are_named() -> None:
    assert same_values({"notes": None}, {})
    assert different_fields(["name", "notes"], {"name": "A", "notes": "x"}, {"name": "A", "notes": "y"}) == ["notes"]


def test_keep_both_is_offered_except_for_what_a_case_holds_once() -> None:
    assert allows_both(Kind.PERSON) and allows_both(Kind.LINK)
    assert not any(allows_both(k) for k in (Kind.CASE, Kind.STATE, Kind.ARTICLE))
    assert fallback(Kind.STATE, Resolution.BOTH) == Resolution.MINE
    assert fallback(Kind.PERSON, Resolution.BOTH) == Resolution.BOTH
    assert fallback(Kind.STATE, Resolution.THEIRS) == Resolution.THEIRS


def test_counts_add_up_per_outcome() -> None:
    counts = KindCounts()
    for outcome in (Outcome.ADDED, Outcome.ADDED, Outcome.UPDATED, Outcome.SKIPPED, Outcome.CONFLICT):
        counts.count(outcome)
    assert (counts.added, counts.updated, counts.skipped, counts.conflicts, counts.total) == (2, 1, 1, 1, 5)
