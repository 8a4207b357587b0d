"""Records of the saved list and the cart."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from engine.records.catalog import Product


@dataclass(frozen=True)
class ListItem:
    """A product on the saved list or in the cart. ``product`` is the catalog's current one, or
    None when an update removed it (``title``, ``price`` and ``currency`` are then as saved)."""

    product_id: str
    title: str
    price: float | None
    currency: str
    quantity: int
    added: float
    product: Product | None = None

    @property
    def subtotal(self) -> float | None:
        return None if self.price is None else round(self.price * self.quantity, 2)


@dataclass(frozen=True)
class PriceDrop:
    """A listed product that the latest catalog update made cheaper."""

    product_id: str
    title: str
    before: float
    now: float
    currency: str


@dataclass(frozen=True)
class ShoppingList:
    """The saved list ("saved") or the cart ("cart"), newest first, with a total per currency
    (of the products still in the catalog with a price) and how many are no longer in it."""

    name: str
    items: tuple[ListItem, ...]
    totals: tuple[tuple[str, float], ...]
    missing: int
    drops: tuple[PriceDrop, ...] = ()  # its products the latest update made cheaper

    def to_dict(self) -> dict[str, Any]:
        return {"list": self.name,
                "items": [{"id": i.product_id, "title": i.title, "price": i.price,
                           "currency": i.currency, "quantity": i.quantity,
                           "subtotal": i.subtotal, "in_catalog": i.product is not None}
                          for i in self.items],
                "totals": dict(self.totals)}


@dataclass(frozen=True)
class ItemState:
    """Whether a product is saved and how many are in the cart (what cards and pages show)."""

    saved: bool = False
    in_cart: int = 0
