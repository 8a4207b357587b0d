"""Trust: the network guard, the kernel's seal on the model worker, the single-instance lock, bad
settings and broken files at start-up."""

from __future__ import annotations

import errno
import json
import sqlite3
import subprocess
import sys
import textwrap
import threading
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from engine import network_guard, network_seal
from engine.errors import AlreadyRunning, SettingsError
from engine.instance_lock import InstanceLock
from engine.llm.worker import CONNECT_PROBE_ENV
from engine.llm.worker_client import build_report
from engine.settings import Settings, load_settings, save_settings
from engine.startup_check import run_startup_checks

GUARD_SCRIPT = textwrap.dedent("""
    import json, socket, sys, threading, urllib.request
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
    from engine import network_guard

    class Hello(BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200); self.end_headers(); self.wfile.write(b"hi")
        def log_message(self, *a): pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Hello)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_port}/"
    guard = network_guard.install(sys.argv[1])
    outcome = {}
    try:
        urllib.request.urlopen(url, timeout=5).read()
        outcome["unasked"] = "connected"
    except OSError as err:
        outcome["unasked"] = type(getattr(err, "reason", err)).__name__
    try:
        socket.getaddrinfo("localhost", 80)
        outcome["dns"] = "resolved"
    except OSError as err:
        outcome["dns"] = type(err).__name__
    with network_guard.allow("127.0.0.1"):
        outcome["download"] = urllib.request.urlopen(url, timeout=5).read().decode()
    outcome["attempts"] = [(a.event, a.host, a.allowed) for a in guard.attempts]
    print(json.dumps(outcome))
""")


def test_guard_blocks_unasked_connections_and_allows_a_user_download(tmp_path):
    proc = subprocess.run([sys.executable, "-c", GUARD_SCRIPT, str(tmp_path)],
                          capture_output=True, text=True, timeout=60, check=True)
    outcome = json.loads(proc.stdout)
    assert outcome["unasked"] == "NetworkBlocked"
    assert outcome["dns"] == "NetworkBlocked"
    assert outcome["download"] == "hi"
    assert ("socket.connect", "127.0.0.1", True) in [tuple(a) for a in outcome["attempts"]]
    logged = [json.loads(line)
              for line in (tmp_path / "network-log.jsonl").read_text().splitlines()]
    assert [a["allowed"] for a in logged].count(False) == 2


class Hello(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 (http.server naming)
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"catalog bytes")

    def log_message(self, *args: object) -> None:
        pass


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="seccomp is Linux's")
def test_model_worker_cannot_connect_while_the_app_still_downloads(monkeypatch):
    server = ThreadingHTTPServer(("127.0.0.1", 0), Hello)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        monkeypatch.setenv(CONNECT_PROBE_ENV, f"127.0.0.1:{server.server_port}")
        report = build_report()  # a real worker process, as the app starts it
        print(f"\nworker: sealed by {report['network_seal']}, {report['connect_probe']}")
        assert report["network_seal"] == network_seal.SECCOMP
        assert report["connect_probe"]["python"].startswith("refused")
        assert report["connect_probe"]["native"] == f"refused: errno {errno.EACCES}"
        with network_guard.allow("127.0.0.1"):
            url = f"http://127.0.0.1:{server.server_port}/catalog.aisle"
            assert urllib.request.urlopen(url, timeout=5).read() == b"catalog bytes"
    finally:
        server.shutdown()


def test_cli_privacy_log_reads_the_same_log(tmp_path):
    (tmp_path / "network-log.jsonl").write_text(
        json.dumps({"time": 0, "event": "dns", "host": "telemetry.example", "port": 443,
                    "allowed": False}) + "\n")
    proc = subprocess.run([sys.executable, "-m", "engine.cli", "--data-dir", str(tmp_path),
                           "privacy", "log", "--json"], capture_output=True, text=True, check=True)
    assert json.loads(proc.stdout)["attempts"][0]["host"] == "telemetry.example"


def test_second_instance_on_the_same_data_dir_is_refused(tmp_path):
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys,time; from engine.instance_lock import InstanceLock;"
         f"l=InstanceLock(__import__('pathlib').Path({str(tmp_path)!r})); l.acquire();"
         "print('held', flush=True); time.sleep(30)"],
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(AlreadyRunning, match="already running"):
            InstanceLock(tmp_path).acquire()
    finally:
        holder.kill()
        holder.wait()
    with InstanceLock(tmp_path):
        pass


@pytest.mark.parametrize("garbage", [b"\x00\xff garbage", b"[1, 2]", b'{"language": "klingon"}',
                                     b'{"model_threads": "many"}'])
def test_garbage_settings_are_set_aside_and_defaults_used(tmp_path, garbage):
    (tmp_path / "settings.json").write_bytes(garbage)
    settings, message = load_settings(tmp_path)
    assert settings == Settings()
    assert "set aside" in message
    assert list(tmp_path.glob("settings.json.broken-*"))


def test_settings_round_trip_and_validation(tmp_path):
    save_settings(tmp_path, Settings(language="zh_CN", model_threads=2))
    assert load_settings(tmp_path) == (Settings(language="zh_CN", model_threads=2), None)
    with pytest.raises(SettingsError):
        Settings(model_context=10).validated()


def _history_db(path, rows=3):
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE events(q TEXT)")
    conn.executemany("INSERT INTO events VALUES (?)", [(f"q{i}",) for i in range(rows)])
    conn.commit()
    conn.close()


def test_corrupt_catalog_is_quarantined_and_history_survives(tmp_path):
    catalog_dir = tmp_path / "catalogs" / "default"
    catalog_dir.mkdir(parents=True)
    (catalog_dir / "catalog.db").write_bytes(b"SQLite format 3\x00" + b"\xde\xad" * 4000)
    _history_db(tmp_path / "history.db")
    problems = run_startup_checks(tmp_path)
    assert [p.what for p in problems] == ["product catalog"]
    assert "set aside" in problems[0].message
    assert not (catalog_dir / "catalog.db").exists()
    assert list(catalog_dir.glob("catalog.db.broken-*"))
    conn = sqlite3.connect(tmp_path / "history.db")
    assert conn.execute("SELECT count(*) FROM events").fetchone()[0] == 3


def test_corrupt_history_is_quarantined_and_catalog_survives(tmp_path):
    catalog_dir = tmp_path / "catalogs" / "default"
    catalog_dir.mkdir(parents=True)
    _history_db(catalog_dir / "catalog.db")
    (tmp_path / "history.db").write_bytes(b"not a database at all" * 50)
    problems = run_startup_checks(tmp_path)
    assert [p.what for p in problems] == ["browsing history"]
    assert (catalog_dir / "catalog.db").exists()
