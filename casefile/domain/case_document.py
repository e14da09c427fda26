"""Checks a parsed casefile/1 JSON document and turns it into validated, plain records."""

from __future__ import annotations

import uuid
from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from datetime import UTC, date, datetime
from functools import cache
from typing import Any

from casefile.domain import audit_anchor
from casefile.domain.attachment_document import ATTACHMENTS_KEY, DocumentAttachment, check_attachments
from casefile.domain.compliance_model import is_icc_issuer
from casefile.domain.dates import PartialDate, Precision
from casefile.domain.errors import FieldProblem, ValidationError
from casefile.domain.kinds import RECORD_KINDS, FieldSpec, FieldType, Kind, spec
from casefile.domain.validation import clean_fields

FORMAT = "casefile/1"
CASE_KEY = "case"
CORRECTIONS_KEY = "party_corrections"
RECORD_KEYS = ("id", "created", "updated")
CORRECTION_KEYS = ("iso2", "name", "entry_into_force", "withdrawal_effective", "note", "recorded")
# "audit_anchor" records where the exporting case's audit trail stood (domain/audit_anchor.py); an
# import starts a history of its own, so it is read only by `casefile check --against`.
ANCHOR_KEY = "audit_anchor"
TOP_LEVEL_KEYS = (
    "format", CASE_KEY, *(spec(k).json_key for k in RECORD_KINDS), CORRECTIONS_KEY, ATTACHMENTS_KEY, ANCHOR_KEY,
)  # fmt: skip

_EXAMPLE_ID = "3f1c2a9e-0b7d-4c55-9e0f-2d6b8a4c1e77"
_EXAMPLE_TIME = "2024-09-02T18:30:00.000000Z"


@dataclass(frozen=True)
class DocumentRecord:
    """One record of the document, its field values already cleaned by the field rules."""

    id: str
    kind: Kind
    created: datetime
    updated: datetime
    values: dict[str, Any]


@dataclass(frozen=True)
class DocumentCorrection:
    """The case's own correction of one States Parties row; name None means the reference name."""

    iso2: str
    name: str | None
    entry_into_force: date | None
    withdrawal_effective: date | None
    note: str
    recorded: datetime


@dataclass(frozen=True)
class CaseDocument:
    """A whole validated document: the case, every kind's records in order, the corrections."""

    case: DocumentRecord
    records: dict[Kind, list[DocumentRecord]]
    party_corrections: list[DocumentCorrection]
    attachments: list[DocumentAttachment] = dataclass_field(default_factory=list)

    def all_records(self) -> Iterator[DocumentRecord]:
        yield self.case
        for kind in RECORD_KINDS:
            yield from self.records[kind]


class InvalidDocument(ValidationError):
    """A document with problems; the message counts them and lists each with its JSON path."""

    def __init__(self, problems: list[FieldProblem]) -> None:
        super().__init__(problems, "Correct these in the JSON document and try again; nothing was changed.")
        count = "1 problem" if len(problems) == 1 else f"{len(problems):,} problems"
        self.message = f"The JSON document has {count}: " + "; ".join(str(p) for p in problems)
        self.args = (self.message,)


def format_timestamp(moment: datetime) -> str:
    """UTC, to the microsecond, with a Z: the one form export writes, so round trips are exact."""
    # isoformat is done in C, several times faster than strftime over a 100k-record export.
    return moment.astimezone(UTC).replace(tzinfo=None).isoformat(timespec="microseconds") + "Z"


def parse_timestamp(value: object, path: str) -> datetime:
    """An ISO 8601 timestamp with a time zone, as an aware UTC datetime."""
    hint = f"write it like {_EXAMPLE_TIME}"
    if not isinstance(value, str):
        raise ValidationError.single(path, f"must be a timestamp in quotes; {hint}")
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise ValidationError.single(path, f"'{value}' is not a timestamp; {hint}") from None
    if moment.tzinfo is None:
        raise ValidationError.single(path, f"'{value}' has no time zone; {hint} (Z means UTC)")
    return moment.astimezone(UTC)


def validate_document(data: object, *, iso_codes: Collection[str], now: datetime | None = None) -> CaseDocument:
    """Check everything at once; raise one InvalidDocument listing every problem, or return the document.

    now stands in for timestamps a hand-written document leaves out.
    """
    checker = _Checker(iso_codes, now or datetime.now(UTC))
    document = checker.document(data)
    if checker.problems or document is None:
        raise InvalidDocument(checker.problems)
    return document


def _key_path(path: str, key: str) -> str:
    return f"{path}.{key}" if key.isidentifier() else f"{path}[{key!r}]"


def _type_name(value: object) -> str:
    names = {dict: "an object", list: "a list", str: "text", bool: "true or false", type(None): "null"}
    return names.get(type(value), "a number")


class _Checker:
    """Walks the document once, collecting problems rather than stopping at the first."""

    def __init__(self, iso_codes: Collection[str], now: datetime) -> None:
        self.iso_codes = iso_codes
        self.now = now
        self.problems: list[FieldProblem] = []
        self.ids: dict[str, tuple[Kind, str]] = {}  # id -> (kind, path of its record)
        self.refs: list[tuple[str, FieldSpec, str]] = []  # (path, field, id referred to)

    def add(self, path: str, message: str) -> None:
        self.problems.append(FieldProblem(path, message))

    def document(self, data: object) -> CaseDocument | None:
        if not isinstance(data, dict):
            self.add("$", f"the document must be a JSON object {{...}}, not {_type_name(data)}")
            return None
        self.check_format(data)
        for key in data:
            if key not in TOP_LEVEL_KEYS:
                self.add(_key_path("$", key), "unknown key; the document holds only " + ", ".join(TOP_LEVEL_KEYS))
        case = self.case(data)
        lists = {kind: self.kind_list(data, kind) for kind in RECORD_KINDS}
        corrections = self.corrections(data.get(CORRECTIONS_KEY))
        sources = {r.id for r in lists[Kind.SOURCE]}
        attachments, problems = check_attachments(data.get(ATTACHMENTS_KEY), sources, parse_timestamp)
        self.problems += problems
        if ANCHOR_KEY in data:
            try:
                audit_anchor.from_json(data[ANCHOR_KEY])
            except audit_anchor.AnchorError as exc:
                self.add(f"$.{ANCHOR_KEY}", str(exc))
        self.check_references()
        self.check_unique(lists)
        if case is None:
            return None
        return CaseDocument(case, lists, corrections, attachments)

    def check_format(self, data: Mapping[str, Any]) -> None:
        if "format" not in data:
            self.add("$.format", f'missing; a Casefile document starts with "format": "{FORMAT}"')
            return
        value = data["format"]
        if value == FORMAT:
            return
        if isinstance(value, str) and value.startswith("casefile/"):
            self.add("$.format", f"'{value}' is not a format this Casefile reads ({FORMAT}); a newer one may")
        else:
            self.add("$.format", f'must be "{FORMAT}", not {value!r}')

    def case(self, data: Mapping[str, Any]) -> DocumentRecord | None:
        if CASE_KEY not in data:
            self.add(f"$.{CASE_KEY}", "missing; the document needs the case object with at least its id and title")
            return None
        return self.record(f"$.{CASE_KEY}", Kind.CASE, data[CASE_KEY])

    def kind_list(self, data: Mapping[str, Any], kind: Kind) -> list[DocumentRecord]:
        key = spec(kind).json_key
        items = data.get(key, [])
        if not isinstance(items, list):
            self.add(f"$.{key}", f"must be a list of {spec(kind).plural.lower()}, not {_type_name(items)}")
            return []
        found = (self.record(f"$.{key}[{i}]", kind, item) for i, item in enumerate(items))
        return [record for record in found if record is not None]

    def record(self, path: str, kind: Kind, item: object) -> DocumentRecord | None:
        if not isinstance(item, dict):
            self.add(path, f"must be an object with an id and the fields of a {kind.value}, not {_type_name(item)}")
            return None
        before = len(self.problems)
        record_id = self.record_id(path, kind, item.get("id"))
        created = self.timestamp(f"{path}.created", item, "created")
        updated = self.timestamp(f"{path}.updated", item, "updated")
        if created and updated and updated < created:
            self.add(f"{path}.updated", f"{format_timestamp(updated)} is earlier than created")
        fields = {k: v for k, v in item.items() if k not in RECORD_KEYS}
        if kind == Kind.ORGANISATION and "icc_organ" not in fields and isinstance(fields.get("name"), str):
            # A document written before the field existed: take it as revision 2 read it, so findings keep.
            fields["icc_organ"] = is_icc_issuer(fields["name"])
        self.collect_refs(path, kind, fields)
        try:
            values = clean_fields(kind, fields, iso_codes=self.iso_codes, complete=True)
        except ValidationError as exc:
            self.problems += [
                FieldProblem(_key_path(path, p.field) if p.field else path, p.message) for p in exc.problems
            ]
            return None
        if len(self.problems) > before or record_id is None or created is None or updated is None:
            return None
        return DocumentRecord(record_id, kind, created, updated, values)

    def record_id(self, path: str, kind: Kind, value: object) -> str | None:
        if value is None:
            self.add(f"{path}.id", f"missing; every record needs a UUID such as {_EXAMPLE_ID}")
            return None
        if not _is_uuid(value):
            shown = repr(value) if isinstance(value, str) else _type_name(value)
            self.add(f"{path}.id", f"{shown} is not a UUID; write it in lowercase like {_EXAMPLE_ID}")
            return None
        record_id = str(value)
        if record_id in self.ids:
            self.add(f"{path}.id", f"{record_id} is already the id of {self.ids[record_id][1]}; ids must be unique")
            return None
        self.ids[record_id] = (kind, path)
        return record_id

    def timestamp(self, path: str, item: Mapping[str, Any], key: str) -> datetime | None:
        if item.get(key) is None:
            return self.now
        try:
            return parse_timestamp(item[key], path)
        except ValidationError as exc:
            self.problems += exc.problems
            return None

    def collect_refs(self, path: str, kind: Kind, fields: Mapping[str, Any]) -> None:
        # Raw values, so a record with other bad fields still has its references checked.
        for field in _ref_fields(kind):
            value = fields.get(field.name)
            if field.type == FieldType.REF and isinstance(value, str) and value:
                self.refs.append((_key_path(path, field.name), field, value))
            elif field.type == FieldType.REFS and isinstance(value, list):
                base = _key_path(path, field.name)
                self.refs += [(f"{base}[{i}]", field, v) for i, v in enumerate(value) if isinstance(v, str)]

    def check_references(self) -> None:
        for path, field, ref in self.refs:
            message = _ref_problem(field, self.ids.get(ref), ref)
            if message:
                self.add(path, message)

    def check_unique(self, lists: Mapping[Kind, list[DocumentRecord]]) -> None:
        self.unique(lists[Kind.STATE], "iso2", lambda v: v["iso2"], lambda v: f"the state code {v['iso2']}")
        self.unique(
            lists[Kind.ARTICLE],
            "number",
            lambda v: (v["instrument"], v["number"]),
            lambda v: f"Art. {v['number']} of the {v['instrument']}",
        )

    def unique(self, records: list[DocumentRecord], field: str, key: Any, describe: Any) -> None:
        seen: dict[object, str] = {}
        for record in records:
            path = self.ids[record.id][1]
            first = seen.setdefault(key(record.values), path)
            if first != path:
                self.add(f"{path}.{field}", f"{describe(record.values)} is already at {first}; a case holds it once")

    def corrections(self, items: object) -> list[DocumentCorrection]:
        if items is None:
            return []
        if not isinstance(items, list):
            self.add(f"$.{CORRECTIONS_KEY}", f"must be a list of corrections, not {_type_name(items)}")
            return []
        found = [self.correction(f"$.{CORRECTIONS_KEY}[{i}]", item) for i, item in enumerate(items)]
        corrections = [c for c in found if c is not None]
        seen: set[str] = set()
        for index, item in enumerate(found):
            if item is not None and item.iso2 in seen:
                self.add(f"$.{CORRECTIONS_KEY}[{index}].iso2", f"{item.iso2} is corrected twice; keep one correction")
            elif item is not None:
                seen.add(item.iso2)
        return corrections

    def correction(self, path: str, item: object) -> DocumentCorrection | None:
        if not isinstance(item, dict):
            self.add(path, f"must be an object with iso2, dates and a note, not {_type_name(item)}")
            return None
        before = len(self.problems)
        for key in item:
            if key not in CORRECTION_KEYS:
                self.add(_key_path(path, key), "unknown key; a correction has only " + ", ".join(CORRECTION_KEYS))
        iso2 = self.correction_code(f"{path}.iso2", item.get("iso2"))
        name = self.optional_text(f"{path}.name", item.get("name"))
        start = self.full_day(f"{path}.entry_into_force", item.get("entry_into_force"))
        end = self.full_day(f"{path}.withdrawal_effective", item.get("withdrawal_effective"))
        if start and end and end <= start:
            self.add(f"{path}.withdrawal_effective", f"{end} is not after entry into force ({start})")
        note = self.optional_text(f"{path}.note", item.get("note"))
        if note is None and (item.get("note") is None or isinstance(item.get("note"), str)):
            self.add(f"{path}.note", "required; say why the shipped data is corrected, and on what source")
        recorded = self.timestamp(f"{path}.recorded", item, "recorded")
        if len(self.problems) > before or iso2 is None or note is None or recorded is None:
            return None
        return DocumentCorrection(iso2, name, start, end, note, recorded)

    def correction_code(self, path: str, value: object) -> str | None:
        if not isinstance(value, str) or value.strip().upper() not in self.iso_codes:
            shown = repr(value) if isinstance(value, str) else _type_name(value)
            self.add(path, f"{shown} is not an ISO 3166 country code; use two letters such as MN or UA")
            return None
        return value.strip().upper()

    def optional_text(self, path: str, value: object) -> str | None:
        if value is None:
            return None
        if not isinstance(value, str):
            self.add(path, f"must be text, not {_type_name(value)}")
            return None
        return value.strip() or None

    def full_day(self, path: str, value: object) -> date | None:
        text = self.optional_text(path, value)
        if text is None:
            return None
        try:
            parsed = PartialDate.parse(text, path)
        except ValidationError as exc:
            self.problems += exc.problems
            return None
        if parsed.precision != Precision.DAY:
            self.add(path, f"'{text}' is not a single day; write it as YYYY-MM-DD")
            return None
        return parsed.first_day()


@cache
def _ref_fields(kind: Kind) -> tuple[FieldSpec, ...]:
    return tuple(f for f in spec(kind).fields if f.type in (FieldType.REF, FieldType.REFS))


def _is_uuid(value: object) -> bool:
    if not isinstance(value, str):
        return False
    try:
        return str(uuid.UUID(value)) == value
    except ValueError:
        return False


def _ref_problem(field: FieldSpec, found: tuple[Kind, str] | None, ref: str) -> str | None:
    if found is None:
        return f"no record with id {ref} in this document"
    kind, path = found
    if kind == Kind.CASE:
        return "the case itself cannot be referred to; name one of its records"
    if field.ref_kinds and kind not in field.ref_kinds:
        wanted = " or ".join(spec(k).label.lower() for k in field.ref_kinds)
        return f"{field.label} must be a {wanted}, but {ref} is the {spec(kind).label.lower()} at {path}"
    return None
