"""Benchmarks of the Casefile core: a synthetic case generator and timings against raw sqlite3."""
