"""The shipped schema fingerprint of each revision, written by tools/make_fingerprints.py."""
