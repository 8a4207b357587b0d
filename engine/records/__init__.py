"""Frozen value objects the engine hands to its callers (CLI, GUI, tests), one module per area.

Import them from here (``from engine.records import Product``): every public name of the
submodules is re-exported. The submodules import nothing from the engine but each other and
``engine.errors``, so any engine module can use them without an import cycle.
"""

from __future__ import annotations

from engine.records.assistant import (
    Answer,
    AnswerIntent,
    AnswerPick,
    AskEvent,
    ChatMessage,
    ChatSummary,
    Comparison,
    ComparisonRow,
)
from engine.records.bundles import (
    BuiltBundle,
    BuiltDelta,
    CatalogSwitch,
    DeltaEntry,
    InstalledBundle,
    UpdateCheck,
    VersionEntry,
)
from engine.records.catalog import (
    CROSSLINGUAL,
    SEARCH_MODES,
    SORTS,
    FacetValue,
    ImportReport,
    Pick,
    PricePoint,
    Product,
    ProductPage,
    SearchFilters,
    SearchHit,
    SearchPage,
    SearchResult,
    SkippedRow,
)
from engine.records.history import (
    KINDS,
    Event,
    NetworkAttempt,
    PrivacySnapshot,
    ProductSnapshot,
    ShownItem,
)
from engine.records.lists import ItemState, ListItem, PriceDrop, ShoppingList
from engine.records.models import CpuMode, LoadedModel, ModelEntry

__all__ = [
    "CROSSLINGUAL", "KINDS", "SEARCH_MODES", "SORTS",
    # catalog
    "FacetValue", "ImportReport", "Pick", "PricePoint", "Product", "ProductPage",
    "SearchFilters", "SearchHit", "SearchPage", "SearchResult", "SkippedRow",
    # assistant
    "Answer", "AnswerIntent", "AnswerPick", "AskEvent", "ChatMessage", "ChatSummary",
    "Comparison", "ComparisonRow",
    # history and privacy
    "Event", "NetworkAttempt", "PrivacySnapshot", "ProductSnapshot", "ShownItem",
    # lists
    "ItemState", "ListItem", "PriceDrop", "ShoppingList",
    # models
    "CpuMode", "LoadedModel", "ModelEntry",
    # bundles
    "BuiltBundle", "BuiltDelta", "CatalogSwitch", "DeltaEntry", "InstalledBundle",
    "UpdateCheck", "VersionEntry",
]
