"""A server case's address in one line of text: the libpq URL, then `#` and the case's name.

`casefile 'postgresql://anna@db.example.org/casefile#mongolia'` opens the case `mongolia`, and the
window's recent cases remember a server case in the same form. libpq's URLs have no fragment (it
would read `#mongolia` as part of the database name), so the fragment is taken off before the URL
reaches libpq. A keyword form (`service=casefile user=anna`) is written as the equivalent URL
(`postgresql:///?service=casefile&user=anna`). An address never holds a password: Casefile never
stores one, so an address with one is refused and the person is pointed to libpq's own places.
"""

from __future__ import annotations

from urllib.parse import urlencode

from casefile.domain.errors import ValidationError
from casefile.storage.server import describe_url, require_driver, schema_for

SCHEMES = ("postgresql://", "postgres://")
PASSWORD_REFUSED = (
    "Casefile never stores a password, so the address may not hold one: remove it, and give it to libpq "
    "instead, in ~/.pgpass (or a service file), or in PGPASSWORD for a script."
)


def is_server_address(text: str) -> bool:
    return text.strip().lower().startswith(SCHEMES)


def server_parts(text: str) -> dict[str, str]:
    """libpq's keywords for a URL or keyword string; one plain line for what it cannot read."""
    psycopg = require_driver()
    describe_url(text)  # a malformed address is said as such
    try:
        parts: dict[str, str] = {k: str(v) for k, v in psycopg.conninfo.conninfo_to_dict(text).items()}
    except psycopg.ProgrammingError as exc:  # pragma: no cover - describe_url has refused it already
        raise ValidationError.single("url", f"this is not a PostgreSQL address ({exc})") from None
    return parts


def refuse_password(url: str) -> None:
    """Refuse an address that holds a password, before anything connects with it."""
    if "password" in server_parts(url):
        raise ValidationError.single("url", PASSWORD_REFUSED)


def split_address(text: str) -> tuple[str, str | None]:
    """(the URL for libpq, the case's name or None) from `URL#case`; the name is checked."""
    text = text.strip()
    url, hash_sign, name = text.rpartition("#") if is_server_address(text) else (text, "", "")
    if not hash_sign:
        url, name = text, ""
    refuse_password(url)
    if name:
        schema_for(name)  # a bad name is refused in the words the command line uses
    return url, name or None


def address_of(url: str, name: str) -> str:
    """The one-line address of a case: its URL (a keyword string written as a URL) and `#name`."""
    refuse_password(url)
    if not is_server_address(url):
        url = "postgresql:///?" + urlencode(server_parts(url))
    return f"{url.strip()}#{name}"


def shown_address(text: str) -> str:
    """An address as the recent cases list shows it: the case, then where it lives."""
    url, name = split_address(text)
    return f"{name} on {describe_url(url)}" if name else describe_url(url)
