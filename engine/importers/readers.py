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
                reason = "too long" if "field limit" in str(err) else "malformed row"
                yield SkippedRow(start, reason, f"cannot split the line into columns: {err}")
                continue
            last_line = reader.line_num
            if row and any(cell.strip() for cell in row):
                yield _delimited_row(start, header, row)


def _header(path: Path, reader: Any) -> list[str]:
    """Column names, with blanks named ``column_N`` and repeats numbered, so none is lost."""
    try:
        cells = next((row for row in reader if any(c.strip() for c in row)), None)
    except csv.Error as err:
        raise FeedError(f"{path.name}: the header line cannot be read ({err}).") from err
    if cells is None:
        raise FeedError(f"{path.name} has no header line.")
    if has_broken_encoding("".join(cells)):
        raise FeedError(f"{path.name}: the header line is not valid text in any encoding we read.")
    names: list[str] = []
    for index, cell in enumerate(cells, 1):
        name = cell.strip() or f"column_{index}"
        names.append(name if name not in names else f"{name}_{index}")
    return names


def _delimited_row(line: int, header: list[str], row: list[str]) -> RawItem:
    if has_broken_encoding("\x00".join(row)):
        return SkippedRow(line, "broken encoding", "the row has bytes that are not text")
    if len(row) > len(header) and not any(cell.strip() for cell in row[len(header):]):
        row = row[:len(header)]
    if len(row) != len(header):
        return SkippedRow(line, "malformed row",
                          f"{len(row)} columns where the header has {len(header)}")
    return line, dict(zip(header, row, strict=True))


def read_jsonl(path: Path, encoding: str) -> Iterator[RawItem]:
    """One JSON object per line; blank lines are ignored."""
    with open_text(path, encoding) as stream:
        for number, line in enumerate(stream, 1):
            text = line.strip()
            if not text:
                continue
            if has_broken_encoding(text):
                yield SkippedRow(number, "broken encoding", "the line has bytes that are not text")
                continue
            yield _json_object(number, text)


def _json_object(number: int, text: str) -> RawItem:
    try:
        value = json.loads(text)
    except (ValueError, RecursionError) as err:
        return SkippedRow(number, "malformed row", f"not valid JSON: {str(err)[:120]}")
    if not isinstance(value, dict):
        return SkippedRow(number, "malformed row",
                          f"a JSON {type(value).__name__}, not a product object")
    return number, value


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
            raise FeedError(f"{self.path.name} is JSON but not an array of products; use an array "
                            "of objects or JSON Lines (one object per line).")
        self._advance(1)
        expect_comma = False
        while True:
            char = self._next_char()
            if char == "]":
                return
            if expect_comma:
                if char != ",":
                    self._broken("expected ',' or ']'")
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
            return SkippedRow(start_line, "broken encoding",
                              "the element has bytes that are not text")
        if not isinstance(value, dict):
            return SkippedRow(start_line, "malformed row",
                              f"a JSON {type(value).__name__}, not a product object")
        return start_line, value

    def _next_char(self) -> str:
        """Skip whitespace and return the next character ('' at end of file)."""
        while True:
            match = _JSON_SPACE.match(self.buf, self.pos)
            self._advance(match.end() - self.pos if match else 0)
            if self.pos < len(self.buf):
                return self.buf[self.pos]
            if self.eof:
                self._broken("the file ends before the array is closed")
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
        raise FeedError(f"{self.path.name}: the JSON is broken near line {self.line} ({why}); "
                        "nothing was imported.")
