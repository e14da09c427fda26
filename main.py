"""Runs Casefile from a source checkout: `python main.py ...` does what the `casefile` command does."""

import sys

from casefile.entry import main

if __name__ == "__main__":
    sys.exit(main())
