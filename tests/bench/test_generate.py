"""The benchmark generator: a small synthetic case, its counts, its scripts, and that it searches and opens."""

from __future__ import annotations

import re
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from bench.generate import COMMON_WORDS, SYLLABLES, generate, main, planned_counts, search_queries
from casefile.domain.kinds import Kind
from casefile.services import case, records, search
from casefile.storage.casefile import CaseFile

QUOTES = 200

SCRIPTS = {
    "Russian Cyrillic": r"[а-яА-Я]",
    "Russian ё": r"[ёЁ]",
    "Mongolian ө": r"[өӨ]",
    "Mongolian ү": r"[үҮ]",
    "Arabic": r"[\u0600-\u06ff]",
    "Greek": r"[\u0370-\u03ff]",
    "Latin diacritics": r"[üöéçñäøÜÖÉÇÑÄØ]",
    "markup": r"<b>|&amp;|<font color=\"x\">|<i>",
}


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, int]]:
    path = tmp_path_factory.mktemp("generated") / "synthetic.casefile"
    return path, generate(path, QUOTES, seed=7)


def _quote_texts(path: Path) -> list[tuple[str, str]]:
    with CaseFile.open(path, read_only=True) as case_file, case_file.reading() as session:
        return [(r.id, r.values["text"]) for r in records.list_records(session, Kind.QUOTE)]


def _all_text(path: Path) -> str:
    quotes = "SELECT group_concat(text || ' ' || coalesce(translation, '') || ' ' || coalesce(notes, '')) FROM quotes"
    persons = "SELECT group_concat(name || ' ' || coalesce(original_name, '')) FROM persons"
    with closing(sqlite3.connect(path)) as conn:
        return " ".join(conn.execute(sql).fetchone()[0] for sql in (quotes, persons))


def test_counts_match_the_plan_and_the_file(generated: tuple[Path, dict[str, int]]) -> None:
    path, made = generated
    assert made == planned_counts(QUOTES)
    assert made[Kind.QUOTE] == QUOTES
    assert made[Kind.PERSON] == QUOTES // 50
    assert made[Kind.SOURCE] == QUOTES // 20
    assert made[Kind.LINK] == QUOTES // 2
    with CaseFile.open(path, read_only=True) as case_file, case_file.reading() as session:
        stored = case.counts(session)
    assert {kind.value: count for kind, count in stored.items()} == made


@pytest.mark.parametrize("script", SCRIPTS)
def test_every_script_is_present(generated: tuple[Path, dict[str, int]], script: str) -> None:
    assert re.search(SCRIPTS[script], _all_text(generated[0])), f"no {script} text in the generated case"


def test_person_names_are_random_syllables(generated: tuple[Path, dict[str, int]]) -> None:
    syllable = "|".join(map(re.escape, SYLLABLES["latin"]))
    made_of_syllables = re.compile(f"(?:{syllable})+", re.IGNORECASE)
    with CaseFile.open(generated[0], read_only=True) as case_file, case_file.reading() as session:
        names = [r.values["name"] for r in records.list_records(session, Kind.PERSON)]
    assert names
    for name in names:
        assert all(made_of_syllables.fullmatch(word) for word in name.split()), name


def test_search_finds_a_cyrillic_word_in_upper_case(generated: tuple[Path, dict[str, int]]) -> None:
    path = generated[0]
    quote_id, word = next(
        (qid, w) for qid, text in _quote_texts(path) for w in text.split() if re.fullmatch(r"[а-я]{4,}", w)
    )
    with CaseFile.open(path, read_only=True) as case_file, case_file.reading() as session:
        hits = search.search(session, word.upper(), limit=QUOTES, kinds=[Kind.QUOTE])
    assert quote_id in {hit.id for hit in hits}


def test_search_finds_yo_words_written_with_ye(generated: tuple[Path, dict[str, int]]) -> None:
    path = generated[0]
    quote_id, word = next(
        (qid, w.strip(".")) for qid, text in _quote_texts(path) for w in text.split() if re.fullmatch(r"\w*ё\w*\.?", w)
    )
    with CaseFile.open(path, read_only=True) as case_file, case_file.reading() as session:
        hits = search.search(session, word.replace("ё", "е").capitalize(), limit=QUOTES, kinds=[Kind.QUOTE])
    assert quote_id in {hit.id for hit in hits}


def test_the_file_opens_and_passes_sqlite_checks(generated: tuple[Path, dict[str, int]]) -> None:
    path = generated[0]
    with CaseFile.open(path) as case_file, case_file.reading() as session:
        assert case_file.read_only is False
        assert case.the_case(session).values["title"].startswith("Synthetic benchmark case")
    with closing(sqlite3.connect(path)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        from_kinds = conn.execute("SELECT DISTINCT r.kind FROM links l JOIN records r ON r.id = l.from_id").fetchall()
    assert from_kinds == [("quote",)]


def test_the_same_seed_gives_the_same_text(generated: tuple[Path, dict[str, int]], tmp_path: Path) -> None:
    again, other = tmp_path / "again.casefile", tmp_path / "other.casefile"
    generate(again, QUOTES, seed=7)
    generate(other, QUOTES, seed=8)
    texts = [text for _, text in _quote_texts(generated[0])]
    assert [text for _, text in _quote_texts(again)] == texts
    assert [text for _, text in _quote_texts(other)] != texts


def test_queries_are_searchable_words_with_ye_for_yo() -> None:
    queries = search_queries(seed=1)
    assert len(queries) == 50
    assert all(search.fts_query(q) for q in queries)
    written_with_ye = {w.replace("ё", "е") for w in COMMON_WORDS["russian"] if "ё" in w}
    assert written_with_ye & set(queries), "no query spells a ё word with е"
    assert any(re.search(r"[а-я]", q) for q in queries)


def test_command_line_refuses_an_existing_file(generated: tuple[Path, dict[str, int]], capsys) -> None:
    path = generated[0]
    before = path.read_bytes()
    assert main(["10", str(path)]) == 2
    assert "already exists" in capsys.readouterr().err
    assert path.read_bytes() == before


def test_command_line_refuses_a_negative_count(tmp_path: Path, capsys) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["-5", str(tmp_path / "x.casefile")])
    assert exit_info.value.code == 2
    assert "0 or more" in capsys.readouterr().err
    assert not (tmp_path / "x.casefile").exists()


def test_command_line_prints_counts(tmp_path: Path, capsys) -> None:
    assert main(["20", str(tmp_path / "small.casefile"), "--seed", "3"]) == 0
    out = capsys.readouterr().out
    assert re.search(r"^quote\s+20$", out, re.MULTILINE)
    assert re.search(r"^link\s+10$", out, re.MULTILINE)
    assert "wrote" in out
