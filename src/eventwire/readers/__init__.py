"""Readers: files, directories and standard input in, ``Article``s (or ``Rejection``s) out.

Input forms (SCHEMA.md "Input"): wire-format text (``.txt`` and anything unrecognised that
looks like text), JSON Lines (``.jsonl``, ``.ndjson``, ``.json``), CSV (``.csv``), saved
HTML pages (``.html``, ``.htm``), directories of these (walked in sorted order, hidden
files skipped), and ``-`` for standard input (its form is sniffed from the content).

A reader never raises for a bad article: it yields a ``Rejection`` naming the input (file,
line or row) and the reason, and goes on with the next.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from ..config import ReadConfig
from ..errors import InputError
from ..model import Article, Rejection
from .html import parse_html
from .jsonl import parse_jsonl
from .tabular import parse_csv
from .validate import decode_utf8
from .wire import parse_wire_text

__all__ = ["read_articles", "read_bytes", "parse_wire_text"]

JSONL_SUFFIXES = {".jsonl", ".ndjson", ".json"}
CSV_SUFFIXES = {".csv"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
TEXT_SUFFIXES = {".txt", ".text", ".wire"}
KNOWN_SUFFIXES = JSONL_SUFFIXES | CSV_SUFFIXES | HTML_SUFFIXES | TEXT_SUFFIXES


def read_articles(sources: Iterable[str | os.PathLike[str]], *,
                  config: ReadConfig | None = None,
                  stdin: BinaryIO | None = None) -> Iterator[Article | Rejection]:
    """Yield an Article or a Rejection for every article in ``sources``, in order."""
    config = config or ReadConfig()
    for source in sources:
        if str(source) == "-":
            stream = stdin if stdin is not None else sys.stdin.buffer
            yield from read_bytes(stream.read(), "<stdin>", config=config)
            continue
        path = Path(source)
        if path.is_dir():
            yield from _read_directory(path, config)
        else:
            yield from _read_file(path, config)


def _read_directory(root: Path, config: ReadConfig) -> Iterator[Article | Rejection]:
    found = False
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for filename in sorted(filenames):
            path = Path(dirpath, filename)
            if filename.startswith(".") or path.suffix.lower() not in KNOWN_SUFFIXES:
                continue
            found = True
            yield from _read_file(path, config)
    if not found:
        yield Rejection(str(root), "directory holds no .txt, .jsonl, .csv or .html files")


def _read_file(path: Path, config: ReadConfig) -> Iterator[Article | Rejection]:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        yield Rejection(str(path), "no such file")
        return
    except OSError as exc:
        yield Rejection(str(path), f"cannot read file ({exc.strerror or exc})")
        return
    yield from read_bytes(data, str(path), config=config, suffix=path.suffix.lower())


def read_bytes(data: bytes, name: str, *, config: ReadConfig | None = None,
               suffix: str | None = None) -> Iterator[Article | Rejection]:
    """Read one file's bytes; ``suffix`` picks the form, else it is sniffed from the content."""
    config = config or ReadConfig()
    form = _form(suffix) if suffix in KNOWN_SUFFIXES else _sniff(data)
    if form == "jsonl":
        yield from parse_jsonl(data, name, config)
        return
    if form == "csv":
        yield from parse_csv(data, name, config)
        return
    try:
        text = decode_utf8(data, name)
        if form == "html":
            yield parse_html(text, name, config)
        else:
            yield parse_wire_text(text, name, config)
    except InputError as exc:
        yield Rejection(exc.origin, exc.reason)


def _form(suffix: str | None) -> str:
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    if suffix in CSV_SUFFIXES:
        return "csv"
    if suffix in HTML_SUFFIXES:
        return "html"
    return "text"


# A CSV header cell: a column name such as "id", "date", "text", "published_at" (or empty,
# as in the index column of a pandas export). Names with spaces are not accepted, so that a
# wire story whose first line starts "text, images and video ..." is not taken for CSV.
_CSV_COLUMN = re.compile(r"[A-Za-z_][A-Za-z0-9_.-]{0,63}")


def _sniff(data: bytes) -> str:
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith((b"{", b"[{", b"[\n", b"[ ")):
        return "jsonl"
    lowered = head[:64].lower()
    if lowered.startswith((b"<!doctype html", b"<html", b"<?xml", b"<head", b"<body")):
        return "html"
    if _is_csv_header(data[:4096].removeprefix(b"\xef\xbb\xbf").split(b"\n", 1)[0]):
        return "csv"
    return "text"


def _is_csv_header(line: bytes) -> bool:
    """True for a first line such as ``id,date,text`` (a header row naming a 'text' column)."""
    try:
        cells = line.rstrip(b"\r").decode("utf-8").split(",")
    except UnicodeDecodeError:
        return False
    names = [c.strip().strip('"').strip() for c in cells]
    return (len(names) >= 2 and "text" in names
            and all(not n or _CSV_COLUMN.fullmatch(n) for n in names))
