"""The FollowTheMoney mapping itself, without the followthemoney package (its schema test needs the `ftm` extra)."""

from __future__ import annotations

from casefile.domain import ftm
from casefile.domain.kinds import Kind

PUTIN = ftm.Item("p", Kind.PERSON, {"name": "Vladimir Putin", "original_name": "Владимир Путин", "aliases": ["Путин"]})
MONGOLIA = ftm.Item("s", Kind.STATE, {"name": "Mongolia", "iso2": "MN"})
PTC = ftm.Item("o", Kind.ORGANISATION, {"name": "Pre-Trial Chamber II", "kind": "chamber", "icc_organ": True})
ARTICLE = ftm.Item("a", Kind.ARTICLE, {"instrument": "Rome Statute", "number": "87(7)", "title": "Requests"})
WARRANT = ftm.Item(
    "w", Kind.WARRANT,
    {"subject": "p", "issuer": "o", "issued": "2023-03-17", "status": "outstanding", "articles": ["a"]},
)  # fmt: skip
VISIT = ftm.Item("v", Kind.VISIT, {"person": "p", "state": "s", "start": "2024-09", "outcome": "not_arrested"})
SOURCE = ftm.Item("src", Kind.SOURCE, {"title": "<b>R&D</b>", "url": "[link withheld]", "language": "mn"})
QUOTE_TEXT = "Он  сказал\n" + "ы" * 100
QUOTE = ftm.Item("q", Kind.QUOTE, {"text": QUOTE_TEXT, "speaker": "p", "source": "src", "language": "ru"})
LINK = ftm.Item("l", Kind.LINK, {"from": "q", "to": "w", "kind": "comments on"})


def _by_id(export: ftm.FtmExport) -> dict[str, dict]:
    return {e["id"]: e for e in export.entities}


def test_each_kind_goes_out_as_its_nearest_schema() -> None:
    export = ftm.entities([PUTIN, MONGOLIA, PTC, ARTICLE, WARRANT, VISIT, SOURCE, QUOTE, LINK], [])
    out = _by_id(export)
    assert {k: e["schema"] for k, e in out.items()} == {
        "p": "Person", "s": "PublicBody", "o": "PublicBody", "a": "PlainText", "w": "CourtCase",
        "w-subject": "CourtCaseParty", "v": "Event", "src": "PlainText", "q": "PlainText", "l": "UnknownLink",
    }  # fmt: skip
    assert out["p"]["properties"]["alias"] == ["Владимир Путин", "Путин"]
    assert out["s"]["properties"]["country"] == ["mn"]
    assert out["w"]["properties"]["court"] == ["Pre-Trial Chamber II"]
    assert out["w"]["properties"]["description"] == ["Articles cited: Rome Statute art. 87(7)"]
    assert out["w-subject"]["properties"] == {
        "case": ["w"], "party": ["p"], "role": ["Subject of the arrest warrant"],
    }  # fmt: skip
    assert out["v"]["properties"]["startDate"] == ["2024-09"]  # partial dates stay partial
    assert out["v"]["properties"]["name"] == ["Visit of Vladimir Putin to Mongolia"]
    assert out["v"]["properties"]["description"] == ["Outcome: Not arrested"]
    assert out["q"]["properties"]["language"] == ["rus"]
    assert out["q"]["properties"]["title"][0].endswith("…") and len(out["q"]["properties"]["title"][0]) == 80
    assert "sourceUrl" not in out["src"]["properties"]  # a withheld link is not a URL
    assert out["src"]["properties"]["title"] == ["<b>R&D</b>"]
    assert export.left_out == {}


def test_a_link_to_something_not_written_is_left_out_and_counted() -> None:
    case = ftm.Item("c", Kind.CASE, {"title": "The case"})
    link = ftm.Item("l2", Kind.LINK, {"from": "p", "to": "c", "kind": "concerns"})
    export = ftm.entities([PUTIN, case, link], [])
    assert [e["id"] for e in export.entities] == ["p"]
    assert export.left_out == {"case": 1, "links to a record not written": 1}


def test_a_file_carries_both_hashes_and_its_source() -> None:
    file = ftm.AttachedFile("f", "src", "a.pdf", "application/pdf", 12, "2" * 64, "1" * 40)
    export = ftm.entities([SOURCE], [file])
    out = _by_id(export)
    assert out["f"]["properties"]["contentHash"] == ["1" * 40]
    assert out["f"]["properties"]["description"] == ["SHA-256 " + "2" * 64]
    assert out["f-documentation"]["properties"] == {"document": ["f"], "entity": ["src"], "role": ["attached file"]}
