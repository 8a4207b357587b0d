"""Fuzzing the parsers that read files from outside: bundle manifests, settings and feeds.

Feeds (CSV/TSV/JSONL/JSON/Merchant XML, plus hostile XML) are fuzzed with hypothesis in
test_importers.py. Each hypothesis test here runs a bounded number of examples with a deadline,
so CI time stays predictable. The atheris harness in tests/fuzz/ runs the same targets
coverage-guided: CI runs each for FUZZ_SECONDS (a slow test), and for as long as one likes by hand.
Every crash a fuzzer found has a regression test here.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from engine.bundles.manifest import FORMAT_VERSION, REQUIRED_FILES, parse_manifest
from engine.errors import BundleError, FeedError
from engine.importers import read_feed
from engine.records import Product
from engine.settings import Settings, load_settings

FUZZ = settings(max_examples=200, deadline=2000,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
DEEP = b"[" * 100_000
SHA = "a" * 64

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner,
                                                                 max_size=4),
    max_leaves=20,
)


def valid_manifest() -> dict:
    return {
        "format_version": FORMAT_VERSION,
        "catalog": {"name": "Shop", "version": "1", "created": "2024-07-01"},
        "product_count": 3,
        "embedder": {"id": "minilm", "dim": 384},
        "files": [{"path": name, "size": 10, "sha256": SHA} for name in REQUIRED_FILES],
    }


@st.composite
def mutated_manifests(draw: st.DrawFn) -> bytes:
    """A valid manifest with one field replaced by anything, or a field removed."""
    data = valid_manifest()
    section = draw(st.sampled_from(["top", "catalog", "embedder", "file"]))
    target = {"top": data, "catalog": data["catalog"], "embedder": data["embedder"],
              "file": data["files"][0]}[section]
    key = draw(st.sampled_from(sorted(target)))
    if draw(st.booleans()):
        del target[key]
    else:
        target[key] = draw(json_values)
    return json.dumps(data).encode()


def check_manifest(raw: bytes) -> None:
    """A manifest either parses into sane values or raises BundleError, and quickly."""
    started = time.perf_counter()
    try:
        manifest = parse_manifest(raw)
    except BundleError as err:
        assert str(err)
    else:
        assert manifest.name and manifest.version and manifest.dim >= 0
        assert {f.path for f in manifest.files} >= set(REQUIRED_FILES)
    assert time.perf_counter() - started < 1


@FUZZ
@given(st.binary(max_size=4000))
@example(DEEP)
@example(b'{"format_version": 1, "catalog": ' + DEEP + b"}")
@example(b'{"format_version": 1e999}')
@example(b'{"format_version": ' + b"9" * 5000 + b"}")
def test_arbitrary_bytes_as_manifest(raw):
    check_manifest(raw)


@FUZZ
@given(mutated_manifests())
def test_mutated_manifests(raw):
    check_manifest(raw)


def test_valid_manifest_still_parses():
    assert parse_manifest(json.dumps(valid_manifest()).encode()).product_count == 3


def check_settings(data_dir, raw: bytes) -> None:
    """Any settings file yields valid settings; a broken one is set aside with a message."""
    path = data_dir / "settings.json"
    for old in data_dir.glob("settings.json.broken-*"):
        old.unlink()
    path.write_bytes(raw)
    settings_, message = load_settings(data_dir)
    assert settings_.validated() is settings_
    if message is None:
        assert path.exists()
    else:
        assert "set aside" in message and not path.exists()
        assert list(data_dir.glob("settings.json.broken-*"))


@FUZZ
@given(st.binary(max_size=2000))
@example(DEEP)
@example(b'{"model_context": ' + b"9" * 5000 + b"}")
@example(b'{"language": "en", "model_threads": true}')
@example("\ufeff{}".encode())
def test_arbitrary_bytes_as_settings(tmp_path, raw):
    check_settings(tmp_path, raw)


@FUZZ
@given(st.dictionaries(st.sampled_from([
    "language", "model_threads", "model_gpu_layers", "model_context", "personalize_results",
    "schema_version", "unknown"]), json_values, max_size=6))
def test_settings_with_any_values(tmp_path, values):
    check_settings(tmp_path, json.dumps(values).encode())
    loaded, message = load_settings(tmp_path)
    assert message is None and isinstance(loaded, Settings)


FUZZ_SECONDS = 20
HARNESS = Path(__file__).parent / "fuzz" / "fuzz_parsers.py"


@pytest.mark.slow
@pytest.mark.skipif(importlib.util.find_spec("atheris") is None, reason="atheris is Linux-only")
@pytest.mark.parametrize("target", ["manifest", "settings", "feed"])
def test_coverage_guided_fuzzing_finds_no_crash(tmp_path, target):
    proc = subprocess.run(
        [sys.executable, str(HARNESS), target, f"-max_total_time={FUZZ_SECONDS}",
         f"-artifact_prefix={tmp_path}/", "-print_final_stats=1"],
        capture_output=True, text=True, timeout=FUZZ_SECONDS * 10)
    runs = [line for line in proc.stderr.splitlines() if "stat::number_of_executed_units" in line]
    print(f"\natheris {target}: {runs[-1].split(':')[-1].strip() if runs else '?'} inputs "
          f"in {FUZZ_SECONDS} s")
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert not list(tmp_path.glob("crash-*"))


FEED_TEXTS = {
    ".csv": "id,title,price\na1,Wool rug,10\n",
    ".tsv": "id\ttitle\tprice\na1\tWool rug\t10\n",
    ".jsonl": '{"id": "a1", "title": "Wool rug", "price": 10}\n',
}


@pytest.mark.parametrize("suffix", sorted(FEED_TEXTS))
def test_utf16_feeds_read_with_a_bom_and_are_refused_plainly_without(tmp_path, suffix):
    """Regression: a UTF-16 feed once crashed the reader (atheris found it)."""
    with_bom = tmp_path / f"bom{suffix}"
    with_bom.write_bytes(FEED_TEXTS[suffix].encode("utf-16"))
    products = [item for item in read_feed(with_bom) if isinstance(item, Product)]
    assert [p.title for p in products] == ["Wool rug"]
    for name, data in (("le", FEED_TEXTS[suffix].encode("utf-16-le")),
                       ("cut", FEED_TEXTS[suffix].encode("utf-16")[:-1])):
        path = tmp_path / f"{name}{suffix}"
        path.write_bytes(data)
        try:
            list(read_feed(path))
        except FeedError as err:
            assert path.name in str(err)
