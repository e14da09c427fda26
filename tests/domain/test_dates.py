"""Partial dates: parsing every accepted form, precision, order, bounds and clear errors."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from casefile.domain.dates import PartialDate, Precision, display_iso, parse_optional, typed
from casefile.domain.errors import ValidationError


@pytest.mark.parametrize(
    ("text", "expected", "precision"),
    [
        ("2023", PartialDate(2023), Precision.YEAR),
        ("2023-03", PartialDate(2023, 3), Precision.MONTH),
        ("2023-03-17", PartialDate(2023, 3, 17), Precision.DAY),
        ("17.03.2023", PartialDate(2023, 3, 17), Precision.DAY),
        ("17 March 2023", PartialDate(2023, 3, 17), Precision.DAY),
        ("17 march 2023", PartialDate(2023, 3, 17), Precision.DAY),
        ("17 Mar 2023", PartialDate(2023, 3, 17), Precision.DAY),
        ("March 2023", PartialDate(2023, 3), Precision.MONTH),
        ("  2023-3-7 ", PartialDate(2023, 3, 7), Precision.DAY),
    ],
)
def test_parse_keeps_precision(text: str, expected: PartialDate, precision: Precision) -> None:
    parsed = PartialDate.parse(text)
    assert parsed == expected
    assert parsed.precision == precision


@pytest.mark.parametrize(
    ("value", "iso", "shown"),
    [
        (PartialDate(2023), "2023", "2023"),
        (PartialDate(2023, 3), "2023-03", "March 2023"),
        (PartialDate(2023, 3, 17), "2023-03-17", "17 March 2023"),
        (PartialDate(2024, 9, 2), "2024-09-02", "2 September 2024"),
    ],
)
def test_iso_and_display_at_the_same_precision(value: PartialDate, iso: str, shown: str) -> None:
    assert value.iso() == iso
    assert str(value) == iso
    assert value.display() == shown
    assert PartialDate.parse(iso) == value
    assert PartialDate.parse(shown) == value
    assert display_iso(iso) == shown


def test_display_iso_of_nothing_is_empty() -> None:
    assert display_iso(None) == ""
    assert display_iso("") == ""


def test_less_precise_sorts_first_within_its_period() -> None:
    dates = [PartialDate.parse(t) for t in ("2023-03-17", "2023-03", "2023", "2023-02-28", "2023-04")]
    assert [d.iso() for d in sorted(dates)] == ["2023", "2023-02-28", "2023-03", "2023-03-17", "2023-04"]


def test_order_across_years() -> None:
    dates = [PartialDate.parse(t) for t in ("2024", "2023-12-31", "2024-01-01", "2022-12", "2023")]
    assert [d.iso() for d in sorted(dates)] == ["2022-12", "2023", "2023-12-31", "2024", "2024-01-01"]


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("2023", date(2023, 1, 1), date(2023, 12, 31)),
        ("2023-02", date(2023, 2, 1), date(2023, 2, 28)),
        ("2024-02", date(2024, 2, 1), date(2024, 2, 29)),  # leap year
        ("1900-02", date(1900, 2, 1), date(1900, 2, 28)),  # divisible by 100: not a leap year
        ("2000-02", date(2000, 2, 1), date(2000, 2, 29)),  # divisible by 400: a leap year
        ("2024-02-29", date(2024, 2, 29), date(2024, 2, 29)),
        ("2023-04", date(2023, 4, 1), date(2023, 4, 30)),
    ],
)
def test_first_and_last_day(text: str, first: date, last: date) -> None:
    value = PartialDate.parse(text)
    assert value.first_day() == first
    assert value.last_day() == last


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("2023-13", ["month 13"]),
        ("2023-00", ["month 0"]),
        ("2023-00-05", ["month 0"]),
        ("2023-02-30", ["February 2023", "no day 30"]),
        ("2023-02-29", ["February 2023", "no day 29"]),
        ("0.03.2023", ["no day 0"]),
        ("17/3", ["'17/3' is not a date", "2023-03-17"]),
        ("", ["is not a date", "2023-03-17"]),
        ("   ", ["is not a date"]),
        ("the day before", ["'the day before' is not a date", "2023-03-17"]),
        ("yesterday", ["'yesterday' is not a date", "2023-03-17"]),  # only typing reads it: see typed()
        ("17 March 23", ["is not a date"]),
        ("0000", ["no year 0"]),
    ],
)
def test_bad_dates_say_what_is_wrong(text: str, words: list[str]) -> None:
    with pytest.raises(ValidationError) as caught:
        PartialDate.parse(text, field="issued")
    assert [p.field for p in caught.value.problems] == ["issued"]
    for word in words:
        assert word in caught.value.problems[0].message


def test_parse_optional_treats_blank_as_none() -> None:
    assert parse_optional(None) is None
    assert parse_optional("  ") is None
    assert parse_optional("2023-03") == PartialDate(2023, 3)


def test_from_date() -> None:
    assert PartialDate.from_date(date(2024, 9, 2)) == PartialDate(2024, 9, 2)


@st.composite
def partial_dates(draw: st.DrawFn) -> PartialDate:
    day = draw(st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)))
    precision = draw(st.sampled_from(Precision))
    if precision == Precision.YEAR:
        return PartialDate(day.year)
    if precision == Precision.MONTH:
        return PartialDate(day.year, day.month)
    return PartialDate.from_date(day)


@given(partial_dates())
def test_iso_and_display_round_trip(value: PartialDate) -> None:
    assert PartialDate.parse(value.iso()) == value
    assert PartialDate.parse(value.display()) == value
    assert PartialDate.parse(value.iso()).precision == value.precision


@given(partial_dates(), partial_dates())
def test_order_matches_iso_text_order(a: PartialDate, b: PartialDate) -> None:
    assert (a < b) == (a.iso() < b.iso())
    assert (a == b) == (a.iso() == b.iso())


@given(partial_dates())
def test_bounds_contain_each_other(value: PartialDate) -> None:
    assert value.first_day() <= value.last_day()
    assert PartialDate.from_date(value.first_day()) >= value


def test_today_and_yesterday_typed_are_days_counted_from_today() -> None:
    today = date(2024, 3, 1)
    assert typed("Today", today) == "2024-03-01"
    assert typed(" yesterday ", today) == "2024-02-29"
    assert typed("17.03.2023", today) == "17.03.2023"  # anything else is read by parse() as usual
