"""One editor widget per field type; each reads and shows a field's value in its stored form."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QDate, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeyEvent
from PySide6.QtWidgets import (
    QCalendarWidget,
    QCheckBox,
    QComboBox,
    QCompleter,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QStyle,
    QWidget,
    QWidgetAction,
)

from casefile.domain import dates
from casefile.domain.dates import PartialDate
from casefile.domain.errors import ValidationError
from casefile.domain.kinds import FieldSpec, FieldType, Kind, choice_label, spec

Choices = list[tuple[str, str]]  # (id, label)
# choices(field, current): the records a field may point to; for a link's ends (any kind of
# record, possibly 100k of them) only the current one, since an end is never re-pointed.
ChoiceSource = Callable[[FieldSpec, "str | None"], Choices]
# creator(kind, text): add a record of that kind named by what the analyst typed (a name, a title, an
# article number), as one undoable step; its id, or None when the analyst cancels or it is refused.
Creator = Callable[[Kind, str], "str | None"]
_CREATE = "\x00create"  # the data of the picker's "Create …" entry: no record id looks like it


class PlainTextField(QPlainTextEdit):
    """Multi-line text that commits when focus leaves it or on Ctrl+Enter."""

    editing_finished = Signal()

    def focusOutEvent(self, event: Any) -> None:
        super().focusOutEvent(event)
        self.editing_finished.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if enter and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.editing_finished.emit()
            return
        super().keyPressEvent(event)


class FieldEditor(QObject):
    """Wraps one widget; emits committed when the user confirms a change."""

    committed = Signal()

    def __init__(self, field: FieldSpec, widget: QWidget, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.field = field
        self.widget = widget
        widget.setAccessibleName(field.label)
        widget.setToolTip(field.label)

    def _commit(self, *_: object) -> None:
        self.committed.emit()

    def is_dirty(self) -> bool:
        """Whether the widget holds something typed and not yet confirmed. Check boxes and lists
        commit as they change, so only editors that take typing can be dirty."""
        return False

    def set_value(self, value: Any) -> None:
        raise AssertionError("each editor defines set_value")

    def typed_text(self) -> str:
        """What the widget holds as typed, for putting back after the form is redrawn (retype)."""
        widget = self.widget
        if isinstance(widget, QLineEdit):
            return widget.text()
        if isinstance(widget, QPlainTextEdit):
            return widget.toPlainText()
        if isinstance(widget, QComboBox):
            return widget.currentText()
        return ""

    def retype(self, text: str) -> None:
        """Put typed text back without making it the shown value: the editor stays dirty."""
        widget = self.widget
        if isinstance(widget, QLineEdit):
            widget.setText(text)
        elif isinstance(widget, QPlainTextEdit):
            widget.setPlainText(text)
        elif isinstance(widget, QComboBox) and widget.lineEdit() is not None:
            widget.lineEdit().setText(text)

    def value(self) -> Any:
        raise AssertionError("each editor defines value")


class LineEditor(FieldEditor):
    def __init__(self, field: FieldSpec, parent: QObject | None = None) -> None:
        super().__init__(field, QLineEdit(), parent)
        self.line: QLineEdit = self.widget  # type: ignore[assignment]
        self.line.setPlaceholderText(_hint_text(field))
        self.line.editingFinished.connect(self._finished)
        self._shown = ""

    def _finished(self) -> None:
        if self.line.text() != self._shown:
            self.committed.emit()

    def is_dirty(self) -> bool:
        return self.line.text() != self._shown

    def set_value(self, value: Any) -> None:
        if isinstance(value, list):
            value = "; ".join(value)
        self._shown = "" if value is None else str(value)
        self.line.setText(self._shown)
        self.line.setCursorPosition(0)  # show the start of long values, not the end

    def value(self) -> Any:
        text = self.line.text()
        return [part.strip() for part in text.split(";")] if self.field.type == FieldType.TEXTLIST else text


class DateEditor(LineEditor):
    """A partial date typed as the analyst writes it, or picked from a calendar (button, or Alt+Down)."""

    def __init__(self, field: FieldSpec, parent: QObject | None = None) -> None:
        super().__init__(field, parent)
        self.calendar_action = QAction("Choose from a calendar", self.line)
        self.calendar_action.setIcon(self.line.style().standardIcon(QStyle.StandardPixmap.SP_ArrowDown))
        self.calendar_action.setToolTip("Choose the day from a calendar (Alt+Down)")
        self.calendar_action.triggered.connect(self.open_calendar)
        self.line.addAction(self.calendar_action, QLineEdit.ActionPosition.TrailingPosition)
        self.line.installEventFilter(self)
        self.popup: QMenu | None = None

    def value(self) -> Any:
        return dates.typed(self.line.text())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        alt_down = (
            isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() == Qt.Key.Key_Down
            and bool(event.modifiers() & Qt.KeyboardModifier.AltModifier)
        )
        if watched is self.line and alt_down:
            self.open_calendar()
            return True
        return super().eventFilter(watched, event)

    def open_calendar(self) -> None:
        calendar = QCalendarWidget()
        calendar.setGridVisible(True)
        start = _as_day(self.line.text())
        if start is not None:
            calendar.setSelectedDate(QDate(start.year, start.month, start.day))
        self.popup = QMenu(self.line)
        holder = QWidgetAction(self.popup)
        holder.setDefaultWidget(calendar)
        self.popup.addAction(holder)
        calendar.activated.connect(self.choose)  # Enter or a double-click
        calendar.clicked.connect(self.choose)
        self.popup.popup(self.line.mapToGlobal(self.line.rect().bottomLeft()))
        calendar.setFocus()

    def choose(self, day: QDate) -> None:
        self.line.setText(day.toString("yyyy-MM-dd"))
        if self.popup is not None:
            self.popup.close()
        self._finished()


def _as_day(text: str) -> date | None:
    try:
        return PartialDate.parse(text).first_day() if text.strip() else None
    except ValidationError:
        return None


def _hint_text(field: FieldSpec) -> str:
    return {
        FieldType.DATE: "2023, March 2023, 17.03.2023, today…",
        FieldType.TEXTLIST: "separate with ;",
        FieldType.ISO2: "two letters, e.g. MN",
        FieldType.ARTICLE_NUMBER: "e.g. 87(7) or 8(2)(a)(vii)",
        FieldType.URL: "https://…",
    }.get(field.type, "")


class TextEditor(FieldEditor):
    def __init__(self, field: FieldSpec, parent: QObject | None = None) -> None:
        super().__init__(field, PlainTextField(), parent)
        self.text: PlainTextField = self.widget  # type: ignore[assignment]
        self.text.setTabChangesFocus(True)
        self.text.setMinimumHeight(70)
        self.text.editing_finished.connect(self._finished)
        self._shown = ""

    def _finished(self) -> None:
        if self.text.toPlainText() != self._shown:
            self.committed.emit()

    def is_dirty(self) -> bool:
        return self.text.toPlainText() != self._shown

    def set_value(self, value: Any) -> None:
        self._shown = value or ""
        self.text.setPlainText(self._shown)

    def value(self) -> Any:
        return self.text.toPlainText()


class CheckEditor(FieldEditor):
    def __init__(self, field: FieldSpec, parent: QObject | None = None) -> None:
        super().__init__(field, QCheckBox(field.label), parent)
        self.box: QCheckBox = self.widget  # type: ignore[assignment]
        self.box.clicked.connect(self._commit)

    def set_value(self, value: Any) -> None:
        self.box.setChecked(bool(value))

    def value(self) -> Any:
        return self.box.isChecked()


class ChoiceEditor(FieldEditor):
    def __init__(self, field: FieldSpec, parent: QObject | None = None) -> None:
        super().__init__(field, QComboBox(), parent)
        self.combo: QComboBox = self.widget  # type: ignore[assignment]
        if field.default is None:
            self.combo.addItem("—", None)
        for choice in field.choices:
            self.combo.addItem(choice_label(choice) if choice.islower() else choice, choice)
        self.combo.activated.connect(self._commit)

    def set_value(self, value: Any) -> None:
        index = self.combo.findData(None if value is None else str(value))
        self.combo.setCurrentIndex(max(index, 0))

    def value(self) -> Any:
        return self.combo.currentData()


class PickerEditor(FieldEditor):
    """Choose a record of the allowed kinds by typing a few letters of its name; or create it.

    A name the case does not have yet is offered as the list's last entry, "Create organisation
    'Pre-Trial Chamber I'…"; choosing it adds the record (the New record form, filled in) and picks it.
    """

    def __init__(
        self, field: FieldSpec, choices: ChoiceSource, parent: QObject | None = None, creator: Creator | None = None
    ):
        super().__init__(field, QComboBox(), parent)
        self._choices = choices
        self._creator = creator
        self.combo: QComboBox = self.widget  # type: ignore[assignment]
        self.combo.setEditable(True)
        self.combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        # Long source titles must not widen the whole form past the panel.
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.combo.setMinimumContentsLength(12)
        completer = QCompleter(self.combo.model(), self.combo)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.combo.setCompleter(completer)
        self.combo.activated.connect(self._activated)
        completer.activated[str].connect(self._completed)
        self.combo.lineEdit().editingFinished.connect(self._typed)
        self.combo.lineEdit().textEdited.connect(self._offer_create)
        self._shown: str | None = None

    @property
    def fixed(self) -> bool:
        """A link's ends: shown, not changed (unlink and link again instead)."""
        return not self.field.ref_kinds

    def reload(self, current: str | None = None) -> None:
        self.combo.blockSignals(True)
        self.combo.clear()
        self.combo.addItem("", None)
        for record_id, label in self._choices(self.field, current):
            self.combo.addItem(label, record_id)
        self.combo.blockSignals(False)
        self.combo.setEnabled(not self.fixed)

    @property
    def create_kind(self) -> Kind | None:
        return self.field.ref_kinds[0] if self._creator is not None and len(self.field.ref_kinds) == 1 else None

    def create_text(self, typed: str) -> str:
        return f"Create {spec(self.create_kind or Kind.PERSON).label.lower()} '{typed}'…"

    def _offer_create(self, typed: str) -> None:
        """Keep one "Create …" entry at the end of the list while the typed name matches no record."""
        create_at = self.combo.findData(_CREATE)
        text = typed.strip()
        wanted = self.create_kind is not None and text and self.combo.findText(text, Qt.MatchFlag.MatchFixedString) < 0
        self.combo.blockSignals(True)
        if not wanted and create_at >= 0:
            self.combo.removeItem(create_at)
        elif wanted and create_at < 0:
            self.combo.addItem(self.create_text(text), _CREATE)
        elif wanted:
            self.combo.setItemText(create_at, self.create_text(text))
        self.combo.blockSignals(False)
        self.combo.lineEdit().setText(typed)  # adding an entry must not replace what is being typed

    def _completed(self, text: str) -> None:
        if text.startswith("Create ") and self.combo.findData(_CREATE) >= 0:
            self._create()

    def _activated(self, index: int) -> None:
        if self.combo.itemData(index) == _CREATE:
            self._create()
        else:
            self._commit()

    def _create(self) -> None:
        label = self.combo.itemText(self.combo.findData(_CREATE))
        typed = label.split("'", 1)[1].rsplit("'", 1)[0] if "'" in label else ""
        kind = self.create_kind
        if kind is None or self._creator is None or not typed:
            return
        created = self._creator(kind, typed)
        self.reload(self._shown)
        if created is None:
            self.combo.lineEdit().setText(typed)  # cancelled: the typing stays, nothing is chosen
            return
        self.reload(created)
        self.combo.setCurrentIndex(max(self.combo.findData(created), 0))
        self.committed.emit()

    def _typed(self) -> None:
        if self.combo.findData(_CREATE) >= 0 and self.combo.currentData() == _CREATE:
            return  # the "Create …" entry is being chosen; _create commits
        try:
            changed = self.value() != self._shown
        except ValidationError:
            changed = True  # a name the case lacks: the form says so beside the field, nothing is lost
        if changed:
            self.committed.emit()

    def is_dirty(self) -> bool:
        shown = self.combo.itemText(max(self.combo.findData(self._shown), 0))
        return self.combo.currentText().strip() != shown.strip()

    def set_value(self, value: Any) -> None:
        self.reload(value)
        self._shown = value
        self.combo.setCurrentIndex(max(self.combo.findData(value), 0))

    def value(self) -> Any:
        text = self.combo.currentText().strip()
        if not text:
            return None
        index = self.combo.findText(text, Qt.MatchFlag.MatchFixedString)
        if index < 0 or self.combo.itemData(index) == _CREATE:
            offer = f"; choose “{self.create_text(text)}” in the list to add it" if self.create_kind else ""
            raise ValidationError.single(self.field.name, f"'{text}' is not in this case{offer}")
        return self.combo.itemData(index)


class ArticlesEditor(FieldEditor):
    """The articles a warrant cites, typed as '8(2)(a)(vii); 25(3)(a)' and matched to the case's articles."""

    def __init__(
        self, field: FieldSpec, choices: ChoiceSource, parent: QObject | None = None, creator: Creator | None = None
    ):
        super().__init__(field, QLineEdit(), parent)
        self._choices = choices
        self._creator = creator
        self.line: QLineEdit = self.widget  # type: ignore[assignment]
        self.line.setPlaceholderText("e.g. 8(2)(a)(vii); 25(3)(a) — new ones are added from the Statute")
        self.line.editingFinished.connect(self._finished)
        self._shown = ""

    def _by_id(self) -> dict[str, str]:
        return {rid: label.removeprefix("Art. ") for rid, label in self._choices(self.field, None)}

    def _finished(self) -> None:
        typed = self.line.text()
        if typed != self._shown:
            self._add_missing()
            # Adding an article refreshes the form, which shows the stored value again: keep the typing.
            self.line.setText(typed)
            self.committed.emit()

    def _add_missing(self) -> None:
        """Articles the case lacks are added first, their title and words from the shipped Statute."""
        if self._creator is None:
            return
        known = {name.casefold() for name in self._by_id().values()}
        for part in (p.strip() for p in self.line.text().split(";")):
            number = part.removeprefix("Art.").strip()
            if number and number.casefold() not in known:
                if self._creator(Kind.ARTICLE, number) is None:
                    return  # refused (not an article number): value() names it beside the field
                known.add(number.casefold())

    def is_dirty(self) -> bool:
        return self.line.text() != self._shown

    def set_value(self, value: Any) -> None:
        names = self._by_id()
        self._shown = "; ".join(names.get(rid, "?") for rid in value or [])
        self.line.setText(self._shown)

    def value(self) -> Any:
        by_name = {name.casefold(): rid for rid, name in self._by_id().items()}
        ids = []
        for part in (p.strip() for p in self.line.text().split(";")):
            if not part:
                continue
            key = part.removeprefix("Art.").strip().casefold()
            if key not in by_name:
                raise ValidationError.single(
                    self.field.name, f"Art. {part} is not in this case; add it under Statute articles first"
                )
            ids.append(by_name[key])
        return ids


def make_editor(
    field: FieldSpec, choices: ChoiceSource, parent: QObject, creator: Creator | None = None
) -> FieldEditor:
    if field.type == FieldType.LONGTEXT:
        return TextEditor(field, parent)
    if field.type == FieldType.BOOL:
        return CheckEditor(field, parent)
    if field.type in (FieldType.CHOICE, FieldType.INTEGER_CHOICE):
        return ChoiceEditor(field, parent)
    if field.type == FieldType.REF:
        return PickerEditor(field, choices, parent, creator)
    if field.type == FieldType.REFS:
        return ArticlesEditor(field, choices, parent, creator)
    if field.type == FieldType.DATE:
        return DateEditor(field, parent)
    return LineEditor(field, parent)
