"""Start the Aisle desktop app under Xvfb and save a PNG of each main screen into screenshots/.

    .venv/bin/python scripts/screenshots.py [--data-dir DIR] [--feed FEED] [--out screenshots]

Without a display it re-runs itself under ``xvfb-run`` (apt-get install xvfb fonts-noto-cjk).
Screens: the empty chat, chat with an answer, search with facets, product page, for you, saved
& cart, privacy, settings; then the pages in Chinese, some in dark mode, and in a small window
(layout check).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from driving import pause, rerun_under_xvfb, wait_until, waiting  # noqa: E402


def _parse() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", default=None, help="data dir (default: a fresh temp dir)")
    parser.add_argument("--feed", default=None, help="import this feed instead of the demo catalog")
    parser.add_argument("--out", default=str(ROOT / "screenshots"))
    parser.add_argument("--question", default="I need a warm rug for a small living room")
    return parser.parse_args()


class Shooter:
    """Drives the real window through its screens and saves one PNG per screen."""

    def __init__(self, window, out: Path, question: str) -> None:  # type: ignore[no-untyped-def]
        self.window, self.out, self.question = window, out, question
        out.mkdir(parents=True, exist_ok=True)

    def save(self, name: str) -> None:
        pause(400)
        path = self.out / f"{name}.png"
        self.window.grab().save(str(path))
        print(f"saved {path}")

    def run(self) -> None:
        w = self.window
        w.focus_search()
        w.search.query_edit.setText("rug")
        wait_until(lambda: w.search.last_result is not None
                   and w.search.last_result.query == "rug", 60_000)
        self.save("search")
        for row in (2, 1, 0):  # a short history, so "for you" and privacy have something to show
            item = w.search.results.item(row)
            if item is not None:
                with waiting(w.product.product_shown, 60_000):
                    w.search.results.itemActivated.emit(item)
                pause(800)
        for kind in ("save", "cart"):
            with waiting(w.ctx.lists_changed, 60_000):
                w.product.action_buttons[kind].click()
        self.save("product")
        w.show_page("chat")
        self.save("chat_empty")
        wait_until(lambda: w.ctx.model_state[0] in ("ready", "failed", "none"), 180_000)
        if w.chat.input.isEnabled():
            with waiting(w.chat.answer_finished, 600_000):
                w.chat.ask(self.question)
        self.save("chat")
        for product_id in w.ctx.item_states:  # the product saved above, and two of the answer's
            w.ctx.toggle_compare(product_id)
        for card in w.chat.message_widgets()[-1].cards[:2]:
            w.ctx.toggle_compare(card.product.id)
        with waiting(w.compare.verdict_shown, 600_000):
            w.compare.refresh()
        for page, signal in (("for_you", w.for_you.picks_shown),
                             ("lists", w.lists.saved.shown), ("compare", None),
                             ("privacy", w.privacy.snapshot_shown), ("settings", None)):
            if signal is None:
                w.show_page(page)
            else:
                with waiting(signal, 60_000):
                    w.show_page(page)
            self.save(page)
        self.variants()

    def variants(self) -> None:
        from PySide6.QtWidgets import QApplication

        from desktop_app.theme import apply_theme

        w = self.window
        w.settings.set_language("zh_CN")
        for page in ("search", "chat", "product", "for_you", "lists", "privacy", "settings"):
            w.show_page(page)
            self.save(f"{page}_zh")
        with waiting(w.compare.verdict_shown, 600_000):
            w.compare.refresh()
        w.show_page("compare")
        self.save("compare_zh")
        w.show_page("chat")
        w.chat.new_chat()
        self.save("chat_empty_zh")
        w.settings.set_language("en")
        apply_theme(QApplication.instance(), "dark")
        for page in ("search", "product", "privacy"):
            w.show_page(page)
            self.save(f"{page}_dark")
        apply_theme(QApplication.instance(), "light")
        w.resize(w.minimumSize())
        for page in ("search", "chat", "product", "lists", "compare", "privacy", "settings"):
            w.show_page(page)
            self.save(f"{page}_small")


def main() -> int:
    args = _parse()
    rerun_under_xvfb()
    data_dir = Path(args.data_dir or tempfile.mkdtemp(prefix="aisle-shots-"))
    if args.feed:
        from engine.app import Aisle

        with Aisle(data_dir) as aisle:
            aisle.catalog.import_feed(args.feed, name=Path(args.feed).stem,
                                      snapshot_date="2026-11-01")
    from desktop_app.main import build_app
    from desktop_app.workers import wait_for_all

    window, app = build_app(str(data_dir), language="en")
    window.resize(1280, 800)
    window.show()
    shooter = Shooter(window, Path(args.out), args.question)
    with waiting(window.ready, 300_000):
        window.start()
    shooter.run()
    window.close()
    wait_for_all()
    app.quit()
    return 0


if __name__ == "__main__":
    sys.exit(main())
