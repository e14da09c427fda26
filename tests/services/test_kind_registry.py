"""Every kind of record is defined in one place (its KindSpec), and every part of Casefile finds it there.

A kind that lacked a table, a name, a record table, search text, a place in the dossier or a colour
fails here, in one named test per kind, rather than somewhere in the window or the PDF later.
"""

from __future__ import annotations

import re

import pytest
from sqlalchemy.orm import Session

from casefile.domain.dossier import Entry, PdfOptions, QuoteEntry, Section
from casefile.domain.kinds import RECORD_KINDS, SPECS, FieldType, Kind, Shape, spec
from casefile.export.pdf import chart
from casefile.services import case, labels, search, tables
from casefile.services.dossier import build_dossier
from casefile.services.dossier_context import DossierContext
from casefile.services.results import RecordData
from casefile.storage.casefile import CaseFile
from casefile.storage.mapping import column_name
from casefile.storage.models import TABLES
from tests.services.samples import Samples

HEX = re.compile(r"#[0-9a-f]{6}")


def test_every_kind_has_a_spec() -> None:
    assert set(SPECS) == set(Kind)
    assert set(RECORD_KINDS) == set(Kind) - {Kind.CASE}


@pytest.mark.parametrize("kind", list(Kind))
def test_the_spec_names_its_table_and_each_field_has_a_column(kind: Kind) -> None:
    table = TABLES[kind.value]
    assert table.name == spec(kind).table
    for field in spec(kind).fields:
        if field.type != FieldType.REFS:  # a list of ids lives in a table of its own (warrant_articles)
            assert column_name(field) in table.c, f"{kind}: no column for {field.name}"


@pytest.mark.parametrize("kind", list(Kind))
def test_the_naming_reads_only_the_fields_it_declares(kind: Kind) -> None:
    naming = spec(kind).naming
    assert naming.fields and set(naming.fields) <= set(spec(kind).names)
    values = {name: "2024-09-02" for name in naming.fields}  # a KeyError here: the function reads an undeclared field
    assert naming.text(values, lambda rid: "Someone")


@pytest.mark.parametrize("kind", RECORD_KINDS)
def test_the_record_table_columns_name_fields_of_the_kind(kind: Kind) -> None:
    columns = spec(kind).columns
    assert columns and tables.headers(kind) == tuple(c.header for c in columns)
    for column in columns:
        for name in column.fields:
            field = spec(kind).field(name)
            if field.type == FieldType.REF and field.ref_kinds:
                assert spec(field.ref_kinds[0]).name_field, f"{kind}.{name}: its kind has no name to show"


@pytest.mark.parametrize("kind", list(Kind))
def test_the_spec_places_and_colours_the_kind(kind: Kind) -> None:
    kind_spec = spec(kind)
    assert isinstance(kind_spec.dossier, Section)
    assert HEX.fullmatch(kind_spec.look.colour) and HEX.fullmatch(kind_spec.look.fill)
    assert isinstance(kind_spec.look.shape, Shape)
    assert chart.KIND_COLOURS[kind.value] == kind_spec.look.fill
    assert any(f.searchable for f in kind_spec.fields), f"{kind} has nothing for search to find"


def test_kinds_in_the_chart_legend_have_colours_of_their_own() -> None:
    fills = [spec(kind).look.fill for kind in Kind if spec(kind).look.legend]
    colours = [spec(kind).look.colour for kind in Kind if spec(kind).look.legend]
    assert len(set(fills)) == len(fills) and len(set(colours)) == len(colours)
    assert list(chart.KIND_LABELS) == [k.value for k in RECORD_KINDS if spec(k).look.legend]


@pytest.fixture
def one_of_each(empty_case: CaseFile) -> dict[Kind, RecordData]:
    with empty_case.unit_of_work() as session:
        samples = Samples(session)
        made = {kind: samples.make(kind) for kind in RECORD_KINDS}
        made[Kind.CASE] = case.the_case(session)
    return made


def _searchable_words(record: RecordData) -> str:
    field = next(f for f in spec(record.kind).fields if f.searchable and f.type in (FieldType.TEXT, FieldType.LONGTEXT))
    return " ".join(str(record.values[field.name]).split()[:3])  # "Reference number 12": unique to this record


def _anchors(session: Session, section: Section) -> set[str]:
    dossier = build_dossier(session, PdfOptions())
    content = next(c for c in dossier.sections if c.section == section)
    found: set[str] = set()
    for group in content.groups:
        found |= {e.anchor for e in group.entries if isinstance(e, Entry)}
        found |= {q.anchor for q in group.quotes if isinstance(q, QuoteEntry)}
    return found


@pytest.mark.parametrize("kind", list(Kind))
def test_a_record_of_every_kind_is_named_listed_found_and_placed(
    empty_case: CaseFile, one_of_each: dict[Kind, RecordData], kind: Kind
) -> None:
    record = one_of_each[kind]
    with empty_case.reading() as session:
        label = labels.labels(session, [record.id])[record.id]
        assert label.kind == kind and label.text
        assert "?" not in label.text and "None" not in label.text, label.text  # every part of the name was found

        if kind in RECORD_KINDS:
            rows = tables.table_rows(session, kind, [record.id])
            assert len(rows) == 1 and len(rows[0]) == len(tables.headers(kind)) + 1
            assert "?" not in rows[0] and any(rows[0][1:])

        hits = search.search(session, _searchable_words(record), limit=500, kinds=[kind])
        assert record.id in {hit.id for hit in hits}

        context = DossierContext(session, PdfOptions())
        # The dossier names it too, so a link to it never reads "→ concerns" and nothing. A link has no name
        # of its own there: the dossier words it as a sentence ("Mongolia requested consultations under …").
        if kind in RECORD_KINDS and kind != Kind.LINK:
            assert context.name(record.id) and "?" not in context.name(record.id), context.name(record.id)
        ref = context.ref(record.id)
        if spec(kind).dossier_entry:
            assert ref is not None and ref.section == spec(kind).dossier
            assert ref.anchor in _anchors(session, spec(kind).dossier)
        elif kind != Kind.SOURCE:  # a source is pointed at by its note number instead
            assert ref is None or not ref.anchor
