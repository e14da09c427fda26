"""Every Qt model passes qtmodeltester, with real rows from the demo case."""

from __future__ import annotations

from pytestqt.modeltest import ModelTester

from casefile.domain.kinds import Kind
from casefile.services import links, search, tables
from casefile.storage.casefile import CaseFile
from casefile.ui.models.kinds import KindListModel
from casefile.ui.models.links_tree import LinksTreeModel
from casefile.ui.models.record_table import RecordTableModel, fold
from casefile.ui.models.search_results import SearchResultsModel


def _loader(case: CaseFile):  # type: ignore[no-untyped-def]
    def load(kind, ids):  # type: ignore[no-untyped-def]
        with case.reading() as session:
            return tables.table_rows(session, kind, ids)

    return load


def test_record_table_model(qtmodeltester: ModelTester, demo_case: CaseFile) -> None:
    model = RecordTableModel(_loader(demo_case))
    model.show_kind(Kind.QUOTE, tables.headers(Kind.QUOTE))
    qtmodeltester.check(model)
    model.sort(1)
    model.set_filter("vasiliev")
    qtmodeltester.check(model)
    assert model.total == 6


def test_record_table_filter_is_case_insensitive_for_every_script(demo_case: CaseFile) -> None:
    model = RecordTableModel(_loader(demo_case))
    model.show_kind(Kind.PERSON, tables.headers(Kind.PERSON))
    model.set_filter("путин")
    assert [model.data(model.index(r, 0)) for r in range(model.rowCount())] == ["Vladimir Putin"]
    model.set_filter("KHÜRELSÜKH")
    assert model.total == 1
    model.set_filter("львова-белова")
    assert model.total == 1
    assert fold("ОСУЖДЁН") == fold("осужден") == "осужден"


def test_record_table_sorts_and_fetches_lazily(demo_case: CaseFile) -> None:
    model = RecordTableModel(_loader(demo_case))
    model.show_kind(Kind.ARTICLE, tables.headers(Kind.ARTICLE))
    model.sort(1)
    titles = [model.data(model.index(r, 1)) for r in range(model.rowCount())]
    assert titles == sorted(titles, key=str.casefold)


def test_kind_list_model(qtmodeltester: ModelTester, demo_case: CaseFile) -> None:
    model = KindListModel()
    from casefile.services import case

    with demo_case.reading() as session:
        model.set_counts(case.counts(session))
    qtmodeltester.check(model)
    assert "Persons  (6)" in [model.data(model.index(r)) for r in range(model.rowCount())]


def test_search_results_model(qtmodeltester: ModelTester, demo_case: CaseFile) -> None:
    model = SearchResultsModel()
    with demo_case.reading() as session:
        model.set_hits(search.search(session, "immunity"))
    qtmodeltester.check(model)
    assert model.rowCount() >= 2


def test_links_tree_model(qtmodeltester: ModelTester, demo_case: CaseFile) -> None:
    with demo_case.reading() as session:
        visit = tables.table_rows(session, Kind.VISIT)[0][0]
        ends = links.links_of(session, visit)
    model = LinksTreeModel()
    model.set_links(ends)
    qtmodeltester.check(model)
    groups = [model.data(model.index(r, 0)) for r in range(model.rowCount())]
    assert any(g.startswith("← comments on") for g in groups)
    assert any(g.startswith("→ reported by") for g in groups)


def test_links_tree_model_with_field_references(qtmodeltester: ModelTester, demo_case: CaseFile) -> None:
    with demo_case.reading() as session:
        putin = next(r[0] for r in tables.table_rows(session, Kind.PERSON) if r[1] == "Vladimir Putin")
        ends = links.links_of(session, putin) + links.references_to(session, putin)
    model = LinksTreeModel()
    model.set_links(ends)
    qtmodeltester.check(model)
    groups = [model.data(model.index(r, 0)) for r in range(model.rowCount())]
    # Before, Putin's panel listed one link while the chart showed his warrant and his visit.
    assert any(g.startswith("← subject") for g in groups) and any(g.startswith("← person") for g in groups)
