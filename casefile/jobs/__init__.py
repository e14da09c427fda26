"""Whole-file operations shared by the command line and the GUI's workers.

Each job opens its own case file and units of work, so it can run in a worker thread.
"""
