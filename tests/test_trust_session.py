"""Zero egress, verified: a whole session under the strict network guard makes no connection.

The session runs in a fresh process (audit hooks cannot be removed, so the guard must not leak
into other tests): import, search, an answer from the real model, history and recommendations,
the desktop window opened and closed; then a bundle download the user asked for, from a server
on 127.0.0.1, which is the only connection allowed and logged.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import pytest
from catalog_fixtures import product_rows, write_jsonl

from engine.llm.model_files import QWEN_05B
from engine.network_guard import read_log

SESSION = textwrap.dedent("""
    import json, sys, threading
    from functools import partial
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
    from pathlib import Path
    from engine import network_guard
    from engine.app import Aisle
    from engine.publish import build_bundle

    data, feed, work = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
    out = {}
    aisle = Aisle(data)
    out["problems"] = [p.message for p in aisle.start()]
    guard = network_guard.guard()
    out["strict"] = guard.strict
    out["imported"] = aisle.catalog.import_feed(feed).imported
    hits = aisle.catalog.search("warm rug for the living room", limit=5).result.hits
    out["search"] = [h.product.id for h in hits]
    answer = aisle.assistant.answer("a cast iron skillet under 50 dollars",
                                    aisle.assistant.conversation())
    out["answer_mode"], out["answer_cited"] = answer.mode, list(answer.cited_ids)
    for hit in hits[:3]:
        aisle.history.record("view", hit.product.id, context="search")
    aisle.history.record("save", hits[0].product.id)
    out["recommended"] = [pick.product.id for pick in aisle.history.recommend(limit=5)]
    aisle.close()

    from PySide6.QtCore import QEventLoop, QTimer
    from desktop_app.main import build_app
    from desktop_app.workers import wait_for_all
    window, app = build_app(str(data), language="en")
    window.show()
    loop = QEventLoop()
    window.ready.connect(loop.quit)
    QTimer.singleShot(120_000, loop.quit)
    window.start()
    loop.exec()
    out["gui_catalog_label"] = window.catalog_label.text()
    window.close()
    wait_for_all(30_000)
    out["session_attempts"] = [vars(a) for a in guard.attempts]

    build_bundle(feed, "Loopback shop", "2", work / "bundle.tar.gz", created="2024-07-01",
                 sign_key=None)
    handler = partial(SimpleHTTPRequestHandler, directory=str(work))
    handler.log_message = lambda *a: None
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_port}/bundle.tar.gz"
    with Aisle(data) as user:
        out["installed"] = user.catalog.install_bundle(url).version
    out["all_attempts"] = [vars(a) for a in guard.attempts]
    print("RESULT " + json.dumps(out))
""")


@pytest.mark.slow  # the real model answers and the window loads it again: ~1 min on 2 cores
def test_full_session_makes_no_connection_and_a_user_download_is_logged(tmp_path, model_file):
    data = tmp_path / "data"
    (data / "models").mkdir(parents=True)
    os.link(model_file, data / "models" / QWEN_05B.filename)  # no 491 MB copy
    feed = write_jsonl(tmp_path / "feed.jsonl", product_rows())
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HF_HUB_OFFLINE": "1",
           "AISLE_DATA_DIR": str(data)}
    proc = subprocess.run([sys.executable, "-c", SESSION, str(data), str(feed), str(tmp_path)],
                          capture_output=True, text=True, timeout=900, env=env)
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("RESULT ")]
    assert proc.returncode == 0 and lines, proc.stderr[-3000:]
    out = json.loads(lines[-1][len("RESULT "):])
    assert out["strict"] and out["problems"] == []
    assert out["imported"] == len(product_rows()) and out["search"][0].startswith("rug")
    assert out["answer_mode"] == "model" and "pan-1" in out["answer_cited"]
    assert out["recommended"] and "products" in out["gui_catalog_label"]
    assert out["session_attempts"] == []
    print(f"\nconnection attempts in the strict session: {len(out['session_attempts'])}")
    download = out["all_attempts"]
    assert download and all(a["allowed"] and a["host"] == "127.0.0.1" for a in download)
    assert out["installed"] == "2"
    assert [a["host"] for a in read_log(data)] == [a["host"] for a in download]
    print(f"download attempts (allowed, logged): {len(download)}")
