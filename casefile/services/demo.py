"""The demonstration case: Putin's visit to Mongolia, 2–3 September 2024.

Built through the services from the seed article (The Moscow Times, 2 September 2024) and
the verified facts in the project's reference notes, and nothing else. Quote texts are
verbatim from the seed article; where a fact's exact source or date is unknown, the record
says so rather than guessing.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from casefile.domain.kinds import Kind
from casefile.reference import article_titles
from casefile.services import case, links, records

TITLE = "Putin in Mongolia, 2–3 September 2024"
SUMMARY = (
    "Vladimir Putin, the subject of an ICC arrest warrant issued on 17 March 2023 for the unlawful "
    "deportation and transfer of Ukrainian children, visited Mongolia on 2–3 September 2024. Mongolia has "
    "been an ICC State Party since 2002 and did not arrest him. An expert quoted in the press said this "
    "calls into question Mongolia's compliance with Articles 86–87 of the Rome Statute. On 24 October 2024 "
    "Pre-Trial Chamber II found that Mongolia had failed to comply (Art. 87(7)) and referred the matter to "
    "the Assembly of States Parties."
)
SEED_ARTICLE = "mongolia-visit-2024-09-02.txt"

VASILIEV_ROLE = "Expert in international law, Open Universiteit (Netherlands)"

# Verbatim from the seed article, paragraph by paragraph (the pinpoint).
VASILIEV_QUOTES = (
    ("para. 4", "In accordance with customary international law, heads of state, heads of government and "
     "foreign ministers enjoy personal immunity in foreign courts", ("27", "98")),
    ("para. 5", "But the warrant was issued by the International Criminal Court, whose statute and "
     "jurisprudence do not recognize such immunities", ("27",)),
    ("para. 6", "under an obligation to execute", ("86", "89")),
    ("para. 6", "bring into question its compliance with the obligations under Articles 86-87 of the Rome "
     "Statute", ("86", "87(7)")),
    ("para. 10", "Putin’s propaganda will exploit Mongolia's failure to arrest him…by showing that the arrest "
     "warrant against him was merely a result of Western lawfare and that the ICC prosecutor and the "
     "judges…simply did the collective West’s bidding", ()),
    ("para. 11", "The problem is that it might trigger similar behavior on the part of other ICC states parties "
     "who are now sitting on the fence — those who are not supporting Ukraine and accountability efforts as "
     "much, who do not mind doing business with Putin and benefitting from Russia's war economy", ()),
)  # fmt: skip

PESKOV_QUOTES = ("no worries", "all aspects of the visit were carefully prepared.")

ARTICLES = ("8(2)(a)(vii)", "8(2)(b)(viii)", "25(3)(a)", "27", "28(b)", "58", "59", "86", "87(7)", "89", "97", "98")

CHARGES = (
    "War crimes: unlawful deportation of population (children), Art. 8(2)(a)(vii), and unlawful transfer of "
    "population (children), Art. 8(2)(b)(viii), in occupied areas of Ukraine, from at least 24 February 2022."
)


class _Builder:
    """Keeps the ids of what it made, so later records can refer to earlier ones by a short key."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.ids: dict[str, str] = {}

    def add(self, key: str, record_kind: Kind, **values: Any) -> str:
        self.ids[key] = records.create(self.session, record_kind, values).id
        return self.ids[key]

    def link(self, a: str, kind: str, b: str, **values: Any) -> None:
        links.link(self.session, self.ids[a], self.ids[b], kind, **values)


def build_demo(session: Session) -> dict[str, str]:
    """Fill an empty case with the demo records; returns their ids by short key."""
    case.update_case(
        session,
        {
            "title": TITLE,
            "summary": SUMMARY,
            "classification": "PUBLIC – demonstration case",
            "analyst": "Casefile demo",
        },
    )
    b = _Builder(session)
    _people(b)
    _places_and_bodies(b)
    _articles(b)
    _sources(b)
    _warrants(b)
    _visit(b)
    _quotes(b)
    _ties(b)
    return b.ids


def _people(b: _Builder) -> None:
    b.add(
        "putin",
        Kind.PERSON,
        name="Vladimir Putin",
        original_name="Владимир Владимирович Путин",
        aliases=["Vladimir Vladimirovich Putin", "Путин"],
        role="President of the Russian Federation",
    )
    b.add(
        "lvova",
        Kind.PERSON,
        name="Maria Lvova-Belova",
        original_name="Мария Алексеевна Львова-Белова",
        aliases=["Maria Alekseyevna Lvova-Belova", "Львова-Белова"],
        role="Commissioner for Children's Rights in the Office of the President of the Russian Federation",
    )
    b.add("peskov", Kind.PERSON, name="Dmitry Peskov", role="Kremlin spokesman")
    b.add("vasiliev", Kind.PERSON, name="Sergey Vasiliev", role=VASILIEV_ROLE)
    b.add("abdallah", Kind.PERSON, name="Fadi El Abdallah", role="ICC spokesperson")
    b.add("khurelsukh", Kind.PERSON, name="Ukhnaagiin Khürelsükh", aliases=["Khürelsükh", "Khurelsukh"],
          role="President of Mongolia",
          notes="Met Putin in Ulaanbaatar on 3 September 2024. His name in Mongolian Cyrillic is not yet recorded "
          "in this case.")  # fmt: skip


def _places_and_bodies(b: _Builder) -> None:
    b.add(
        "mongolia",
        Kind.STATE,
        name="Mongolia",
        iso2="MN",
        notes="Монгол Улс. Signed the Rome Statute on 2000-12-29 and ratified it on 2002-04-11; the Statute "
        "entered into force for Mongolia on 2002-07-01.",
    )
    b.add("russia", Kind.STATE, name="Russia", iso2="RU", notes="Not a party to the Rome Statute.")
    b.add(
        "ukraine",
        Kind.STATE,
        name="Ukraine",
        iso2="UA",
        notes="Not a State Party at the time of the visit; a party since 2025-01-01. Accepted the Court's "
        "jurisdiction under Art. 12(3) by declarations of 2014-04-17 and 2015-09-08.",
    )
    b.add("icc", Kind.ORGANISATION, name="International Criminal Court", kind="court", icc_organ=True)
    b.add("ptc2", Kind.ORGANISATION, name="ICC Pre-Trial Chamber II", kind="chamber", icc_organ=True)
    b.add("mt", Kind.ORGANISATION, name="The Moscow Times", kind="outlet")
    b.add("hrw", Kind.ORGANISATION, name="Human Rights Watch", kind="ngo")
    b.add("ou", Kind.ORGANISATION, name="Open Universiteit", kind="university", notes="Netherlands-based university.")
    b.add("kremlin", Kind.ORGANISATION, name="The Kremlin", kind="government")
    for key, name in (
        ("cicc", "Coalition for the ICC"),
        ("rferl", "RFE/RL"),
        ("bbc", "BBC"),
        ("bangkok", "Bangkok Post"),
        ("ukrinform", "Ukrinform"),
        ("asil", "ASIL"),
        ("jurist", "JURIST"),
        ("mirage", "Mirage News"),
    ):
        b.add(key, Kind.ORGANISATION, name=name, kind="outlet")  # fmt: skip


def _articles(b: _Builder) -> None:
    titles = article_titles()
    for number in ARTICLES:
        top = number.split("(")[0]
        b.add(f"art{number}", Kind.ARTICLE, number=number, title=titles[top].title or None)


def _sources(b: _Builder) -> None:
    b.add(
        "s_mt",
        Kind.SOURCE,
        kind="news_article",
        outlet=b.ids["mt"],
        published="2024-09-02",
        language="en",
        title="The Moscow Times: Putin's arrival in Mongolia, his first trip to an ICC member state since the warrant",
        reliability="B",
        credibility=2,
        notes="The article's text is the seed of this case; its headline and address are not recorded here.",
    )
    b.add(
        "s_cicc",
        Kind.SOURCE,
        kind="news_article",
        outlet=b.ids["cicc"],
        published="2023-04-05",
        language="en",
        title="Coalition for the ICC news item on the arrest warrants of 17 March 2023",
    )
    b.add(
        "s_rferl",
        Kind.SOURCE,
        kind="news_article",
        outlet=b.ids["rferl"],
        language="en",
        title="RFE/RL report on the arrest warrants for Putin and Lvova-Belova",
        notes="Secondary report of the ICC's press release; the modes of liability (Arts 25(3)(a) and 28(b)) "
        "rest on reports such as this one.",
    )
    b.add(
        "s_bbc",
        Kind.SOURCE,
        kind="interview",
        outlet=b.ids["bbc"],
        language="en",
        title="BBC: ICC spokesperson Fadi El Abdallah on States Parties' duty to cooperate, before the visit",
    )
    b.add(
        "s_bangkok",
        Kind.SOURCE,
        kind="news_article",
        outlet=b.ids["bangkok"],
        language="en",
        title="Bangkok Post report on Putin's visit to Mongolia",
    )
    b.add(
        "s_ukrinform",
        Kind.SOURCE,
        kind="news_article",
        outlet=b.ids["ukrinform"],
        language="en",
        title="Ukrinform report on Putin's visit to Mongolia",
    )
    b.add(
        "s_decision",
        Kind.SOURCE,
        kind="court_decision",
        outlet=b.ids["ptc2"],
        published="2024-10-24",
        title="Pre-Trial Chamber II finding that Mongolia failed to comply with the request to arrest and "
        "surrender Vladimir Putin",
        reliability="A",
        credibility=1,
        notes="Known here through the ICC press release as reproduced by Mirage News, ASIL ILIB and JURIST.",
    )
    b.add(
        "s_asil",
        Kind.SOURCE,
        kind="report",
        outlet=b.ids["asil"],
        language="en",
        title="ASIL International Law in Brief on the Mongolia non-compliance finding",
    )
    b.add(
        "s_jurist",
        Kind.SOURCE,
        kind="news_article",
        outlet=b.ids["jurist"],
        published="2024-10",
        language="en",
        title="JURIST report on the Mongolia non-compliance finding",
    )
    b.add("s_mirage", Kind.SOURCE, kind="press_release", outlet=b.ids["mirage"], language="en",
          title="ICC press release on the Mongolia non-compliance finding, as reproduced by Mirage News")  # fmt: skip


def _warrants(b: _Builder) -> None:
    a = b.ids
    b.add(
        "w_putin",
        Kind.WARRANT,
        issuer=a["ptc2"],
        subject=a["putin"],
        issued="2023-03-17",
        status="outstanding",
        charges=CHARGES,
        articles=[a["art8(2)(a)(vii)"], a["art8(2)(b)(viii)"], a["art25(3)(a)"], a["art28(b)"]],
        notes="Situation in Ukraine; the Prosecution applied on 2023-02-22. The Registry sent the request for "
        "arrest and surrender to all States Parties. The modes of liability (Arts 25(3)(a), 28(b)) come from "
        "secondary reports of the ICC's press release.",
    )
    b.add("w_lvova", Kind.WARRANT, issuer=a["ptc2"], subject=a["lvova"], issued="2023-03-17", status="outstanding",
          charges=CHARGES, articles=[a["art8(2)(a)(vii)"], a["art8(2)(b)(viii)"]],
          notes="Situation in Ukraine; the Prosecution applied on 2023-02-22.")  # fmt: skip


def _visit(b: _Builder) -> None:
    b.add("visit", Kind.VISIT, person=b.ids["putin"], state=b.ids["mongolia"], place="Ulaanbaatar",
          start="2024-09-02", end="2024-09-03", outcome="not_arrested",
          purpose="Commemoration of the 85th anniversary of the 1939 Battle of Khalkhin Gol; meeting with "
          "President Ukhnaagiin Khürelsükh",
          notes="Arrived on the evening of 2 September 2024. His first trip to an ICC State Party since the "
          "warrant; he had skipped the BRICS summit in South Africa in August 2023. Mongolia asked for Art. 97 "
          "consultations about three days before the visit (exact date unconfirmed) and argued head-of-state "
          "immunity under Art. 98.")  # fmt: skip


def _quotes(b: _Builder) -> None:
    for i, (pinpoint, text, about) in enumerate(VASILIEV_QUOTES, 1):
        b.add(
            f"q_vasiliev{i}",
            Kind.QUOTE,
            text=text,
            language="en",
            speaker=b.ids["vasiliev"],
            speaker_role=VASILIEV_ROLE,
            said_on="2024-09-02",
            source=b.ids["s_mt"],
            pinpoint=pinpoint,
        )
        b.link(f"q_vasiliev{i}", "comments on", "visit")
        for number in about:
            b.link(f"q_vasiliev{i}", "comments on", f"art{number}")  # fmt: skip
    for i, text in enumerate(PESKOV_QUOTES, 1):
        b.add(
            f"q_peskov{i}",
            Kind.QUOTE,
            text=text,
            language="en",
            speaker=b.ids["peskov"],
            speaker_role="Kremlin spokesman",
            said_on="2024-08-30",
            source=b.ids["s_mt"],
            pinpoint="para. 3",
            notes="English words as reported by The Moscow Times; the Russian original is not recorded here. "
            "Other outlets translate his words differently (for example “excellent rapport with our partners”).",
        )
        b.link(f"q_peskov{i}", "comments on", "visit")  # fmt: skip


def _ties(b: _Builder) -> None:
    ids = b.ids
    b.link("ptc2", "chamber of", "icc")
    b.link("peskov", "spokesperson for", "kremlin")
    b.link("abdallah", "spokesperson for", "icc")
    b.link("vasiliev", "affiliated with", "ou")
    b.link("w_putin", "reported by", "s_cicc")
    b.link("w_putin", "reported by", "s_rferl")
    b.link("w_lvova", "reported by", "s_cicc")
    b.link("visit", "reported by", "s_mt")
    b.link("visit", "reported by", "s_bangkok")
    b.link("visit", "reported by", "s_ukrinform")
    b.link("khurelsukh", "met", "putin", date="2024-09-03", source=ids["s_bangkok"])
    b.link(
        "hrw", "called on", "mongolia", date="2024-09-02", note="Called on Mongolia to deny Putin entry or arrest him."
    )
    b.link(
        "abdallah",
        "commented on",
        "art86",
        source=ids["s_bbc"],
        note="Reported speech, not verbatim: States Parties have the obligation to cooperate in accordance with "
        "Chapter IX of the Statute; if they do not, the judges may make a finding and inform the Assembly of "
        "States Parties.",
    )
    b.link(
        "mongolia",
        "requested consultations under",
        "art97",
        note="About three days before the visit; the exact date is unconfirmed.",
    )
    b.link("mongolia", "claimed immunity under", "art98", note="Head-of-state immunity argued.")
    b.link(
        "s_decision",
        "confirms",
        "visit",
        date="2024-10-24",
        note="Pre-Trial Chamber II found that Mongolia failed to comply with the request to arrest and surrender "
        "Putin, within the meaning of Art. 87(7), and referred the matter to the Assembly of States Parties. It "
        "held that the consultation request came too late and that, under Art. 27, personal immunity is not "
        "opposable before the Court.",
    )
    for number in ("87(7)", "27", "97"):
        b.link("s_decision", "cites", f"art{number}")
    b.link("s_decision", "reported by", "s_mirage")
    b.link("s_decision", "reported by", "s_asil")
    b.link("s_decision", "reported by", "s_jurist")  # fmt: skip
