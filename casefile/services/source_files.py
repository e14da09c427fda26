"""A new source filled from a saved web page or PDF, with the file kept beside it as evidence."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from casefile.domain.kinds import Kind
from casefile.domain.text import fold_for_match
from casefile.domain.web_page import DocumentFacts
from casefile.services import attachments, records

OUTLET_KIND = "outlet"


@dataclass(frozen=True)
class AddedSource:
    source_id: str
    attachment_id: str
    outlet_created: str | None  # the outlet's name, when it was created for this source


def proposed_values(facts: DocumentFacts, today: date) -> dict[str, Any]:
    """The source fields the file suggests, for the analyst to review; accessed is today."""
    values = {
        "kind": facts.kind,
        "title": facts.title,
        "author": facts.author,
        "url": facts.url,
        "published": facts.published,
        "accessed": today.isoformat(),
        "language": facts.language,
    }
    return {k: v for k, v in values.items() if v}


def add(
    session: Session, values: Mapping[str, Any], outlet_name: str | None, file_name: str, data: bytes
) -> AddedSource:
    """Create the source and attach the file, in the caller's unit of work (both or neither).

    An outlet already chosen in `values` (the review form's pick among the case's organisations)
    wins over `outlet_name`, which is found by name or created.
    """
    chosen = values.get("outlet")
    outlet_id, created = (chosen, False) if chosen else _outlet(session, outlet_name)
    source = records.create(session, Kind.SOURCE, {**values, "outlet": outlet_id})
    attachment = attachments.attach(session, source.id, file_name, data)
    return AddedSource(source.id, attachment.id, outlet_name if created else None)


def _outlet(session: Session, name: str | None) -> tuple[str | None, bool]:
    """The case's organisation of that name (case and accents aside), or a new outlet; None when unclear."""
    if not name:
        return None, False
    key = fold_for_match(name)
    found = [o.id for o in records.list_records(session, Kind.ORGANISATION) if fold_for_match(o.values["name"]) == key]
    if len(found) == 1:
        return found[0], False
    if found:
        return None, False  # two organisations of that name: the analyst picks one in the form
    return records.create(session, Kind.ORGANISATION, {"name": name, "kind": OUTLET_KIND}).id, True
