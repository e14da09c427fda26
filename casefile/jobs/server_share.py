"""Share Copy of a server case: a clean (optionally redacted) case file made from a private checkout.

The share is made by the same steps as from a file (jobs/share.py), from a checkout written in a private
scratch folder and removed afterwards; the server's audit trail records the share under the database user.
A checkout holds every name, so, like `casefile checkout`, this needs the protected grant.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from casefile.domain.audit import Action
from casefile.jobs import audit_events
from casefile.jobs.share import ShareReport, share_copy, share_detail
from casefile.scratch import scratch_folder
from casefile.storage.server import ServerCase
from casefile.storage.server_checkout import checkout


def share_server_copy(
    case: ServerCase, out_path: Path, *, redact: bool = False, cancelled: Callable[[], bool] | None = None
) -> ShareReport:
    with scratch_folder("share") as work:
        copy = work / f"{case.name}.casefile"
        checkout(case.url, case.name, copy)
        report = share_copy(copy, Path(out_path), redact=redact, read_only=True, cancelled=cancelled)
    audit_events.record(case, Action.SHARE, share_detail(report))
    return report
