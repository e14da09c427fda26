"""The reference data shipped under resources/: States Parties, article titles, ISO codes."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date
from functools import cache

from casefile.domain.parties import PartyRegister, StateParty
from casefile.domain.party_status import EventKind, StatusEvent
from casefile.domain.precedents import Precedent, PrecedentOutcome
from casefile.domain.statute import StatuteArticle, StatuteText, words_of
from casefile.paths import reference_file


@dataclass(frozen=True)
class IsoCountry:
    alpha2: str
    name: str
    source: str


@dataclass(frozen=True)
class Declaration:
    """A declaration accepting the Court's jurisdiction under Art. 12(3) without joining."""

    state_name: str
    iso2: str
    lodged: date | None
    period_covered: str
    source: str


@dataclass(frozen=True)
class ArticleTitle:
    article: str
    part_number: str
    part_title: str
    title: str


def _rows(name: str) -> list[dict[str, str]]:
    with reference_file(name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _date(text: str) -> date | None:
    return date.fromisoformat(text) if text.strip() else None


@cache
def states_parties() -> tuple[StateParty, ...]:
    return tuple(
        StateParty(
            name=row["state_name"],
            iso2=row["iso3166_alpha2"],
            entry_into_force=_date(row["entry_into_force_date"]),
            withdrawal_effective=_date(row["withdrawal_effective_date"]),
            source=row["source"],
            verification=row["verification"],
            citation=row["citation"],
        )
        for row in _rows("icc_states_parties.csv")
    )


@cache
def party_status_events() -> tuple[StatusEvent, ...]:
    """Withdrawals, revocations, announcements and declarations after entry into force, with their sources."""
    return tuple(
        StatusEvent(
            iso2=row["iso2"],
            state=row["state"],
            kind=EventKind(row["event"]),
            date=_date(row["date"]),
            effective=_date(row["effective_date"]),
            source=row["source"],
            verification=row["verification"],
            note=row["notes"],
        )
        for row in _rows("party_status_events.csv")
    )


@cache
def precedents() -> tuple[Precedent, ...]:
    """The ICC's decisions on States that did not arrest a visiting person, with their sources."""
    return tuple(
        Precedent(
            person=row["person"],
            host_state=row["host_state"],
            iso2=row["iso2"],
            visit_start=_date(row["visit_start"]),
            visit_end=_date(row["visit_end"]),
            decision_date=_date(row["decision_date"]),
            chamber=row["chamber"],
            reference=row["decision_reference"],
            outcome=PrecedentOutcome(row["outcome"]),
            summary=row["summary"],
            source=row["source"],
            verification=row["verification"],
            notes=row["notes"],
        )
        for row in _rows("icc_precedents.csv")
    )


@cache
def party_register() -> PartyRegister:
    """The shipped register with its status events, without any case's corrections."""
    return PartyRegister(states_parties(), events=party_status_events())


def is_party(state: str, on_date: date) -> bool:
    """Whether the state (ISO code) was bound by the Rome Statute on that day, per shipped data."""
    return party_register().is_party(state, on_date)


@cache
def article_titles() -> dict[str, ArticleTitle]:
    return {
        row["article"]: ArticleTitle(row["article"], row["part_number"], row["part_title"], row["article_title"])
        for row in _rows("rome_statute_articles.csv")
    }


@cache
def statute_articles() -> dict[str, StatuteArticle]:
    """The English text of every article of the Rome Statute, with its source and verification."""
    return {
        row["article"]: StatuteArticle(row["article"], row["title"], row["text"], row["source"], row["verification"])
        for row in _rows("rome_statute_text.csv")
    }


def statute_text(reference: str) -> StatuteText | None:
    """The words of an article down to the paragraph it names: '87(7)' gives paragraph 7 of article 87."""
    return words_of(statute_articles(), reference)


@cache
def article_12_3_declarations() -> tuple[Declaration, ...]:
    return tuple(
        Declaration(row["state_name"], row["iso2"], _date(row["lodged_date"]), row["period_covered"], row["source"])
        for row in _rows("icc_article_12_3_declarations.csv")
    )


@cache
def iso_country_rows() -> dict[str, IsoCountry]:
    """ISO 3166-1 alpha-2 code to the country, with where the list came from."""
    return {
        row["alpha2"]: IsoCountry(row["alpha2"], row["common_name"] or row["name"], row["source"])
        for row in _rows("iso3166_1.csv")
    }


@cache
def iso_countries() -> dict[str, str]:
    """ISO 3166-1 alpha-2 code to the country's common name."""
    return {code: row.name for code, row in iso_country_rows().items()}


@cache
def iso_codes() -> frozenset[str]:
    return frozenset(iso_countries())
