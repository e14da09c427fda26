"""Partial dates (2023, 2023-03, 2023-03-17) that keep their precision and sort correctly."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from enum import IntEnum

from casefile.domain.errors import ValidationError


class Precision(IntEnum):
    YEAR = 1
    MONTH = 2
    DAY = 3


_ISO = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")
_DMY = re.compile(r"^(\d{1,2})[./](\d{1,2})[./](\d{4})$")
_RELATIVE = {"today": 0, "yesterday": 1}  # days back from today
_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date known to the year, the month or the day.

    Ordering puts a less precise date before a more precise one in the same period,
    which is how a chronology reads ("2023" before "2023-03-17").
    """

    year: int
    month: int = 0
    day: int = 0

    @property
    def precision(self) -> Precision:
        if self.day:
            return Precision.DAY
        return Precision.MONTH if self.month else Precision.YEAR

    def iso(self) -> str:
        if self.day:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"

    __str__ = iso

    def first_day(self) -> date:
        return date(self.year, self.month or 1, self.day or 1)

    def last_day(self) -> date:
        if self.day:
            return date(self.year, self.month, self.day)
        month = self.month or 12
        return date(self.year, month, calendar.monthrange(self.year, month)[1])

    def display(self) -> str:
        """Human form at the same precision: '17 March 2023', 'March 2023', '2023'."""
        if self.day:
            return f"{self.day} {calendar.month_name[self.month]} {self.year:04d}"
        if self.month:
            return f"{calendar.month_name[self.month]} {self.year:04d}"
        return f"{self.year:04d}"

    @classmethod
    def from_date(cls, value: date) -> PartialDate:
        return cls(value.year, value.month, value.day)

    @classmethod
    def parse(cls, text: str, field: str = "date") -> PartialDate:
        """Read 2023, 2023-03, 2023-03-17, 17.03.2023, 17 March 2023 or March 2023."""
        cleaned = " ".join(text.strip().replace(",", " ").split())
        parts = _match(cleaned)
        if parts is None:
            raise ValidationError.single(
                field, f"'{text}' is not a date; write it as 2023, March 2023, 17.03.2023 or 2023-03-17"
            )
        return _checked(*parts, text, field)


def _match(text: str) -> tuple[int, int | None, int | None] | None:
    """Year, month and day as written; None marks a part that was left out, not a zero."""
    if m := _ISO.match(text):
        return int(m[1]), _number(m[2]), _number(m[3])
    if m := _DMY.match(text):
        return int(m[3]), int(m[2]), int(m[1])
    words = text.lower().split(" ")
    if len(words) == 3 and words[0].isdigit() and words[1] in _MONTHS and _is_year(words[2]):
        return int(words[2]), _MONTHS[words[1]], int(words[0])
    if len(words) == 2 and words[0] in _MONTHS and _is_year(words[1]):
        return int(words[1]), _MONTHS[words[0]], None
    return None


def _number(text: str | None) -> int | None:
    return None if text is None else int(text)


def _is_year(word: str) -> bool:
    # Four digits, as in the numeric forms: '17 March 23' is ambiguous, so it is refused.
    return len(word) == 4 and word.isdigit()


def _checked(year: int, month: int | None, day: int | None, text: str, field: str) -> PartialDate:
    if not 1 <= year <= 9999:
        raise ValidationError.single(field, f"'{text}' has no year {year}; years run from 0001 to 9999")
    if month is not None and not 1 <= month <= 12:
        raise ValidationError.single(field, f"'{text}' has no month {month}; months run from 01 to 12")
    if day is not None and month is not None and not 1 <= day <= calendar.monthrange(year, month)[1]:
        raise ValidationError.single(field, f"'{text}': {calendar.month_name[month]} {year} has no day {day}")
    return PartialDate(year, month or 0, day or 0)


def parse_optional(text: str | None, field: str = "date") -> PartialDate | None:
    if text is None or not text.strip():
        return None
    return PartialDate.parse(text, field)


def display_iso(text: str | None) -> str:
    """Turn a stored ISO partial date into its human form; empty stays empty."""
    if not text:
        return ""
    return PartialDate.parse(text).display()


def typed(text: str, today: date | None = None) -> str:
    """What an analyst types in a date field: "today" and "yesterday" become that day's date.

    Only typing is read this way. An imported file or a stored value saying "today" is refused by
    parse(): it would mean another day each time the file is read.
    """
    offset = _RELATIVE.get(" ".join(text.split()).lower())
    if offset is None:
        return text
    return ((today or date.today()) - timedelta(days=offset)).isoformat()
