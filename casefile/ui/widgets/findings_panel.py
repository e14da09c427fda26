"""The Findings panel: each compliance finding, its reasoning steps and what they cite.

Each step shows what it cites underneath it: the records, the States Parties register row and the
party-status events, the precedents and the articles. Double-click (or Enter) opens what an item
cites: a record is selected in the window; a case's own article opens in its Details; a register row,
a status event, a precedent or an article the case does not record opens in a small read-only window.
A single click on an item that cites a record selects that record.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QTreeView, QVBoxLayout, QWidget

from casefile.domain.articles import ArticleRef
from casefile.domain.compliance import Citation, CitationKind, Finding, FindingStatus, Step
from casefile.domain.errors import ValidationError
from casefile.domain.party_status import StatusEvent
from casefile.domain.precedents import OUTCOME_WORDS, Precedent
from casefile.ui.dialogs.cited_text import CitedTextDialog
from casefile.ui.models.roles import IdRole
from casefile.ui.models.tree import Node, NodeTreeModel
from casefile.ui.widgets.wrapping import WrappingDelegate

STATUS_MARK = {FindingStatus.RAISED: "⚑", FindingStatus.UNDETERMINED: "?", FindingStatus.NOT_RAISED: "–"}
Target = Citation | Precedent | StatusEvent


def _citation_node(citation: Citation) -> Node:
    # An article's tooltip is its own words, down to the paragraph cited; a reference row's is its source.
    tip = citation.text or citation.source or citation.label
    return Node(f"cites: {citation.label}", citation.record_id, tip, _target(citation))


def _target(citation: Citation) -> Target | None:
    """What a citation opens besides a record: the precedent, the event, or the citation itself."""
    if citation.record_id:
        return None
    return citation.precedent or citation.event or citation


def _step_node(number: int, step: Step) -> Node:
    node = Node(f"{number}. {step.text}  [{step.result.value}]", None, step.text)
    for citation in step.citations:
        node.add(_citation_node(citation))
    if step.citations:  # a step opens the first thing it cites
        node.record_id = step.citations[0].record_id
        node.target = _target(step.citations[0])
    return node


def finding_node(finding: Finding) -> Node:
    mark = STATUS_MARK.get(finding.status, "")
    root = Node(f"{mark} {finding.headline} — {finding.visit_label}", finding.visit_id, finding.reason)
    root.add(Node(f"Status: {finding.status.value.replace('_', ' ')}. {finding.reason}", finding.visit_id))
    for number, step in enumerate(finding.steps, 1):
        root.add(_step_node(number, step))
    for claim in finding.claims:
        root.add(Node(f"Noted, does not clear it (Art. 27): {claim.text}", claim.id, claim.note))
    for decision in finding.decisions:
        verb = "Confirmed by" if finding.confirmed else "Decision on record"
        root.add(Node(f"{verb}: {decision.title}", decision.source_id, decision.note))
    for ruling in finding.rulings:
        text = f"The Court's decision on this visit: {ruling.describe()}"
        root.add(Node(text, None, precedent_text(ruling), ruling))
    for precedent in finding.precedents:
        root.add(Node(f"Comparable precedent: {precedent.describe()}", None, precedent_text(precedent), precedent))
    for event in finding.status_events:
        root.add(Node(f"Status event: {event.describe()}", None, event_text(event), event))
    return root


# --- What an opened item shows -------------------------------------------------------------------


def precedent_text(precedent: Precedent) -> str:
    when = precedent.decision_date.isoformat() if precedent.decision_date else "not found"
    visit = precedent.visit_start.isoformat() if precedent.visit_start else "dates not found"
    if precedent.visit_end and precedent.visit_end != precedent.visit_start:
        visit += f" to {precedent.visit_end.isoformat()}"
    lines = [
        precedent.summary,
        "",
        f"Court: {precedent.chamber}",
        f"Decision date: {when}",
        f"Reference: {precedent.reference or 'not found'}",
        f"Person: {precedent.person}",
        f"State: {precedent.host_state} ({precedent.iso2}), visit {visit}",
        f"Outcome: {OUTCOME_WORDS[precedent.outcome]}",
        f"Verification: {precedent.verification}",
        "",
        "Sources:",
        *(f"  {s.strip()}" for s in precedent.source.split(" ; ") if s.strip()),
    ]
    if precedent.notes:
        lines += ["", f"Notes: {precedent.notes}"]
    return "\n".join(lines)


def event_text(event: StatusEvent) -> str:
    lines = [event.describe(), "", f"Verification: {event.verification}", "", "Sources:"]
    lines += [f"  {s.strip()}" for s in event.source.split(" ; ") if s.strip()]
    if event.note:
        lines += ["", f"Note: {event.note}"]
    return "\n".join(lines)


def cited_window(target: Target) -> tuple[str, str]:
    """The title and plain text of the window that shows what a step cites."""
    if isinstance(target, Precedent):
        return f"ICC precedent: {target.chamber}, {target.host_state}", precedent_text(target)
    if isinstance(target, StatusEvent):
        return f"Party status event: {target.state}", event_text(target)
    if target.kind == CitationKind.ARTICLE:
        words = target.text or f"The Rome Statute text shipped with Casefile has no {target.label}."
        return f"Rome Statute, {target.label}", words
    verification = f"\n\nVerification: {target.verification}" if target.verification else ""
    return target.label, f"{target.label}\n\nCitation: {target.source}{verification}"


class FindingsPanel(QWidget):
    open_record = Signal(str)
    refresh_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Findings")
        self.model = NodeTreeModel(self)
        self.articles: dict[str, str] = {}  # the case's Rome Statute articles: number ('87(7)') -> record id
        self.cited: CitedTextDialog | None = None  # the last window opened on a cited text
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.tree = QTreeView(self)
        self.tree.setModel(self.model)
        self.tree.setHeaderHidden(True)
        WrappingDelegate(self.tree)  # each reasoning step in full, wrapped, never cut with "…"
        self.tree.setAccessibleName("Compliance findings and their reasoning")
        self.tree.clicked.connect(self._on_clicked)
        self.tree.activated.connect(self.open_cited)
        self.refresh_button = QPushButton("Reassess", self)
        self.refresh_button.setAccessibleName("Reassess the findings")
        self.refresh_button.clicked.connect(self.refresh_requested)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree)
        layout.addWidget(self.refresh_button)

    def set_findings(self, findings: list[Finding], articles: dict[str, str] | None = None) -> None:
        self.articles = dict(articles or {})
        self.model.set_roots([finding_node(f) for f in findings])
        raised = sum(f.status == FindingStatus.RAISED for f in findings)
        open_ = sum(f.status == FindingStatus.UNDETERMINED for f in findings)
        self.summary.setText(
            f"{raised} raised, {open_} undetermined, {len(findings) - raised - open_} not raised. "
            "Double-click a step, or press Enter, to open what it cites."
            if findings
            else "No visits to assess yet."
        )
        for row in range(self.model.rowCount()):
            self.tree.expand(self.model.index(row, 0))

    def _on_clicked(self, index: QModelIndex) -> None:
        record_id = index.data(IdRole)
        if record_id:
            self.open_record.emit(record_id)

    def open_cited(self, index: QModelIndex) -> None:
        """Open what the item cites: its record, the case's own article, or a window with the cited text."""
        record_id = index.data(IdRole)
        target = self.model.node(index).target if index.isValid() else None
        if not record_id and isinstance(target, Citation) and target.kind == CitationKind.ARTICLE:
            record_id = self._case_article(target.article)
        if record_id:
            self.open_record.emit(record_id)
        elif isinstance(target, Citation | Precedent | StatusEvent):
            self.show_cited(*cited_window(target))

    def _case_article(self, number: str) -> str | None:
        """The case's record of the article cited ('87(7)'), or of the whole article ('87') when it has that."""
        if number in self.articles:
            return self.articles[number]
        try:
            return self.articles.get(ArticleRef.parse(number).article)
        except ValidationError:
            return None

    def show_cited(self, title: str, body: str) -> None:
        self.cited = CitedTextDialog(title, body, self)
        self.cited.show()
