"""Subcommands that live beside a capability (store, ingest, serve...).

Each module here has ``register(subparsers, epilog)`` adding its parsers, each
parser's ``func`` calling one library function. ``cli.py`` lists them in
``COMMAND_MODULES``."""
