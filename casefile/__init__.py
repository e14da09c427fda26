"""Casefile: linked case files for human-rights and international-justice analysts."""

__version__ = "0.1.0"
