"""Coverage-guided fuzzing (atheris, libFuzzer) of every parser that reads outside files.

Usage, bounded in time (CI runs each target for 20 s: test_trust_fuzz.py)::

    python tests/fuzz/fuzz_parsers.py manifest -max_total_time=60
    python tests/fuzz/fuzz_parsers.py settings -max_total_time=60
    python tests/fuzz/fuzz_parsers.py feed -max_total_time=60

A target fails (libFuzzer writes a crash-* file) when a parser raises anything but its typed
error: BundleError for manifests, nothing for settings (a broken file is set aside), FeedError
for feeds. atheris comes with the ``test`` extra on Linux.
"""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import atheris

with atheris.instrument_imports():
    from engine.bundles.manifest import parse_manifest
    from engine.errors import BundleError, FeedError
    from engine.importers import read_feed
    from engine.records import Product, SkippedRow
    from engine.settings import load_settings

WORK = Path(tempfile.mkdtemp(prefix="aisle-fuzz-"))
FEED_SUFFIXES = (".csv", ".tsv", ".jsonl", ".json", ".xml", ".feed")


def fuzz_manifest(data: bytes) -> None:
    try:
        parse_manifest(data)
    except BundleError:
        pass


def fuzz_settings(data: bytes) -> None:
    for old in WORK.glob("settings.json*"):
        old.unlink()
    (WORK / "settings.json").write_bytes(data)
    settings, _ = load_settings(WORK)
    settings.validated()


def fuzz_feed(data: bytes) -> None:
    if not data:
        return
    path = WORK / f"fuzz{FEED_SUFFIXES[data[0] % len(FEED_SUFFIXES)]}"
    path.write_bytes(data[1:])
    try:
        for item in read_feed(path):
            assert isinstance(item, (Product, SkippedRow))
    except FeedError:
        pass


TARGETS: dict[str, Callable[[bytes], None]] = {
    "manifest": fuzz_manifest, "settings": fuzz_settings, "feed": fuzz_feed,
}


def main() -> None:
    if len(sys.argv) < 2 or sys.argv[1] not in TARGETS:
        sys.exit(f"usage: {sys.argv[0]} {{{','.join(TARGETS)}}} [libFuzzer options]")
    target = TARGETS[sys.argv.pop(1)]
    atheris.Setup(sys.argv, target)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
