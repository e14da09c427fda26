"""Builds a synthetic, mixed-script case of N quotes through the services layer, for benchmarks.

Every name is made of random syllables, so no record describes a real person. The text mixes
Latin with diacritics, Russian (with ё), Mongolian Cyrillic (ө, ү), Arabic, Greek and
markup-looking fragments, because those are what the search index and the exports must survive.

Usage: python bench/generate.py N OUT.casefile [--seed S]
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import time
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import islice
from pathlib import Path
from typing import Any

from casefile.domain.errors import CasefileError
from casefile.domain.kinds import LINK_KIND_SUGGESTIONS, ORGANISATION_KINDS, OUTCOMES, SOURCE_KINDS, Kind
from casefile.reference import article_titles, iso_countries
from casefile.services import records
from casefile.storage.casefile import CaseFile
from casefile.storage.open_case import OpenCase

CHUNK = 5_000  # records per unit of work: big enough for executemany, small enough to keep memory flat

SYLLABLES: dict[str, tuple[str, ...]] = {
    "latin": ("ka", "lo", "mir", "tsa", "bü", "rü", "khe", "dor", "jav", "zan", "öl", "gan", "bé", "sel",
              "çu", "ña", "vo", "nu", "tø", "rä"),
    "russian": ("ва", "ло", "ми", "ёр", "жа", "ще", "ёл", "ру", "да", "ко", "ны", "тё", "зи", "бо", "ёв"),
    "mongolian": ("бө", "үр", "гэ", "өл", "цэ", "дүү", "мөн", "хү", "ёс", "баа", "нөр", "үл", "жа", "сэ"),
    "arabic": ("مر", "سل", "كا", "نو", "بد", "عل", "حس", "تا", "ري", "زو"),
    "greek": ("κα", "λο", "μη", "ρα", "σθ", "ευ", "ων", "πο", "τι", "ζή"),
}  # fmt: skip

# Ordinary words (no names) so that queries hit realistic numbers of records.
COMMON_WORDS: dict[str, tuple[str, ...]] = {
    "latin": ("warrant", "visit", "court", "obligation", "immunity", "arrest", "statement", "décision",
              "coopération", "arrêté", "Übergabe", "façade", "naïveté"),
    "russian": ("осуждён", "ордер", "визит", "суд", "решение", "ещё", "всё", "объявлён", "приём", "отчёт",
                "обязательство", "арест"),
    "mongolian": ("төр", "шүүх", "үүрэг", "өргөдөл", "айлчлал", "хүүхэд", "үндсэн", "хууль"),
    "arabic": ("محكمة", "زيارة", "مذكرة", "اعتقال", "التزام"),
    "greek": ("δικαστήριο", "επίσκεψη", "ένταλμα", "σύλληψη", "υποχρέωση"),
}  # fmt: skip

LANGUAGES = {"latin": "en", "russian": "ru", "mongolian": "mn", "arabic": "ar", "greek": "el"}
SCRIPTS = tuple(SYLLABLES)
SCRIPT_WEIGHTS = (35, 25, 15, 12, 13)

MARKUP = ("<b>", "</b>", "&amp;", '<font color="x">', "S&P", "a<b>c", "&lt;i&gt;", "<i>")

STATES = (
    "MN", "RU", "UA", "NL", "FR", "DE", "GB", "US", "CN", "IN", "ZA", "KE", "NG", "BR", "AR", "MX",
    "JP", "KR", "TR", "IR", "EG", "SA", "GR", "PL", "HU", "RS", "KZ", "KG", "TJ", "BY", "GE", "AM",
    "AZ", "JO", "TN", "SN",
)  # fmt: skip

ARTICLES = (
    "5", "6", "7", "8(2)(a)(vii)", "8(2)(b)(viii)", "12(3)", "13", "15", "25(3)(a)", "27", "28(b)", "53",
    "58", "59", "61", "86", "87(7)", "89", "97", "98", "112", "127",
)  # fmt: skip

WARRANT_STATUSES = ("outstanding", "executed", "withdrawn")
PINPOINTS = ("para. {n}", "p. {n}", "00:{n:02d}:17", "§ {n}")


@dataclass(frozen=True)
class Refs:
    """Ids of the records that quotes and links point at."""

    persons: Sequence[str]
    states: Sequence[str]
    organisations: Sequence[str]
    articles: Sequence[str]
    sources: Sequence[str]
    warrants: Sequence[str]
    visits: Sequence[str]

    def link_targets(self) -> Sequence[str]:
        return [*self.persons, *self.states, *self.articles, *self.warrants, *self.visits]


class Synth:
    """Deterministic synthetic text for one seed: words, names, dates and whole records."""

    def __init__(self, seed: int, words_per_script: int = 600) -> None:
        self.rng = random.Random(seed)
        self.words = {
            script: tuple(dict.fromkeys(self.word(script) for _ in range(words_per_script))) + COMMON_WORDS[script]
            for script in SCRIPTS
        }

    def word(self, script: str) -> str:
        return "".join(self.rng.choice(SYLLABLES[script]) for _ in range(self.rng.randint(2, 3)))

    def script(self) -> str:
        return self.rng.choices(SCRIPTS, SCRIPT_WEIGHTS)[0]

    def name(self, script: str = "latin") -> str:
        return " ".join(self.word(script).capitalize() for _ in range(2))

    def sentence(self, script: str, low: int = 10, high: int = 25) -> str:
        words = [self.rng.choice(self.words[script]) for _ in range(self.rng.randint(low, high))]
        words.insert(self.rng.randrange(len(words)), self.rng.choice(COMMON_WORDS[script]))
        if self.rng.random() < 0.1:
            words.insert(self.rng.randrange(len(words)), self.rng.choice(MARKUP))
        return " ".join(words).capitalize() + "."

    def day(self) -> date:
        return date(2014, 1, 1) + timedelta(days=self.rng.randrange(12 * 365))

    def partial_date(self) -> str:
        iso = self.day().isoformat()
        return self.rng.choice((iso, iso, iso[:7], iso[:4]))

    def person(self, index: int) -> dict[str, Any]:
        name = self.name()
        other = self.rng.choice(SCRIPTS[1:])
        return {
            "name": name,
            "original_name": self.name(other),
            "aliases": [ascii_fold(name), self.word("latin").capitalize()],
            "role": f"{self.word('latin').capitalize()} of the {self.name()} council",
            "nationality": iso_countries()[self.rng.choice(STATES)],
            "protected": index % 17 == 0,
            "notes": f"Synthetic person #{index}. " + self.sentence(other, 5, 12),
        }

    def state(self, iso2: str) -> dict[str, Any]:
        notes = "Монгол Улс. " if iso2 == "MN" else ""
        return {"name": iso_countries()[iso2], "iso2": iso2, "notes": notes + self.sentence(self.script(), 4, 10)}

    def organisation(self, index: int) -> dict[str, Any]:
        kind = ORGANISATION_KINDS[index % len(ORGANISATION_KINDS)]
        return {"name": f"{self.name(self.script())} {kind.capitalize()}", "kind": kind}

    def article(self, number: str) -> dict[str, Any]:
        title = article_titles().get(number.split("(")[0])
        return {"number": number, "title": title.title if title else None}

    def source(self, index: int, refs: Refs) -> dict[str, Any]:
        script = self.script()
        return {
            "kind": SOURCE_KINDS[index % len(SOURCE_KINDS)],
            "title": self.sentence(script, 3, 8),
            "outlet": self.rng.choice(refs.organisations),
            "author": self.name(),
            "url": f"https://example.org/synthetic/{index}?a=1&b=2",
            "published": self.partial_date(),
            "accessed": self.day().isoformat(),
            "language": LANGUAGES[script],
            "reliability": self.rng.choice("ABCDEF"),
            "credibility": self.rng.randint(1, 6),
        }

    def warrant(self, index: int, refs: Refs) -> dict[str, Any]:
        issued = self.day()
        return {
            "issuer": self.rng.choice(refs.organisations),
            "reference": f"SYN-{issued.year}-{index:04d}",
            "subject": self.rng.choice(refs.persons),
            "issued": issued.isoformat(),
            "status": self.rng.choice(WARRANT_STATUSES),
            "status_date": (issued + timedelta(days=self.rng.randrange(400))).isoformat(),
            "sealed": index % 5 == 0,
            "charges": self.sentence("latin", 8, 20),
            "articles": self.rng.sample(list(refs.articles), 3),
        }

    def visit(self, refs: Refs) -> dict[str, Any]:
        start = self.day()
        return {
            "person": self.rng.choice(refs.persons),
            "state": self.rng.choice(refs.states),
            "place": self.word("mongolian").capitalize(),
            "start": start.isoformat(),
            "end": (start + timedelta(days=self.rng.randrange(5))).isoformat(),
            "purpose": self.sentence(self.script(), 3, 8),
            "outcome": self.rng.choice(OUTCOMES),
        }

    def quote(self, index: int, refs: Refs) -> dict[str, Any]:
        script = self.script()
        translated = script != "latin" and self.rng.random() < 0.6
        return {
            "text": self.sentence(script),
            "language": LANGUAGES[script],
            "translation": self.sentence("latin") if translated else None,
            "translation_language": "en" if translated else None,
            "speaker": self.rng.choice(refs.persons),
            "speaker_role": f"{self.word('latin').capitalize()} spokesperson",
            "said_on": self.partial_date(),
            "source": self.rng.choice(refs.sources),
            "pinpoint": self.rng.choice(PINPOINTS).format(n=self.rng.randint(1, 59)),
            "notes": f"Synthetic quote #{index} <b>&amp;</b>" if index % 10 == 0 else None,
        }

    def link(self, quote_id: str, refs: Refs, targets: Sequence[str]) -> dict[str, Any]:
        noted = self.rng.random() < 0.2
        return {
            "from": quote_id,
            "to": self.rng.choice(targets),
            "kind": self.rng.choice(LINK_KIND_SUGGESTIONS),
            "note": self.sentence(self.script(), 4, 10) if noted else None,
            "date": self.partial_date() if noted else None,
            "source": self.rng.choice(refs.sources) if noted else None,
        }


def ascii_fold(text: str) -> str:
    """Khürelsükh -> Khurelsukh: the transliteration people type without diacritics."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def planned_counts(quotes: int) -> dict[str, int]:
    """How many records of each kind generate() makes for this many quotes."""
    persons = max(2, quotes // 50)
    return {
        Kind.PERSON.value: persons,
        Kind.STATE.value: len(STATES),
        Kind.ORGANISATION.value: max(len(ORGANISATION_KINDS), quotes // 200),
        Kind.WARRANT.value: max(1, persons // 10),
        Kind.VISIT.value: max(1, persons // 2),
        Kind.QUOTE.value: quotes,
        Kind.ARTICLE.value: len(ARTICLES),
        Kind.SOURCE.value: max(1, quotes // 20),
        # A case's corrections and own precedents are a handful at most: they add nothing to a load test.
        Kind.STATUS_CORRECTION.value: 0,
        Kind.PRECEDENT.value: 0,
        Kind.LINK.value: (quotes + 1) // 2,
    }


def chunks(items: Iterable[Mapping[str, Any]], size: int = CHUNK) -> Iterator[list[Mapping[str, Any]]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def add_records(case: OpenCase, kind: Kind, items: Iterable[Mapping[str, Any]]) -> list[str]:
    """bulk_create in chunks, one committed unit of work per chunk; returns the new ids."""
    ids: list[str] = []
    for chunk in chunks(items):
        with case.unit_of_work() as session:
            ids += records.bulk_create(session, kind, chunk)
    return ids


def build_refs(case: OpenCase, synth: Synth, quotes: int) -> Refs:
    """Everything quotes point at: persons, states, organisations, articles, sources, warrants, visits."""
    plan = planned_counts(quotes)
    persons = add_records(case, Kind.PERSON, (synth.person(i) for i in range(plan["person"])))
    states = add_records(case, Kind.STATE, (synth.state(code) for code in STATES))
    orgs = add_records(case, Kind.ORGANISATION, (synth.organisation(i) for i in range(plan["organisation"])))
    articles = add_records(case, Kind.ARTICLE, (synth.article(number) for number in ARTICLES))
    refs = Refs(persons, states, orgs, articles, [], [], [])
    sources = add_records(case, Kind.SOURCE, (synth.source(i, refs) for i in range(plan["source"])))
    refs = Refs(persons, states, orgs, articles, sources, [], [])
    warrants = add_records(case, Kind.WARRANT, (synth.warrant(i, refs) for i in range(plan["warrant"])))
    visits = add_records(case, Kind.VISIT, (synth.visit(refs) for _ in range(plan["visit"])))
    return Refs(persons, states, orgs, articles, sources, warrants, visits)


def add_quotes_and_links(case: OpenCase, synth: Synth, refs: Refs, quotes: int) -> None:
    """Quotes in chunks; every other quote gets a link, made in the same unit of work as its quote."""
    targets = refs.link_targets()
    items = (synth.quote(i, refs) for i in range(quotes))
    for chunk in chunks(items):
        with case.unit_of_work() as session:
            ids = records.bulk_create(session, Kind.QUOTE, chunk)
            records.bulk_create(session, Kind.LINK, [synth.link(qid, refs, targets) for qid in ids[::2]])


def generate(path: Path, quotes: int, seed: int = 1) -> dict[str, int]:
    """Write a new synthetic case of this many quotes to path; returns the count of records per kind."""
    if quotes < 0:
        raise ValueError(f"the number of quotes must be 0 or more, not {quotes}")
    synth = Synth(seed)
    title = f"Synthetic benchmark case: {quotes:,} quotes (seed {seed})"
    summary = "Generated from random syllables for benchmarks; no record describes a real person."
    with CaseFile.create(path, title, summary=summary) as case:
        refs = build_refs(case, synth, quotes)
        add_quotes_and_links(case, synth, refs, quotes)
        with case.unit_of_work() as session:
            records.rebuild_search_index(session)
    return planned_counts(quotes)


def search_queries(seed: int = 1, count: int = 50) -> list[str]:
    """Queries an analyst might type against a generated case: mixed scripts, ё written as е,
    Latin without its diacritics, upper case, two words, and a half-typed prefix."""
    synth = Synth(seed)
    rng = random.Random(seed + 1)
    makers: tuple[Callable[[], str], ...] = (
        lambda: rng.choice(COMMON_WORDS["russian"]).replace("ё", "е"),
        lambda: ascii_fold(rng.choice(synth.words["latin"])),
        lambda: rng.choice(synth.words["mongolian"]).upper(),
        lambda: rng.choice(synth.words["russian"]),
        lambda: rng.choice(synth.words[rng.choice(("arabic", "greek"))]),
        lambda: f"{rng.choice(COMMON_WORDS['latin'])} {rng.choice(synth.words['latin'])}",
        lambda: rng.choice(synth.words["latin"])[:4],
    )
    return [makers[i % len(makers)]() for i in range(count)]


def _peak_rss_mib() -> float:
    # Linux reports ru_maxrss in KiB, macOS in bytes.
    scale = 1 if sys.platform == "darwin" else 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale / 2**20


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write a synthetic mixed-script case file for benchmarks.")
    parser.add_argument("quotes", type=int, help="number of quotes (persons, sources and links follow from it)")
    parser.add_argument("out", type=Path, help="the new .casefile to write; it must not exist yet")
    parser.add_argument("--seed", type=int, default=1, help="random seed; the same seed gives the same text")
    args = parser.parse_args(argv)
    if args.quotes < 0:
        parser.error(f"N must be 0 or more, not {args.quotes}")
    started = time.perf_counter()
    try:
        counts = generate(args.out, args.quotes, args.seed)
    except CasefileError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    elapsed = time.perf_counter() - started
    for kind, count in counts.items():
        print(f"{kind:<13}{count:>10,}")
    print(f"{'total':<13}{sum(counts.values()):>10,}")
    print(f"wrote {args.out} in {elapsed:.2f} s (peak RSS {_peak_rss_mib():.0f} MiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
