"""From a spreadsheet's columns and text cells to field values of one record kind (pure).

Columns are matched to fields by their header: the field's English label, its JSON name, or a
common variant ("First name" is not one of ours; "Start date" is). The analyst can override the
match. References stay as the text written (a name, a title, an id) for the services to resolve.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from casefile.domain.dates import PartialDate
from casefile.domain.errors import ValidationError
from casefile.domain.kinds import FieldSpec, FieldType, Kind, choice_label, spec
from casefile.domain.text import fold_for_match

ID_COLUMN = "id"
LIST_SEPARATOR = ";"
_TRUE = {"yes", "y", "true", "1", "x", "✓", "да", "oui"}
_FALSE = {"no", "n", "false", "0", "", "нет", "non"}

# Headers people write for our fields, beyond the label and the JSON name.
_VARIANTS: dict[str, tuple[str, ...]] = {
    "name": ("full name", "person", "title"),
    "original_name": ("original script", "native name", "name original"),
    "aliases": ("alias", "aka", "also known as", "transliterations"),
    "role": ("position", "title or role"),
    "iso2": ("iso", "iso code", "country code", "code"),
    "issuer": ("issuer", "issuing body", "issued by"),
    "subject": ("person", "wanted person"),
    "issued": ("date", "issue date", "date of issue"),
    "start": ("from", "start date", "arrival", "date"),
    "end": ("to", "end date", "departure"),
    "state": ("host state", "country", "state"),
    "person": ("visitor", "person", "name"),
    "text": ("quote", "text", "verbatim"),
    "speaker": ("speaker", "said by", "who"),
    "said_on": ("date", "date said"),
    "number": ("article", "article number", "no"),
    "outlet": ("publisher", "outlet", "newspaper"),
    "url": ("link", "web address"),
    "published": ("date", "published on", "publication date"),
    "from": ("from", "source record"),
    "to": ("to", "target"),
    "kind": ("type", "kind", "kind of link"),
}


@dataclass(frozen=True)
class RowValues:
    """One sheet row as field values; references as written, problems in plain words."""

    number: int
    record_id: str | None
    values: dict[str, Any]
    refs: dict[str, list[str]]  # field name → the texts that name records
    problems: list[str] = field(default_factory=list)


def header_key(text: str) -> str:
    return " ".join(fold_for_match(text).replace("_", " ").replace("-", " ").split()).rstrip(" :*")


def suggest_mapping(kind: Kind, headers: Sequence[str]) -> dict[int, str]:
    """Column index → field name (or ID_COLUMN), best match first; a field is used once."""
    kind_spec = spec(kind)
    exact: dict[str, str] = {ID_COLUMN: ID_COLUMN, "uuid": ID_COLUMN, "record id": ID_COLUMN}
    for f in kind_spec.fields:
        exact.setdefault(header_key(f.label), f.name)
        exact.setdefault(header_key(f.name), f.name)
    variants = {header_key(v): f.name for f in kind_spec.fields for v in _VARIANTS.get(f.name, ())}
    chosen: dict[int, str] = {}
    for table in (exact, variants):
        for index, header in enumerate(headers):
            name = table.get(header_key(header))
            if index not in chosen and name and name not in chosen.values():
                chosen[index] = name
    return dict(sorted(chosen.items()))


def check_mapping(kind: Kind, mapping: Mapping[int, str], headers: Sequence[str]) -> None:
    """Refuse a mapping that names unknown fields or columns, or leaves a required field without a column."""
    kind_spec = spec(kind)
    known = {*kind_spec.names, ID_COLUMN}
    problems = [f"there is no field '{n}' in a {kind_spec.label.lower()}" for n in mapping.values() if n not in known]
    problems += [f"there is no column {i + 1}" for i in mapping if not 0 <= i < len(headers)]
    used = set(mapping.values())
    missing = [f.label for f in kind_spec.fields if f.required and f.default is None and f.name not in used]
    if missing:
        problems.append(f"no column gives {', '.join(missing)}, which every {kind_spec.label.lower()} needs")
    if problems:
        raise ValidationError.single("mapping", "; ".join(problems))


def convert_rows(kind: Kind, rows: Sequence[tuple[int, Sequence[str]]], mapping: Mapping[int, str]) -> list[RowValues]:
    """Every row at once: the columns' field specs are looked up once, not once per cell."""
    kind_spec = spec(kind)
    columns = [(i, name, None if name == ID_COLUMN else kind_spec.field(name)) for i, name in mapping.items()]
    return [_convert(number, cells, columns) for number, cells in rows]


def convert_row(kind: Kind, number: int, cells: Sequence[str], mapping: Mapping[int, str]) -> RowValues:
    return convert_rows(kind, [(number, cells)], mapping)[0]


def _convert(number: int, cells: Sequence[str], columns: list[tuple[int, str, FieldSpec | None]]) -> RowValues:
    values: dict[str, Any] = {}
    refs: dict[str, list[str]] = {}
    problems: list[str] = []
    record_id = None
    width = len(cells)
    for index, name, f in columns:
        text = cells[index].strip() if index < width else ""
        if f is None:
            record_id = text or None
        elif f.type in (FieldType.REF, FieldType.REFS):
            refs[name] = _split(text) if f.type == FieldType.REFS else ([text] if text else [])
        elif f.type in _AS_WRITTEN:
            if text:
                values[name] = text
        else:
            try:
                value = convert_cell(f, text)
            except ValidationError as exc:
                problems += [f"{f.label}: {p.message}" for p in exc.problems]
                continue
            if value is not None:
                values[name] = value
    return RowValues(number, record_id, values, refs, problems)


# Fields whose cell text is the value itself; the field check that follows judges it.
# A text list ("Путин; Putin") is split on ';' by the field check itself.
_AS_WRITTEN = {
    FieldType.TEXT, FieldType.LONGTEXT, FieldType.ISO2, FieldType.ARTICLE_NUMBER, FieldType.URL, FieldType.TEXTLIST,
}  # fmt: skip


def convert_cell(f: FieldSpec, text: str) -> Any:
    """A cell's text as the field's value; None for an empty cell. Raises with a message for the row."""
    if not text:
        return None
    if f.type == FieldType.DATE:
        return _date(text, f)
    if f.type == FieldType.BOOL:
        return _bool(text, f)
    if f.type in (FieldType.CHOICE, FieldType.INTEGER_CHOICE):
        return _choice(text, f)
    if f.type == FieldType.TEXTLIST:
        return _split(text)
    return text


def _date(text: str, f: FieldSpec) -> str:
    # Excel's day numbers, when a date column was saved as a number: 45537 is 2 September 2024.
    if text.isdigit() and len(text) == 5:
        return (date(1899, 12, 30) + timedelta(days=int(text))).isoformat()
    if " " in text and text[:10].count("-") == 2:
        text = text[:10]  # a date-and-time cell: the day is what a record keeps
    return PartialDate.parse(text, f.label).iso()


def _bool(text: str, f: FieldSpec) -> bool:
    lowered = text.lower()
    if lowered in _TRUE or lowered in _FALSE:  # the usual "yes" and "no", without the Unicode folding
        return lowered in _TRUE
    folded = fold_for_match(text)
    if folded in _TRUE:
        return True
    if folded in _FALSE:
        return False
    raise ValidationError.single(f.name, f"'{text}' is not yes or no")


def _choice(text: str, f: FieldSpec) -> str:
    folded = fold_for_match(text)
    for choice in f.choices:
        if folded in (fold_for_match(choice), fold_for_match(choice_label(choice))):
            return choice
    allowed = ", ".join(choice_label(c) for c in f.choices)
    raise ValidationError.single(f.name, f"'{text}' is not one of: {allowed}")


def _split(text: str) -> list[str]:
    return [part.strip() for part in text.split(LIST_SEPARATOR) if part.strip()]
