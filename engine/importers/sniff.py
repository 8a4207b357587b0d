"""Deciding, from the first bytes of a file, whether it is a feed at all and which format it is.

The checks run before any row is read so that a photo, a spreadsheet or a saved web page is
refused with a message saying what the file looks like, instead of thousands of skipped rows.
"""

from __future__ import annotations

import codecs
import json
import logging
import re
from dataclasses import dataclass
from pathlib import Path

from engine.errors import FeedError
from engine.messages import Message

log = logging.getLogger(__name__)

HEAD_BYTES = 64 * 1024
FORMATS = ("csv", "tsv", "jsonl", "json", "merchant-xml")
DELIMITERS = (",", "\t", ";", "|")

_MAGIC = (
    (b"\x89PNG", Message("a PNG image")),
    (b"\xff\xd8\xff", Message("a JPEG image")),
    (b"GIF8", Message("a GIF image")),
    (b"%PDF", Message("a PDF document")),
    (b"PK\x03\x04", Message("a ZIP archive (an Excel .xlsx?) - export the sheet as CSV")),
    (b"\x1f\x8b", Message("gzip-compressed - unpack it first")),
    (b"SQLite format 3\x00", Message("an SQLite database")),
    (b"\xd0\xcf\x11\xe0", Message("an old Office document (.xls?) - export the sheet as CSV")),
)
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"))
_HTML = re.compile(r"(<!--.*?-->\s*)*<(!doctype\s+html|html[\s>]|head[\s>]|body[\s>])", re.I | re.S)
_CONTROL = bytes(b for b in range(0x20) if b not in (0x09, 0x0A, 0x0C, 0x0D))
MAX_CONTROL_SHARE = 0.02
_HIGH_RUN = re.compile(rb"[\x80-\xff]+")


@dataclass(frozen=True)
class Head:
    """What sniffing learned: the text encoding and the decoded start of the file."""

    encoding: str
    text: str


def read_head(path: Path) -> Head:
    """Read and vet the start of ``path``.

    Raises:
        FeedError: unreadable, empty, binary, or a web page.
    """
    try:
        with path.open("rb") as handle:
            raw = handle.read(HEAD_BYTES)
    except OSError as err:
        raise FeedError("Cannot read {name}: {reason}.", name=path.name,
                        reason=err.strerror or str(err)) from err
    if not raw.strip():
        raise FeedError("{name} is empty; a product feed needs a header or products.",
                        name=path.name)
    for magic, what in _MAGIC:
        if raw.startswith(magic):
            raise FeedError("{name} is {what}, not a product feed.", name=path.name, what=what)
    encoding = _encoding(raw)
    if not encoding.startswith("utf-16") and _looks_binary(raw):
        raise FeedError("{name} is not a text file, so it cannot be a product feed.",
                        name=path.name)
    text = raw.decode(encoding, errors="replace").lstrip("\ufeff \t\r\n")
    if _HTML.match(text):
        raise FeedError("{name} is a web page (HTML), not a product feed; "
                        "download the feed file itself.", name=path.name)
    return Head(encoding, text)


def detect_format(path: Path, head: Head) -> str:
    """Pick a format from the content, using the file extension only to break ties."""
    text = head.text
    if text.startswith("<"):
        return "merchant-xml"
    if text.startswith("["):
        return "json"
    if text.startswith("{"):
        return "jsonl" if _first_line_is_json(text) or path.suffix.lower() != ".json" else "json"
    delimiter = sniff_delimiter(text.split("\n", 1)[0], path.suffix.lower())
    return "tsv" if delimiter == "\t" else "csv"


def sniff_delimiter(header: str, suffix: str = "") -> str:
    """The delimiter used in a header line: the most frequent of , tab ; | outside quotes."""
    unquoted = re.sub(r'"[^"]*"', "", header)
    counts = {d: unquoted.count(d) for d in DELIMITERS}
    best = max(DELIMITERS, key=lambda d: counts[d])
    if counts[best] == 0:
        return "\t" if suffix in (".tsv", ".tab", ".txt") else ","
    return best


def _encoding(raw: bytes) -> str:
    """UTF-8 unless a BOM says otherwise or the start is clearly in a legacy encoding.

    A UTF-8 file with a few damaged rows stays UTF-8 (those rows are skipped as "broken
    encoding"); a file where most non-ASCII lines fail UTF-8 was exported in GB18030 or
    Windows-1252, and reading it as such keeps every row.
    """
    for bom, name in _BOMS:
        if raw.startswith(bom):
            return name
    lines = raw.split(b"\n")
    lines = [line for line in (lines[:-1] if len(lines) > 1 else lines) if not line.isascii()]
    bad = sum(1 for line in lines if not _decodes(line, "utf-8"))
    if bad * 2 <= len(lines):
        return "utf-8-sig"
    legacy = _legacy_encoding(lines)
    log.info("Feed is not UTF-8; reading it as %s", legacy)
    return legacy


def _legacy_encoding(lines: list[bytes]) -> str:
    """GB18030 when non-ASCII bytes come in pairs (Chinese), Windows-1252 when they stand alone.

    GB18030 decodes almost any byte string, so decodability alone cannot tell them apart;
    "Crème" in Windows-1252 has a lone high byte, a Chinese character is two high bytes.
    """
    runs = [len(run) for line in lines for run in _HIGH_RUN.findall(line)]
    odd = sum(1 for length in runs if length % 2)
    if odd * 10 <= len(runs) and all(_decodes(line, "gb18030") for line in lines):
        return "gb18030"
    if all(_decodes(line, "cp1252") for line in lines):
        return "cp1252"
    return "utf-8-sig"


def _decodes(data: bytes, encoding: str) -> bool:
    """True if ``data`` decodes, allowing a character cut off at the end of the sample."""
    try:
        codecs.getincrementaldecoder(encoding)().decode(data, final=False)
    except UnicodeDecodeError:
        return False
    return True


def _looks_binary(raw: bytes) -> bool:
    if b"\x00" in raw:
        return True
    control = len(raw) - len(raw.translate(None, _CONTROL))
    return control > MAX_CONTROL_SHARE * len(raw)


def _first_line_is_json(text: str) -> bool:
    first = text.split("\n", 1)[0].strip()
    try:
        json.loads(first)
    except (ValueError, RecursionError):
        return False
    return True
