"""What PostgreSQL's refusals and a lost connection mean for the analyst, in plain words.

Chosen by SQLSTATE, never by matching the server's text, which follows the server's language setting.
"""

from __future__ import annotations

from casefile.domain.errors import AccessRefused, CasefileError, CaseFileNotFound, StorageFailure

_UNREACHABLE_HINT = (
    "Check the address, that the server is running and that your network reaches it; a password comes from "
    "~/.pgpass, a service file or PGPASSWORD, never from Casefile."
)


def reason(exc: BaseException) -> str:
    """The cause in libpq's or the server's words (refused, no such database, certificate), never SQL.

    A failed connection reads "connection failed: connection to server at ... failed: CAUSE"; the cause
    is what the analyst can act on.
    """
    primary = getattr(getattr(exc, "diag", None), "message_primary", None)
    lines = (primary or str(exc)).strip().splitlines()
    if not lines:
        return type(exc).__name__
    cause = lines[0].rsplit(" failed: ", 1)[-1]
    return cause.removeprefix("FATAL:").strip().rstrip(".")


def translate(exc: BaseException) -> CasefileError | None:
    state = getattr(exc, "sqlstate", None) or ""
    if state == "42501":
        return AccessRefused(
            f"The server refused this: your role on this case does not allow it ({reason(exc)}).",
            "Ask the case's admin for the access you need (casefile server grant).",
        )
    if state == "0A000":  # in a server case only the masked view of persons refuses a write this way
        return AccessRefused(
            "Only a user cleared for protected persons may add persons or change their names and details.",
            "Ask the case's owner for the protected grant (casefile server grant ... --protected).",
        )
    if state == "42704":  # a user to grant to that has no login role, most often
        return CaseFileNotFound(
            f"The server does not know this name: {reason(exc)}.",
            "A user must exist on the server first (CREATE ROLE anna LOGIN;), and the database must have been "
            "prepared with 'casefile server init'.",
        )
    if state in ("28000", "28P01"):
        return StorageFailure(f"The server refused the login: {reason(exc)}.", _UNREACHABLE_HINT)
    if state == "3D000":
        return CaseFileNotFound(f"The server has no such database: {reason(exc)}.", "Check the URL's database name.")
    if state in ("40001", "40P01", "55P03"):
        return StorageFailure(
            "Another analyst was changing the same records at the same moment, so this change was not saved.",
            "Try again.",
        )
    if state.startswith(("08", "57P")) or (not state and type(exc).__name__ == "OperationalError"):
        return StorageFailure(f"Casefile could not reach the case's server: {reason(exc)}.", _UNREACHABLE_HINT)
    if state.startswith("53"):
        return StorageFailure(f"The server is out of resources: {reason(exc)}.", "Ask the server's administrator.")
    return None
