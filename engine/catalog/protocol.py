"""The catalog methods the assistant and personalization use (``Catalog`` provides them)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

import numpy as np

from engine.records import Product, SearchFilters, SearchHit, SearchResult


class SearchableCatalog(Protocol):
    def search(self, query: str, *, filters: SearchFilters = ..., sort: str = ...,
               limit: int = ..., offset: int = ...) -> SearchResult: ...

    def get(self, product_id: str) -> Product | None: ...

    def get_many(self, ids: Sequence[str]) -> list[Product]: ...

    def brands(self) -> list[str]: ...

    def currency(self) -> str: ...

    def vectors(self, ids: Sequence[str]) -> np.ndarray: ...

    def similar(self, product_id: str, limit: int = ...) -> list[SearchHit]: ...
