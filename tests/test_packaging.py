"""The wheel carries migrations/ and resources/, and an installed `casefile` works outside the checkout."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.slow


def _uv() -> str:
    uv = shutil.which("uv")
    if uv is None:
        pytest.fail("uv is not on PATH; install it with `python3 -m pip install uv`")
    return uv


def _env() -> dict[str, str]:
    # Nothing from the test run's own venv may leak into the fresh one.
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH", "UV_PROJECT_ENVIRONMENT")}
    return {**env, "PYTHONIOENCODING": "utf-8"}


def _run(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [str(a) for a in args], cwd=cwd, env=_env(), capture_output=True, text=True, encoding="utf-8", timeout=900
    )
    assert done.returncode == 0, f"{args} exited {done.returncode}\n{done.stdout}\n{done.stderr}"
    return done


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    _run(_uv(), "build", "--wheel", "--out-dir", out, REPO, cwd=REPO)
    [built] = out.glob("casefile-*.whl")
    return built


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bin/ folder of a fresh venv holding only the wheel and its dependencies."""
    venv = tmp_path_factory.mktemp("venv") / "env"
    _run(_uv(), "venv", "--python", sys.executable, venv, cwd=venv.parent)
    python = venv / "bin" / "python"
    _run(_uv(), "pip", "install", "--python", python, wheel, cwd=venv.parent)
    return venv / "bin"


def test_wheel_carries_migrations_and_reference_data(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "casefile/_bundled/migrations/env.py" in names
    assert any(n.startswith("casefile/_bundled/migrations/versions/0001") and n.endswith(".py") for n in names)
    assert "casefile/_bundled/resources/reference/icc_states_parties.csv" in names
    assert "casefile/_bundled/docs/user-guide.md" in names  # Help › User Guide, offline
    assert "casefile/cli/main.py" in names
    assert not any(n.startswith(("tests/", "bench/")) for n in names)


def test_installed_command_writes_and_checks_the_demo(installed: Path, tmp_path: Path) -> None:
    assert REPO not in tmp_path.parents
    case = tmp_path / "Путин в Монголии.casefile"
    _run(installed / "casefile", "demo", case, cwd=tmp_path)
    checked = _run(installed / "casefile", "check", case, cwd=tmp_path)
    assert "no problems found" in checked.stdout
    info = _run(installed / "casefile", "info", case, cwd=tmp_path)
    assert "Putin in Mongolia" in info.stdout


def test_installed_package_uses_its_bundled_folders(installed: Path, tmp_path: Path) -> None:
    probe = (
        "import casefile.paths as p; print(p.migrations_dir()); print(p.resources_dir()); "
        "print(p.user_guide().parent) if p.user_guide().is_file() else None"
    )
    done = _run(installed / "python", "-c", probe, cwd=tmp_path)
    venv = installed.parent.resolve()
    assert len(done.stdout.splitlines()) == 3, done.stdout  # the user guide is there too
    for line in done.stdout.splitlines():
        folder = Path(line).resolve()
        assert venv in folder.parents, folder
        assert "_bundled" in folder.parts
