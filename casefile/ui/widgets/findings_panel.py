"""The Findings panel: each compliance finding, its reasoning steps and what they cite; a click goes to the record."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QTreeView, QVBoxLayout, QWidget

from casefile.domain.compliance import Citation, Finding, FindingStatus, Step
from casefile.domain.precedents import Precedent
from casefile.ui.models.roles import IdRole
from casefile.ui.models.tree import Node, NodeTreeModel
from casefile.ui.widgets.wrapping import WrappingDelegate

STATUS_MARK = {FindingStatus.RAISED: "⚑", FindingStatus.UNDETERMINED: "?", FindingStatus.NOT_RAISED: "–"}


def _citation_node(citation: Citation) -> Node:
    # An article's tooltip is its own words, down to the paragraph cited; a reference row's is its source.
    return Node(f"cites: {citation.label}", citation.record_id, citation.text or citation.source or citation.label)


def _step_node(number: int, step: Step) -> Node:
    node = Node(f"{number}. {step.text}  [{step.result.value}]", None, step.text)
    for citation in step.citations:
        node.add(_citation_node(citation))
    if step.citations and step.citations[0].record_id:
        node.record_id = step.citations[0].record_id
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
        root.add(Node(f"The Court's decision on this visit: {ruling.describe()}", None, _precedent_tip(ruling)))
    for precedent in finding.precedents:
        root.add(Node(f"Comparable precedent: {precedent.describe()}", None, _precedent_tip(precedent)))
    for event in finding.status_events:
        tip = f"{event.source} (verification: {event.verification})"
        root.add(Node(f"Status event: {event.describe()}", None, tip))
    return root


def _precedent_tip(precedent: Precedent) -> str:
    return f"{precedent.summary}\n\nSources: {precedent.source}\nVerification: {precedent.verification}"


class FindingsPanel(QWidget):
    open_record = Signal(str)
    refresh_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Findings")
        self.model = NodeTreeModel(self)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.tree = QTreeView(self)
        self.tree.setModel(self.model)
        self.tree.setHeaderHidden(True)
        WrappingDelegate(self.tree)  # each reasoning step in full, wrapped, never cut with "…"
        self.tree.setAccessibleName("Compliance findings and their reasoning")
        self.tree.clicked.connect(self._on_clicked)
        self.tree.activated.connect(self._on_clicked)
        self.refresh_button = QPushButton("Reassess", self)
        self.refresh_button.setAccessibleName("Reassess the findings")
        self.refresh_button.clicked.connect(self.refresh_requested)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree)
        layout.addWidget(self.refresh_button)

    def set_findings(self, findings: list[Finding]) -> None:
        self.model.set_roots([finding_node(f) for f in findings])
        raised = sum(f.status == FindingStatus.RAISED for f in findings)
        open_ = sum(f.status == FindingStatus.UNDETERMINED for f in findings)
        self.summary.setText(
            f"{raised} raised, {open_} undetermined, {len(findings) - raised - open_} not raised. "
            "Click a step to go to the record it cites."
            if findings
            else "No visits to assess yet."
        )
        for row in range(self.model.rowCount()):
            self.tree.expand(self.model.index(row, 0))

    def _on_clicked(self, index: QModelIndex) -> None:
        record_id = index.data(IdRole)
        if record_id:
            self.open_record.emit(record_id)
