"""Sources as CSL-JSON items, the format Zotero and most reference managers read and write.

Pure mapping both ways, so that export → import → export gives the same items. What CSL has no
place for (the Admiralty grade) is not carried; docs/csl.md says so. The specification:
https://citeproc-js.readthedocs.io/en/latest/csl-json/markup.html
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from casefile.domain.dates import PartialDate
from casefile.domain.errors import FieldProblem, ValidationError

# Our source kinds and the CSL type each is written as. A press release has no CSL type of its
# own: it is a "document" whose genre says so, which is also how Zotero writes one.
KIND_TO_TYPE = {
    "news_article": "article-newspaper",
    "court_decision": "legal_case",
    "press_release": "document",
    "report": "report",
    "interview": "interview",
    "statement": "speech",
    "treaty": "treaty",
    "web_page": "webpage",
    "other": "document",
}
PRESS_RELEASE_GENRE = "press release"

# CSL types read in, beyond the ones we write: the nearest kind of ours.
_TYPE_TO_KIND = {
    "article-newspaper": "news_article",
    "article-magazine": "news_article",
    "article": "news_article",
    "legal_case": "court_decision",
    "report": "report",
    "interview": "interview",
    "speech": "statement",
    "treaty": "treaty",
    "webpage": "web_page",
    "post": "web_page",
    "post-weblog": "web_page",
}

AUTHOR_SEPARATOR = "; "


@dataclass(frozen=True)
class CslSource:
    """One item read from CSL-JSON: the source's field values, its outlet by name, and notes for the analyst."""

    index: int  # the item's position in the file, counted from 1, for messages
    csl_id: str
    values: dict[str, Any]
    outlet: str | None
    remarks: tuple[str, ...] = field(default=())


def to_item(source_id: str, values: Mapping[str, Any], outlet: str | None) -> dict[str, Any]:
    """One source as a CSL-JSON item; empty fields are left out, as reference managers do."""
    kind = str(values.get("kind") or "other")
    item: dict[str, Any] = {"id": source_id, "type": KIND_TO_TYPE.get(kind, "document")}
    if kind == "press_release":
        item["genre"] = PRESS_RELEASE_GENRE
    item["title"] = values.get("title") or ""
    if outlet:
        item["container-title"] = outlet
    if authors := _authors_out(values.get("author")):
        item["author"] = authors
    for name, key in (("url", "URL"), ("language", "language"), ("notes", "note")):
        if values.get(name):
            item[key] = values[name]
    for name in ("published", "accessed"):
        if values.get(name):
            item["issued" if name == "published" else name] = _date_out(str(values[name]))
    return item


def from_items(data: object) -> list[CslSource]:
    """Read a CSL-JSON document (a list of items, or one item); every problem is named with its item."""
    items = [data] if isinstance(data, dict) else data
    if not isinstance(items, list):
        raise ValidationError.single("", "a CSL-JSON file holds a list of items, each a JSON object")
    problems: list[str] = []
    sources: list[CslSource] = []
    for index, item in enumerate(items, start=1):
        try:
            sources.append(_from_item(index, item))
        except ValidationError as exc:
            problems += [f"item {index}: {p.message}" for p in exc.problems]
    if problems:
        raise ValidationError(
            [FieldProblem("", p) for p in problems], "Correct the file, or export it again from Zotero."
        )
    return sources


def _from_item(index: int, item: object) -> CslSource:
    if not isinstance(item, dict):
        raise ValidationError.single("", "is not a JSON object")
    title = _text(item, "title")
    if not title:
        raise ValidationError.single("title", "has no title; every source needs one")
    csl_type = _text(item, "type") or "document"
    kind, remarks = _kind(csl_type, _text(item, "genre"))
    values: dict[str, Any] = {"kind": kind, "title": title}
    if authors := _authors_in(item.get("author")):
        values["author"] = authors
    for key, name in (("URL", "url"), ("language", "language"), ("note", "notes")):
        if text := _text(item, key):
            values[name] = text
    for key, name in (("issued", "published"), ("accessed", "accessed")):
        if key in item:
            values[name] = _date_in(item[key], key)
    outlet = _text(item, "container-title") or None
    return CslSource(index, str(item.get("id") or ""), values, outlet, remarks)


def _kind(csl_type: str, genre: str) -> tuple[str, tuple[str, ...]]:
    if csl_type == "document":
        return ("press_release" if genre.casefold() == PRESS_RELEASE_GENRE else "other"), ()
    if csl_type in _TYPE_TO_KIND:
        return _TYPE_TO_KIND[csl_type], ()
    return "other", (f"its CSL type '{csl_type}' has no match here; it is stored as kind Other",)


def _text(item: Mapping[str, Any], key: str) -> str:
    value = item.get(key)
    if value is None:
        return ""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    if not isinstance(value, str):
        raise ValidationError.single(key, f"'{key}' should be text")
    return value.strip()


def _authors_out(text: object) -> list[dict[str, str]]:
    # Our author field is free text, so each name goes out whole, as CSL's "literal" name.
    names = [n.strip() for n in str(text or "").split(";")]
    return [{"literal": n} for n in names if n]


def _authors_in(names: object) -> str:
    if names is None:
        return ""
    if not isinstance(names, list):
        raise ValidationError.single("author", "'author' should be a list of names")
    written = []
    for name in names:
        if not isinstance(name, dict):
            raise ValidationError.single("author", "each author should be a JSON object")
        if name.get("literal"):
            written.append(str(name["literal"]).strip())
            continue
        # Zotero writes people as family and given names; we write them given name first.
        whole = " ".join(str(name[k]).strip() for k in ("given", "non-dropping-particle", "family") if name.get(k))
        if whole:
            written.append(whole)
    return AUTHOR_SEPARATOR.join(written)


def _date_out(iso: str) -> dict[str, Any]:
    date = PartialDate.parse(iso)
    parts = [date.year] + ([date.month] if date.month else []) + ([date.day] if date.day else [])
    return {"date-parts": [parts]}


def _date_in(value: object, key: str) -> str:
    """CSL dates come as date-parts, or as 'raw' or 'literal' text; a range keeps its first date."""
    if not isinstance(value, dict):
        raise ValidationError.single(key, f"'{key}' should be a CSL date object")
    parts = value.get("date-parts")
    if isinstance(parts, list) and parts and isinstance(parts[0], list) and parts[0]:
        return _from_parts(parts[0], key)
    for text_key in ("raw", "literal"):
        if isinstance(value.get(text_key), str):
            return PartialDate.parse(value[text_key], key).iso()
    raise ValidationError.single(key, f"'{key}' has no date-parts and no raw date")


def _from_parts(parts: Sequence[object], key: str) -> str:
    try:
        numbers = [int(str(p)) for p in parts[:3]]
    except ValueError:
        raise ValidationError.single(key, f"'{key}' has date parts that are not numbers: {list(parts)}") from None
    text = "-".join([f"{numbers[0]:04d}", *(f"{n:02d}" for n in numbers[1:])])
    return PartialDate.parse(text, key).iso()
