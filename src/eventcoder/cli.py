"""The ``eventcoder`` command: each subcommand parses its arguments and calls
one library function. No logic lives here."""

from __future__ import annotations

import argparse
import importlib
import json
import sys
from collections.abc import Iterator
from importlib import resources
from typing import Any

from eventcoder import __version__
from eventcoder.errors import EventcoderError, InputError
from eventcoder.formats import actors_table, events_table, to_json_line
from eventcoder.ingest import FORMATS
from eventcoder.records import MODALITIES, Article, CodedArticle, Skipped, parse_when

SINGLE_FORMATS = ("text", "html")  # one input, one article: a skip is an error
EPILOG = "Docs: README.md and docs/ in the repository. Exit status 2 means bad input."
# Modules of eventcoder.commands whose register(subparsers, epilog) adds subcommands.
COMMAND_MODULES: tuple[str, ...] = ("store", "ingest", "petrarch", "serve")


def _published(value: str) -> Any:
    try:
        return parse_when(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"bad date {value!r}: use YYYY-MM-DD") from None


def _modalities(value: str) -> tuple[str, ...] | None:
    if value == "all":
        return None
    chosen = tuple(v.strip() for v in value.split(",") if v.strip())
    bad = [v for v in chosen if v not in MODALITIES]
    if bad:
        raise argparse.ArgumentTypeError(
            f"unknown modality {bad[0]!r}: use 'all' or some of {', '.join(MODALITIES)}")
    return chosen


def _input_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", nargs="?", default="-", help="article file, folder, or - for stdin")
    p.add_argument("--published", type=_published, help="publication date, YYYY-MM-DD")
    p.add_argument("--input-format", choices=FORMATS, default="text",
                   help='text or html: one article; jsonl: {"id", "text", "date"?, "url"?, '
                        '"publisher"?} a line; csv, warc; auto: by extension and content '
                        '(see docs/ingest.md)')
    p.add_argument("--url", help="the article's URL (gives it a stable id)")
    p.add_argument("--publisher", help="the article's publisher")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="eventcoder", epilog=EPILOG,
        description="Turn news reports into political event data (CAMEO and PLOVER).")
    parser.add_argument("--version", action="version", version=f"eventcoder {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("code", help="code an article and print its events", epilog=EPILOG)
    _input_args(p)
    p.add_argument("--format", choices=("table", "json", "jsonl"), default="table")
    p.add_argument("--modality", type=_modalities, default=("asserted", "reported"),
                   help="modalities to keep, comma-separated, or 'all' "
                        "(default: asserted,reported)")
    p.set_defaults(func=cmd_code)

    p = sub.add_parser("actors", help="list the resolved actors of an article", epilog=EPILOG)
    _input_args(p)
    p.add_argument("--format", choices=("table", "jsonl"), default="table")
    p.set_defaults(func=cmd_actors)

    p = sub.add_parser("clean", help="print the cleaned article the coder reads", epilog=EPILOG)
    _input_args(p)
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(func=cmd_clean)

    p = sub.add_parser("demo", help="code the bundled demo articles", epilog=EPILOG)
    p.add_argument("--format", choices=("table", "jsonl"), default="table")
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser("eval", help="score the coder against labelled data", epilog=EPILOG)
    p.add_argument("gold", help="gold JSONL file (the development-data format)")
    p.add_argument("--level", choices=("root", "code", "plover"), default=None,
                   help="match on CAMEO root, full code or PLOVER type (default: by "
                        "scheme; against PLOVER gold, which writes \"X and Y agreed\" once, "
                        "a reciprocal pair of events counts as one); events that read "
                        "the same at the level compared count once, gold and predicted")
    p.add_argument("--actors", choices=("country", "full", "any"), default="country",
                   help="how actor codes must match: country/IGO root (against PLOVER "
                        "gold a named international NGO counts as IGO, as that gold "
                        "writes it; gold country codes that plainly mean an ISO one, JAP, "
                        "ITL, VTN, are read as it), full code, or not at all")
    p.add_argument("--entities", action="store_true",
                   help="score entity spans (re3d-style gold) instead of events")
    p.add_argument("--locations", action="store_true",
                   help="score event locations (verb-location gold, event_location style)")
    p.add_argument("--misses", help="write false positives and negatives to this JSONL file")
    p.add_argument("--limit", type=int, help="score only the first N records")
    p.add_argument("--format", choices=("table", "json"), default="table")
    p.set_defaults(func=cmd_eval)
    for name in COMMAND_MODULES:
        importlib.import_module(f"eventcoder.commands.{name}").register(sub, EPILOG)
    return parser


# ----------------------------------------------------------------- commands


def _read_input(args: argparse.Namespace) -> Iterator[Article | Skipped]:
    from eventcoder.ingest import read_source, read_stream

    meta = {"published": args.published, "url": args.url, "publisher": args.publisher}
    if args.file == "-":
        data = sys.stdin.buffer.read()
        yield from read_stream(data, "<stdin>", args.input_format, **meta)
    else:
        yield from read_source(args.file, args.input_format, **meta)


def _coded(args: argparse.Namespace) -> Iterator[CodedArticle | Skipped]:
    from eventcoder.pipeline import default_pipeline, with_published

    items = (with_published(a, args.published) if isinstance(a, Article) else a
             for a in _read_input(args))
    yield from default_pipeline().run(items)


def _report_skip(skip: Skipped, single: bool) -> None:
    if single:
        raise InputError(skip.message)
    print(f"eventcoder: skipped {skip.source}: {skip.message}", file=sys.stderr)


def cmd_code(args: argparse.Namespace) -> int:
    from eventcoder.pipeline import keep_modalities

    single = args.input_format in SINGLE_FORMATS
    collected = []
    for result in _coded(args):
        if isinstance(result, Skipped):
            _report_skip(result, single)
            continue
        events = keep_modalities(result.events, args.modality)
        if args.format == "jsonl":
            for e in events:
                print(to_json_line(e))
        elif args.format == "json":
            collected.extend(e.to_dict() for e in events)
        else:
            title = result.article.title or result.article.id
            print(f"== {title}\n{events_table(events)}\n")
    if args.format == "json":
        print(json.dumps(collected, ensure_ascii=False, indent=2))
    return 0


def cmd_actors(args: argparse.Namespace) -> int:
    single = args.input_format in SINGLE_FORMATS
    for result in _coded(args):
        if isinstance(result, Skipped):
            _report_skip(result, single)
            continue
        if args.format == "jsonl":
            for actor in result.actors:
                print(to_json_line({**actor.to_dict(), "article_id": result.article.id}))
        else:
            print(actors_table(result.actors))
    return 0


def cmd_clean(args: argparse.Namespace) -> int:
    from eventcoder.errors import SkipArticle
    from eventcoder.pipeline import default_pipeline, with_published

    for item in _read_input(args):
        if isinstance(item, Skipped):
            _report_skip(item, args.input_format in SINGLE_FORMATS)
            continue
        try:
            article = default_pipeline().clean(with_published(item, args.published))
        except SkipArticle as exc:
            _report_skip(Skipped(item.id, exc.reason, str(exc), item.id),
                         args.input_format in SINGLE_FORMATS)
            continue
        print(to_json_line(article) if args.format == "json" else article.text)
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from eventcoder.pipeline import default_pipeline

    folder = resources.files("eventcoder") / "data" / "demo"
    articles = []
    for line in (folder / "index.jsonl").read_text(encoding="utf-8").splitlines():
        meta = json.loads(line)
        text = (folder / meta["file"]).read_text(encoding="utf-8")
        articles.append(Article(id=meta["id"], text=text, publisher=meta.get("publisher"),
                                published=parse_when(meta.get("published"))))
    for result in default_pipeline().run(articles):
        if isinstance(result, Skipped):
            _report_skip(result, False)
        elif args.format == "jsonl":
            for e in result.events:
                print(to_json_line(e))
        else:
            print(f"== {result.article.title} ({result.article.published})")
            print(events_table(result.events) + "\n")
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    from eventcoder.evaluate import evaluate_file, report_text

    report = evaluate_file(args.gold, level=args.level, actors=args.actors,
                           entities=args.entities, misses=args.misses, limit=args.limit,
                           locations=args.locations)
    print(json.dumps(report, indent=2) if args.format == "json" else report_text(report))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except EventcoderError as exc:
        print(f"eventcoder: error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        print("eventcoder: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
