"""Builds the frozen case files in tests/migrations/fixtures/, one per schema revision.

`uv run python -m tests.migrations.make_fixture` writes the fixture of the app's current
revision, and only when it does not exist yet: each file stands for what its revision wrote,
and later tests upgrade it, so a fixture is never rebuilt. rev1.casefile was written by
revision 1 with build(); rev2.casefile by revision 2 with build_rev2(); rev3.casefile by revision 3
with build_rev3(); rev4.casefile by revision 4 with build_rev4().

Every fact here comes from resources/reference/facts.md (copied from the project's shared folder).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from typing import Any

from casefile.domain.kinds import Kind
from casefile.services import records
from casefile.storage.casefile import CaseFile
from casefile.storage.schema import SCHEMA_REVISION

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "rev1.casefile"
REVISION = 1
FIXTURE_REV2 = FIXTURE.with_name("rev2.casefile")
FIXTURE_REV3 = FIXTURE.with_name("rev3.casefile")
FIXTURE_REV4 = FIXTURE.with_name("rev4.casefile")
FIXTURES = {1: FIXTURE, 2: FIXTURE_REV2, 3: FIXTURE_REV3, 4: FIXTURE_REV4}

# Revision 4 adds the case's corrections of party-status events and the case's own precedents.
KINDS_ADDED_IN_REV4 = frozenset({Kind.STATUS_CORRECTION, Kind.PRECEDENT})
CORRECTION = "00000000-0000-4000-8000-00000000000d"
PRECEDENT = "00000000-0000-4000-8000-00000000000e"
CORRECTION_NOTE = "Аналитик: revocation <b>unconfirmed</b> & disputed in this case"

# Revision 3 adds organisations' "ICC organ" field; the fixture sets it on a name the old rule would miss.
APPEALS = "00000000-0000-4000-8000-00000000000c"
APPEALS_NAME = "Appeals Chamber (Апелляционная палата)"

# Revision 2 adds the audit log and attachments; the fixture gives each a row and the log every kind of change.
ATTACHMENT_BYTES = b"Fixture evidence: Ulaanbaatar, 2 September 2024.\n"
REV2_EDIT = {"place": "Улаанбаатар"}

TITLE = 'Путин в Монгол Улс, 2024 — <b>test</b> & <font color="x">fixture</font>'

# Fixed ids, so tests can ask for each record by id after an upgrade.
PUTIN = "00000000-0000-4000-8000-000000000001"
MONGOLIA = "00000000-0000-4000-8000-000000000002"
CHAMBER = "00000000-0000-4000-8000-000000000003"
ARTICLE = "00000000-0000-4000-8000-000000000004"
WARRANT = "00000000-0000-4000-8000-000000000005"
VISIT = "00000000-0000-4000-8000-000000000006"
LINK = "00000000-0000-4000-8000-000000000007"
VASILIEV = "00000000-0000-4000-8000-000000000008"
OUTLET = "00000000-0000-4000-8000-000000000009"
SOURCE = "00000000-0000-4000-8000-00000000000a"
QUOTE = "00000000-0000-4000-8000-00000000000b"

RECORDS: tuple[tuple[str, Kind, dict[str, Any]], ...] = (
    (PUTIN, Kind.PERSON, {
        "name": "Vladimir Putin",
        "original_name": "Владимир Владимирович Путин",
        "aliases": ["Путин", "Vladimir Vladimirovich Putin"],
        "role": "President of the Russian Federation",
    }),
    (MONGOLIA, Kind.STATE, {"name": "Mongolia", "iso2": "MN", "notes": "Монгол Улс"}),
    (CHAMBER, Kind.ORGANISATION, {"name": "ICC Pre-Trial Chamber II", "kind": "chamber"}),
    (ARTICLE, Kind.ARTICLE, {"number": "87(7)"}),
    (WARRANT, Kind.WARRANT, {
        "issuer": CHAMBER,
        "subject": PUTIN,
        "issued": "2023-03-17",
        "charges": "War crimes: unlawful deportation & transfer of population (children), Art. 8(2)(a)(vii) "
        "and Art. 8(2)(b)(viii).",
        "articles": [ARTICLE],
    }),
    (VISIT, Kind.VISIT, {
        "person": PUTIN,
        "state": MONGOLIA,
        "place": "Ulaanbaatar",
        "start": "2024-09-02",
        "end": "2024-09-03",
        "outcome": "not_arrested",
    }),
    (LINK, Kind.LINK, {"from": VISIT, "to": WARRANT, "kind": "subject of", "note": "<i>not arrested</i>"}),
    (VASILIEV, Kind.PERSON, {"name": "Sergey Vasiliev", "role": "Expert in international law, Open Universiteit"}),
    (OUTLET, Kind.ORGANISATION, {"name": "The Moscow Times", "kind": "outlet"}),
    (SOURCE, Kind.SOURCE, {
        "title": "The Moscow Times, 2 September 2024 (seed article)",
        "outlet": OUTLET,
        "published": "2024-09-02",
        "language": "en",
        "reliability": "B",
        "credibility": 2,
    }),
    (QUOTE, Kind.QUOTE, {
        "text": "under an obligation to execute",
        "language": "en",
        "speaker": VASILIEV,
        "source": SOURCE,
        "said_on": "2024-09-02",
        "pinpoint": "para. 6",
    }),
)  # fmt: skip


def build(target: Path) -> None:
    """Write the fixture's case at `target`, which must not exist yet."""
    with CaseFile.create(target, TITLE, analyst="Аналитик") as case_file, case_file.unit_of_work() as session:
        for record_id, kind, values in RECORDS:
            records.create(session, kind, values, record_id=record_id)


def build_rev2(target: Path) -> None:
    """Revision 1's case, then an attachment, an edit, a delete and its undo: rows for every new table."""
    from casefile.services import attachments  # revision 2's service; revision 1 had none

    build(target)
    with CaseFile.open(target) as case_file, case_file.unit_of_work() as session:
        attachments.attach(session, SOURCE, "evidence <1>.txt", ATTACHMENT_BYTES)
        records.update_fields(session, VISIT, REV2_EDIT)
        records.restore(session, records.delete(session, QUOTE))


def build_rev3(target: Path) -> None:
    """Revision 2's case, then an ICC organ whose name does not say so: only the field marks it."""
    build_rev2(target)
    with CaseFile.open(target) as case_file, case_file.unit_of_work() as session:
        values = {"name": APPEALS_NAME, "kind": "chamber", "icc_organ": True}
        records.create(session, Kind.ORGANISATION, values, record_id=APPEALS)


def build_rev4(target: Path) -> None:
    """Revision 3's case, then a disputed status event and a precedent of the case (facts from the reference)."""
    build_rev3(target)
    with CaseFile.open(target) as case_file, case_file.unit_of_work() as session:
        correction = {"iso2": "HU", "action": "dispute", "event": "HU:withdrawal_revoked:", "source": SOURCE,
                      "note": CORRECTION_NOTE}  # fmt: skip
        records.create(session, Kind.STATUS_CORRECTION, correction, record_id=CORRECTION)
        precedent = {"chamber": "Pre-Trial Chamber II", "decided": "2024-10-24",
                     "person": PUTIN, "state": MONGOLIA, "visit_start": "2024-09-02", "visit_end": "2024-09-03",
                     "outcome": "non_compliance_referred", "source": SOURCE,
                     "summary": "Монголия failed to comply & the matter was referred to the <b>ASP</b>"}  # fmt: skip
        records.create(session, Kind.PRECEDENT, precedent, record_id=PRECEDENT)


BUILDERS = {1: build, 2: build_rev2, 3: build_rev3, 4: build_rev4}


def main() -> int:
    target = FIXTURES.get(SCHEMA_REVISION)
    if target is None or SCHEMA_REVISION not in BUILDERS:
        print(f"This app writes revision {SCHEMA_REVISION}: add its fixture and builder here first.")
        return 1
    if target.exists():
        print(f"{target.name} exists and stays frozen; older revisions' fixtures are never rebuilt.")
        return 1
    with tempfile.TemporaryDirectory() as folder:
        built = Path(folder) / target.name
        BUILDERS[SCHEMA_REVISION](built)
        target.write_bytes(built.read_bytes())
    print(f"Wrote {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
