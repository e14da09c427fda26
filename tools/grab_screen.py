"""Saves a picture of the whole X screen (CI's check that the packaged app paints its window).

    python tools/grab_screen.py OUT.png [--expect-window]

With --expect-window, fails (exit 1) when the screen is one flat colour, i.e. nothing was painted.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtGui import QGuiApplication


def main(argv: list[str]) -> int:
    out = Path(argv[0])
    app = QGuiApplication([sys.argv[0]])  # noqa: F841 (a screen needs an application)
    screen = QGuiApplication.primaryScreen()
    picture = screen.grabWindow(0)
    picture.save(str(out))
    image = picture.toImage()
    step = max(1, image.width() // 64)
    colours = {image.pixel(x, y) for x in range(0, image.width(), step) for y in range(0, image.height(), step)}
    print(f"Saved {out} ({image.width()}x{image.height()}, {len(colours)} colours sampled)")
    if "--expect-window" in argv and len(colours) < 8:
        print("The screen is blank: the app did not paint a window.", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
