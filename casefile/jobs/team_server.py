"""Team cases on PostgreSQL, as the command line asks for them: set up a server, publish a file to it,
check a case out, grant and revoke. The work is in storage/server*.py; the command line reaches it
here, as it reaches every other whole-case operation through jobs (tests/test_layers.py)."""

from __future__ import annotations

from casefile.storage import server, server_address, server_roles
from casefile.storage.server_checkout import checkout
from casefile.storage.server_publish import publish

__all__ = ["checkout", "publish", "server", "server_address", "server_roles"]
