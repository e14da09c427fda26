"""Full-text search through the services: scripts, ё/е, hostile queries, ranking, snippets, upkeep."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from casefile.domain.kinds import Kind
from casefile.services import links, records
from casefile.services.search import HIT_END, HIT_START, SearchHit, fts_query, matching_ids, restore_yo, search
from casefile.storage.casefile import CaseFile
from casefile.storage.open_case import OpenCase
from tests.postgres import ServerCases
from tests.services.conftest import ENGINES

LONG_NOTE = " ".join(["The delegation discussed trade, energy and the railway at length."] * 30)


@pytest.fixture(scope="module", params=ENGINES)
def case(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[OpenCase]:
    """One searchable case for the whole module, on each engine; tests here only read it."""
    if request.param == "postgresql":
        cases: ServerCases = request.getfixturevalue("server_cases")
        with cases.open("case") as server_case:
            with server_case.unit_of_work() as session:
                _fill(session)
            yield server_case
        return
    path: Path = tmp_path_factory.mktemp("search") / "search.casefile"
    with CaseFile.create(path, "Search case") as case_file:
        with case_file.unit_of_work() as session:
            _fill(session)
        yield case_file


def _fill(session: object) -> None:
    add = records.create
    putin = add(session, Kind.PERSON, {"name": "Vladimir Putin", "original_name": "Владимир Путин"})  # type: ignore[arg-type]
    add(session, Kind.PERSON, {"name": "Ukhnaagiin Khürelsükh", "role": "President of Mongolia"})  # type: ignore[arg-type]
    add(session, Kind.QUOTE, {"text": "Он был осуждён заочно.", "speaker": putin.id})  # type: ignore[arg-type]
    add(session, Kind.QUOTE, {"text": "Другой был осужден вчера."})  # type: ignore[arg-type]
    add(session, Kind.PERSON, {"name": "Zorigtbaatar"})  # type: ignore[arg-type]
    add(session, Kind.ORGANISATION, {"name": "Ministry of Trade", "notes": LONG_NOTE + " Zorigtbaatar attended."})  # type: ignore[arg-type]
    add(session, Kind.SOURCE, {"title": 'Brand-new <b>report</b> & "AND" NEAR(x) a:b'})  # type: ignore[arg-type]


def _ids(hits: list[SearchHit]) -> list[str]:
    return [h.id for h in hits]


def _labels(hits: list[SearchHit]) -> list[str]:
    return [h.label for h in hits]


def test_cyrillic_lower_case_finds_the_capitalised_name(case: CaseFile) -> None:
    with case.reading() as session:
        hits = search(session, "путин")
    assert _labels(hits) == ["Vladimir Putin"]
    assert hits[0].kind == Kind.PERSON
    assert f"{HIT_START}Путин{HIT_END}" in hits[0].snippet


def test_latin_without_diacritics_finds_diacritics(case: CaseFile) -> None:
    with case.reading() as session:
        assert _labels(search(session, "khurelsukh")) == ["Ukhnaagiin Khürelsükh"]
        assert _labels(search(session, "KHÜRELSÜKH")) == ["Ukhnaagiin Khürelsükh"]


@pytest.mark.parametrize("query", ["осужден", "осуждён", "ОСУЖДЁН", "осуж"])
def test_yo_and_ye_find_each_other(case: CaseFile, query: str) -> None:
    with case.reading() as session:
        hits = search(session, query)
    assert sorted(h.label for h in hits) == ["“Другой был осужден вчера.”", "“Он был осуждён заочно.”"]


def test_snippets_keep_the_spelling_as_written(case: CaseFile) -> None:
    with case.reading() as session:
        snippets = {h.label: h.snippet for h in search(session, "осужден")}
    assert f"{HIT_START}осуждён{HIT_END}" in snippets["“Он был осуждён заочно.”"]
    assert f"{HIT_START}осужден{HIT_END}" in snippets["“Другой был осужден вчера.”"]


def test_restore_yo_lines_up_around_markers_and_ellipses() -> None:
    original = "Начало. " + "слово " * 20 + "Всё решено: осуждён и Ёлкин."
    snippet = f"…слово Все решено: {HIT_START}осужден{HIT_END} и Елкин."
    assert restore_yo(snippet, original) == f"…слово Всё решено: {HIT_START}осуждён{HIT_END} и Ёлкин."
    assert restore_yo("текст, которого нет", original) == "текст, которого нет"
    # A line from elsewhere (a referenced name) stays as indexed; the line found is restored.
    lines = f"{HIT_START}осужден{HIT_END} и Елкин.\nПетр Елкин"
    assert restore_yo(lines, original) == f"{HIT_START}осуждён{HIT_END} и Ёлкин.\nПетр Елкин"


@pytest.mark.parametrize(
    "query",
    ["brand-new", '"unbalanced', "AND", "NEAR(", "*", "-x", "a:b", "^", "OR NOT", "(", ")", '""', "'", "\x00", "  "],
)
def test_query_syntax_is_searched_for_not_parsed(case: CaseFile, query: str) -> None:
    with case.reading() as session:
        hits = search(session, query)
    assert isinstance(hits, list)


def test_syntax_words_find_the_text_they_spell(case: CaseFile) -> None:
    with case.reading() as session:
        for query in ("brand-new", "NEAR(", "a:b", '"report'):
            assert [h.kind for h in search(session, query)] == [Kind.SOURCE], query
        # "and" is an ordinary word: the long note has it too.
        assert {h.kind for h in search(session, "AND")} == {Kind.SOURCE, Kind.ORGANISATION}


def test_fts_query_quotes_every_word() -> None:
    assert fts_query('brand-new "AND') == '"brand" "new" "AND"*'
    assert fts_query("осуждён") == '"осужден"*'
    assert fts_query("*^-") is None


def test_a_name_match_ranks_above_a_passing_mention(case: CaseFile) -> None:
    with case.reading() as session:
        hits = search(session, "zorigtbaatar")
    assert [h.kind for h in hits] == [Kind.PERSON, Kind.ORGANISATION]
    assert hits[0].rank < hits[1].rank  # bm25: lower is better
    assert f"{HIT_START}Zorigtbaatar{HIT_END}" in hits[1].snippet
    assert len(hits[1].plain_snippet()) < len(LONG_NOTE)  # a snippet, not the whole note


def test_hits_show_markup_as_text(case: CaseFile) -> None:
    with case.reading() as session:
        (hit,) = search(session, "report")
    assert hit.label == 'Brand-new <b>report</b> & "AND" NEAR(x) a:b'
    assert hit.plain_snippet().endswith('Brand-new <b>[report]</b> & "AND" NEAR(x) a:b')


def test_kinds_filter_and_matching_ids(case: CaseFile) -> None:
    with case.reading() as session:
        assert [h.kind for h in search(session, "zorigtbaatar", kinds=[Kind.ORGANISATION])] == [Kind.ORGANISATION]
        assert len(matching_ids(session, "zorigtbaatar", Kind.PERSON) or []) == 1
        assert matching_ids(session, "*", Kind.PERSON) is None
        assert len(search(session, "осужден", limit=1)) == 1


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_any_text_query_searches_without_raising(case: CaseFile, query: str) -> None:
    with case.reading() as session:
        hits = search(session, query)
    assert isinstance(hits, list)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(['"', "*", "(", ")", "-", "^", ":", "AND", "OR", "NOT", "NEAR", "ё", " ", "x"])))
def test_fts_syntax_soup_searches_without_raising(case: CaseFile, parts: list[str]) -> None:
    with case.reading() as session:
        assert isinstance(search(session, "".join(parts)), list)


def test_deleted_records_leave_the_results_and_return_on_restore(empty_case: CaseFile) -> None:
    with empty_case.unit_of_work() as session:
        putin = records.create(session, Kind.PERSON, {"name": "Vladimir Putin", "original_name": "Владимир Путин"})
        mongolia = records.create(session, Kind.STATE, {"name": "Mongolia", "iso2": "MN"})
        link = links.link(session, putin.id, mongolia.id, "visited", note="Ulaanbaatar airport")
    with empty_case.unit_of_work() as session:
        gone = records.delete(session, putin.id)
    with empty_case.reading() as session:
        assert search(session, "путин") == []
        assert search(session, "ulaanbaatar") == []  # the link went with the person
    with empty_case.unit_of_work() as session:
        records.restore(session, gone)
    with empty_case.reading() as session:
        assert _ids(search(session, "путин")) == [putin.id]
        assert _ids(search(session, "ulaanbaatar")) == [link.id]


def test_an_edit_is_searchable_at_once(empty_case: CaseFile) -> None:
    with empty_case.unit_of_work() as session:
        person = records.create(session, Kind.PERSON, {"name": "Dmitry Peskov"})
        records.update_fields(session, person.id, {"original_name": "Дмитрий Песков", "aliases": ["Peskoff"]})
        assert _ids(search(session, "песков")) == [person.id]
        assert _ids(search(session, "peskoff")) == [person.id]
        records.update_fields(session, person.id, {"name": "D. S. Peskov", "aliases": []})
        assert search(session, "peskoff") == []
        assert search(session, "dmitry") == []


def test_bulk_created_records_are_found_after_a_rebuild(empty_case: CaseFile) -> None:
    with empty_case.unit_of_work() as session:
        records.bulk_create(session, Kind.QUOTE, [{"text": "Всё было тщательно подготовлено"}, {"text": "no worries"}])
        records.rebuild_search_index(session)
        (hit,) = search(session, "все")
        assert "[Всё] было тщательно подготовлено" in hit.plain_snippet()
        assert len(search(session, "worries")) == 1


def test_the_case_itself_is_searchable(empty_case: CaseFile) -> None:
    with empty_case.reading() as session:
        assert [h.kind for h in search(session, "empty case")] == [Kind.CASE]
