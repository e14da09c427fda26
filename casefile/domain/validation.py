"""Checks and normalises a record's field values before they are stored."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Collection, Mapping
from typing import Any

from casefile.domain.articles import ArticleRef
from casefile.domain.dates import PartialDate, Precision
from casefile.domain.errors import FieldProblem, ValidationError
from casefile.domain.kinds import FieldSpec, FieldType, Kind, KindSpec, spec
from casefile.domain.text import strip_control

MAX_TEXT = 1_000_000  # one megabyte of text per field is already a book


def clean_fields(
    kind: Kind,
    values: Mapping[str, Any],
    *,
    iso_codes: Collection[str],
    complete: bool,
) -> dict[str, Any]:
    """Return normalised values, or raise one ValidationError naming every bad field.

    With complete=True the values describe a whole new record: defaults fill the gaps and
    required fields must be present. Otherwise they are an edit of the named fields only.
    """
    kind_spec = spec(kind)
    problems: list[FieldProblem] = []
    unknown = sorted(set(values) - set(kind_spec.names), key=str)
    problems += [_unknown_field(kind_spec, name) for name in unknown]
    cleaned: dict[str, Any] = {}
    for field in kind_spec.fields:
        if field.name not in values:
            if complete:
                cleaned[field.name] = _default(field)
            continue
        try:
            cleaned[field.name] = clean_value(field, values[field.name], iso_codes)
        except ValidationError as exc:
            problems += exc.problems
    if complete:
        already = {p.field for p in problems}
        problems += [p for p in _missing(kind_spec, cleaned) if p.field not in already]
    elif not problems:
        problems += _blanked(kind_spec, cleaned)
    if not problems:
        problems += cross_field_problems(kind, cleaned)
    if problems:
        raise ValidationError(problems)
    return cleaned


def _unknown_field(kind_spec: KindSpec, name: object) -> FieldProblem:
    known = kind_spec.names
    close = difflib.get_close_matches(str(name), known, n=1)
    advice = f"did you mean '{close[0]}'?" if close else f"its fields are {', '.join(known)}"
    return FieldProblem(str(name), f"{kind_spec.label} has no field '{name}'; {advice}")


def _default(field: FieldSpec) -> Any:
    if field.type in (FieldType.REFS, FieldType.TEXTLIST):
        return []
    return field.default


def _missing(kind_spec: KindSpec, cleaned: Mapping[str, Any]) -> list[FieldProblem]:
    return [
        FieldProblem(f.name, f"{f.label} is required")
        for f in kind_spec.fields
        if f.required and cleaned.get(f.name) in (None, "", [])
    ]


def _blanked(kind_spec: KindSpec, cleaned: Mapping[str, Any]) -> list[FieldProblem]:
    return [
        FieldProblem(name, f"{kind_spec.field(name).label} cannot be empty")
        for name, value in cleaned.items()
        if kind_spec.field(name).required and value in (None, "", [])
    ]


def clean_value(field: FieldSpec, value: Any, iso_codes: Collection[str]) -> Any:
    cleaner = _CLEANERS[field.type]
    try:
        return cleaner(field, value, iso_codes)
    except ValidationError as exc:
        # Parsers name a generic field; re-attach the problem to this one.
        raise ValidationError([FieldProblem(field.name, p.message) for p in exc.problems]) from None


def _text(field: FieldSpec, value: Any, _codes: Collection[str]) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValidationError.single(field.name, f"{field.label} must be text")
    if _has_surrogates(value):
        # SQLite stores UTF-8, which cannot hold lone surrogates; they come from broken JSON or paste.
        raise ValidationError.single(field.name, f"{field.label} holds broken characters (lone surrogates); retype it")
    text = strip_control(value)
    text = text.strip() if field.type != FieldType.LONGTEXT else text.strip("\n\r\t ")
    if len(text) > MAX_TEXT:
        raise ValidationError.single(field.name, f"{field.label} is longer than {MAX_TEXT:,} characters")
    return text or None


def _has_surrogates(value: str) -> bool:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _date(field: FieldSpec, value: Any, codes: Collection[str]) -> str | None:
    text = _text(field, value, codes)
    return None if text is None else PartialDate.parse(text, field.name).iso()


def _bool(field: FieldSpec, value: Any, _codes: Collection[str]) -> bool:
    if value is None:
        return bool(field.default)
    if not isinstance(value, bool):
        raise ValidationError.single(field.name, f"{field.label} must be true or false")
    return value


def _choice(field: FieldSpec, value: Any, codes: Collection[str]) -> str | None:
    text = _text(field, value, codes)
    if text is None:
        return None if field.default is None else str(field.default)
    normal = text.lower().replace(" ", "_") if text.upper() not in field.choices else text.upper()
    if normal not in field.choices:
        allowed = ", ".join(field.choices)
        raise ValidationError.single(field.name, f"'{text}' is not one of: {allowed}")
    return normal


def _integer_choice(field: FieldSpec, value: Any, codes: Collection[str]) -> int | None:
    if isinstance(value, bool):
        raise ValidationError.single(field.name, f"{field.label} must be a number")
    if isinstance(value, int):
        value = str(value)
    text = _choice(field, value, codes)
    return None if text is None else int(text)


def _ref(field: FieldSpec, value: Any, _codes: Collection[str]) -> str | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise ValidationError.single(field.name, f"{field.label} must be a record id")
    return value


def _refs(field: FieldSpec, value: Any, _codes: Collection[str]) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
        raise ValidationError.single(field.name, f"{field.label} must be a list of record ids")
    return list(dict.fromkeys(value))


def _textlist(field: FieldSpec, value: Any, _codes: Collection[str]) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        value = value.split(";")
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
        raise ValidationError.single(field.name, f"{field.label} must be a list of text")
    if any(_has_surrogates(v) for v in value):
        raise ValidationError.single(field.name, f"{field.label} holds broken characters (lone surrogates); retype it")
    items = (strip_control(v).strip() for v in value)
    return list(dict.fromkeys(v for v in items if v))


def _iso2(field: FieldSpec, value: Any, codes: Collection[str]) -> str | None:
    text = _text(field, value, codes)
    if text is None:
        return None
    code = text.upper()
    if code not in codes:
        raise ValidationError.single(
            field.name, f"'{text}' is not an ISO 3166 country code; use two letters such as MN or RU"
        )
    return code


def _article(field: FieldSpec, value: Any, codes: Collection[str]) -> str | None:
    text = _text(field, value, codes)
    return None if text is None else str(ArticleRef.parse(text, field.name))


def _url(field: FieldSpec, value: Any, codes: Collection[str]) -> str | None:
    text = _text(field, value, codes)
    if text is None:
        return None
    scheme = text.split(":", 1)[0].lower() if ":" in text else ""
    if scheme not in ("http", "https", "ftp", "file", "doi", "urn"):
        raise ValidationError.single(field.name, f"'{text}' is not a web address; start it with https://")
    return text


_CLEANERS: dict[FieldType, Callable[[FieldSpec, Any, Collection[str]], Any]] = {
    FieldType.TEXT: _text,
    FieldType.LONGTEXT: _text,
    FieldType.DATE: _date,
    FieldType.BOOL: _bool,
    FieldType.CHOICE: _choice,
    FieldType.INTEGER_CHOICE: _integer_choice,
    FieldType.REF: _ref,
    FieldType.REFS: _refs,
    FieldType.TEXTLIST: _textlist,
    FieldType.ISO2: _iso2,
    FieldType.ARTICLE_NUMBER: _article,
    FieldType.URL: _url,
}


def cross_field_problems(kind: Kind, values: Mapping[str, Any]) -> list[FieldProblem]:
    """Rules that involve more than one field; run on the merged record."""
    if kind == Kind.VISIT:
        return _visit_dates(values)
    if kind == Kind.LINK and values.get("from") and values.get("from") == values.get("to"):
        return [FieldProblem("to", "a record cannot be linked to itself")]
    if kind == Kind.STATUS_CORRECTION:
        return _status_correction(values)
    if kind == Kind.PRECEDENT:
        return _sourced(values) + _precedent_dates(values)
    return []


def _sourced(values: Mapping[str, Any]) -> list[FieldProblem]:
    if "source" not in values and "citation" not in values:
        return []  # a partial edit; the merged record is checked again
    if values.get("source") or (values.get("citation") or "").strip():
        return []
    return [FieldProblem("source", "give its source: pick a Source record of the case, or write a citation")]


def _status_correction(values: Mapping[str, Any]) -> list[FieldProblem]:
    """Add needs the event's kind and date; the others name the shipped event; every correction its source."""
    problems = _sourced(values)
    action = values.get("action")  # absent from a partial edit: the merged record is checked again
    if action == "add" and not values.get("event_kind"):
        problems.append(FieldProblem("event_kind", "say which event the case adds (withdrawal notified, ...)"))
    if action == "add" and not (values.get("date") or values.get("effective")):
        problems.append(FieldProblem("date", "give the event's date or its effective date (YYYY-MM-DD)"))
    if action in ("replace", "dispute", "confirm") and not values.get("event"):
        problems.append(FieldProblem("event", "name the shipped event this corrects"))
    for name in ("date", "effective"):
        if values.get(name) and PartialDate.parse(values[name]).precision != Precision.DAY:
            problems.append(FieldProblem(name, f"'{values[name]}' is not a single day; write it as YYYY-MM-DD"))
    return problems


def _precedent_dates(values: Mapping[str, Any]) -> list[FieldProblem]:
    start, end = values.get("visit_start"), values.get("visit_end")
    if start and end and PartialDate.parse(end).last_day() < PartialDate.parse(start).first_day():
        return [FieldProblem("visit_end", f"the visit ends ({end}) before it starts ({start})")]
    return []


def _visit_dates(values: Mapping[str, Any]) -> list[FieldProblem]:
    start, end = values.get("start"), values.get("end")
    if not start or not end:
        return []
    if PartialDate.parse(end).last_day() < PartialDate.parse(start).first_day():
        return [FieldProblem("end", f"the visit ends ({end}) before it starts ({start})")]
    return []
