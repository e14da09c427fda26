"""Command-line tests: every command and each bad input, run in-process and as a subprocess."""
