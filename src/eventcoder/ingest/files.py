"""Which files a source names, which format each is in, and how to open it.

A source is a file, a folder (every file under it, sorted, hidden files
left out), or a glob pattern (``news/**/*.html``). With the ``auto`` format
each file's format comes from its name, else from a sniff of its first bytes.
Gzip-compressed files (``.gz``) are opened transparently.
"""

from __future__ import annotations

import glob
import gzip
import zlib
from pathlib import Path
from typing import IO

from eventcoder.errors import InputError

_SUFFIXES = {
    ".txt": "text", ".text": "text", ".md": "text",
    ".html": "html", ".htm": "html", ".xhtml": "html", ".shtml": "html",
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl",
    ".csv": "csv", ".tsv": "csv",
    ".warc": "warc", ".arc": "warc",
}
GZIP_MAGIC = b"\x1f\x8b"


def is_glob(spec: str) -> bool:
    return any(c in spec for c in "*?[")


def expand(spec: str | Path) -> list[Path]:
    """The files a source names, in a stable order; InputError when there are none."""
    path = Path(spec)
    if path.is_dir():
        return sorted(p for p in path.rglob("*") if p.is_file() and not _hidden(p, path))
    if path.exists():
        return [path]
    if is_glob(str(spec)):
        found = sorted(Path(p) for p in glob.glob(str(spec), recursive=True))
        files = [p for p in found if p.is_file()]
        if not files:
            raise InputError(f"no files match {spec}")
        return files
    raise InputError(f"cannot read {spec}: no such file or folder")


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def guess_format(name: str, head: bytes) -> str:
    """The reader for a file, by its name first, else by its first bytes."""
    lower = name.lower()
    stem = lower[:-3] if lower.endswith(".gz") else lower
    for suffix, fmt in _SUFFIXES.items():
        if stem.endswith(suffix):
            return fmt
    if head.startswith(GZIP_MAGIC):
        head = _gunzip_head(head)
    return sniff(head)


def sniff(head: bytes) -> str:
    """Guess a format from the first bytes of an unnamed input."""
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    lowered = text[:1024].lower()
    if text.startswith((b"WARC/", b"filedesc://")):
        return "warc"
    if text.startswith(b"{"):
        return "jsonl"
    if lowered.startswith((b"<!doctype html", b"<html")) or b"<body" in lowered:
        return "html"
    return "text"


def _gunzip_head(head: bytes) -> bytes:
    try:
        return zlib.decompressobj(wbits=31).decompress(head, 4096)
    except zlib.error:
        return b""


def open_binary(path: Path, fmt: str) -> IO[bytes]:
    """The file's bytes, decompressed when gzip (WARC readers decompress themselves)."""
    try:
        raw = path.open("rb")
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror or exc}") from exc
    if fmt == "warc" or raw.read(2) != GZIP_MAGIC:
        raw.seek(0)
        return raw
    raw.close()
    return gzip.open(path, "rb")


def read_head(path: Path, size: int = 4096) -> bytes:
    try:
        with path.open("rb") as handle:
            return handle.read(size)
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror or exc}") from exc
