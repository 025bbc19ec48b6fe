"""``eventcoder import-petrarch``: convert PETRARCH/TABARI dictionaries into a
knowledge folder (see docs/petrarch.md)."""

from __future__ import annotations

import argparse
from typing import Any

USAGE_HINT = """
Use the folder by listing it in the setting knowledge.extra_dirs:
  in a settings file:   knowledge: {{extra_dirs: [{out}]}}
  or in the shell:      export EVENTCODER_KNOWLEDGE__EXTRA_DIRS='[{out}]'
Its entries are read after ours and override ours where they share a key."""


def register(subparsers: Any, epilog: str) -> None:
    p = subparsers.add_parser(
        "import-petrarch", epilog=epilog,
        help="convert PETRARCH/TABARI dictionaries into a knowledge folder")
    p.add_argument("--verbs", help="PETRARCH verb dictionary (patterns and synsets)")
    p.add_argument("--actors", help="PETRARCH actor dictionary")
    p.add_argument("--agents", help="PETRARCH agent dictionary")
    p.add_argument("--out", required=True, help="knowledge folder to write (created if needed)")
    p.set_defaults(func=cmd_import_petrarch)


def cmd_import_petrarch(args: argparse.Namespace) -> int:
    from eventcoder.dictionaries import convert_petrarch
    from eventcoder.errors import InputError

    if not (args.verbs or args.actors or args.agents):
        raise InputError("give at least one of --verbs, --actors, --agents")
    report = convert_petrarch(args.out, verbs=args.verbs, actors=args.actors, agents=args.agents)
    print(report.text())
    print(USAGE_HINT.format(out=report.out_dir.resolve()))
    return 0
