"""Tests of the benchmark tools under bench/."""
