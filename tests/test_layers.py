"""Static rules on imports and sessions, read from the AST of every module in casefile/.

The layer table lives in DEVELOPERS.md; these tests keep the code honest to it.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "casefile"
QT_PACKAGES = ("PySide6", "shiboken6")

# Packages each layer must never import: the arrows of DEVELOPERS.md point one way only.
LEAVES = ("casefile.identity", "casefile.paths", "casefile.fileops", "casefile.reference", "casefile.signing",
          "casefile.scratch")  # fmt: skip
ABOVE_LEAVES = ("casefile.storage", "casefile.services", "casefile.jobs", "casefile.export", "casefile.cli",
                "casefile.ui", "casefile.entry")  # fmt: skip
FORBIDDEN = {
    **{leaf: ABOVE_LEAVES for leaf in LEAVES},
    "casefile.storage": (
        "casefile.services",
        "casefile.jobs",
        "casefile.export",
        "casefile.cli",
        "casefile.ui",
        "casefile.entry",
    ),
    "casefile.services": ("casefile.jobs", "casefile.export", "casefile.cli", "casefile.ui", "casefile.entry"),
    "casefile.jobs": ("casefile.cli", "casefile.ui", "casefile.entry"),
    "casefile.export": (
        "casefile.storage.casefile",
        "sqlalchemy.orm",
        "casefile.services",
        "casefile.jobs",
        "casefile.cli",
        "casefile.ui",
        "casefile.entry",
    ),
    # The command line runs jobs and services; it never opens the storage layer or the window itself.
    "casefile.cli": ("casefile.storage", "casefile.ui", "casefile.entry", "sqlalchemy.orm", "PySide6"),
    # The window may use every layer; the entry (casefile/entry.py) is above it and starts it.
    "casefile.ui": ("casefile.entry",),
    # The top: it may import any layer, and nothing imports it.
    "casefile.entry": (),
}
STDLIB = frozenset(sys.stdlib_module_names) | {"__future__"}


@dataclass(frozen=True)
class Import:
    module: str  # the importing module, e.g. casefile.storage.engine
    target: str  # what it imports, fully qualified
    line: int

    def __str__(self) -> str:
        return f"{self.module}:{self.line} imports {self.target}"


def module_name(path: Path, root: Path = PACKAGE) -> str:
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(source: str, module: str, *, is_package: bool = False) -> list[Import]:
    """Every import in the source, relative ones resolved against the module's package."""
    found = []
    package = module if is_package else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [Import(module, alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = _resolve(node, package)
            # `from casefile import ui` imports casefile.ui: name each imported member as a module too.
            found += [Import(module, f"{base}.{alias.name}", node.lineno) for alias in node.names]
    return found


def _resolve(node: ast.ImportFrom, package: str) -> str:
    if not node.level:
        return node.module or ""
    parts = package.split(".")
    base = ".".join(parts[: len(parts) - node.level + 1])
    return f"{base}.{node.module}" if node.module else base


def within(target: str, package: str) -> bool:
    return target == package or target.startswith(package + ".")


def all_imports() -> Iterator[Import]:
    for path in sorted(PACKAGE.rglob("*.py")):
        yield from imports_of(
            path.read_text(encoding="utf-8"), module_name(path), is_package=path.name == "__init__.py"
        )


def qt_outside_ui(found: list[Import]) -> list[Import]:
    return [i for i in found if not within(i.module, "casefile.ui") and any(within(i.target, q) for q in QT_PACKAGES)]


def domain_leaks(found: list[Import]) -> list[Import]:
    """Domain code may use the standard library and other domain modules, nothing else."""
    return [
        i
        for i in found
        if within(i.module, "casefile.domain")
        and not within(i.target, "casefile.domain")
        and i.target.split(".")[0] not in STDLIB
    ]


def upward_imports(found: list[Import]) -> list[Import]:
    return [
        i
        for i in found
        for layer, banned in FORBIDDEN.items()
        if within(i.module, layer) and any(within(i.target, b) for b in banned)
    ]


def test_the_package_is_where_we_look() -> None:
    assert (PACKAGE / "domain" / "kinds.py").is_file()
    assert len(list(all_imports())) > 100


def test_pyside_is_imported_only_in_ui() -> None:
    assert qt_outside_ui(list(all_imports())) == []


def test_domain_imports_only_the_standard_library_and_itself() -> None:
    assert domain_leaks(list(all_imports())) == []


def test_layers_import_only_downwards() -> None:
    assert upward_imports(list(all_imports())) == []


def test_every_layer_of_the_table_is_checked() -> None:
    """DEVELOPERS.md's table and this test name the same layers: a new layer cannot go unchecked."""
    table = (PACKAGE.parent / "DEVELOPERS.md").read_text(encoding="utf-8")
    rows = [line for line in table.splitlines() if line.startswith("| ") and "`casefile/" in line]
    named = {part.strip("`/").replace("/", ".").removesuffix(".py") for row in rows
             for part in row.split("|")[2].replace(",", " ").split() if part.startswith("`casefile/")}  # fmt: skip
    assert named - {"casefile.domain"} <= set(FORBIDDEN), named - set(FORBIDDEN)


def test_nothing_imports_the_entry() -> None:
    assert [i for i in all_imports() if within(i.target, "casefile.entry") and i.module != "casefile.__main__"] == []


def test_the_rules_catch_a_command_opening_storage_or_the_window() -> None:
    for target in ("casefile.storage.casefile", "casefile.ui.app"):
        found = imports_of(f"import {target}", "casefile.cli.cmd_x")
        assert upward_imports(found) == found


@dataclass(frozen=True)
class SessionCall:
    module: str
    call: str
    line: int


SESSION_ENDERS = frozenset({"commit", "close", "rollback"})


def session_calls(source: str, module: str) -> list[SessionCall]:
    """Calls that end or open a unit of work: x.commit(), session.close(), Session(...), sessionmaker(...).

    Services take the caller's session; any commit in them would split the caller's undo step.
    """
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if isinstance(func, ast.Attribute) and _ends_session(func):
            found.append(SessionCall(module, f"{ast.unparse(func.value)}.{func.attr}()", node.lineno))
        elif isinstance(func, ast.Name) and func.id in ("Session", "sessionmaker"):
            found.append(SessionCall(module, f"{func.id}()", node.lineno))
    return found


def _ends_session(func: ast.Attribute) -> bool:
    if func.attr == "commit":
        return True
    receiver = ast.unparse(func.value).lower()
    return func.attr in SESSION_ENDERS and ("session" in receiver or receiver in ("conn", "connection"))


def test_services_never_commit_close_or_open_sessions() -> None:
    found = []
    for path in sorted((PACKAGE / "services").rglob("*.py")):
        found += session_calls(path.read_text(encoding="utf-8"), module_name(path))
    assert found == []


# The checkers themselves must be able to fail; these feed them known violations.


def test_checker_sees_qt_in_every_import_form() -> None:
    source = "import PySide6\nfrom PySide6.QtCore import Qt\nimport shiboken6 as s\nfrom PySide6 import QtGui\n"
    found = imports_of(source, "casefile.storage.engine")
    assert len(qt_outside_ui(found)) == 4
    assert qt_outside_ui(imports_of(source, "casefile.ui.main_window")) == []


def test_checker_resolves_relative_imports() -> None:
    found = imports_of("from ..storage import casefile\nfrom . import kinds\n", "casefile.domain.rules")
    assert [i.target for i in found] == ["casefile.storage.casefile", "casefile.domain.kinds"]
    assert [str(i) for i in domain_leaks(found)] == ["casefile.domain.rules:1 imports casefile.storage.casefile"]
    package = imports_of("from . import text\n", "casefile.domain", is_package=True)
    assert [i.target for i in package] == ["casefile.domain.text"]


@pytest.mark.parametrize(
    ("source", "module"),
    [
        ("import sqlalchemy\n", "casefile.domain.dates"),
        ("from casefile.reference import is_party\n", "casefile.domain.parties"),
        ("from casefile import paths\n", "casefile.domain.kinds"),
    ],
)
def test_checker_catches_domain_leaks(source: str, module: str) -> None:
    assert len(domain_leaks(imports_of(source, module))) == 1


@pytest.mark.parametrize(
    ("source", "module"),
    [
        ("from sqlalchemy.orm import Session\n", "casefile.export.dossier"),
        ("from casefile.storage.casefile import CaseFile\n", "casefile.export.pdf"),
        ("from casefile.services import records\n", "casefile.storage.mapping"),
        ("from casefile import ui\n", "casefile.jobs.demo"),
    ],
)
def test_checker_catches_upward_imports(source: str, module: str) -> None:
    assert len(upward_imports(imports_of(source, module))) == 1


def test_checker_allows_the_documented_directions() -> None:
    source = "from casefile.storage.models import Record\nfrom casefile.domain.kinds import Kind\nimport json\n"
    assert upward_imports(imports_of(source, "casefile.services.records")) == []
    assert domain_leaks(imports_of("import json\nfrom casefile.domain import text\n", "casefile.domain.x")) == []


def test_checker_catches_commits_and_new_sessions() -> None:
    source = (
        "def f(session, s):\n"
        "    session.commit()\n"
        "    s.commit()\n"
        "    session.close()\n"
        "    self.session.rollback()\n"
        "    Session(engine)\n"
        "    handle.close()\n"
        "    session.flush()\n"
    )
    calls = [c.call for c in session_calls(source, "casefile.services.x")]
    assert calls == ["session.commit()", "s.commit()", "session.close()", "self.session.rollback()", "Session()"]
