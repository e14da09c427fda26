"""Builds the one-folder Casefile desktop app with PyInstaller, and its archive.

    uv run --extra build python tools/build_app.py [--wheel dist/casefile-X-py3-none-any.whl] [--out dist]

The app is built from the wheel (the same one CI tests), installed into a private build
environment, so it carries exactly what an installed Casefile has: reference data, fonts, the
demo's seed, migrations and the user guide. One folder, not one file: a one-file app unpacks
itself on every start (slow) and is often flagged by antivirus software. Settings for each
platform are in tools/packaging/casefile.spec; docs/packaging.md says what is tested where.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGING = ROOT / "tools" / "packaging"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wheel", type=Path, help="the Casefile wheel to package (default: build one now)")
    parser.add_argument("--out", type=Path, default=ROOT / "dist", help="where the app and its archive go")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="casefile-build-") as work_name:
        work = Path(work_name)
        wheel = args.wheel or build_wheel(work)
        python = build_environment(work, wheel)
        app = run_pyinstaller(python, work, args.out)
    add_desktop_files(app)
    archive = make_archive(app, args.out, version_of(wheel))
    print(f"App: {app} ({folder_size(app) / 2**20:.0f} MiB unpacked)")
    print(f"Archive: {archive} ({archive.stat().st_size / 2**20:.0f} MiB)")
    return 0


def build_wheel(work: Path) -> Path:
    subprocess.run(["uv", "build", "--wheel", "--out-dir", str(work / "wheel"), str(ROOT)], check=True)
    return next((work / "wheel").glob("casefile-*.whl"))


def build_environment(work: Path, wheel: Path) -> Path:
    """A fresh environment with the wheel and PyInstaller (the version this project pins)."""
    venv = work / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    pyinstaller = f"pyinstaller=={_installed_version('pyinstaller')}"
    installer = ["uv", "pip", "install", "--quiet", "--python", str(python)]
    if shutil.which("uv") is None:
        installer = [str(python), "-m", "pip", "install", "--quiet"]
    subprocess.run([*installer, str(wheel), pyinstaller], check=True)
    return python


def run_pyinstaller(python: Path, work: Path, out: Path) -> Path:
    app = out / "Casefile"
    shutil.rmtree(app, ignore_errors=True)
    env = dict(os.environ)
    icon = PACKAGING / ("casefile.ico" if os.name == "nt" else "casefile.icns")
    if icon.exists():
        env["CASEFILE_ICON"] = str(icon)
    subprocess.run(
        [str(python), "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN", "--distpath", str(out),
         "--workpath", str(work / "pyinstaller"), str(PACKAGING / "casefile.spec")],
        # Not from the checkout: `python -m` puts the working folder first on the path, and the
        # source tree's `casefile` (without the wheel's bundled data) would be packaged instead.
        check=True, env=env, cwd=work,
    )  # fmt: skip
    return app


def add_desktop_files(app: Path) -> None:
    """The menu entry, icons, file type and installer, beside the app (Linux desktops)."""
    if not sys.platform.startswith("linux"):
        return
    share = app / "share"
    (share / "icons").mkdir(parents=True, exist_ok=True)
    for name in ("casefile.desktop", "casefile-mime.xml"):
        shutil.copy2(PACKAGING / "linux" / name, share / name)
    for icon in (ROOT / "resources" / "icons").glob("casefile*"):
        shutil.copy2(icon, share / "icons" / icon.name)
    shutil.copy2(PACKAGING / "linux" / "install.sh", app / "install.sh")


def make_archive(app: Path, out: Path, version: str) -> Path:
    system = {"linux": "linux", "darwin": "macos", "win32": "windows"}.get(sys.platform, sys.platform)
    name = f"Casefile-{version}-{system}-{platform.machine().lower()}"
    if sys.platform == "win32":
        archive = out / f"{name}.zip"
        with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zipped:
            for path in app.rglob("*"):
                zipped.write(path, Path("Casefile") / path.relative_to(app))
        return archive
    archive = out / f"{name}.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        tar.add(app, arcname="Casefile")
    return archive


def version_of(wheel: Path) -> str:
    return wheel.name.split("-")[1]


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def _installed_version(package: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(package)
    except PackageNotFoundError:
        hint = f"run this with `uv run --extra build python {__file__}`"
        raise SystemExit(f"{package} is not installed: {hint}.") from None


if __name__ == "__main__":
    sys.exit(main())
