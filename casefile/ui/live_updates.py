"""Another analyst's committed change appears in the open window, without a reload (LISTEN/NOTIFY).

The storage Listener holds a connection of its own; a QSocketNotifier wakes the GUI thread when its
socket has something to read, so no thread waits on it. Each notice names the record and its kind,
never a value: the views read what changed through the window's one change report, as for the
analyst's own edits. Notices from this window's own connections are skipped (already shown). Whatever
the analyst is typing in the Details form stays there, with the value it began from, so saving it
over the colleague's change asks first (ui/dialogs/edit_conflict.py).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSocketNotifier, Signal
from sqlalchemy import select
from sqlalchemy.orm import Session

from casefile.domain.audit import Action
from casefile.domain.kinds import Kind
from casefile.services.results import Changes
from casefile.storage.models import Record
from casefile.storage.server import ServerCase
from casefile.storage.server_notify import Listener, Notice

if TYPE_CHECKING:
    from casefile.ui.window_api import CaseWindow

_ADDING = {Action.CREATE, Action.RESTORE, Action.LINK, Action.BULK_CREATE}
_REMOVING = {Action.DELETE, Action.UNLINK}


class LiveUpdates(QObject):
    heard = Signal(object)  # the colleagues' notices just shown (a list of Notice)
    lost = Signal(object)  # the listening connection failed: the server went away (the exception)

    def __init__(self, window: CaseWindow, case: ServerCase, listener: Listener) -> None:
        super().__init__(window.as_widget())
        self._window = window
        self._case = case
        self._listener: Listener | None = listener
        self._notifier = QSocketNotifier(listener.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._readable)

    def _readable(self) -> None:
        if self._listener is None:
            return
        try:
            notices = self._listener.notices()
        except Exception as exc:  # a lost connection, in psycopg's words: the window says so in its own
            self.close()
            self.lost.emit(exc)
            return
        theirs = [n for n in notices if n.pid not in self._case.own_pids]
        if theirs:
            self.show(theirs)

    def show(self, notices: list[Notice]) -> None:
        """One change report for what the notices name, applied as the window applies its own edits."""
        document = self._window.document
        if document is None or document.case_file is not self._case:
            return
        self._apply(document.read(lambda session: changes_for(session, notices)))
        self.heard.emit(notices)
        who = ", ".join(sorted({n.actor or "someone" for n in notices}))
        count = f"{len(notices)} change{'s' if len(notices) != 1 else ''}"
        self._window.statusBar().showMessage(f"{count} by {who} shown.", 6000)

    def show_all(self) -> None:
        """Read every record again: after a lost connection, the notices sent meanwhile were never heard."""
        document = self._window.document
        if document is not None and document.case_file is self._case:
            self._apply(document.read(everything))

    def _apply(self, changes: Changes) -> None:
        document = self._window.document
        assert document is not None
        details = self._window.ui.details
        held = details.hold_typing()
        document.changed.emit(changes)
        details.restore_typing(held)

    def close(self) -> None:
        self._notifier.setEnabled(False)
        if self._listener is not None:
            listener, self._listener = self._listener, None
            try:
                listener.close()
            except Exception:  # closing a connection the server already dropped: nothing left to do
                pass


def changes_for(session: Session, notices: Iterable[Notice]) -> Changes:
    """What the notices changed, as the services report their own changes."""
    groups: tuple[dict[Kind, set[str]], dict[Kind, set[str]], dict[Kind, set[str]]] = ({}, {}, {})
    added, updated, removed = groups
    for notice in notices:
        try:
            kind = Kind(notice.kind) if notice.kind else None
        except ValueError:
            continue  # a kind a newer Casefile wrote: this window shows no table of it
        if kind is None:
            continue  # an export, a check, a copy: only the audit trail changed, which the change report refreshes
        if notice.record_id is None:  # many records at once: every live one of the kind is read again
            added.setdefault(kind, set()).update(_live_ids(session, kind))
        elif notice.action in _ADDING:
            added.setdefault(kind, set()).add(notice.record_id)
        elif notice.action in _REMOVING:
            removed.setdefault(kind, set()).add(notice.record_id)
        else:
            updated.setdefault(kind, set()).add(notice.record_id)
    frozen = [{kind: frozenset(ids) for kind, ids in group.items()} for group in groups]
    return Changes(added=frozen[0], updated=frozen[1], removed=frozen[2])


def everything(session: Session) -> Changes:
    """Every live record as updated: for the views to read the whole case again."""
    table = Record.__table__
    found: dict[Kind, set[str]] = {}
    for record_id, kind in session.execute(select(table.c.id, table.c.kind).where(table.c.deleted_at.is_(None))):
        found.setdefault(Kind(kind), set()).add(record_id)
    return Changes(updated={kind: frozenset(ids) for kind, ids in found.items()})


def _live_ids(session: Session, kind: Kind) -> list[str]:
    table = Record.__table__
    query = select(table.c.id).where(table.c.kind == kind.value, table.c.deleted_at.is_(None))
    return list(session.execute(query).scalars())
