"""Fuzzing the parsers that read files from outside: bundle manifests and settings.

Feeds (CSV/TSV/JSONL/JSON/Merchant XML, plus hostile XML) are fuzzed in test_importers.py. Each
test here runs a bounded number of examples with a deadline, so CI time stays predictable; the
atheris harness in tests/fuzz/ runs the same targets coverage-guided for as long as one likes.
"""

from __future__ import annotations

import json
import time

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from engine.bundles.manifest import FORMAT_VERSION, REQUIRED_FILES, parse_manifest
from engine.errors import BundleError
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
