"""How each kind of record is named in lists, pickers and links: 'Art. 87(7)', 'Vladimir Putin in Mongolia, 2024-09-02'.

Each function takes the record's values (by field name; a reference holds the other record's id)
and `name_of`, which gives the name of a record it refers to ('?' when that record is unknown).
The kind specs (domain/kinds.py) say which function and which fields name each kind.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

Values = Mapping[str, Any]
NameOf = Callable[[Any], str]

QUOTE_CHARS = 60


def short_quote(text: str, limit: int = QUOTE_CHARS) -> str:
    flat = " ".join(text.split())
    return f"“{flat}”" if len(flat) <= limit else f"“{flat[: limit - 1].rstrip()}…”"


def article_label(number: str, instrument: str | None) -> str:
    suffix = "" if not instrument or instrument == "Rome Statute" else f" {instrument}"
    return f"Art. {number}{suffix}"


def by_name(v: Values, name_of: NameOf) -> str:
    return str(v["name"])


def by_title(v: Values, name_of: NameOf) -> str:
    return str(v["title"])


def article(v: Values, name_of: NameOf) -> str:
    return article_label(v["number"], v["instrument"])


def quote(v: Values, name_of: NameOf) -> str:
    return short_quote(v["text"])


def warrant(v: Values, name_of: NameOf) -> str:
    return f"Warrant {v['reference'] or v['issued']} for {name_of(v['subject'])}"


def visit(v: Values, name_of: NameOf) -> str:
    return f"{name_of(v['person'])} in {name_of(v['state'])}, {v['start']}"


def status_correction(v: Values, name_of: NameOf) -> str:
    what = v["event"] or v["event_kind"] or ""
    return f"Status correction ({v['action']}): {v['iso2']} {what.split(':')[1] if ':' in what else what}".rstrip()


def precedent(v: Values, name_of: NameOf) -> str:
    when = f", {v['decided']}" if v["decided"] else ""
    return f"Precedent: {v['chamber']}{when} ({name_of(v['person'])} in {name_of(v['state'])})"


def link(v: Values, name_of: NameOf) -> str:
    return f"{name_of(v['from'])} — {v['kind']} — {name_of(v['to'])}"
