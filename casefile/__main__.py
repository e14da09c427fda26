"""`python -m casefile` runs the `casefile` command."""

import sys

from casefile.entry import main

if __name__ == "__main__":
    sys.exit(main())
