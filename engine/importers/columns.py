"""Which source column feeds which product field: ``--map``, Merchant names and case folding.

Resolution happens once per feed from the columns seen in its header (or first records):
an explicit mapping wins, then a column named like the field (any case, optional ``g:``
prefix), then the Merchant Center name for it (``link`` -> ``url``, ...). Every column not
used for a field ends up in ``attributes``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from engine.errors import FeedError
from engine.messages import Message

FIELDS = ("id", "title", "description", "category", "brand", "price", "currency", "rating",
          "rating_count", "image_url", "url", "availability", "attributes")
MERCHANT_NAMES = {"url": ("link",), "image_url": ("image_link",), "category": ("product_type",)}
SALE_PRICE = "sale_price"
CATEGORY_FALLBACK = "google_product_category"
TITLE_HINTS = ("name", "product_name", "product", "product_title", "item_name", "title_name")


@dataclass(frozen=True)
class ColumnPlan:
    """Source columns for each field (several are joined with " > "), and the ones used."""

    sources: dict[str, tuple[str, ...]]
    sale_price: str | None = None
    category_fallback: str | None = None
    used: frozenset[str] = field(default_factory=frozenset)

    @property
    def derive_ids(self) -> bool:
        """No id column at all: ids are derived from the product's content (see normalise)."""
        return "id" not in self.sources


def parse_mapping(text: str) -> dict[str, str]:
    """Parse the CLI's ``--map title=product_name,price=discounted_price``.

    ``category=category+sub_category`` maps one field from several columns.

    Raises:
        FeedError: a part is not ``field=column`` or names an unknown field.
    """
    mapping: dict[str, str] = {}
    for part in (p.strip() for p in text.split(",")):
        if not part:
            continue
        name, sep, column = (s.strip() for s in part.partition("="))
        if not sep or not name or not column:
            raise FeedError("--map expects field=column pairs separated by commas, got {part!r}.",
                            part=part)
        mapping[name] = column
    check_mapping(mapping)
    return mapping


def check_mapping(mapping: dict[str, str]) -> None:
    unknown = sorted(set(mapping) - set(FIELDS))
    if unknown:
        raise FeedError("Unknown field {field!r} in the column mapping; fields are: {fields}.",
                        field=unknown[0], fields=", ".join(FIELDS))


def plan_columns(name: str, columns: Iterable[str], mapping: dict[str, str] | None) -> ColumnPlan:
    """Resolve fields to columns for a feed whose (first) records have ``columns``.

    Raises:
        FeedError: a mapped column does not exist, or no column gives a title.
    """
    present = list(dict.fromkeys(columns))
    folded = {_fold(c): c for c in reversed(present)}
    sources: dict[str, tuple[str, ...]] = {}
    for target, source in (mapping or {}).items():
        sources[target] = _mapped_sources(name, source, present, folded)
    for target in FIELDS:
        if target in sources:
            continue
        for candidate in (target, *MERCHANT_NAMES.get(target, ())):
            if _fold(candidate) in folded:
                sources[target] = (folded[_fold(candidate)],)
                break
    if "title" not in sources:
        raise _no_title_error(name, present)
    sale = folded.get(SALE_PRICE) if "price" not in (mapping or {}) else None
    fallback = folded.get(CATEGORY_FALLBACK) if "category" not in (mapping or {}) else None
    used = {c for cols in sources.values() for c in cols} | ({sale} if sale else set())
    return ColumnPlan(sources, sale, fallback, frozenset(used))


def _mapped_sources(name: str, source: str, present: list[str],
                    folded: dict[str, str]) -> tuple[str, ...]:
    parts = [source] if source in present else [p.strip() for p in source.split("+")]
    resolved = []
    for part in parts:
        column = part if part in present else folded.get(_fold(part))
        if column is None:
            raise FeedError("{name} has no column {column!r} (given in the column mapping); "
                            "its columns are: {columns}.", name=name, column=part,
                            columns=_listing(present))
        resolved.append(column)
    return tuple(resolved)


def _fold(column: str) -> str:
    folded = column.strip().lower()
    return folded[2:] if folded.startswith("g:") else folded


def _no_title_error(name: str, present: list[str]) -> FeedError:
    """The error for a feed without a title column, suggesting a column that looks like one."""
    hint = next((c for c in present if _fold(c) in TITLE_HINTS), None)
    if hint:
        return FeedError("{name} has no product title column (its columns are: {columns}). "
                         "Map one, e.g. --map title={hint}.",
                         name=name, columns=_listing(present), hint=hint)
    return FeedError("{name} has no product title column (its columns are: {columns}). "
                     "Map one with --map title=COLUMN.", name=name, columns=_listing(present))


def _listing(columns: list[str], limit: int = 20) -> str:
    """The first ``limit`` column names quoted, and how many more there are."""
    shown = ", ".join(repr(c) for c in columns[:limit])
    if not columns:
        return Message("none")
    if len(columns) > limit:
        return Message("{columns} and {more} more", columns=shown, more=len(columns) - limit)
    return shown
