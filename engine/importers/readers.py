"""Streaming readers that turn a feed file into raw rows ``(line, {column: value})``.

Text is decoded with ``surrogateescape`` so a byte that is not valid in the file's encoding
does not stop the file: it survives as a lone surrogate, and the row that holds it is skipped
as "broken encoding" by :func:`has_broken_encoding`. Rows that cannot be split into columns
become ``SkippedRow(..., "malformed row", ...)`` here; field-level checks happen later.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NoReturn, TextIO

from engine.errors import FeedError
from engine.messages import Message
from engine.records import SkippedRow

RawRow = tuple[int, dict[str, Any]]
RawItem = RawRow | SkippedRow

CHUNK_CHARS = 64 * 1024
MAX_JSON_ELEMENT_CHARS = 16 * 1024 * 1024
_SURROGATE = re.compile("[\udc80-\udcff]")
_JSON_SPACE = re.compile(r"[ \t\n\r]*")


def has_broken_encoding(text: str) -> bool:
    """True if decoding left an undecodable byte (a lone surrogate) in ``text``."""
    return _SURROGATE.search(text) is not None


def _escape_bad_bytes(err: UnicodeError) -> tuple[str, int]:
    """``surrogateescape`` that also takes bytes below 0x80, which it refuses: a UTF-16 file cut
    mid-character ends in one; both become lone surrogates that mark the row as broken."""
    if not isinstance(err, UnicodeDecodeError):
        raise err
    return "".join(chr(0xDC80 | b) for b in err.object[err.start:err.end]), err.end


codecs.register_error("aisle-escape", _escape_bad_bytes)


def open_text(path: Path, encoding: str) -> TextIO:
    """Open ``path`` as text that never raises on bad bytes (see module docstring)."""
    return io.TextIOWrapper(path.open("rb"), encoding=encoding, errors="aisle-escape",
                            newline="")


def read_delimited(path: Path, encoding: str, delimiter: str) -> Iterator[RawItem]:
    """Rows of a CSV/TSV file as dicts keyed by the header; the header is line 1."""
    with open_text(path, encoding) as stream:
        reader = csv.reader(stream, delimiter=delimiter)
        header = _header(path, reader)
        last_line = reader.line_num
        while True:
            start = last_line + 1
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as err:
                last_line = reader.line_num
                yield _unsplittable(start, err)
                continue
            last_line = reader.line_num
            if row and any(cell.strip() for cell in row):
                yield _delimited_row(start, header, row)


def _unsplittable(line: int, err: csv.Error) -> SkippedRow:
    """The skip for a line csv cannot split: a field over its size limit, or broken quoting."""
    detail = Message("cannot split the line into columns: {reason}", reason=str(err))
    if "field limit" in str(err):
        return SkippedRow(line, Message("too long"), detail)
    return SkippedRow(line, Message("malformed row"), detail)


def _header(path: Path, reader: Any) -> list[str]:
    """Column names, with blanks named ``column_N`` and repeats numbered, so none is lost."""
    try:
        cells = next((row for row in reader if any(c.strip() for c in row)), None)
    except csv.Error as err:
        raise FeedError("{name}: the header line cannot be read ({reason}).", name=path.name,
                        reason=str(err)) from err
    if cells is None:
        raise FeedError("{name} has no header line.", name=path.name)
    if has_broken_encoding("".join(cells)):
        raise FeedError("{name}: the header line is not valid text in any encoding we read.",
                        name=path.name)
    names: list[str] = []
    for index, cell in enumerate(cells, 1):
        name = cell.strip() or f"column_{index}"
        names.append(name if name not in names else f"{name}_{index}")
    return names


def _delimited_row(line: int, header: list[str], row: list[str]) -> RawItem:
    if has_broken_encoding("\x00".join(row)):
        return SkippedRow(line, Message("broken encoding"),
                          Message("the row has bytes that are not text"))
    if len(row) > len(header) and not any(cell.strip() for cell in row[len(header):]):
        row = row[:len(header)]
    if len(row) != len(header):
        return SkippedRow(line, Message("malformed row"),
                          Message("{count} columns where the header has {expected}",
                                  count=len(row), expected=len(header)))
    return line, dict(zip(header, row, strict=True))


def read_jsonl(path: Path, encoding: str) -> Iterator[RawItem]:
    """One JSON object per line; blank lines are ignored."""
    with open_text(path, encoding) as stream:
        for number, line in enumerate(stream, 1):
            text = line.strip()
            if not text:
                continue
            if has_broken_encoding(text):
                yield SkippedRow(number, Message("broken encoding"),
                                 Message("the line has bytes that are not text"))
                continue
            yield _json_object(number, text)


def _json_object(number: int, text: str) -> RawItem:
    try:
        value = json.loads(text)
    except (ValueError, RecursionError) as err:
        return SkippedRow(number, Message("malformed row"),
                          Message("not valid JSON: {reason}", reason=str(err)[:120]))
    if not isinstance(value, dict):
        return _not_an_object(number, value)
    return number, value


def _not_an_object(line: int, value: Any) -> SkippedRow:
    """The skip for a JSON value that is not an object (a list, a string, a number, ...)."""
    return SkippedRow(line, Message("malformed row"),
                      Message("a JSON {kind}, not a product object", kind=type(value).__name__))


def read_json_array(path: Path, encoding: str) -> Iterator[RawItem]:
    """Elements of a top-level JSON array, decoded one by one so the file is never all in memory.

    Raises:
        FeedError: the top level is not an array, or the JSON breaks off (an array cannot be
            resynchronised after an error, and importing half a catalog would silently
            remove the other half).
    """
    with open_text(path, encoding) as stream:
        yield from _ArrayScanner(path, stream).elements()


class _ArrayScanner:
    """Incremental ``raw_decode`` over a growing buffer, tracking line numbers."""

    def __init__(self, path: Path, stream: TextIO) -> None:
        self.path, self.stream = path, stream
        self.buf, self.pos, self.line, self.eof = "", 0, 1, False
        self.decoder = json.JSONDecoder()

    def elements(self) -> Iterator[RawItem]:
        if self._next_char() != "[":
            raise FeedError("{name} is JSON but not an array of products; use an array "
                            "of objects or JSON Lines (one object per line).", name=self.path.name)
        self._advance(1)
        expect_comma = False
        while True:
            char = self._next_char()
            if char == "]":
                return
            if expect_comma:
                if char != ",":
                    self._broken(Message("expected ',' or ']'"))
                self._advance(1)
                self._next_char()
            yield self._element()
            expect_comma = True

    def _element(self) -> RawItem:
        start_line = self.line
        while True:
            try:
                value, end = self.decoder.raw_decode(self.buf, self.pos)
                if end < len(self.buf) or self.eof or isinstance(value, (dict, list, str)):
                    break
                self._fill(CHUNK_CHARS)  # a bare number may continue in the next chunk
                continue
            except (ValueError, RecursionError) as err:
                if self.eof or len(self.buf) - self.pos > MAX_JSON_ELEMENT_CHARS:
                    self._broken(str(err)[:120])
                self._fill(max(CHUNK_CHARS, len(self.buf) - self.pos))
        text = self.buf[self.pos:end]
        self._advance(end - self.pos)
        if has_broken_encoding(text):
            return SkippedRow(start_line, Message("broken encoding"),
                              Message("the element has bytes that are not text"))
        if not isinstance(value, dict):
            return _not_an_object(start_line, value)
        return start_line, value

    def _next_char(self) -> str:
        """Skip whitespace and return the next character ('' at end of file)."""
        while True:
            match = _JSON_SPACE.match(self.buf, self.pos)
            self._advance(match.end() - self.pos if match else 0)
            if self.pos < len(self.buf):
                return self.buf[self.pos]
            if self.eof:
                self._broken(Message("the file ends before the array is closed"))
            self._fill(CHUNK_CHARS)

    def _advance(self, count: int) -> None:
        self.line += self.buf.count("\n", self.pos, self.pos + count)
        self.pos += count
        if self.pos > CHUNK_CHARS * 16:
            self.buf, self.pos = self.buf[self.pos:], 0

    def _fill(self, size: int) -> None:
        chunk = self.stream.read(size)
        self.eof = not chunk
        self.buf += chunk

    def _broken(self, why: str) -> NoReturn:
        """Stop the import: ``why`` is a :class:`Message`, or the JSON decoder's own words."""
        raise FeedError("{name}: the JSON is broken near line {line} ({why}); "
                        "nothing was imported.", name=self.path.name, line=self.line, why=why)
