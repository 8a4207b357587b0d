"""App responsiveness: cold start to a usable window, and the longest GUI stall while it works.

Cold start: the real ``aisle-gui`` code path (``desktop_app.main.build_app``, ``show``,
``start``) is launched as a new process on a virtual X display (Xvfb; offscreen Qt if Xvfb is
missing, and the JSON says which) and timed from the launch until

- ``shown``: the main window is mapped and the event loop runs (the user sees the app);
- ``usable``: the catalog is open and search answers (``MainWindow.ready``);
- ``model ready``: the built-in chat model is loaded in the background (chat answers with it).

Three kinds of launch, each several times, alternated in one run:

- ``bare Qt window``: a new Python process showing an empty ``QMainWindow``, the floor that
  Python + PySide6 set (the baseline in the same run);
- ``first launch``: a fresh data folder, so the demo catalog is copied in from the per-machine
  cache and the default model is joined from its packages;
- ``later launch``: the same data folder again (what every launch after the first costs).

The very first launch on a machine also builds the demo catalog into that cache (about 2 min on
2 cores, with a progress bar); ``--first-ever`` measures it once with an empty cache.

Stalls: one app process on a launched data folder, the shared ``StallProbe`` (a 10 ms timer,
the same probe the GUI tests assert on) records the longest event-loop gap while the assistant
streams an answer (English and Chinese), while a query is typed into search, while a feed of
real products is imported with the progress dialog, while a bundle of those products with a
thumbnail each is downloaded from 127.0.0.1 and installed, and while a query is typed again over
results that show thumbnails.

    python bench/app_responsiveness.py            # ~5 min on 2 cores (warm disk cache)
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from _common import REPO, SHARED_DATA, table, write_result
from driving import (  # Qt itself loads only inside these, in the children
    StallProbe,
    rerun_under_xvfb,
    wait_until,
    waiting,
)

QUESTIONS = ("a warm rug for a small living room under $100", "适合小户型的保暖地毯")
TYPED_QUERY = "wool rug for the hallway"
TIMEOUT_MS = 600_000


# ----- child processes: each prints one JSON line and exits ----------------------------------


def child_bare(launched: float) -> dict[str, Any]:
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication(["bare"])
    window = QMainWindow()
    window.setWindowTitle("bare")
    window.resize(1100, 720)
    window.show()
    marks: dict[str, float] = {}

    def shown() -> None:
        marks["shown_s"] = time.time() - launched
        app.quit()

    when_exposed(window, shown)
    app.exec()
    return marks


def when_exposed(window: Any, then: Any) -> None:
    """Call ``then`` once the window is mapped on screen (polled every 5 ms from the loop)."""
    from PySide6.QtCore import QTimer

    def check() -> None:
        handle = window.windowHandle()
        if handle is not None and handle.isExposed():
            then()
        else:
            QTimer.singleShot(5, check)

    QTimer.singleShot(0, check)


def child_app(launched: float, data_dir: str) -> dict[str, Any]:
    from desktop_app.main import build_app

    marks: dict[str, Any] = {}
    window, app = build_app(data_dir, language="en")
    window.show()
    when_exposed(window, lambda: marks.setdefault("shown_s", time.time() - launched))

    def model_state(state: str, _text: str) -> None:
        if state in ("ready", "failed", "none") and "model_s" not in marks:
            marks["model_s"] = time.time() - launched
            marks["model_state"] = state
            window.close()
            app.quit()

    window.ready.connect(lambda: marks.setdefault("usable_s", time.time() - launched))
    window.ctx.model_status_changed.connect(model_state)
    window.start()
    app.exec()
    return marks


def child_stalls(data_dir: str, feed: str, bundle_url: str) -> dict[str, Any]:
    from PySide6.QtTest import QTest

    from desktop_app import bundle_flow
    from desktop_app.main import build_app

    window, _app = build_app(data_dir, language="en")
    window.resize(1100, 720)
    window.show()
    with waiting(window.ready, TIMEOUT_MS):
        window.start()
    wait_until(lambda: window.ctx.model_state[0] in ("ready", "failed"), TIMEOUT_MS)
    rows: list[dict[str, Any]] = []

    def probed(activity: str, signal: Any, action: Any, **extra: Any) -> None:
        probe = StallProbe()
        started = time.perf_counter()
        with waiting(signal, TIMEOUT_MS):
            probe.start()
            action()
        probe.stop()
        rows.append({"activity": activity, "longest_stall_ms": round(probe.longest_ms, 1),
                     "seconds": round(time.perf_counter() - started, 2), "ticks": probe.ticks,
                     **extra})

    model = window.ctx.model_state[0]
    for question in QUESTIONS:
        window.show_page("chat")
        window.new_chat()
        probed(f"assistant answer ({model} model): {question}", window.chat.answer_finished,
               lambda q=question: window.chat.ask(q))
    window.focus_search()
    probed(f"typing '{TYPED_QUERY}' into search (80 ms per key)", window.search.results_shown,
           lambda: QTest.keyClicks(window.search.query_edit, TYPED_QUERY, delay=80))
    count = sum(1 for _ in open(feed, encoding="utf-8"))
    probed(f"importing {count} real products (embedding, progress dialog)",
           window.ctx.catalog_changed, lambda: window.settings.import_file(Path(feed)),
           products=count)
    probed(f"installing a bundle of {count} products with thumbnails (HTTP, progress dialog)",
           window.ctx.catalog_changed,
           lambda: bundle_flow.install_bundle(window.settings, window.ctx, bundle_url),
           products=count)
    rows[-1]["installed"] = window.ctx.aisle.catalog.info().name  # the bundle, not the feed
    rows[-1]["thumbnail_bytes"] = len(window.ctx.aisle.catalog.thumbnail(
        window.ctx.aisle.catalog.search("", limit=1).result.hits[0].product.id) or b"")
    window.focus_search()
    window.search.query_edit.clear()
    probed(f"typing '{TYPED_QUERY}' into search, results with thumbnails",
           window.search.results_shown,
           lambda: QTest.keyClicks(window.search.query_edit, TYPED_QUERY, delay=80))
    window.close()
    return {"rows": rows, "model_state": model}


# ----- the parent: launches, display, summary --------------------------------------------------


def launch(mode: str, env: dict[str, str], *args: str) -> dict[str, Any]:
    """Run this script as a child in ``mode``; its timings are measured from just before exec."""
    launched = time.time()
    done = subprocess.run([sys.executable, __file__, "--child", mode, "--launched", repr(launched),
                           *args], env=env, capture_output=True, text=True,
                          timeout=TIMEOUT_MS / 1000, cwd=REPO)
    if done.returncode != 0 or not done.stdout.strip():
        raise RuntimeError(f"{mode} child failed ({done.returncode}):\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def write_feed(path: Path, count: int) -> Path:
    """The first ``count`` crowdflower products (real titles and descriptions) as JSONL."""
    with (SHARED_DATA / "crowdflower" / "products.jsonl").open(encoding="utf-8") as source:
        lines = list(itertools.islice(source, count))
    path.write_text("".join(lines), encoding="utf-8")
    return path


def serve(directory: Path) -> tuple[Any, str]:
    """A real HTTP server on 127.0.0.1 for ``directory`` (images, then the bundle)."""
    import threading
    from functools import partial
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(Quiet, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_port}"


def image_bundle(site: Path, base: str, feed: Path, images: int = 20) -> str:
    """``feed``'s products, each with one of ``images`` photo-like images, built into a bundle
    in ``site`` by the publisher's code (which fetches the images from ``base``)."""
    import random

    from thumbnail_size import photo

    from engine.publish import build_bundle

    rng = random.Random(1)
    for n in range(images):
        (site / f"img-{n}.jpg").write_bytes(photo(rng))
    rows = [json.loads(line) for line in feed.read_text(encoding="utf-8").splitlines()]
    for n, row in enumerate(rows):
        row["image_link"] = f"{base}/img-{n % images}.jpg"
    with_images = site / "feed-with-images.jsonl"
    with_images.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    build_bundle(with_images, "Bench shop", "1", site / "bench.aisle.tar.gz",
                 created="2026-12-01")
    return f"{base}/bench.aisle.tar.gz"


def summarise(kind: str, runs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    rows = []
    for key, label in (("shown_s", "window shown"), ("usable_s", "usable (catalog open)"),
                       ("model_s", "model ready")):
        values = [r[key] for r in runs if key in r]
        if values:
            rows.append({"launch": kind, "milestone": label, "runs": len(values),
                         "median_s": statistics.median(values), "min_s": min(values),
                         "max_s": max(values)})
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="launches of each kind")
    parser.add_argument("--import-products", type=int, default=500)
    parser.add_argument("--first-ever", action="store_true",
                        help="also time one launch with an empty demo-catalog cache (~2 min)")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--launched", type=float, help=argparse.SUPPRESS)
    parser.add_argument("--data-dir", help=argparse.SUPPRESS)
    parser.add_argument("--feed", help=argparse.SUPPRESS)
    parser.add_argument("--bundle", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        result = {"bare": lambda: child_bare(args.launched),
                  "app": lambda: child_app(args.launched, args.data_dir),
                  "stalls": lambda: child_stalls(args.data_dir, args.feed, args.bundle),
                  }[args.child]()
        print(json.dumps(result, ensure_ascii=False))
        return

    rerun_under_xvfb("1280x800x24", offscreen_fallback=True)
    work = Path(tempfile.mkdtemp(prefix="aisle-bench-app-"))
    launches: dict[str, list[dict[str, Any]]] = {"bare Qt window": [], "first launch": [],
                                                  "later launch": []}
    try:
        env = {k: v for k, v in os.environ.items() if k != "AISLE_DATA_DIR"}
        if args.first_ever:
            empty_cache = {**env, "AISLE_CACHE_DIR": str(work / "empty-cache")}
            first_ever = launch("app", empty_cache, "--data-dir", str(work / "first-ever"))
            launches["first launch, empty cache"] = [first_ever]
        launch("app", env, "--data-dir", str(work / "warm-up"))  # fills the cache if empty
        for n in range(args.runs):
            folder = str(work / f"data-{n}")
            launches["bare Qt window"].append(launch("bare", env))
            launches["first launch"].append(launch("app", env, "--data-dir", folder))
            launches["later launch"].append(launch("app", env, "--data-dir", folder))
        feed = write_feed(work / "feed.jsonl", args.import_products)
        site = work / "site"
        site.mkdir()
        server, base = serve(site)
        try:
            bundle = image_bundle(site, base, feed)
            stalls = launch("stalls", env, "--data-dir", str(work / "data-0"), "--feed",
                            str(feed), "--bundle", bundle)
        finally:
            server.shutdown()
    finally:
        shutil.rmtree(work, ignore_errors=True)

    cold = [row for kind, runs in launches.items() for row in summarise(kind, runs)]
    path = write_result("app_responsiveness", {
        "command": " ".join(["python bench/app_responsiveness.py", *sys.argv[1:]]),
        "display": os.environ.get("QT_QPA_PLATFORM", "xcb"),
        "cold_start": cold, "launches": launches, "stalls": stalls["rows"],
    })
    print(table(cold, ["launch", "milestone", "runs", "median_s", "min_s", "max_s"]))
    print()
    print(table(stalls["rows"], ["activity", "longest_stall_ms", "seconds", "ticks"]))
    print(f"written to {path}")


if __name__ == "__main__":
    main()
