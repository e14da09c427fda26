"""Tree rows that wrap their text at the view's width, for long sentences (the findings' reasoning steps).

QTreeView's word wrap needs a row height the delegate cannot know by itself: Qt asks for a row's
size without the column's width, so long text is cut off with "…". This delegate measures each row
at the width it will be drawn in, and the rows are measured again when the view is resized.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QTreeView


class WrappingDelegate(QStyledItemDelegate):
    def __init__(self, view: QTreeView) -> None:
        super().__init__(view)
        self.view = view
        view.setWordWrap(True)
        view.setUniformRowHeights(False)
        view.setTextElideMode(Qt.TextElideMode.ElideNone)
        view.setItemDelegate(self)
        view.viewport().installEventFilter(self)
        self._width = -1

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        depth, parent = 0, index.parent()
        while parent.isValid():
            depth, parent = depth + 1, parent.parent()
        indent = self.view.indentation() * (depth + (1 if self.view.rootIsDecorated() else 0))
        # The width it is drawn in; the style wraps only within a valid rectangle, so it needs a height too.
        opt.rect = QRect(0, 0, max(80, self.view.viewport().width() - indent), 1)
        opt.features |= QStyleOptionViewItem.ViewItemFeature.WrapText
        return self.view.style().sizeFromContents(QStyle.ContentsType.CT_ItemViewItem, opt, QSize(), self.view)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and self.view.viewport().width() != self._width:
            self._width = self.view.viewport().width()
            self.view.scheduleDelayedItemsLayout()  # measure the rows again at the new width
        return False
