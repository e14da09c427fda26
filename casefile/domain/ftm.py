"""A case as FollowTheMoney entities, the model of Aleph and OpenSanctions (docs/ftm.md).

Pure: records and attachment facts in, entity dicts out ({"id", "schema", "properties"}, every
property a list of strings). FollowTheMoney has no schema for a state or an arrest warrant; the
closest are used and docs/ftm.md says which. A statute article goes out as a text document.
Whatever has no place is counted for the caller to report.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from casefile.domain.kinds import Kind, choice_label, spec

# FollowTheMoney's language type takes ISO 639-2 codes; analysts write two-letter ones.
_LANGUAGES = {
    "ar": "ara", "de": "deu", "en": "eng", "es": "spa", "fa": "fas", "fr": "fra", "he": "heb",
    "hu": "hun", "hy": "hye", "it": "ita", "ja": "jpn", "ka": "kat", "kk": "kaz", "ko": "kor",
    "ky": "kir", "mn": "mon", "nl": "nld", "pl": "pol", "pt": "por", "ro": "ron", "ru": "rus",
    "sw": "swa", "tg": "tgk", "tr": "tur", "uk": "ukr", "ur": "urd", "uz": "uzb", "zh": "zho",
}  # fmt: skip

# Organisation kinds that are part of a state or of the international order, written as PublicBody.
_PUBLIC = {"court", "chamber", "ministry", "government", "intergovernmental"}

WARRANT_PROGRAM = "Arrest warrant"

# FollowTheMoney's Document is a file and needs its name; a source is a reference to a text, so
# it goes out as the text schema nearest its kind (its files go out as Documents of their own).
_SOURCE_SCHEMAS = {
    "news_article": "Article", "press_release": "Article", "interview": "Article", "statement": "Article",
    "web_page": "HyperText",
}  # fmt: skip


@dataclass(frozen=True)
class Item:
    id: str
    kind: Kind
    values: Mapping[str, Any]


@dataclass(frozen=True)
class AttachedFile:
    id: str
    source_id: str
    file_name: str
    media_type: str
    size: int
    sha256: str
    sha1: str  # FollowTheMoney's contentHash is SHA-1; ours stays SHA-256, written beside it


@dataclass(frozen=True)
class FtmExport:
    entities: list[dict[str, Any]]
    left_out: dict[str, int]  # what had no place, and how many


def entities(items: Sequence[Item], files: Sequence[AttachedFile]) -> FtmExport:
    by_id = {i.id: i for i in items}
    written: list[dict[str, Any]] = []
    left_out: dict[str, int] = {}
    for item in items:
        entity = _entity(item, by_id)
        if entity is None:
            what = spec(item.kind).plural.lower()
            left_out[what] = left_out.get(what, 0) + 1
        else:
            written.append(entity)
        if party := _warrant_subject(item):
            written.append(party)
    ends = {e["id"] for e in written if e["schema"] not in ("UnknownLink", "CourtCaseParty")}
    links = {e["id"] for e in written if e["schema"] == "UnknownLink"}
    dangling = {i.id for i in items if i.id in links and not {i.values.get("from"), i.values.get("to")} <= ends}
    if dangling:
        written = [e for e in written if e["id"] not in dangling]
        left_out["links to a record not written"] = len(dangling)
    for file in files:
        written += _attachment(file, by_id)
    return FtmExport(written, left_out)


def _entity(item: Item, by_id: Mapping[str, Item]) -> dict[str, Any] | None:
    v = item.values
    builders = {
        Kind.PERSON: _person,
        Kind.STATE: _state,
        Kind.ORGANISATION: _organisation,
        Kind.WARRANT: _warrant,
        Kind.VISIT: _visit,
        Kind.QUOTE: _quote,
        Kind.ARTICLE: _statute_article,
        Kind.SOURCE: _source,
        Kind.LINK: _link,
    }
    build = builders.get(item.kind)
    if build is None:
        return None
    schema, properties = build(v, by_id)
    return {"id": item.id, "schema": schema, "properties": _clean(properties)}


def _person(v: Mapping[str, Any], _: Mapping[str, Item]) -> tuple[str, dict[str, Any]]:
    aliases = [v.get("original_name"), *(v.get("aliases") or [])]
    nationality = str(v.get("nationality") or "")
    return "Person", {
        "name": v.get("name"),
        "alias": aliases,
        "position": v.get("role"),
        "nationality": nationality.lower() if len(nationality) == 2 and nationality.isalpha() else None,
        "notes": v.get("notes"),
    }


def _state(v: Mapping[str, Any], _: Mapping[str, Item]) -> tuple[str, dict[str, Any]]:
    code = str(v.get("iso2") or "").lower()
    return "PublicBody", {
        "name": v.get("name"),
        "country": code,
        "jurisdiction": code,
        "classification": "State",
        "notes": v.get("notes"),
    }


def _organisation(v: Mapping[str, Any], _: Mapping[str, Item]) -> tuple[str, dict[str, Any]]:
    kind = str(v.get("kind") or "other")
    schema = "PublicBody" if kind in _PUBLIC or v.get("icc_organ") else "Organization"
    return schema, {"name": v.get("name"), "classification": choice_label(kind), "notes": v.get("notes")}


def _warrant(v: Mapping[str, Any], by_id: Mapping[str, Item]) -> tuple[str, dict[str, Any]]:
    # A court case, not a Sanction: links (a quote commenting on the warrant) need a Thing at each end.
    person = _name(by_id, v.get("subject")) or "an unnamed person"
    articles = [a for a in (_article(by_id, a) for a in v.get("articles") or []) if a]
    return "CourtCase", {
        "name": f"Arrest warrant for {person}" + (f" ({v['reference']})" if v.get("reference") else ""),
        "category": WARRANT_PROGRAM,
        "court": _name(by_id, v.get("issuer")),
        "caseNumber": v.get("reference"),
        "fileDate": v.get("issued"),
        "status": choice_label(str(v.get("status") or "")) if v.get("status") else None,
        "summary": v.get("charges"),
        "description": f"Articles cited: {'; '.join(articles)}" if articles else None,
        "notes": v.get("notes"),
    }


def _warrant_subject(item: Item) -> dict[str, Any] | None:
    if item.kind != Kind.WARRANT or not item.values.get("subject"):
        return None
    properties = {"case": item.id, "party": item.values["subject"], "role": "Subject of the arrest warrant"}
    return {"id": f"{item.id}-subject", "schema": "CourtCaseParty", "properties": _clean(properties)}


def _visit(v: Mapping[str, Any], by_id: Mapping[str, Item]) -> tuple[str, dict[str, Any]]:
    # FollowTheMoney's Trip needs where the journey began and ended, which a visit does not record.
    person, state = _name(by_id, v.get("person")), _name(by_id, v.get("state"))
    host = by_id.get(str(v.get("state") or ""))
    outcome = f"Outcome: {choice_label(str(v['outcome']))}" if v.get("outcome") else None
    return "Event", {
        "name": f"Visit of {person} to {state}",
        "involved": v.get("person"),
        "organizer": v.get("state"),
        "country": str(host.values.get("iso2") or "").lower() if host else None,
        "location": v.get("place"),
        "startDate": v.get("start"),
        "endDate": v.get("end"),
        "summary": v.get("purpose"),
        "description": [outcome, v.get("notes")],
    }


def _quote(v: Mapping[str, Any], by_id: Mapping[str, Item]) -> tuple[str, dict[str, Any]]:
    source = by_id.get(str(v.get("source") or ""))
    return "PlainText", {
        "title": _short(str(v.get("text") or "")),
        "bodyText": v.get("text"),
        "author": _name(by_id, v.get("speaker")),
        "date": v.get("said_on"),
        "language": _language(v.get("language")),
        "translatedText": v.get("translation"),
        "translatedLanguage": _language(v.get("translation_language")),
        "peopleMentioned": _name(by_id, v.get("speaker")),
        "sourceUrl": _url(source.values.get("url")) if source else None,
        "proof": v.get("source"),
        "notes": [v.get("speaker_role"), f"Pinpoint: {v['pinpoint']}" if v.get("pinpoint") else None, v.get("notes")],
    }


def _statute_article(v: Mapping[str, Any], _: Mapping[str, Item]) -> tuple[str, dict[str, Any]]:
    cited = f"{v.get('instrument') or ''} art. {v.get('number') or ''}".strip()
    return "PlainText", {"title": cited, "summary": v.get("title"), "bodyText": v.get("text")}


def _source(v: Mapping[str, Any], by_id: Mapping[str, Item]) -> tuple[str, dict[str, Any]]:
    schema = _SOURCE_SCHEMAS.get(str(v.get("kind") or "other"), "PlainText")
    grade = "".join(str(v.get(n) or "") for n in ("reliability", "credibility"))
    return schema, {
        "title": v.get("title"),
        "author": v.get("author"),
        "publisher": _name(by_id, v.get("outlet")),
        "sourceUrl": _url(v.get("url")),
        "publishedAt": v.get("published"),
        "retrievedAt": v.get("accessed"),
        "language": _language(v.get("language")),
        "summary": choice_label(str(v.get("kind") or "other")),
        "notes": [f"Admiralty grade {grade}" if grade else None, v.get("notes")],
    }


def _link(v: Mapping[str, Any], _: Mapping[str, Item]) -> tuple[str, dict[str, Any]]:
    return "UnknownLink", {
        "subject": v.get("from"),
        "object": v.get("to"),
        "role": v.get("kind"),
        "date": v.get("date"),
        "description": v.get("note"),
        "proof": v.get("source"),
    }


def _attachment(file: AttachedFile, by_id: Mapping[str, Item]) -> list[dict[str, Any]]:
    document = {
        "id": file.id,
        "schema": "Document",
        "properties": _clean({
            "fileName": file.file_name,
            "fileSize": str(file.size),
            "mimeType": file.media_type,
            "contentHash": file.sha1,
            "description": f"SHA-256 {file.sha256}",
            "title": file.file_name,
        }),
    }  # fmt: skip
    if file.source_id not in by_id:
        return [document]
    documentation = {
        "id": f"{file.id}-documentation",
        "schema": "Documentation",
        "properties": _clean({"document": file.id, "entity": file.source_id, "role": "attached file"}),
    }
    return [document, documentation]


def _clean(properties: Mapping[str, Any]) -> dict[str, list[str]]:
    """Every property a list of non-empty strings, in a stable order; empty properties left out."""
    cleaned: dict[str, list[str]] = {}
    for name in sorted(properties):
        value = properties[name]
        values = value if isinstance(value, list | tuple) else [value]
        texts = [str(x) for x in values if x not in (None, "")]
        if texts:
            cleaned[name] = texts
    return cleaned


def _name(by_id: Mapping[str, Item], record_id: object) -> str | None:
    item = by_id.get(str(record_id or ""))
    return str(item.values.get("name") or "") or None if item else None


def _article(by_id: Mapping[str, Item], record_id: object) -> str | None:
    item = by_id.get(str(record_id or ""))
    return _statute_article(item.values, by_id)[1]["title"] if item else None


def _language(code: object) -> str | None:
    text = str(code or "").strip().lower()
    if len(text) == 3 and text.isalpha():
        return text
    return _LANGUAGES.get(text)


def _url(text: object) -> str | None:
    # A redacted export replaces an address with words, which are no link: FollowTheMoney's url type refuses them.
    value = str(text or "")
    return value if value.startswith(("http://", "https://")) else None


def _short(text: str, limit: int = 80) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"
