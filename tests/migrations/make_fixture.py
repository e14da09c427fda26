"""Rebuilds tests/migrations/fixtures/rev1.casefile, a frozen case file of schema revision 1.

Run `uv run python -m tests.migrations.make_fixture` only while the app is at revision 1:
the file stands for what revision 1 wrote, and later tests upgrade it. Once a revision 2
exists, keep this file as it is and add a fixture for revision 2 beside it.

Every fact here comes from ../shared/reference/facts.md.
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


def main() -> int:
    if SCHEMA_REVISION != REVISION:
        print(f"This app writes revision {SCHEMA_REVISION}; the revision {REVISION} fixture must stay frozen.")
        return 1
    with tempfile.TemporaryDirectory() as folder:
        built = Path(folder) / FIXTURE.name
        build(built)
        FIXTURE.write_bytes(built.read_bytes())
    print(f"Wrote {FIXTURE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
