"""Share a Copy: a clean snapshot of a case to email or carry, optionally with protected persons redacted.

The copy is made in four steps, and the target is only touched by the last one:

1. Snapshot: SQLite's backup API copies the case (safe while it is open) into a private work
   folder in the system's temporary folder, never onto the target medium, so an unredacted
   intermediate never reaches the USB stick or mail folder the copy is for.
2. Clean, in one transaction on the work file: soft-deleted records leave the copy, with the
   links that touch them, the records that cannot exist without them, the attachments of
   deleted sources and deleted attachments; references to them from live records are cleared.
   The audit log is emptied: it holds the before-values of edits and deletions, exactly the
   remnants a shared copy must not carry (the full log stays in the analyst's own file).
3. Redact (optional), see REDACTION below; then the search index is rebuilt from what remains,
   so it cannot hold a deleted or protected word either.
4. Publish: VACUUM INTO a hidden temporary file beside the target writes only live pages (no free
   pages, no journal), which is then checked (integrity, foreign keys, our own inspection),
   fsynced and renamed over the target in one step, and the folder is fsynced.

Any failure before the rename leaves a previous target exactly as it was and no temporary file.
"""

from __future__ import annotations

import os
import sqlite3
import uuid
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import text, update
from sqlalchemy.orm import Session

from casefile.domain.audit import Action
from casefile.domain.errors import CasefileError, CaseFileLocked, CaseFileNotFound, DamagedCaseFile, StorageFailure
from casefile.domain.kinds import FieldType, Kind, spec
from casefile.fileops import fsync_dir, fsync_file
from casefile.jobs import anchors, audit_events
from casefile.scratch import scratch_folder
from casefile.services import records
from casefile.services.redaction import FREE_TEXT, RedactionReport, Redactor
from casefile.storage import inspection, search_index
from casefile.storage.engine import make_engine, memory_uri, sqlite_uri
from casefile.storage.failures import translated
from casefile.storage.mapping import column_name, table_for
from casefile.storage.models import AttachmentRow, AuditRow, PartyCorrectionRow, Record, WarrantArticleRow, table_of

REDACTION = """\
A redacted copy keeps every record and link, so the case still reads as a whole, but:
- each person marked protected is renamed to a pseudonym ("Witness A", "Witness B", … in the
  order the persons were created, the rule the redacted PDF uses, so both agree), and their
  name in original script, aliases, role, role dates, nationality and notes are cleared;
- the speaker's role of a quote by a protected person is cleared;
- in every other free-text field of every record (names, titles, notes, quote text and
  translation, charges, link kinds and notes, URLs, the case title and summary) and in the notes
  of States Parties corrections, each of a protected person's names, aliases and distinctive name
  parts is replaced by the pseudonym, by the rule in docs/guarantees.md ("How redaction finds a
  name"): in quote text as "[Witness A]"; a URL holding a name becomes "[link withheld]" and a
  source title "[title withheld]";
- every attachment is left out, since the text inside a PDF or image cannot be redacted safely.
"""

# What a protected person's record keeps besides its pseudonym: nothing that points at who they are.
_PROTECTED_CLEARED: dict[str, object] = {
    "original_name": None, "aliases": [], "role": None, "role_from": None, "role_to": None, "nationality": None,
    "notes": None,
}  # fmt: skip


@dataclass(frozen=True)
class ShareReport:
    """What a share wrote and what it left out."""

    path: Path
    redacted: bool
    records_left_out: int  # deleted records, their links, and records that could not exist without them
    attachments_left_out: int
    pseudonyms: tuple[str, ...]  # the names protected persons carry in the copy
    size: int
    redaction: RedactionReport | None = None  # for the analyst; never written into the copy


class ShareCancelled(CasefileError):
    """The person stopped the share before the copy was put in place; nothing was written."""


def share_copy(
    case_path: Path,
    out_path: Path,
    *,
    redact: bool = False,
    read_only: bool = False,
    cancelled: Callable[[], bool] | None = None,
) -> ShareReport:
    """Write a clean (optionally redacted) snapshot of case_path to out_path, replacing it atomically.

    The original's audit trail then records the share, unless the caller has the case open read-only.
    """
    case_path, out_path = Path(case_path), Path(out_path)
    stop = cancelled or _never
    _check_target(case_path, out_path)
    _check_source(case_path)
    try:
        with _work_copy(case_path, redact) as work:
            with translated():
                _snapshot(case_path, work)
                left_out, attachments, redaction = _clean(work, redact)
            _stop_if(stop)
            with translated():  # a full disk while writing the copy is told in plain words
                size = _publish(work, out_path, stop)
    except OSError as exc:
        raise StorageFailure(
            f"The shared copy could not be written: {exc.strerror or exc}.",
            "Nothing was replaced; check the disk and the folder, then try again.",
        ) from exc
    pseudonyms = tuple(redaction.pseudonyms.values()) if redaction else ()
    report = ShareReport(
        out_path, redact, left_out, attachments, pseudonyms, size, redaction.report if redaction else None
    )
    _log_share(case_path, report, read_only=read_only)
    return report


def share_detail(report: ShareReport) -> dict[str, object]:
    """What the audit trail records of a share."""
    return {"file": report.path.name, "redacted": report.redacted, "records_left_out": report.records_left_out,
            "attachments_left_out": report.attachments_left_out}  # fmt: skip


def _log_share(case_path: Path, report: ShareReport, *, read_only: bool) -> None:
    try:
        with audit_events.open_to_read(case_path, read_only=read_only) as case_file:
            audit_events.record(case_file, Action.SHARE, share_detail(report))
    except CaseFileLocked:
        # Another Casefile process is writing the case: the copy is written and correct all the same,
        # and turning a finished share into an error would only invite sharing it twice.
        return


def _never() -> bool:
    return False


def _stop_if(stop: Callable[[], bool]) -> None:
    if stop():
        raise ShareCancelled("Sharing was cancelled.", "Nothing was written.")


# --- checks ------------------------------------------------------------------------------------------


def _check_target(case_path: Path, out_path: Path) -> None:
    folder = out_path.parent
    if not folder.is_dir():
        raise CaseFileNotFound(f"The folder '{folder}' does not exist.", "Choose an existing folder.")
    if out_path.is_dir():
        raise StorageFailure(f"'{out_path}' is a folder.", "Choose a file name for the copy.")
    if out_path.exists() and case_path.exists() and os.path.samefile(out_path, case_path):
        raise StorageFailure("A shared copy cannot replace the case it is made from.", "Choose another name.")
    for suffix in ("-journal", "-wal"):
        beside = out_path.with_name(out_path.name + suffix)
        if beside.exists():
            # SQLite would play that journal back into our fresh copy and corrupt it.
            raise StorageFailure(
                f"'{beside.name}' lies beside '{out_path.name}': that file is open elsewhere or was cut short.",
                "Choose another name, or close the program using it first.",
            )


def _check_source(case_path: Path) -> None:
    report = inspection.inspect(case_path)  # refuses foreign, damaged and newer files, reading only
    if report.needs_migration:
        raise StorageFailure(
            f"'{case_path.name}' was written at schema revision {report.schema_revision}, older than this Casefile's.",
            "Open it once in Casefile (which upgrades it and keeps a backup), then share it again.",
        )


# --- the snapshot and its cleaning --------------------------------------------------------------------


# A redacted share is worked on in memory, so the unredacted snapshot can never outlive the
# process, not even a killed one. Past this size it goes to a private scratch folder on disk
# instead (removed at the next start if the process is killed), rather than exhaust memory.
MEMORY_WORK_LIMIT = 2 * 1024**3


@contextmanager
def _work_copy(case_path: Path, redact: bool) -> Iterator[Path | str]:
    if redact and case_path.stat().st_size <= MEMORY_WORK_LIMIT:
        uri = memory_uri(f"casefile-share-{uuid.uuid4().hex}")
        keeper = sqlite3.connect(uri, uri=True)  # the database lives while a connection is open
        try:
            yield uri
        finally:
            keeper.close()
        return
    with scratch_folder("share") as folder:
        yield folder / "work.casefile"


def _snapshot(case_path: Path, work: Path | str) -> None:
    with (
        closing(sqlite3.connect(sqlite_uri(case_path, read_only=True), uri=True)) as source,
        closing(sqlite3.connect(work, uri=isinstance(work, str))) as dest,
    ):
        source.backup(dest)


def _clean(work: Path | str, redact: bool) -> tuple[int, int, Redactor | None]:
    # Foreign keys off: rows go table by table, and foreign_key_check at the end proves none dangles.
    engine = make_engine(work, foreign_keys=False)
    try:
        with Session(engine) as session, session.begin():
            left_out = _purge_deleted(session)
            attachments = _drop_attachments(session, everything=redact)
            # The copy carries no history, but it records (signed) where the original's history
            # stood, so `check --against` can later prove the original was not rewritten since.
            anchor = anchors.current_anchor(session)
            session.execute(table_of(AuditRow).delete())
            session.execute(
                text("INSERT INTO file_meta(key, value) VALUES (:k, :v) ON CONFLICT(key) DO UPDATE SET value = :v"),
                {"k": anchors.SHARE_META_KEY, "v": anchor.text()},
            )
            redactor = _redact(session) if redact else None
            search_index.rebuild(session)
            _require_no_dangling(session)
        return left_out, attachments, redactor
    finally:
        engine.dispose()


def _required_refs() -> list[tuple[str, str]]:
    """(table, column) of every reference a record cannot exist without."""
    return [
        (table_for(kind).name, column_name(f))
        for kind in Kind
        for f in spec(kind).fields
        if f.type == FieldType.REF and f.required
    ]


def _optional_refs() -> list[tuple[str, str]]:
    return [
        (table_for(kind).name, column_name(f))
        for kind in Kind
        for f in spec(kind).fields
        if f.type == FieldType.REF and not f.required
    ]


def _purge_deleted(session: Session) -> int:
    """Remove soft-deleted records and everything that only exists through them; return how many."""
    session.execute(text("CREATE TEMP TABLE gone (id TEXT PRIMARY KEY)"))
    session.execute(
        text("INSERT INTO temp.gone SELECT id FROM records WHERE deleted_at IS NOT NULL AND kind != 'case'")
    )
    # A link to a removed record, or a visit of a removed person, goes too; repeat until nothing more follows.
    grown = True
    while grown:
        grown = False
        for table, column in _required_refs():
            result = session.execute(
                text(f'INSERT OR IGNORE INTO temp.gone SELECT id FROM "{table}" WHERE "{column}" IN temp.gone')
            )
            grown = grown or bool(result.rowcount)  # type: ignore[attr-defined]
    for table, column in _optional_refs():
        session.execute(text(f'UPDATE "{table}" SET "{column}" = NULL WHERE "{column}" IN temp.gone'))
    wa = table_of(WarrantArticleRow).name
    session.execute(text(f"DELETE FROM {wa} WHERE warrant_id IN temp.gone OR article_id IN temp.gone"))
    for kind in Kind:
        session.execute(text(f'DELETE FROM "{table_for(kind).name}" WHERE id IN temp.gone'))
    removed = session.execute(text("DELETE FROM records WHERE id IN temp.gone")).rowcount  # type: ignore[attr-defined]
    session.execute(text("DROP TABLE temp.gone"))
    return int(removed)


def _drop_attachments(session: Session, *, everything: bool) -> int:
    table = table_of(AttachmentRow).name
    where = "1" if everything else "deleted_at IS NOT NULL OR source_id NOT IN (SELECT id FROM records)"
    removed = session.execute(text(f"DELETE FROM {table} WHERE {where}")).rowcount  # type: ignore[attr-defined]
    # A derived file keeps its place when the file it came from leaves; it only loses the pointer.
    session.execute(text(f"UPDATE {table} SET derived_from = NULL WHERE derived_from NOT IN (SELECT id FROM {table})"))
    return int(removed)


def _require_no_dangling(session: Session) -> None:
    problems = session.execute(text("PRAGMA foreign_key_check")).fetchall()
    if problems:
        tables = ", ".join(sorted({str(row[0]) for row in problems}))
        raise DamagedCaseFile(
            f"The case refers to records that do not exist (in {tables}), so a clean copy cannot be made.",
            "Run 'casefile check' on the case; nothing was written.",
        )


# --- redaction ------------------------------------------------------------------------------------------


def _redact(session: Session) -> Redactor:
    persons = records.list_records(session, Kind.PERSON)
    redactor = Redactor(persons, True)
    if not redactor.pseudonyms:
        return redactor
    for kind in Kind:
        _redact_kind(session, kind, redactor)
    _hide_protected(session, redactor.pseudonyms)
    notes = table_of(PartyCorrectionRow)
    for key, note in session.execute(notes.select().with_only_columns(notes.c.iso2, notes.c.note)).all():
        session.execute(update(notes).where(notes.c.iso2 == key).values(note=redactor(note)))
    return redactor


def _redact_kind(session: Session, kind: Kind, redactor: Redactor) -> None:
    fields = [f.name for f in spec(kind).fields if f.type in FREE_TEXT and not f.choices]
    if not fields:
        return
    table = table_for(kind)
    rows = session.execute(table.select().with_only_columns(table.c.id, *(table.c[f] for f in fields))).all()
    for row_id, *old in rows:
        before = dict(zip(fields, old, strict=True))
        new = redactor.values(kind, before)
        changed = {f: new[f] for f in fields if new[f] != before[f]}
        if changed:
            session.execute(update(table).where(table.c.id == row_id).values(changed))


def _hide_protected(session: Session, pseudonyms: dict[str, str]) -> None:
    persons = table_for(Kind.PERSON)
    quotes = table_for(Kind.QUOTE)
    for person_id, pseudonym in pseudonyms.items():
        session.execute(update(persons).where(persons.c.id == person_id).values(name=pseudonym, **_PROTECTED_CLEARED))
        session.execute(update(quotes).where(quotes.c.speaker_id == person_id).values(speaker_role=None))


# --- publishing ---------------------------------------------------------------------------------------------


def _publish(work: Path | str, out_path: Path, stop: Callable[[], bool]) -> int:
    # A random part keeps two shares to one folder apart; the cut keeps the name within NAME_MAX.
    temp = out_path.with_name(f".{out_path.name[:40]}.{uuid.uuid4().hex[:12]}.sharing")
    try:
        with closing(sqlite3.connect(sqlite_uri(work), uri=True, isolation_level=None)) as conn:
            conn.execute("VACUUM INTO ?", (str(temp),))
        _verify(temp)
        fsync_file(temp)
        _stop_if(stop)
        os.replace(temp, out_path)
    finally:
        for leftover in (temp, temp.with_name(temp.name + "-journal")):
            with suppress(FileNotFoundError):
                leftover.unlink()
    fsync_dir(out_path.parent)
    return out_path.stat().st_size


def _verify(copy: Path) -> None:
    with closing(sqlite3.connect(sqlite_uri(copy, read_only=True), uri=True)) as conn:
        conn.execute("PRAGMA trusted_schema=OFF")
        integrity = [row[0] for row in conn.execute("PRAGMA integrity_check")]
        dangling = conn.execute("PRAGMA foreign_key_check").fetchall()
        deleted = conn.execute(f"SELECT count(*) FROM {Record.__tablename__} WHERE deleted_at IS NOT NULL "
                               "AND kind != 'case'").fetchone()[0]  # fmt: skip
    if integrity != ["ok"] or dangling or deleted:
        raise DamagedCaseFile(
            "The shared copy did not pass its checks, so it was not put in place.",
            "Run 'casefile check' on the case; nothing was replaced.",
        )
    inspection.inspect(copy)
