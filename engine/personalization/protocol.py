"""The few catalog methods personalization uses (``engine.catalog.Catalog`` provides them)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

import numpy as np

from engine.records import Product, SearchFilters, SearchHit, SearchResult


class CatalogLike(Protocol):
    def get_many(self, ids: Sequence[str]) -> list[Product]: ...

    def vectors(self, ids: Sequence[str]) -> np.ndarray: ...

    def search(self, query: str, *, filters: SearchFilters = ..., sort: str = ...,
               limit: int = ..., offset: int = ...) -> SearchResult: ...

    def similar(self, product_id: str, limit: int = ...) -> list[SearchHit]: ...
