"""The facade's saved list and cart (``aisle.lists``): add, remove, change quantities, totals,
export.

The same actions are recorded in the history (while it is not paused), so what the shopper
saves still teaches the "for you" picks; the lists themselves live in ``lists.db``.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable
from pathlib import Path

from engine.errors import ListError
from engine.facade.shared import ActiveCatalog, price_drops
from engine.personalization.personalizer import Personalizer
from engine.price_history import PriceHistory
from engine.records import ItemState, ListItem, Product, ShoppingList
from engine.shopping_lists import ListStore, check_list

EXPORT_FORMATS = ("csv", "json")
CSV_COLUMNS = ("id", "title", "price", "currency", "quantity", "subtotal", "in_catalog")


class ListOps:
    """The saved list and the cart, priced from the active catalog."""

    def __init__(self, lists: Callable[[], ListStore], *, catalog: ActiveCatalog,
                 personalizer: Callable[[], Personalizer],
                 prices: Callable[[], PriceHistory]) -> None:
        """Args:
            personalizer: records what is saved or put in the cart.
            prices: the price history, for the items' price drops.
        """
        self._lists = lists
        self._catalog = catalog
        self._personalizer = personalizer
        self._prices = prices

    def shopping_list(self, name: str) -> ShoppingList:
        """The saved list ("saved") or the cart ("cart") with today's catalog prices (the price
        when it was added, for a product no longer in the catalog) and totals per currency of
        the products still in the catalog."""
        catalog = self._catalog()
        stored = self._lists().items(name)
        current = {p.id: p for p in catalog.get_many([i.product_id for i in stored])}
        items = tuple(_with_product(item, current.get(item.product_id)) for item in stored)
        totals: dict[str, float] = {}
        for item in items:
            if item.subtotal is not None and item.product is not None:
                totals[item.currency] = round(totals.get(item.currency, 0.0) + item.subtotal, 2)
        return ShoppingList(name, items, tuple(sorted(totals.items())),
                            sum(item.product is None for item in items),
                            price_drops(self._prices(), catalog, [i.product_id for i in items]))

    def item_states(self, product_ids: Iterable[str] | None = None) -> dict[str, ItemState]:
        """Saved and in-cart state per product (of every listed product when None); products
        on neither list are left out."""
        return self._lists().states(product_ids)

    def save_product(self, product_id: str, *, context: str = "") -> ItemState:
        """Put the product on the saved list.

        Raises:
            ListError: the catalog has no such product.
        """
        self._lists().add("saved", self._listable(product_id))
        self._personalizer().record("save", product_id, context=context)
        return self._state(product_id)

    def add_to_cart(self, product_id: str, quantity: int = 1, *, context: str = "") -> ItemState:
        """Put ``quantity`` more of the product in the cart.

        Raises:
            ListError: the catalog has no such product.
        """
        self._lists().add("cart", self._listable(product_id), quantity)
        self._personalizer().record("cart", product_id, context=context)
        return self._state(product_id)

    def set_quantity(self, name: str, product_id: str, quantity: int) -> ItemState:
        """How many of the product the list holds (0 removes it; the saved list holds one).

        Raises:
            ListError: the quantity is out of range, or the product is not on the list.
        """
        if not self._lists().set_quantity(name, product_id, quantity) and quantity:
            raise _not_on_list(name, product_id)
        return self._state(product_id)

    def remove_from_list(self, name: str, product_id: str, *, context: str = "") -> ItemState:
        """Take the product off the list (a product gone from the catalog, too)."""
        if self._lists().remove(name, product_id) and name == "saved" and (
                self._catalog().get(product_id) is not None):
            self._personalizer().record("unsave", product_id, context=context)
        return self._state(product_id)

    def export_list(self, name: str, path: Path | str, *, format: str = "csv") -> int:
        """Write the list to ``path`` as CSV or JSON; returns how many items were written.

        Raises:
            ListError: unknown format, or the file cannot be written.
        """
        if format not in EXPORT_FORMATS:
            raise ListError("Lists are exported as csv or json, not {format}.", format=format)
        data = self.shopping_list(check_list(name)).to_dict()
        if format == "json":
            text = json.dumps(data, ensure_ascii=False, indent=2)
        else:
            out = io.StringIO()
            writer = csv.DictWriter(out, CSV_COLUMNS, lineterminator="\n")
            writer.writeheader()
            writer.writerows(data["items"])
            text = out.getvalue()
        try:
            Path(path).write_text(text, encoding="utf-8")
        except OSError as err:
            raise ListError("Could not save {path}: {reason}.", path=path,
                            reason=err.strerror or str(err)) from err
        return len(data["items"])

    def _listable(self, product_id: str) -> Product:
        product = self._catalog().get(product_id)
        if product is None:
            raise ListError("The catalog has no product {product_id}; it cannot be added.",
                            product_id=product_id)
        return product

    def _state(self, product_id: str) -> ItemState:
        return self._lists().states([product_id]).get(product_id, ItemState())


def _not_on_list(name: str, product_id: str) -> ListError:
    """The error for a product missing from a list, one sentence per list so each translates
    whole."""
    if name == "cart":
        return ListError("{product_id} is not on the cart list.", product_id=product_id)
    return ListError("{product_id} is not on the saved list.", product_id=product_id)


def _with_product(item: ListItem, product: Product | None) -> ListItem:
    if product is None:
        return item
    return ListItem(item.product_id, product.title, product.price, product.currency,
                    item.quantity, item.added, product)
