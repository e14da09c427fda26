"""A one-line citation of a record, for Copy Citation: what an analyst pastes into an email or a memo.

A source reads as a reference list entry: author, title, outlet, published, URL, accessed. Any other
record is named with its kind and the case it belongs to, so the line still says where it came from
once pasted elsewhere. The text is plain: no markup, nothing read from the file is interpreted.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from casefile.domain.kinds import Kind, spec
from casefile.services import case, labels, records


def citation(session: Session, record_id: str) -> str:
    record = records.get(session, record_id)
    title = str(case.the_case(session)["title"] or "").strip()
    in_case = f" Casefile: {title}." if title else ""
    if record.kind != Kind.SOURCE:
        name = labels.labels(session, [record_id])[record_id].text
        return f"{name} ({spec(record.kind).label.lower()}).{in_case}"
    v = record.values
    outlet = labels.labels(session, [v["outlet"]]).get(v["outlet"]) if v.get("outlet") else None
    parts = [
        str(v["author"]) if v.get("author") else "",
        f"“{v['title']}”",
        outlet.text if outlet else "",
        f"published {v['published']}" if v.get("published") else "",
        str(v["url"]) if v.get("url") else "",
        f"accessed {v['accessed']}" if v.get("accessed") else "",
    ]
    return ", ".join(p for p in parts if p) + "." + in_case
