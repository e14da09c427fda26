"""Use cases over an open case: each takes a Session and never commits or closes it."""
