"""The Rome Statute's own words: an article's text, cut down to the paragraph or sub-paragraph a reference names.

The text (rome_statute_text.csv) starts each numbered paragraph ("7.", "3 bis.") and each lettered
sub-paragraph ("(a)") on its own line; unnumbered sentences continue the paragraph above them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from casefile.domain.articles import ArticleRef

_PARAGRAPH = re.compile(r"^(\d+(?: bis| ter)?)\.\s")
_LETTER = re.compile(r"^(?:\d+(?: bis| ter)?\.\s+)?\(([a-z])\)\s")


@dataclass(frozen=True)
class StatuteArticle:
    article: str
    title: str
    text: str
    source: str
    verification: str


@dataclass(frozen=True)
class StatuteText:
    """The words of one reference ('87(7)'), with the article's title and where the text came from."""

    reference: str
    title: str
    text: str
    source: str


def excerpt(text: str, parts: tuple[str, ...]) -> str | None:
    """The paragraph (and first-level sub-paragraph) that parts name; None when the text has no such part."""
    lines = text.splitlines()
    if not parts:
        return text
    chosen = _block(lines, parts[0], lambda line: _label(_PARAGRAPH, line))
    if chosen is None or len(parts) == 1:
        return None if chosen is None else "\n".join(chosen)
    letter = _block(chosen, parts[1], lambda line: _label(_LETTER, line))
    return None if letter is None else "\n".join(letter)


def _label(pattern: re.Pattern[str], line: str) -> str | None:
    found = pattern.match(line)
    return found[1] if found else None


def _block(lines: list[str], wanted: str, label_of: Callable[[str], str | None]) -> list[str] | None:
    """The lines from the one labelled `wanted` up to the next labelled line."""
    start = None
    for index, line in enumerate(lines):
        label = label_of(line)
        if start is None and label == wanted:
            start = index
        elif start is not None and label is not None:
            return lines[start:index]
    return None if start is None else lines[start:]


def words_of(articles: dict[str, StatuteArticle], reference: str) -> StatuteText | None:
    """The text a reference names ('87(7)' gives paragraph 7 of article 87); None when it is not there."""
    ref = ArticleRef.parse(reference)
    article = articles.get(ref.article)
    if article is None:
        return None
    text = excerpt(article.text, ref.parts)
    if text is None:
        return None
    return StatuteText(str(ref), article.title, text, article.source)
