"""A case with every field of every kind filled, in Cyrillic and markup-looking text, for round trips.

The persons, quotes and sources are fictional test data, marked as such; only the state
(Mongolia, Монгол Улс) and the article numbers are real.
"""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy.orm import Session

from casefile.domain.kinds import Kind, spec
from casefile.services import case, links, parties, records

MARKUP = '<b>bold</b> & <font color="x">red</font> &amp; <img src="http://example.org/x.png"/>'


def build_full_case(session: Session) -> dict[str, str]:
    """Fill an empty case so that no field of any kind is left empty; returns ids by short key."""
    ids: dict[str, str] = {}
    case.update_case(
        session,
        {
            "title": f"Тестовое дело {MARKUP}",
            "summary": "Строка один\nСтрока два — осуждён <i>&</i>",
            "classification": "CONFIDENTIAL – internal <b>",
            "analyst": "Аналитик & Co",
        },
    )

    def add(key: str, record_kind: Kind, **values: object) -> None:
        ids[key] = records.create(session, record_kind, values).id

    add(
        "witness",
        Kind.PERSON,
        name="Тестовый Свидетель <b>",
        original_name="Тестовый Свидетель",
        aliases=["Testovyi Svidetel", "Тестовый & Co", '<font color="x">'],
        role="Fictional witness & <i>",
        role_from="2023",
        role_to="2024-03",
        nationality="Монгол",
        protected=True,
        notes=f"Fictional. {MARKUP}",
    )
    add(
        "speaker",
        Kind.PERSON,
        name="Vymyšlený Řečník",
        original_name="Вымышленный Оратор",
        aliases=["Khürelsükh-style ü"],
        role="Fictional speaker",
        role_from="2020-01-02",
        role_to="2025",
        nationality="Fictional",
        protected=False,
        notes="Ёлка осуждён",
    )
    add("mongolia", Kind.STATE, name="Монгол Улс", iso2="MN", notes=f"Mongolia {MARKUP}")
    add("court", Kind.ORGANISATION, name="Test chamber <b>", kind="chamber", notes="Fictional & <i>")
    add("outlet", Kind.ORGANISATION, name="Тестовая газета", kind="outlet", notes="Fictional outlet")
    add("art1", Kind.ARTICLE, instrument="Rome Statute", number="87(7)", title="Title <b>&</b>", text="Текст & <i>")
    add("art2", Kind.ARTICLE, instrument="Test instrument & <b>", number="8(2)(a)(vii)", title="Т", text="Body")
    add(
        "source",
        Kind.SOURCE,
        kind="report",
        title=f"Отчёт {MARKUP}",
        outlet=ids["outlet"],
        author="Автор & <b>",
        url="https://example.org/?a=1&b=<2>",
        published="2024-09",
        accessed="2024-09-02",
        language="ru",
        reliability="B",
        credibility=2,
        notes="Fictional source",
    )
    add(
        "warrant",
        Kind.WARRANT,
        issuer=ids["court"],
        reference="TEST-01/23 <b>",
        subject=ids["witness"],
        issued="2023-03",
        status="withdrawn",
        status_date="2024",
        sealed=True,
        charges=f"Обвинения {MARKUP}",
        articles=[ids["art2"], ids["art1"]],
        notes="Fictional warrant",
    )
    add(
        "visit",
        Kind.VISIT,
        person=ids["witness"],
        state=ids["mongolia"],
        place="Улан-Батор & <b>",
        start="2024-09-02",
        end="2024-09-03",
        purpose="Fictional <i>",
        outcome="not_arrested",
        notes="Тест",
    )
    add("quote", Kind.QUOTE, text=f"Путин — «цитата» {MARKUP}\n  second line", language="ru",
        translation="Putin — a quote & <b>", translation_language="en", speaker=ids["speaker"],
        speaker_role="Fictional role <i>", said_on="2024-08-30", source=ids["source"], pinpoint="para. 3 & <b>",
        notes="Fictional quote")  # fmt: skip
    ids["link1"] = links.link(
        session, ids["quote"], ids["visit"], "comments on <b>", note=MARKUP, date="2024-09", source=ids["source"]
    ).id
    ids["link2"] = links.link(
        session, ids["link1"], ids["art1"], "cites & more", note="Ссылка на ссылку", date="2024", source=ids["source"]
    ).id
    parties.correct_party(
        session, "ua", entry_into_force="2025-01-01", withdrawal_effective=None, note="Test correction & <b>"
    )
    add("correction", Kind.STATUS_CORRECTION, iso2="HU", action="replace", event="HU:withdrawal_revoked:",
        event_kind="withdrawal_effective", date="2026-06-02", effective="2026-06-02", source=ids["source"],
        citation="Тест & <b>", note=f"Тестовый Свидетель said so {MARKUP}", recorded_by="Аналитик & Co")  # fmt: skip
    add("precedent", Kind.PRECEDENT, chamber="Test chamber <b>", decided="2024-10", reference="TEST-02 & <i>",
        person=ids["witness"], state=ids["mongolia"], visit_start="2024-09-02", visit_end="2024-09-03",
        claim="immunity", outcome="non_compliance_referred", source=ids["source"], citation="Цитата <b>",
        summary=f"Тестовый Свидетель was named {MARKUP}", recorded_by="Аналитик & Co")  # fmt: skip
    return ids


def assert_every_field_filled(session: Session) -> None:
    """Fails if the builder left a field of some kind empty, so the round trip covers them all."""
    for kind in (Kind.CASE, Kind.PERSON, Kind.STATE, Kind.ORGANISATION, Kind.WARRANT, Kind.VISIT, Kind.QUOTE,
                 Kind.ARTICLE, Kind.SOURCE, Kind.STATUS_CORRECTION, Kind.PRECEDENT, Kind.LINK):  # fmt: skip
        found = records.list_records(session, kind)
        assert found, kind
        for name in spec(kind).names:
            assert any(r.values[name] not in (None, "", []) for r in found), f"{kind}.{name} is never filled"


def without_anchor(path: Path) -> str:
    """A JSON export up to its audit anchor, the last key: the anchor records each case's own
    history (an import starts a new one; an export logs itself), so only the rest must repeat."""
    text = path.read_text(encoding="utf-8")
    return text[: text.index('"audit_anchor"')]


def anchor_entries(path: Path) -> int:
    return int(json.loads(path.read_text(encoding="utf-8"))["audit_anchor"]["entries"])
