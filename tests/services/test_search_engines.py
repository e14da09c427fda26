"""Search means the same on a case file and a server case: the same records in both, the same queries.

Where PostgreSQL's `unaccent` folds more than SQLite's unicode61 (ł, ø, ß, æ), the server finds more;
test_unaccent_folds_more_than_unicode61 shows exactly which, so a difference never goes unnoticed.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from casefile.domain.kinds import Kind
from casefile.services import records
from casefile.services.search import HIT_END, HIT_START, matching_ids, search
from casefile.storage.casefile import CaseFile
from casefile.storage.open_case import OpenCase
from tests.postgres import ServerCases

TEXTS = {
    "putin": ("Vladimir Putin", "Владимир Путин"),
    "khurelsukh": ("Ukhnaagiin Khürelsükh", "Ухнаагийн Хүрэлсүх"),
    "cohen": ("Hannah Cohen", "חנה כהן"),
    "haddad": ("Layla Haddad", "ليلى حداد"),
    "wang": ("Wang Wei", "王伟主席"),
    "yo": ("Pyotr Alyoshin", "Пётр Алёшин"),
    "markup": ('Smith <b>&amp;</b> "AND" NEAR(x) a:b', "O'Brien & Sons | !not -minus"),
    "walesa": ("Lech Wałęsa", "Søren Straße"),
}

SAME = [
    "путин", "ПУТИН", "пут", "vladimir putin", "khurelsukh", "KHÜRELSÜKH", "хүрэлсүх", "כהן", "חנה", "حداد",
    "ليلى", "王伟主席", "王伟", "алешин", "АЛЁШИН", "пётр", "петр", "<b>", "&amp;", '"AND"', "NEAR(x)", "a:b",
    "O'Brien", "| !not", "-minus", "and or not", "*", "'", "&", "lech", "zzz", "smith_and", "x)a",
]  # fmt: skip


@pytest.fixture(scope="module")
def both(tmp_path_factory: pytest.TempPathFactory, server_cases: ServerCases) -> Iterator[dict[str, OpenCase]]:
    """The same persons, under the same ids, in a file and on the server."""
    path: Path = tmp_path_factory.mktemp("engines") / "search.casefile"
    with CaseFile.create(path, "Engines") as file_case, server_cases.open("case") as server_case:
        for opened in (file_case, server_case):
            with opened.unit_of_work() as session:
                for key, (name, original) in TEXTS.items():
                    record_id = f"00000000-0000-4000-8000-{abs(hash(key)) % 10**12:012d}"
                    records.create(session, Kind.PERSON, {"name": name, "original_name": original}, record_id=record_id)
        yield {"sqlite": file_case, "postgresql": server_case}


def _found(case: OpenCase, query: str) -> set[str]:
    with case.reading() as session:
        return {h.label for h in search(session, query)}


@pytest.mark.parametrize("query", SAME)
def test_the_same_query_finds_the_same_records_on_both_engines(both: dict[str, OpenCase], query: str) -> None:
    assert _found(both["sqlite"], query) == _found(both["postgresql"], query)


def test_ids_of_one_kind_match_too(both: dict[str, OpenCase]) -> None:
    for query in ("пут", "khurelsukh", "*"):
        found = []
        for case in both.values():
            with case.reading() as session:
                found.append(matching_ids(session, query, Kind.PERSON))
        assert found[0] == found[1], query


@pytest.mark.parametrize("engine", ["sqlite", "postgresql"])
def test_snippets_mark_the_word_as_written(both: dict[str, OpenCase], engine: str) -> None:
    with both[engine].reading() as session:
        (hit,) = search(session, "алешин")
        assert f"{HIT_START}Алёшин{HIT_END}" in hit.snippet
        (hit,) = search(session, "khurelsukh")
        assert f"{HIT_START}Khürelsükh{HIT_END}" in hit.snippet
        (hit,) = search(session, "amp")
        assert hit.plain_snippet().startswith('Smith <b>&[amp];</b> "AND"')


def test_unaccent_folds_more_than_unicode61(both: dict[str, OpenCase]) -> None:
    # unicode61 removes diacritics that Unicode decomposes (ü, ę); unaccent's rules also map letters
    # that do not decompose (ł → l, ø → o, ß → ss). A server case finds these; a file does not.
    for query in ("walesa", "soren", "strasse"):
        assert _found(both["postgresql"], query) == {"Lech Wałęsa"}, query
    assert _found(both["sqlite"], "walesa") == set()
    assert _found(both["sqlite"], "wałesa") == _found(both["postgresql"], "wałesa") == {"Lech Wałęsa"}
