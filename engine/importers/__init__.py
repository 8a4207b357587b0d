"""Product feed importers: Merchant Center TSV/XML, CSV, TSV, JSON Lines and JSON arrays.

``read_feed`` vets the file up front (a photo, a web page or an empty file raises
:class:`FeedError` at once, naming the file) and returns a :class:`Feed`; iterating the feed
streams ``Product`` or ``SkippedRow`` items in file order without loading the file.

Skip reasons (``SkippedRow.reason``) are a fixed set, see :data:`SKIP_REASONS`. Structural
damage that cannot be skipped row by row (broken XML, a JSON array that breaks off) raises
``FeedError`` during iteration, so a half-read feed is never mistaken for a whole catalog.
"""

from __future__ import annotations

import contextlib
import itertools
import logging
from collections.abc import Generator, Iterator
from pathlib import Path

from engine.errors import FeedError
from engine.importers.columns import FIELDS, ColumnPlan, check_mapping, parse_mapping, plan_columns
from engine.importers.merchant_xml import read_merchant_xml
from engine.importers.normalise import RowNormaliser
from engine.importers.prices import parse_price
from engine.importers.readers import RawItem, read_delimited, read_json_array, read_jsonl
from engine.importers.sniff import FORMATS, Head, detect_format, read_head, sniff_delimiter
from engine.messages import Message
from engine.records import Product, SkippedRow

__all__ = ["FIELDS", "FORMATS", "SKIP_REASONS", "Feed", "parse_mapping", "parse_price",
           "read_feed"]

log = logging.getLogger(__name__)

SKIP_REASONS = (Message("missing id"), Message("missing title"), Message("bad price"),
                Message("duplicate id"), Message("broken encoding"), Message("too long"),
                Message("malformed row"))
SAMPLE_ROWS = 200


class Feed:
    """A vetted feed file; iterate it (again and again) for ``Product | SkippedRow``.

    ``plan`` tells which column feeds which field; ``plan.derive_ids`` is true when the feed
    has no id column and ids are derived from each product's content.
    """

    def __init__(self, path: Path, format: str, head: Head, mapping: dict[str, str] | None) -> None:
        self.path = path
        self.format = format
        self._head = head
        self._mapping = mapping
        self.plan: ColumnPlan = self._plan()

    def __iter__(self) -> Iterator[Product | SkippedRow]:
        normaliser = RowNormaliser(self.plan)
        for item in self._raw():
            yield item if isinstance(item, SkippedRow) else normaliser.convert(*item)

    def _plan(self) -> ColumnPlan:
        """Resolve columns from the header or the first records.

        Raises:
            FeedError: no readable row to learn the columns from, or no title column.
        """
        with contextlib.closing(self._raw()) as rows:
            sample = list(itertools.islice(rows, SAMPLE_ROWS))
        records = [item[1] for item in sample if not isinstance(item, SkippedRow)]
        skipped = [item for item in sample if isinstance(item, SkippedRow)]
        if skipped and not records:
            first = skipped[0]
            raise FeedError("{name}: none of the first {count} rows can be read "
                            "(line {line}: {reason}, {detail}).", name=self.path.name,
                            count=len(sample), line=first.line, reason=first.reason,
                            detail=first.detail)
        if not records:
            raise FeedError("{name} contains no product rows.", name=self.path.name)
        columns = itertools.chain.from_iterable(records)
        plan = plan_columns(self.path.name, columns, self._mapping)
        if plan.derive_ids:
            log.info("%s has no id column; ids are derived from each product's content",
                     self.path.name)
        return plan

    def _raw(self) -> Generator[RawItem, None, None]:
        """Raw rows for this format; read errors become ``FeedError``."""
        try:
            yield from self._reader()
        except OSError as err:
            raise FeedError("Cannot read {name}: {reason}.", name=self.path.name,
                            reason=err.strerror or str(err)) from err

    def _reader(self) -> Iterator[RawItem]:
        encoding = self._head.encoding
        if self.format == "merchant-xml":
            return read_merchant_xml(self.path)
        if self.format == "jsonl":
            return read_jsonl(self.path, encoding)
        if self.format == "json":
            return read_json_array(self.path, encoding)
        delimiter = "\t" if self.format == "tsv" else sniff_delimiter(
            self._head.text.split("\n", 1)[0], self.path.suffix.lower())
        return read_delimited(self.path, encoding, delimiter)


def read_feed(path: Path | str, *, format: str = "auto",
              mapping: dict[str, str] | None = None) -> Feed:
    """Open a product feed for streaming.

    Args:
        path: the feed file.
        format: "auto" (sniff the content) or one of :data:`FORMATS`.
        mapping: our field name -> source column (``"a+b"`` joins columns with " > ").

    Returns:
        A :class:`Feed`; ``feed.format`` is the format used.

    Raises:
        FeedError: unreadable, empty, binary, HTML, unknown format, a mapping that does not
            fit, or no title column.
    """
    path = Path(path)
    if format != "auto" and format not in FORMATS:
        raise FeedError("Unknown feed format {format!r}; use one of: auto, {formats}.",
                        format=format, formats=", ".join(FORMATS))
    if mapping:
        check_mapping(mapping)
    if path.is_dir():
        raise FeedError("{name} is a folder, not a feed file.", name=path.name)
    head = read_head(path)
    chosen = detect_format(path, head) if format == "auto" else format
    log.info("Reading %s as %s", path.name, chosen)
    return Feed(path, chosen, head, mapping)
