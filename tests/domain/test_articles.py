"""Statute article references: parsing, normalising, labelling and sorting."""

from __future__ import annotations

import random

import pytest

from casefile.domain.articles import ArticleRef
from casefile.domain.errors import ValidationError


@pytest.mark.parametrize(
    ("text", "article", "parts"),
    [
        ("87(7)", "87", ("7",)),
        ("8(2)(a)(vii)", "8", ("2", "a", "vii")),
        ("8(2)(b)(viii)", "8", ("2", "b", "viii")),
        ("25(3)(a)", "25", ("3", "a")),
        ("28(b)", "28", ("b",)),
        ("Art. 87(7)", "87", ("7",)),
        ("art 87(7)", "87", ("7",)),
        ("Article 87 (7)", "87", ("7",)),
        ("8 bis", "8 bis", ()),
        ("8bis", "8 bis", ()),
        ("15 TER", "15 ter", ()),
        ("27", "27", ()),
        ("087", "87", ()),
        ("8(2)(A)(VII)", "8", ("2", "a", "vii")),
        (" 8 ( 2 ) ( a ) ", "8", ("2", "a")),
    ],
)
def test_parse(text: str, article: str, parts: tuple[str, ...]) -> None:
    ref = ArticleRef.parse(text)
    assert (ref.article, ref.parts) == (article, parts)


@pytest.mark.parametrize(
    ("text", "normal"),
    [
        ("Art. 87(7)", "87(7)"),
        ("8 (2) (a) (VII)", "8(2)(a)(vii)"),
        ("Article 8BIS", "8 bis"),
        ("028(b)", "28(b)"),
    ],
)
def test_normal_form_and_label(text: str, normal: str) -> None:
    ref = ArticleRef.parse(text)
    assert str(ref) == normal
    assert ref.label() == f"Art. {normal}"
    assert ArticleRef.parse(str(ref)) == ref


def test_sort_order_from_the_issue() -> None:
    wanted = ["8(2)(a)(vii)", "8(2)(a)(viii)", "8(2)(b)(i)", "25", "87(7)"]
    shuffled = wanted[:]
    random.Random(7).shuffle(shuffled)
    assert sorted(shuffled, key=lambda t: ArticleRef.parse(t).sort_key()) == wanted


def test_sort_order_is_numeric_not_textual() -> None:
    wanted = [
        "7(1)(h)", "7(1)(i)", "7(1)(j)", "7(1)(k)",  # (i) here is a letter, not the numeral one
        "8", "8(2)(a)(ii)", "8(2)(a)(iv)", "8(2)(a)(ix)", "8(2)(a)(x)", "8(2)(b)(xxvi)",
        "8 bis", "8 ter", "8 quater", "9", "28(b)", "28(b)(i)", "28(b)(ii)", "87", "87(7)", "98", "120",
    ]  # fmt: skip
    for seed in range(5):
        shuffled = wanted[:]
        random.Random(seed).shuffle(shuffled)
        assert sorted(shuffled, key=lambda t: ArticleRef.parse(t).sort_key()) == wanted


@pytest.mark.parametrize("text", ["87((7)", "abc", "87(7", "", "87)7(", "Art.", "87(7)x", "(7)"])
def test_malformed_references_are_refused_with_advice(text: str) -> None:
    with pytest.raises(ValidationError) as caught:
        ArticleRef.parse(text, field="number")
    problem = caught.value.problems[0]
    assert problem.field == "number"
    assert f"'{text}' is not an article reference" in problem.message
    assert "87(7)" in problem.message
