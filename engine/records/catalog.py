"""Records of the catalog: products, imports, searches and what a product's page shows."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

SORTS = ("relevance", "price", "price_desc", "rating")
"""Every order a search can be sorted in; ``price`` is cheapest first."""
SEARCH_MODES = ("keyword", "dense", "hybrid", "learned")
"""How a search finds and orders candidates: FTS5 alone, embeddings alone, both fused by score,
or both ordered by the learned ranker (engine/ranking)."""
CROSSLINGUAL = ("translate", "embed", "none")
"""How a Chinese query searches a catalog that is not Chinese: both legs search its English
words (the glossary's), the dense leg embeds the Chinese itself, or neither is done."""


@dataclass(frozen=True)
class Product:
    """One catalog product in our own field names.

    ``category`` is a path such as ``"Home > Rugs > Wool rugs"``; ``attributes`` holds
    feed-specific extras (colour, size, gtin, ...).
    """

    id: str
    title: str
    description: str = ""
    category: str = ""
    brand: str = ""
    price: float | None = None
    currency: str = ""
    rating: float | None = None
    rating_count: int | None = None
    image_url: str = ""
    url: str = ""
    availability: str = ""
    attributes: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @property
    def category_levels(self) -> list[str]:
        return [part.strip() for part in self.category.split(">") if part.strip()]


@dataclass(frozen=True)
class SkippedRow:
    """A feed row the importer refused, with the reason shown to the user."""

    line: int
    reason: str
    detail: str


@dataclass
class ImportReport:
    """What an import did; printed as JSON by the CLI and shown by the GUI."""

    imported: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    embedded: int = 0
    skipped: dict[str, int] = field(default_factory=dict)
    examples: list[SkippedRow] = field(default_factory=list)
    seconds: float = 0.0
    format: str = ""

    MAX_EXAMPLES = 10

    def skip(self, row: SkippedRow) -> None:
        self.skipped[row.reason] = self.skipped.get(row.reason, 0) + 1
        if len(self.examples) < self.MAX_EXAMPLES:
            self.examples.append(row)

    @property
    def skipped_total(self) -> int:
        return sum(self.skipped.values())

    def to_dict(self) -> dict[str, Any]:
        return {
            "format": self.format,
            "imported": self.imported,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "removed": self.removed,
            "embedded": self.embedded,
            "skipped": dict(self.skipped),
            "skipped_total": self.skipped_total,
            "examples": [asdict(e) for e in self.examples],
            "seconds": round(self.seconds, 3),
        }


@dataclass(frozen=True)
class SearchFilters:
    """Filters applied after retrieval; ``None`` means no constraint."""

    category: str | None = None
    brand: str | None = None
    min_price: float | None = None
    max_price: float | None = None
    min_rating: float | None = None


@dataclass(frozen=True)
class SearchHit:
    product: Product
    score: float
    keyword_rank: int | None = None
    dense_rank: int | None = None


@dataclass(frozen=True)
class FacetValue:
    value: str
    count: int


@dataclass(frozen=True)
class SearchResult:
    query: str
    hits: list[SearchHit]
    total: int
    facets: dict[str, list[FacetValue]]
    took_ms: float
    corrected_query: str | None = None
    # Who put a query in the catalog's language: "glossary" (word by word), "model" (the chat
    # model's translation beside the glossary's), None (searched as typed).
    translated_by: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "query": self.query,
            "corrected_query": self.corrected_query,
            "translated_by": self.translated_by,
            "total": self.total,
            "results": [
                {
                    "id": h.product.id,
                    "title": h.product.title,
                    "price": h.product.price,
                    "currency": h.product.currency,
                    "rating": h.product.rating,
                    "brand": h.product.brand,
                    "category": h.product.category,
                    "score": round(h.score, 6),
                }
                for h in self.hits
            ],
            "facets": {
                name: [{"value": f.value, "count": f.count} for f in values]
                for name, values in self.facets.items()
            },
            "took_ms": round(self.took_ms, 2),
        }


@dataclass(frozen=True)
class SearchPage:
    """One page of search results; ``reasons`` says why products on it moved up for this
    shopper (empty unless ``personalized``: personal order of the whole result)."""

    result: SearchResult
    reasons: Mapping[str, str] = field(default_factory=dict)
    personalized: bool = False

    def to_dict(self) -> dict[str, Any]:
        return self.result.to_dict()


@dataclass(frozen=True)
class Pick:
    """One recommended product and why it was picked."""

    product: Product
    reason: str
    score: float
    source: str


@dataclass(frozen=True)
class PricePoint:
    """A product's price as one installed catalog version carried it (``label``: its name and
    version or date; ``seen``: when it was installed here)."""

    seen: float
    label: str
    price: float
    currency: str


@dataclass(frozen=True)
class ProductPage:
    """A product with what is shown under it: similar items, and picks "because you viewed"
    the product looked at before (``because_title``; empty when there was none)."""

    product: Product
    similar: tuple[Pick, ...] = ()
    because: tuple[Pick, ...] = ()
    because_title: str = ""
    prices: tuple[PricePoint, ...] = ()  # its price in each installed version that changed it
    thumbnail: bytes | None = None  # the JPEG its catalog bundle carried, if any
