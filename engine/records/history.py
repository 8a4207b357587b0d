"""Records of what Aisle records and sees: history events (one frozen ``Event`` per shopper
action, and its JSON form), network attempts, and the privacy view of both.

Events keep a snapshot of the product's title, category, brand and price, so the history stays
readable (and the profile can be rebuilt) after the catalog changed or dropped the product.
Search events keep the list that was shown, so the ranker can learn from what was skipped.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any

from engine.errors import HistoryError
from engine.records.catalog import Product

KINDS = ("search", "view", "click", "save", "unsave", "cart", "bought", "dismiss")
"""Every kind of action the history records."""


@dataclass(frozen=True)
class ProductSnapshot:
    """The product as it was when the event happened."""

    title: str = ""
    category: str = ""
    brand: str = ""
    price: float | None = None
    currency: str = ""

    @classmethod
    def of(cls, product: Product) -> ProductSnapshot:
        return cls(product.title, product.category, product.brand, product.price, product.currency)


@dataclass(frozen=True)
class ShownItem:
    """One entry of a result list as it was shown: the search's scores for it."""

    product_id: str
    score: float = 0.0
    keyword_rank: int | None = None
    dense_rank: int | None = None


@dataclass(frozen=True)
class Event:
    """One recorded action. ``ref`` is the id of the search event a click came from."""

    kind: str
    ts: float
    product_id: str | None = None
    query: str | None = None
    slot: str | None = None
    dwell: float | None = None
    ref: int | None = None
    shown: tuple[ShownItem, ...] = ()
    product: ProductSnapshot | None = None
    id: int | None = None

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise HistoryError("Unknown history event '{kind}' (use one of {kinds}).",
                               kind=self.kind, kinds=", ".join(KINDS))
        if self.kind != "search" and not self.product_id:
            raise HistoryError("A '{kind}' event needs the product it is about.", kind=self.kind)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "ts": self.ts, "kind": self.kind, "product_id": self.product_id,
            "query": self.query, "slot": self.slot, "dwell": self.dwell, "ref": self.ref,
            "shown": [[s.product_id, s.score, s.keyword_rank, s.dense_rank] for s in self.shown],
            "product": None if self.product is None else self.product.__dict__.copy(),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Event:
        """Rebuild an event from :meth:`to_dict` output (an exported history file).

        Raises:
            HistoryError: the entry is not a valid event.
        """
        try:
            product = data.get("product")
            return cls(
                kind=str(data["kind"]), ts=float(data["ts"]), product_id=data.get("product_id"),
                query=data.get("query"), slot=data.get("slot"),
                dwell=None if data.get("dwell") is None else float(data["dwell"]),
                ref=data.get("ref"), id=data.get("id"),
                shown=tuple(ShownItem(str(s[0]), float(s[1]), s[2], s[3])
                            for s in data.get("shown") or ()),
                product=ProductSnapshot(**product) if product else None,
            )
        except (KeyError, TypeError, ValueError, IndexError) as err:
            raise HistoryError("A history entry is not valid ({error!r}); the file may be "
                               "damaged.", error=err) from err


@dataclass(frozen=True)
class NetworkAttempt:
    """One connection attempt the network guard saw (allowed only for a download you started)."""

    time: float
    event: str
    host: str
    port: int | None
    allowed: bool

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class PrivacySnapshot:
    """What Aisle records and has learned, whether recording is paused, and network attempts."""

    paused: bool
    events: tuple[Event, ...]  # the newest first
    total_events: int
    categories: tuple[tuple[str, float], ...]
    brands: tuple[tuple[str, float], ...]
    price_range: str | None
    price_bands: tuple[tuple[str, float], ...]  # ("$25–50", share), cheapest band first
    ranker: Mapping[str, Any] | None
    network: tuple[NetworkAttempt, ...]
    # How the kernel keeps the chat model's process off the network ("seccomp", "network
    # namespace"; "": this system offers no way, and only the Python guard stands).
    model_network_seal: str
