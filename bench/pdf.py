"""Times the PDF dossier against a raw platypus document of the same paragraphs, in the same run.

For each size, a synthetic case from bench/generate.py is exported by Casefile (all sections).
The baseline lays out the very same paragraphs (markup and styles, dumped from the dossier
beforehand; a table's cells one after another) with bare platypus: one SimpleDocTemplate build,
with no Casefile code in the timing.
Each run happens in a fresh child process, which reports its time, pages and peak RSS.

Usage: python bench/pdf.py [--quotes 1000,100000] [--keep DIR] [--no-fail]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

GOAL_RATIO = 0.70  # of raw platypus pages per second
GOAL_1000_SECONDS = 10.0


def child_casefile(case: Path, out: Path) -> dict[str, Any]:
    """The whole export as the app runs it: open the case, build the Dossier, render, replace the file."""
    import casefile.export.pdf.render  # noqa: F401  (imports are not part of either timing)
    from casefile.domain.dossier import PdfOptions
    from casefile.jobs.pdf import export_pdf

    started = time.perf_counter()
    report = export_pdf(case, out, PdfOptions())
    return {"seconds": time.perf_counter() - started, "pages": report.pages}


def dump_paragraphs(case: Path, out: Path) -> int:
    """Write every Paragraph of the dossier (style name and markup) as JSON, for the baseline to lay out."""
    from reportlab.platypus import Paragraph

    from casefile.domain.dossier import PdfOptions
    from casefile.export.pdf import fonts
    from casefile.export.pdf.escaping import Escaper
    from casefile.export.pdf.flowables import Mark
    from casefile.export.pdf.render import story
    from casefile.export.pdf.styles import make_styles
    from casefile.export.pdf.tables import StreamTable
    from casefile.export.pdf.template import PageBook
    from casefile.export.pdf.writer import Writer
    from casefile.services.dossier import build_dossier
    from casefile.storage.casefile import CaseFile

    with CaseFile.open(case, read_only=True) as case_file, case_file.reading() as session:
        dossier = build_dossier(session, PdfOptions())
    fonts.register()
    writer = Writer(dossier, make_styles(), Escaper(fonts.coverage()), PageBook(), lambda: None)
    rows: list[Any] = []
    anchors = ""
    for flowable in _flat(story(writer, dossier)):
        if isinstance(flowable, Mark):  # its destination goes into the next paragraph, so links resolve
            anchors += f'<a name="{flowable.anchor}"/>'
        elif isinstance(flowable, Paragraph):
            rows.append((flowable.style.name, anchors + flowable.text))
            anchors = ""
        elif isinstance(flowable, StreamTable):
            # The same table, for the baseline to lay out as one plain platypus LongTable.
            cells = [_cells(row) for row in [flowable.header, *flowable._buffer, *flowable._rows]]
            rows.append(("table", flowable.widths, cells))
    out.write_text(json.dumps(rows), encoding="utf-8")
    return len(rows)


def _cells(row: Any) -> list[list[tuple[str, str]]]:
    """A table row as (style name, markup) per paragraph of each cell; a mark's anchor joins the next."""
    from reportlab.platypus import Paragraph

    out = []
    for cell in row:
        paragraphs, anchors = [], ""
        for flowable in cell:
            if isinstance(flowable, Paragraph):
                paragraphs.append((flowable.style.name, anchors + flowable.text))
                anchors = ""
            else:
                anchors += f'<a name="{flowable.anchor}"/>'
        out.append(paragraphs)
    return out


def _flat(flowables: Any) -> Any:
    """The flowables with groups kept on one page (KeepTogether) opened up, in order."""
    from reportlab.platypus import KeepTogether

    for flowable in flowables:
        if isinstance(flowable, KeepTogether):
            yield from _flat(flowable._content)
        else:
            yield flowable


def child_baseline(paragraphs: Path, out: Path) -> dict[str, Any]:
    """Bare platypus: the dossier's own paragraphs and styles, one SimpleDocTemplate build, nothing else."""
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    from casefile.export.pdf import fonts
    from casefile.export.pdf.styles import make_styles

    rows = json.loads(paragraphs.read_text(encoding="utf-8"))
    started = time.perf_counter()
    fonts.register()
    styles = vars(make_styles())
    story: list[Any] = []
    for row in rows:
        if row[0] == "table":
            # Raw platypus has no table that lays out a long one fast (a LongTable re-creates itself on
            # every page), so the baseline sets the cells' paragraphs one after another: the strict test.
            story += [Paragraph(text, styles[name.split("-")[0]]) for r in row[2] for c in r for name, text in c]
        else:
            story.append(Paragraph(row[1], styles[row[0].split("-")[0]]))

    def footer(canvas: Any, doc: Any) -> None:
        canvas.setFont(fonts.REGULAR, 7.5)
        canvas.drawRightString(A4[0] - 57, 30, f"Page {doc.page}")

    doc = SimpleDocTemplate(str(out), pagesize=A4)
    doc.build(story, onFirstPage=footer, onLaterPages=footer)
    return {"seconds": time.perf_counter() - started, "pages": doc.page}


def _run_child(kind: str, case: Path, out: Path) -> dict[str, Any]:
    command = [sys.executable, __file__, "--child", kind, str(case), str(out)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{kind} run failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _case(folder: Path, quotes: int) -> Path:
    from bench.generate import generate

    path = folder / f"pdf-{quotes}.casefile"
    if not path.exists():
        generate(path, quotes, seed=1)
    return path


def measure(folder: Path, quotes: int) -> list[dict[str, Any]]:
    case = _case(folder, quotes)
    paragraphs = folder / f"paragraphs-{quotes}.json"
    dump_paragraphs(case, paragraphs)
    rows = []
    for kind, source in (("baseline", paragraphs), ("casefile", case)):
        result = _run_child(kind, source, folder / f"{kind}-{quotes}.pdf")
        result.update(kind=kind, quotes=quotes, rate=result["pages"] / result["seconds"])
        rows.append(result)
    return rows


def _table(rows: list[dict[str, Any]]) -> list[str]:
    lines = [
        "| quotes | run | pages | seconds | pages/s | peak RSS | vs raw |",
        "|---:|---|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        base = next(r for r in rows if r["quotes"] == row["quotes"] and r["kind"] == "baseline")
        ratio = row["rate"] / base["rate"]
        lines.append(
            f"| {row['quotes']:,} | {row['kind']} | {row['pages']:,} | {row['seconds']:.2f} | {row['rate']:.1f} "
            f"| {row['peak_mib']:.0f} MiB | {ratio:.0%} |"
        )
    return lines


def _failures(rows: list[dict[str, Any]]) -> list[str]:
    problems = []
    for row in (r for r in rows if r["kind"] == "casefile"):
        base = next(r for r in rows if r["quotes"] == row["quotes"] and r["kind"] == "baseline")
        if row["rate"] < GOAL_RATIO * base["rate"]:
            problems.append(f"{row['quotes']:,} quotes: {row['rate'] / base['rate']:.0%} of raw pages/s")
        if row["quotes"] == 1000 and row["seconds"] > GOAL_1000_SECONDS:
            problems.append(f"1,000 quotes took {row['seconds']:.1f} s")
    return problems


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quotes", default="1000", help="comma-separated case sizes (default 1000)")
    parser.add_argument("--keep", type=Path, help="keep the cases and PDFs in this folder")
    parser.add_argument("--no-fail", action="store_true", help="exit 0 even when a goal is missed")
    parser.add_argument("--child", nargs=3, metavar=("KIND", "CASE", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        kind, case, out = args.child
        runner = child_casefile if kind == "casefile" else child_baseline
        result = runner(Path(case), Path(out))
        result["peak_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(json.dumps(result))
        return 0
    sizes = [int(q) for q in args.quotes.split(",")]
    with tempfile.TemporaryDirectory() as temp:
        folder = args.keep or Path(temp)
        folder.mkdir(parents=True, exist_ok=True)
        rows = [row for quotes in sizes for row in measure(folder, quotes)]
    print("\n".join(_table(rows)))
    problems = _failures(rows)
    for problem in problems:
        print(f"goal missed: {problem}")
    return 1 if problems and not args.no_fail else 0


if __name__ == "__main__":
    sys.exit(main())
