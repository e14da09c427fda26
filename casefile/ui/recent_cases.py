"""How the recent cases name an entry: a file by its name, a server case (`URL#case`) by its name and server.

Light on purpose: the start page lists the recent cases before the first paint, when nothing may load
SQLAlchemy or the PostgreSQL driver (tests/ui/test_startup_order.py), so a server case's address is read
here with urllib, in the words storage.server.describe_url uses: user, host and database, never a password.
"""

from __future__ import annotations

from pathlib import Path

# As storage.server_address.SCHEMES, which this module may not import before the first paint.
_SCHEMES = ("postgresql://", "postgres://")


def is_server_address(text: str) -> bool:
    return text.strip().lower().startswith(_SCHEMES)


def recent_label(text: str) -> str:
    if not is_server_address(text):
        return Path(text).name
    from urllib.parse import parse_qs, unquote, urlsplit  # here: a file's name needs none of it

    url, _hash, name = text.strip().rpartition("#")
    try:
        parts = urlsplit(url)
        query = {key: values[0] for key, values in parse_qs(parts.query).items()}
        host = parts.hostname or query.get("host") or query.get("service") or "local server"
        user = unquote(parts.username) if parts.username else query.get("user")
    except ValueError:  # not a URL urllib can read: show it as remembered
        return text
    host = "local server" if host.startswith("/") else host
    where = f"{user + '@' if user else ''}{host}/{unquote(parts.path.lstrip('/')) or query.get('dbname', '')}"
    return f"{name} on {where}" if name else where
