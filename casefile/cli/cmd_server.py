"""`casefile server ...`: prepare a PostgreSQL database for team cases, and list or create its cases."""

from __future__ import annotations

import argparse
from typing import Any

from casefile.cli import output
from casefile.cli.arguments import UsageError
from casefile.jobs.team_server import server, server_roles


def add_to(subparsers: argparse._SubParsersAction[Any]) -> None:
    parser = subparsers.add_parser(
        "server",
        help="team cases on a PostgreSQL server (init, new, list, grant, revoke, upgrade)",
        description="Team cases on a PostgreSQL server: one schema per case in one database. URL is a libpq "
        "connection URL such as postgresql://analyst@db.example.org/casefile?sslmode=verify-full; passwords come "
        "from ~/.pgpass, a service file or PGPASSWORD, never from Casefile. See docs/team-server.md.",
    )
    # Each action sets its own run; argparse refuses `casefile server` alone before this default is reached.
    parser.set_defaults(run=run_without_action)
    actions = parser.add_subparsers(title="actions", metavar="ACTION", dest="action", required=True)
    init = actions.add_parser("init", help="prepare a database for Casefile (run once, as its owner)")
    init.add_argument("url", metavar="URL")
    init.set_defaults(run=run_init)
    new = actions.add_parser("new", help="create an empty case on the server")
    new.add_argument("url", metavar="URL")
    new.add_argument("case", metavar="CASE", help="the case's name: lower-case letters, digits and _")
    new.add_argument("--title", required=True, help="the case title")
    new.set_defaults(run=run_new)
    listing = actions.add_parser("list", help="the cases on the server that you may open")
    listing.add_argument("url", metavar="URL")
    listing.set_defaults(run=run_list)
    grant = actions.add_parser("grant", help="give a database user reader, editor or admin access to a case")
    grant.add_argument("url", metavar="URL")
    grant.add_argument("case", metavar="CASE")
    grant.add_argument("user", metavar="USER", help="a PostgreSQL login role (CREATE ROLE anna LOGIN)")
    grant.add_argument("--role", required=True, choices=server_roles.LEVELS, help="what the user may do")
    grant.add_argument(
        "--protected", action="store_true", help="may also read protected persons' names (only the case owner)"
    )
    grant.set_defaults(run=run_grant)
    revoke = actions.add_parser("revoke", help="take all access to a case from a database user")
    revoke.add_argument("url", metavar="URL")
    revoke.add_argument("case", metavar="CASE")
    revoke.add_argument("user", metavar="USER")
    revoke.set_defaults(run=run_revoke)
    upgrade = actions.add_parser("upgrade", help="bring a case to this Casefile's schema (back up with pg_dump first)")
    upgrade.add_argument("url", metavar="URL")
    upgrade.add_argument("case", metavar="CASE")
    upgrade.set_defaults(run=run_upgrade)


def run_without_action(args: argparse.Namespace) -> int:
    raise UsageError("Name an action: init, new, list, grant, revoke or upgrade.", "Run 'casefile server --help'.")


def run_init(args: argparse.Namespace) -> int:
    server.init_database(args.url)
    output.say(f"Prepared {output.clean(server.describe_url(args.url))} for Casefile.")
    return 0


def run_new(args: argparse.Namespace) -> int:
    server.ServerCase.create(args.url, args.case, args.title).close()
    output.say(f"Created the case '{output.clean(args.case)}' on {output.clean(server.describe_url(args.url))}.")
    return 0


def run_list(args: argparse.Namespace) -> int:
    names = server.case_names(args.url)
    for name in names:
        output.say(name)
    if not names:
        output.say("No cases here that you may open.")
    return 0


def run_upgrade(args: argparse.Namespace) -> int:
    before, after = server.upgrade_case(args.url, args.case)
    if before == after:
        output.say(f"The case '{output.clean(args.case)}' is already at schema revision {after}.")
    else:
        output.say(f"Upgraded the case '{output.clean(args.case)}' from schema revision {before} to {after}.")
    return 0


def run_grant(args: argparse.Namespace) -> int:
    server.grant(args.url, args.case, args.user, args.role, protected=args.protected)
    extra = ", with protected persons" if args.protected else ""
    output.say(f"{output.clean(args.user)} is now {args.role} of '{output.clean(args.case)}'{extra}.")
    return 0


def run_revoke(args: argparse.Namespace) -> int:
    had = server.revoke(args.url, args.case, args.user)
    if had:
        output.say(f"{output.clean(args.user)} no longer has {', '.join(had)} on '{output.clean(args.case)}'.")
    else:
        output.say(f"{output.clean(args.user)} had no access to '{output.clean(args.case)}'.")
    return 0
