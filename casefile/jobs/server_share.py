"""Share Copy and the file exports of a server case, made from a private checkout.

A share, a spreadsheet, CSL or FollowTheMoney export (redacted or not) is made by the same steps as from
a file, from a checkout written in a private scratch folder and removed afterwards; the server's audit
trail records it under the database user. A checkout holds every name, so, like `casefile checkout`,
this needs the protected grant.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, TypeVar

from casefile.domain.audit import Action
from casefile.jobs import audit_events
from casefile.jobs.share import ShareReport, share_copy, share_detail
from casefile.scratch import scratch_folder
from casefile.storage.server import ServerCase
from casefile.storage.server_checkout import checkout

T = TypeVar("T")


def from_checkout(
    case: ServerCase, action: Action, work: Callable[[Path], T], detail: Callable[[T], Mapping[str, Any]]
) -> T:
    """Run a file job on a private checkout of the case, then log it on the server."""
    with scratch_folder("server-copy") as folder:
        copy = folder / f"{case.name}.casefile"
        checkout(case.url, case.name, copy)
        result = work(copy)
    audit_events.record(case, action, detail(result))
    return result


def share_server_copy(
    case: ServerCase, out_path: Path, *, redact: bool = False, cancelled: Callable[[], bool] | None = None
) -> ShareReport:
    return from_checkout(
        case, Action.SHARE,
        lambda copy: share_copy(copy, Path(out_path), redact=redact, read_only=True, cancelled=cancelled),
        share_detail,
    )  # fmt: skip
