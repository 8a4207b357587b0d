"""Google Merchant Center XML feeds: RSS 2.0 ``<item>`` or Atom ``<entry>`` with ``g:`` fields.

Parsed with defusedxml's parser (no DTDs, no entity declarations, no external references,
so an entity-expansion bomb or a file-stealing external entity is refused before anything is
expanded) driving a small SAX-style target: each finished item becomes one raw row and is
dropped, so memory stays flat however large the feed is. Field names are the local names
(``g:price`` and ``price`` are both ``price``); a field with child elements (``g:shipping``)
becomes a dict, and a repeated field a list.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser

from engine.errors import FeedError
from engine.importers.readers import RawItem

CHUNK_BYTES = 64 * 1024
FEED_ROOTS = ("rss", "feed", "RDF")
ITEM_TAGS = ("item", "entry")


class _NotAFeed(Exception):
    """Raised from the parser callback when the root element is not RSS or Atom."""


def local_name(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


class _ItemCollector:
    """Parser target: collects the fields of each ``<item>``/``<entry>`` as it completes."""

    def __init__(self) -> None:
        self.expat: Any = None
        self.depth = 0
        self.root: str | None = None
        self.item: dict[str, Any] | None = None
        self.item_depth = 0
        self.item_line = 0
        self.field, self.sub_field = "", ""
        self.text: list[str] = []
        self.sub_text: list[str] = []
        self.children: dict[str, Any] = {}
        self.ready: list[RawItem] = []

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        name = local_name(tag)
        self.depth += 1
        if self.root is None:
            self.root = name
            if name not in FEED_ROOTS:
                raise _NotAFeed(name)
        if self.item is None:
            if name in ITEM_TAGS:
                self.item, self.item_depth = {}, self.depth
                self.item_line = self.expat.CurrentLineNumber
            return
        level = self.depth - self.item_depth
        if level == 1:
            self.field, self.text, self.children = name, [], {}
            if name == "link" and attrib.get("rel", "alternate") == "alternate":
                self.text.append(attrib.get("href", ""))  # Atom puts the URL in href
        elif level == 2:
            self.sub_field, self.sub_text = name, []

    def data(self, text: str) -> None:
        if self.item is None:
            return
        level = self.depth - self.item_depth
        if level == 1:
            self.text.append(text)
        elif level == 2:
            self.sub_text.append(text)

    def end(self, tag: str) -> None:
        if self.item is not None:
            level = self.depth - self.item_depth
            if level == 2:
                _add(self.children, self.sub_field, "".join(self.sub_text).strip())
            elif level == 1:
                _add(self.item, self.field, self.children or "".join(self.text).strip())
            elif level == 0:
                self.ready.append((self.item_line, self.item))
                self.item = None
        self.depth -= 1

    def close(self) -> None:
        """Required by the parser's target protocol; nothing to finish."""


def _add(record: dict[str, Any], name: str, value: Any) -> None:
    """Set a field; a repeated one becomes a list (empty repeats do not hide a real value)."""
    if name not in record or record[name] in ("", {}):
        record[name] = value
    elif value not in ("", {}):
        existing = record[name]
        record[name] = (existing if isinstance(existing, list) else [existing]) + [value]


def read_merchant_xml(path: Path) -> Iterator[RawItem]:
    """Raw rows of a Merchant RSS/Atom feed, in file order.

    Raises:
        FeedError: not well-formed XML (XML cannot skip a broken part), not RSS/Atom, or
            a DTD/entity declaration (refused for safety).
    """
    collector = _ItemCollector()
    parser = DefusedXMLParser(target=collector, forbid_dtd=True)
    collector.expat = parser.parser
    try:
        with path.open("rb") as handle:
            while chunk := handle.read(CHUNK_BYTES):
                parser.feed(chunk)
                yield from collector.ready
                collector.ready.clear()
            parser.close()
            yield from collector.ready
    except _NotAFeed as err:
        raise _root_error(path, str(err)) from None
    except DefusedXmlException as err:
        raise FeedError("{name} declares a DTD or entities, which product feeds never need; "
                        "it was refused for safety.", name=path.name) from err
    except ParseError as err:
        line = err.position[0] if getattr(err, "position", None) else "?"
        raise FeedError("{name} is not well-formed XML (line {line}: {reason}); "
                        "nothing was imported.", name=path.name, line=line,
                        reason=str(err).split(":")[0]) from None
    if collector.root is None:
        raise FeedError("{name} has no XML content.", name=path.name)


def _root_error(path: Path, root: str) -> FeedError:
    """The error for an XML file whose root element says it is no feed (a web page, ...)."""
    if root.lower() == "html":
        return FeedError("{name} is a web page (HTML), not a product feed.", name=path.name)
    return FeedError("{name} is an XML document of type <{root}>, not a product feed "
                     "(expected RSS <rss> or Atom <feed> with Merchant Center fields).",
                     name=path.name, root=root)
