"""The facade's history (``aisle.history``): record what the shopper does, recommend, and
everything the privacy page and ``aisle history`` offer (see it, pause it, export it, delete
it)."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from engine import network_guard
from engine.assistant.chat_store import ChatStore
from engine.llm.host import ChatModelHost
from engine.personalization.explain import price_range_text
from engine.personalization.personalizer import Personalizer, ProfileSummary
from engine.personalization.profile import PRICE_EDGES, band_bounds
from engine.personalization.ranker import TrainReport
from engine.records import Event, NetworkAttempt, Pick, PrivacySnapshot, SearchResult
from engine.shopping_lists import ListStore

PRIVACY_EVENTS = 300


def price_band_label(band: int, currency: str) -> str:
    """A price band in the catalog's currency ("$25–$50", "¥100+")."""
    low, high = band_bounds(band)
    return price_range_text(low, high, currency)


class HistoryOps:
    """What the shopper did, what was learned from it, and the network log, all local."""

    def __init__(self, personalizer: Callable[[], Personalizer], *, host: ChatModelHost,
                 chats: Callable[[], ChatStore], lists: Callable[[], ListStore],
                 data_dir: Path) -> None:
        """Args:
            host: the chat model, whose network seal the privacy page shows.
            chats, lists: deleted with everything else (``delete_everything``).
            data_dir: where the network guard logs its connection attempts.
        """
        self._personalizer = personalizer
        self._host = host
        self._chats = chats
        self._lists = lists
        self._data_dir = data_dir

    # ----- recording ------------------------------------------------------------------------

    def record(self, kind: str, product_id: str | None = None, *, context: str = "") -> int | None:
        """Record one action on a product: view, click, save, unsave, cart, bought, dismiss.

        Args:
            context: where it happened ("search", "chat", "for_you", "product", ...).

        Returns:
            The event's id, or None while recording is paused.

        Raises:
            HistoryError: unknown kind, or the history cannot be written.
        """
        return self._personalizer().record(kind, product_id, context=context)

    def record_click(self, result: SearchResult, product_id: str, *,
                     search_ref: int | None = None) -> int | None:
        """A product opened from a search result: record the list shown (once: pass the
        returned id back for further clicks on the same list) and the click, so the personal
        ranker learns what this shopper prefers; it is retrained when enough is new.

        Returns:
            The search event's id (None while paused, or for an empty query).
        """
        person = self._personalizer()
        if search_ref is None and result.query.strip():
            search_ref = person.record_search(result)
        person.record("click", product_id, context="search", ref=search_ref)
        person.train_if_due()
        return search_ref

    # ----- what was learned -----------------------------------------------------------------

    def recommend(self, limit: int = 10) -> list[Pick]:
        """The "For you" picks, each with its reason; empty until something was viewed."""
        return self._personalizer().recommend(limit)

    def events(self, *, limit: int | None = None, since: float | None = None,
               until: float | None = None) -> list[Event]:
        """Recorded events, newest first."""
        return self._personalizer().history(since=since, until=until, limit=limit)

    def paused(self) -> bool:
        return self._personalizer().paused

    def profile_summary(self) -> ProfileSummary:
        """Favourite categories and brands, usual price range and the ranker's state."""
        return self._personalizer().summary()

    def privacy(self, *, events: int = PRIVACY_EVENTS) -> PrivacySnapshot:
        """Everything the privacy page shows, read at once: the newest ``events`` events, the
        learned profile, whether recording is paused, and the network connection attempts."""
        person = self._personalizer()
        summary = person.summary()
        bands = person.profile().top("band", time.time(), n=len(PRICE_EDGES))
        return PrivacySnapshot(
            paused=summary.paused, events=tuple(person.history(limit=events)),
            total_events=summary.events, categories=tuple(summary.categories),
            brands=tuple(summary.brands), price_range=summary.price_range,
            price_bands=tuple((price_band_label(int(b), person.catalog.currency()), share)
                              for b, share in sorted(bands, key=lambda item: int(item[0]))),
            ranker=summary.ranker, network=tuple(self.network_log()),
            model_network_seal=self._host.network_seal(),
        )

    def network_log(self) -> list[NetworkAttempt]:
        """Every connection attempt the network guard saw in this data directory, oldest first."""
        return [NetworkAttempt(float(a.get("time", 0.0)), str(a.get("event", "")),
                               str(a.get("host", "?")), a.get("port"), bool(a.get("allowed")))
                for a in network_guard.read_log(self._data_dir)]

    # ----- control --------------------------------------------------------------------------

    def pause(self) -> None:
        """Stop recording until :meth:`resume`."""
        self._personalizer().pause()

    def resume(self) -> None:
        self._personalizer().resume()

    def delete(self, *, ids: Sequence[int] = (), since: float | None = None,
               until: float | None = None, everything: bool = False) -> int:
        """Delete events for good; what was learned is recomputed from the rest (everything:
        the whole history, profile and personal ranker). Returns how many were deleted."""
        person = self._personalizer()
        if everything:
            return person.delete_all()
        return person.delete(ids=ids, since=since, until=until)

    def delete_everything(self) -> int:
        """Delete the whole history with what was learned, the saved chats, the saved list and
        the cart (the privacy page's "delete everything"); returns how many events there were."""
        count = self.delete(everything=True)
        self._chats().delete_all()
        self._lists().clear()
        return count

    def export(self, path: Path | str) -> int:
        """Write the whole history to ``path`` as JSON; returns the number of events."""
        return self._personalizer().export_to(path)

    def export_data(self) -> dict[str, Any]:
        """The whole history as the JSON data :meth:`export` writes."""
        return self._personalizer().export()

    def restore(self, path: Path | str) -> int:
        """Restore a history from an export; returns how many events were added.

        Raises:
            HistoryError: the file cannot be read or is not an Aisle history.
        """
        return self._personalizer().import_from(path)

    def train_ranker(self) -> TrainReport:
        """Train the personal ranker now; it is used only if it beats the normal order."""
        return self._personalizer().train()
