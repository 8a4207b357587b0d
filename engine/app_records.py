"""Frozen records the facade (:class:`engine.app.Aisle`) returns, beside those of ``records``.

Import them from :mod:`engine.records`, which re-exports every one. The types they refer to
(``Product``, ``SearchResult``, history events) are named for type checkers only, so this module
imports nothing from the engine when it runs and ``engine.records`` can re-export it safely.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, fields
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from engine.personalization.events import Event
    from engine.records import Product, SearchResult


# ----- the assistant ------------------------------------------------------------------------

@dataclass(frozen=True)
class AnswerIntent:
    """What the assistant understood the shopper to want (the fields of its intent)."""

    search_phrase: str = ""
    category: str | None = None
    max_price: float | None = None
    min_price: float | None = None
    attributes: tuple[str, ...] = ()
    sort: str = "relevance"
    is_comparison: bool = False
    compare_refs: tuple[int, ...] = ()
    refers_to: tuple[int, ...] = ()
    referenced_ids: tuple[str, ...] = ()
    is_followup: bool = False
    wants_cheaper: bool = False
    language: str = "en"  # "en" or "zh": the language the answer is written in
    source: str = "rules"  # "rules" or "model": who read the message

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> AnswerIntent:
        """From the assistant's intent dict; missing keys keep their defaults."""
        values: dict[str, Any] = {}
        for f in fields(cls):
            if f.name in data:
                value = data[f.name]
                values[f.name] = tuple(value) if isinstance(value, list) else value
        return cls(**values)

    def to_dict(self) -> dict[str, Any]:
        return {k: list(v) if isinstance(v, tuple) else v for k, v in asdict(self).items()}


@dataclass(frozen=True)
class ComparisonRow:
    """One row of a side-by-side comparison: a label and one cell per product."""

    label: str
    cells: tuple[str, ...]


@dataclass(frozen=True)
class Comparison:
    """Products side by side, built from catalog data; the first row names the products."""

    products: tuple[Product, ...]
    rows: tuple[ComparisonRow, ...]


@dataclass(frozen=True)
class AnswerPick:
    """A product the answer recommends and why (``reason_source``: "model" or "catalog")."""

    product_id: str
    reason: str
    reason_source: str


@dataclass(frozen=True)
class Answer:
    """The assistant's validated answer to one message.

    ``text`` is what to show beside the cards (for a comparison: the verdict, the table being
    in ``comparison``); ``markdown`` is the whole answer as one text, as the CLI prints it.
    ``mode``: "model", "retrieval-only", "comparison", "nothing-fits" or "clarify".
    """

    text: str
    markdown: str
    mode: str
    intent: AnswerIntent
    products: tuple[Product, ...]  # the cited products, in citation order
    cited_ids: tuple[str, ...]
    comparison: Comparison | None = None
    follow_ups: tuple[str, ...] = ()
    reason: str = ""  # why the answer was made without the model, if it was
    summary: str = ""
    lead: str = ""  # a model answer's first line ("Here are 3 picks:"), before its summary
    picks: tuple[AnswerPick, ...] = ()
    alternatives: tuple[str, ...] = ()  # closest products when nothing fits
    candidates: tuple[str, ...] = ()  # the ids the model chose from, best first
    constraints: Mapping[str, Any] = field(default_factory=dict)
    ttft_ms: float = 0.0
    tokens_per_s: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "answer": self.markdown,
            "cited_ids": list(self.cited_ids),
            "intent": self.intent.to_dict(),
            "ttft_ms": round(self.ttft_ms, 1),
            "tokens_per_s": round(self.tokens_per_s, 2),
            "mode": self.mode,
            "reason": self.reason,
            "picks": [{"id": p.product_id, "reason": p.reason, "reason_source": p.reason_source}
                      for p in self.picks],
            "summary": self.summary,
            "follow_ups": list(self.follow_ups),
            "alternatives": list(self.alternatives),
            "candidates": list(self.candidates),
            "constraints": dict(self.constraints),
        }


@dataclass(frozen=True)
class AskEvent:
    """One step of an answer being written.

    ``kind``: "cards" (``products``: what the answer will choose from, as soon as retrieval
    is done), "token" (more ``text``; a pick's line names its product in ``products`` and
    gives its ``reason``), "model_stopped" (the model's process died, ``text`` says
    how: drop the text so far, an answer from search alone follows) or "final" (``answer``).
    """

    kind: str
    text: str = ""
    products: tuple[Product, ...] = ()
    answer: Answer | None = None
    reason: str = ""


@dataclass(frozen=True)
class ChatMessage:
    """One message of a chat as the shopper saw it, kept whole for the saved chat (the
    assistant's prompts carry only the last few turns).

    ``table``: a comparison, its first row naming the products; ``mode`` and ``reason``: how
    an answer was made (see :class:`Answer`).
    """

    role: str  # "user" or "assistant"
    text: str
    product_ids: tuple[str, ...] = ()
    reasons: tuple[str, ...] = ()  # why each product was picked ("" for none), as shown
    table: tuple[tuple[str, ...], ...] = ()
    suggestions: tuple[str, ...] = ()
    mode: str = ""
    reason: str = ""

    @classmethod
    def of_answer(cls, answer: Answer) -> ChatMessage:
        """An answer as the chat shows it: with picks, its lead and summary above the cards,
        each pick's reason under its card (the pick lines of ``text`` are the cards)."""
        table = () if answer.comparison is None else tuple(
            (row.label, *row.cells) for row in answer.comparison.rows)
        why = {p.product_id: p.reason for p in answer.picks}
        text = "\n".join(t for t in (answer.lead, answer.summary) if t) if why else answer.text
        return cls("assistant", text, tuple(answer.cited_ids),
                   tuple(why.get(i, "") for i in answer.cited_ids) if why else (), table,
                   tuple(answer.follow_ups), answer.mode, answer.reason)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ChatMessage:
        return cls(str(data["role"]), str(data["text"]),
                   tuple(str(i) for i in data.get("product_ids", ())),
                   tuple(str(r) for r in data.get("reasons", ())),
                   tuple(tuple(str(c) for c in row) for row in data.get("table", ())),
                   tuple(str(s) for s in data.get("suggestions", ())),
                   str(data.get("mode", "")), str(data.get("reason", "")))

    def to_dict(self) -> dict[str, Any]:
        return {"role": self.role, "text": self.text, "product_ids": list(self.product_ids),
                "reasons": list(self.reasons), "table": [list(row) for row in self.table],
                "suggestions": list(self.suggestions), "mode": self.mode, "reason": self.reason}


@dataclass(frozen=True)
class ChatSummary:
    """A saved chat as the list of chats shows it (newest first)."""

    id: str
    title: str
    created: float
    updated: float
    messages: int


# ----- search, products and personal picks --------------------------------------------------

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
class ProductPage:
    """A product with what is shown under it: similar items, and picks "because you viewed"
    the product looked at before (``because_title``; empty when there was none)."""

    product: Product
    similar: tuple[Pick, ...] = ()
    because: tuple[Pick, ...] = ()
    because_title: str = ""
    prices: tuple[PricePoint, ...] = ()  # its price in each installed version that changed it
    thumbnail: bytes | None = None  # the JPEG its catalog bundle carried, if any


# ----- the saved list and the cart ----------------------------------------------------------

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
class PricePoint:
    """A product's price as one installed catalog version carried it (``label``: its name and
    version or date; ``seen``: when it was installed here)."""

    seen: float
    label: str
    price: float
    currency: str


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


# ----- privacy ------------------------------------------------------------------------------

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


# ----- chat models --------------------------------------------------------------------------

@dataclass(frozen=True)
class ModelEntry:
    """One row of ``aisle models list`` and of the GUI's model picker."""

    name: str
    display_name: str
    path: str
    size: int | None
    license: str
    builtin: bool
    installed: bool
    active: bool
    default: bool

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class CpuMode:
    """How the chat model runs on this machine, as Settings shows it."""

    config: str  # "default", "no-extra-buffers", "variant-haswell", ...
    variant: str  # the CPU kernels llama.cpp loaded ("" for a native build)
    reason: str  # why a safe configuration is used ("" for the default)

    @property
    def safe(self) -> bool:
        return self.config != "default"

    def describe(self) -> str:
        kernels = f"CPU kernels: {self.variant}" if self.variant else "CPU kernels: native build"
        if not self.safe:
            return kernels
        return f"Using safe CPU mode because {self.reason}. {kernels}."


@dataclass(frozen=True)
class LoadedModel:
    """The chat model running now: its registry name, its own name and its license apart."""

    name: str
    display_name: str
    license: str
    worker_pid: int
    alive: bool
    cpu_mode: CpuMode | None


# ----- catalog bundles ----------------------------------------------------------------------

@dataclass(frozen=True)
class InstalledBundle:
    """A catalog bundle that was verified and made the active catalog."""

    name: str
    version: str
    created: str
    product_count: int
    embedder_id: str
    signed_by: str | None
    slot: str
    previous_slot: str | None
    vanished: tuple[str, ...]  # ids of products the new catalog no longer has
    seconds: float
    price_drops: tuple[PriceDrop, ...] = ()  # saved or carted products now cheaper
    listed_vanished: tuple[str, ...] = ()  # saved or carted products no longer in the catalog

    def to_dict(self) -> dict[str, Any]:
        return {
            "installed": self.name, "version": self.version, "created": self.created,
            "products": self.product_count, "embedder": self.embedder_id,
            "signed_by": self.signed_by, "slot": self.slot, "previous_slot": self.previous_slot,
            "no_longer_in_catalog": len(self.vanished), "seconds": round(self.seconds, 2),
            "price_drops": [{"id": d.product_id, "before": d.before, "now": d.now,
                             "currency": d.currency} for d in self.price_drops],
            "listed_no_longer_in_catalog": list(self.listed_vanished),
        }


@dataclass(frozen=True)
class BuiltBundle:
    """A bundle written by the publisher side (``aisle catalog build``)."""

    path: str
    size: int
    sha256: str
    name: str
    version: str
    created: str
    product_count: int
    embedder_id: str
    signed_by: str | None
    skipped: Mapping[str, int]
    thumbnails: int = 0  # products with a thumbnail in the bundle
    images_skipped: tuple[tuple[str, str], ...] = ()  # (product id, why) of images left out
    vectors: str = "float32"  # or int8 (a compact bundle: the index is built on install)
    seconds: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "bundle": self.path, "size": self.size, "sha256": self.sha256, "name": self.name,
            "version": self.version, "created": self.created, "products": self.product_count,
            "embedder": self.embedder_id, "signed_by": self.signed_by,
            "skipped": dict(self.skipped), "thumbnails": self.thumbnails,
            "images_skipped": [{"id": pid, "reason": why} for pid, why in self.images_skipped],
            "vectors": self.vectors, "seconds": round(self.seconds, 3),
        }


@dataclass(frozen=True)
class BuiltDelta:
    """A delta bundle written by the publisher side (``aisle catalog delta``)."""

    path: str
    size: int
    sha256: str
    name: str
    base_version: str
    version: str
    changed: int
    removed: int
    product_count: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "bundle": self.path, "size": self.size, "sha256": self.sha256, "name": self.name,
            "base_version": self.base_version, "version": self.version,
            "changed": self.changed, "removed": self.removed, "products": self.product_count,
        }


@dataclass(frozen=True)
class CatalogSwitch:
    """The catalog slot that is active after a rollback, and what it holds."""

    slot: str
    name: str
    version: str
    product_count: int

    def to_dict(self) -> dict[str, Any]:
        return {"active_slot": self.slot, "name": self.name, "version": self.version,
                "products": self.product_count}


@dataclass(frozen=True)
class DeltaEntry:
    """A smaller download of a version: its changes against the base version."""

    base: str
    url: str
    sha256: str
    size: int


@dataclass(frozen=True)
class VersionEntry:
    version: str
    url: str
    sha256: str
    size: int
    created: str
    delta: DeltaEntry | None = None


@dataclass(frozen=True)
class UpdateCheck:
    catalog: str
    installed_version: str
    latest: VersionEntry | None
    update_available: bool

    def to_dict(self) -> dict[str, Any]:
        return {
            "catalog": self.catalog,
            "installed_version": self.installed_version,
            "latest": asdict(self.latest) if self.latest else None,
            "update_available": self.update_available,
        }
