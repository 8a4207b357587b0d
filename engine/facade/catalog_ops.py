"""The facade's catalog (``aisle.catalog``): install it, import feeds, search, product pages,
comparisons and catalog bundles."""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from engine import demo_catalog
from engine.assistant.public import comparison
from engine.assistant.search_translation import SearchTranslator
from engine.bundles import check_updates, install_bundle, load_public_key, trusted_keys_in
from engine.catalog import CatalogInfo
from engine.catalog.protocol import SearchableCatalog
from engine.errors import AssistantError, BundleError, ModelError
from engine.facade.shared import ActiveCatalog, price_drops
from engine.personalization.personalizer import Personalizer
from engine.price_history import PriceHistory
from engine.progress import NEVER_CANCELLED, CancelToken, ProgressCallback, no_progress
from engine.records import (
    CatalogSwitch,
    Comparison,
    ImportReport,
    InstalledBundle,
    Product,
    ProductPage,
    SearchFilters,
    SearchHit,
    SearchPage,
    UpdateCheck,
)
from engine.settings import Settings
from engine.shopping_lists import ListStore

log = logging.getLogger(__name__)

NO_FILTERS = SearchFilters()
SIMILAR_COUNT = 8
BECAUSE_COUNT = 6
MIN_COMPARE, MAX_COMPARE = 2, 4


class _PersonalOrder:
    """The shopper's re-ranking for one search, remembering why products moved up."""

    def __init__(self, person: Personalizer) -> None:
        self.person = person
        self.reasons: dict[str, str] = {}
        self.used = False

    def __call__(self, hits: list[SearchHit]) -> list[SearchHit]:
        self.used = True
        ordered, reasons = self.person.rerank(hits)
        self.reasons.update(reasons)
        return ordered


def comparable(catalog: SearchableCatalog, product_ids: Sequence[str]) -> list[Product]:
    """The products to compare, once each.

    Raises:
        AssistantError: not 2 to 4 products of the catalog.
    """
    products = catalog.get_many(list(dict.fromkeys(product_ids)))
    if not MIN_COMPARE <= len(products) <= MAX_COMPARE:
        raise AssistantError("Choose {fewest} to {most} products of the catalog to compare "
                             "({chosen} chosen).", fewest=MIN_COMPARE, most=MAX_COMPARE,
                             chosen=len(products))
    return products


class CatalogOps:
    """The active catalog and what is read from it, with the shopper's order and prices."""

    def __init__(self, catalog: ActiveCatalog, *, personalizer: Callable[[], Personalizer],
                 prices: Callable[[], PriceHistory], lists: Callable[[], ListStore],
                 translator: SearchTranslator, settings: Callable[[], Settings],
                 data_dir: Path) -> None:
        """Args:
            translator: the chat model's translations of Chinese queries (``search``).
            lists: the saved list and cart, whose price drops an install reports.
            data_dir: where the trusted publisher keys are (``trusted-keys/``).
        """
        self._catalog = catalog
        self._personalizer = personalizer
        self._prices = prices
        self._lists = lists
        self._translator = translator
        self._settings = settings
        self._data_dir = data_dir

    # ----- the active catalog ---------------------------------------------------------------

    def needs_demo(self) -> bool:
        """True until a catalog with products is installed (the first run)."""
        return not self._catalog.library.has_catalog() or self.info().product_count == 0

    def install_demo(self, progress: ProgressCallback = no_progress,
                     cancel: CancelToken = NEVER_CANCELLED) -> CatalogInfo:
        """Put the bundled demo catalog into the active slot (embedded once per machine).

        Raises:
            Cancelled: ``cancel`` was set while the demo catalog was being embedded.
        """
        prepared = demo_catalog.prepare(progress, cancel)
        with self._catalog.lock:
            self._catalog.close()
            demo_catalog.copy_into(prepared, self._catalog.library.active_dir())
        self._record_prices()
        return self.info()

    def ensure(self, progress: ProgressCallback = no_progress,
               cancel: CancelToken = NEVER_CANCELLED) -> CatalogInfo:
        """The active catalog, installing the demo catalog first if there is none yet."""
        if self.needs_demo():
            log.info("no catalog yet: installing the demo catalog")
            return self.install_demo(progress, cancel)
        return self.info()

    def info(self) -> CatalogInfo:
        """Name, version, snapshot date and size of the active catalog."""
        return self._catalog().info()

    def import_feed(
        self, path: Path | str, *, format: str = "auto", mapping: Mapping[str, str] | None = None,
        replace: bool = True, name: str | None = None, version: str | None = None,
        snapshot_date: str | None = None, progress: ProgressCallback = no_progress,
        cancel: CancelToken = NEVER_CANCELLED,
    ) -> ImportReport:
        """Import a product feed into the active catalog.

        Args:
            mapping: our field names to the feed's columns (see ``parse_mapping``).
            replace: remove products the feed does not have (else keep them).
            name, version, snapshot_date: recorded for the catalog when given.

        Raises:
            FeedError: the file is not a feed Aisle can read (nothing is changed).
            Cancelled: the user cancelled (nothing is changed).
        """
        catalog = self._catalog()
        report = catalog.import_feed(path, format=format,
                                     mapping=dict(mapping) if mapping else None,
                                     replace=replace, progress=progress, cancel=cancel)
        values = {"name": name, "version": version, "snapshot_date": snapshot_date}
        if any(v is not None for v in values.values()):
            catalog.set_info(**{k: v for k, v in values.items() if v is not None})
        self._record_prices()
        return report

    # ----- search and products --------------------------------------------------------------

    def search(
        self, query: str = "", *, filters: SearchFilters = NO_FILTERS, sort: str = "relevance",
        limit: int = 20, offset: int = 0, mode: str = "hybrid", personal: bool | None = None,
        model_translation: bool = False, cancel: CancelToken = NEVER_CANCELLED,
    ) -> SearchPage:
        """Search the active catalog (an empty query browses it).

        Args:
            sort: one of ``engine.records.SORTS``.
            mode: "hybrid", "keyword" or "dense".
            personal: order by what this shopper likes (with the relevance sort, once a
                personal ranker has earned it); None follows the setting.
            model_translation: a Chinese query over a catalog that is not Chinese is also
                translated by the chat model (started if it is not running; 0.3–1 s a new
                query on 2 cores), for results that refine the glossary's
                (``result.translated_by`` says "model"). When the model cannot answer, the
                glossary's translation alone is searched and the reason logged.

        Raises:
            SearchError: invalid sort, limit or filter values.
            Cancelled: ``cancel`` was set while the model translated.
        """
        catalog = self._catalog()
        translation = None
        if model_translation and catalog.translates(query):
            try:
                translation = self._translator(query, cancel) or None
            except ModelError as err:
                log.warning("the chat model could not translate the query: %s", err)
        wanted = self._settings().personalize_results if personal is None else personal
        order = None
        if wanted and sort == "relevance":
            person = self._personalizer()
            order = _PersonalOrder(person) if person.ranking_enabled else None
        result = catalog.search(query, filters=filters, sort=sort, limit=limit, offset=offset,
                                mode=mode, rerank=order, translation=translation)
        if order is None:
            return SearchPage(result)
        if not order.used:  # browsing has no candidate pool: its page is what gets ordered
            result = dataclasses.replace(result, hits=order(result.hits))
        shown = {h.product.id for h in result.hits}
        reasons = {pid: why for pid, why in order.reasons.items() if pid in shown}
        return SearchPage(result, reasons, personalized=True)

    def thumbnails(self, product_ids: Sequence[str]) -> dict[str, bytes]:
        """The thumbnails (JPEGs of at most 256 px) the catalog bundle carried for these
        products, read at once; a product without one is left out (show a placeholder)."""
        return self._catalog().thumbnails(product_ids)

    def thumbnail(self, product_id: str) -> bytes | None:
        """One product's thumbnail (see :meth:`thumbnails`), or None."""
        return self.thumbnails([product_id]).get(product_id)

    def product(self, product_id: str) -> Product | None:
        """One product of the active catalog, or None if it has no such product."""
        return self._catalog().get(product_id)

    def product_page(self, product_id: str, *, similar: int = SIMILAR_COUNT,
                     because: int = BECAUSE_COUNT) -> ProductPage | None:
        """A product with similar items (personal fit as tie-breaker) and picks "because you
        viewed" the product seen before it; None if the catalog has no such product."""
        product = self.product(product_id)
        if product is None:
            return None
        person = self._personalizer()
        similar_picks = person.similar_to(product_id, similar)
        prices = tuple(self._prices().history(product_id))
        thumbnail = self.thumbnail(product_id)
        viewed = person.last_view(besides=product_id)
        if viewed is None:
            return ProductPage(product, tuple(similar_picks), prices=prices, thumbnail=thumbnail)
        shown = {p.product.id for p in similar_picks}
        picks = [p for p in person.because_you_viewed(because * 2, besides=product_id)
                 if p.product.id not in shown][:because]
        title = viewed.product.title if viewed.product and viewed.product.title else ""
        return ProductPage(product, tuple(similar_picks), tuple(picks),
                           (title or viewed.product_id or "") if picks else "", prices, thumbnail)

    def compare(self, product_ids: Sequence[str], language: str = "en") -> Comparison:
        """These products side by side, one row per field (``language``: "en" or "zh").

        Raises:
            AssistantError: not 2 to 4 products of the catalog.
        """
        return comparison(comparable(self._catalog(), product_ids), language)

    # ----- catalog bundles ------------------------------------------------------------------

    def install_bundle(
        self, source: str | Path, *, trust: Sequence[Path | str] = (),
        require_signature: bool = False, sha256: str | None = None,
        progress: ProgressCallback = no_progress, cancel: CancelToken = NEVER_CANCELLED,
    ) -> InstalledBundle:
        """Download (or read) a catalog bundle, verify it and make it the active catalog.

        Args:
            trust: publisher public keys to trust, besides those in <data dir>/trusted-keys/.
            require_signature: refuse a bundle no trusted key signed.
            sha256: the whole bundle file's expected SHA-256.

        Raises:
            DownloadError: the download failed (a partial download is resumed next time).
            BundleError: the bundle is damaged, hostile, badly signed, too new or the disk
                filled up. In every error case the active catalog is unchanged.
            Cancelled: the user cancelled.
        """
        keys = [load_public_key(p) for p in trust] + trusted_keys_in(self._data_dir)
        result = install_bundle(source, self._catalog.library, trusted_keys=keys,
                                require_signature=require_signature, expected_sha256=sha256,
                                progress=progress, cancel=cancel)
        self._catalog.close()
        self._record_prices()
        listed = list(self._lists().states())
        m = result.manifest
        return InstalledBundle(m.name, m.version, m.created, m.product_count, m.embedder_id,
                               result.signer, result.slot, result.previous_slot,
                               tuple(result.vanished), result.seconds,
                               price_drops(self._prices(), self._catalog(), listed),
                               tuple(sorted(set(listed) & set(result.vanished))))

    def install_update(self, check: UpdateCheck, *, progress: ProgressCallback = no_progress,
                       cancel: CancelToken = NEVER_CANCELLED) -> InstalledBundle:
        """Install the newest version ``check`` found: as a delta when the publisher offers one
        against the installed version (a much smaller download), else, or when the delta does
        not apply to the catalog here, as the full bundle.

        Raises:
            BundleError: there is no newer version, or the full bundle failed (see
                :meth:`install_bundle`); the active catalog is unchanged.
        """
        latest = check.latest
        if latest is None:
            raise BundleError("The publisher lists no catalog version to install.")
        delta = latest.delta
        if delta is not None and delta.base == check.installed_version:
            try:
                return self.install_bundle(delta.url, sha256=delta.sha256 or None,
                                           progress=progress, cancel=cancel)
            except BundleError as err:  # not this base, damaged, or the download failed
                log.warning("catalog update: the delta did not apply (%s); installing the full "
                            "version", err)
        return self.install_bundle(latest.url, sha256=latest.sha256 or None, progress=progress,
                                   cancel=cancel)

    def _record_prices(self) -> None:
        """Add the active catalog's prices to the local price history (a version installed)."""
        catalog = self._catalog()
        info = catalog.info()
        label = " ".join(v for v in (info.name, info.version or info.snapshot_date) if v)
        changed = self._prices().record(label, catalog.prices())
        log.info("price history: %d prices new or changed in %s", changed, label)

    def roll_back(self) -> CatalogSwitch:
        """Go back to the previously active catalog.

        Raises:
            CatalogError: there is no previous catalog.
        """
        with self._catalog.lock:
            slot = self._catalog.library.rollback()
            self._catalog.close()
        info = self.info()
        return CatalogSwitch(slot, info.name, info.version, info.product_count)

    def can_roll_back(self) -> bool:
        """Whether :meth:`roll_back` has an earlier catalog to go back to."""
        return self._catalog.library.can_roll_back()

    def check_updates(self, index_url: str) -> UpdateCheck:
        """Compare the installed catalog with the versions in a publisher's index (JSON).

        Raises:
            DownloadError: the index cannot be fetched or read.
        """
        info = self.info() if self._catalog.library.has_catalog() else None
        return check_updates(index_url, info.name if info else "", info.version if info else "")
