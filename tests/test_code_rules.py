"""The code rules a reviewer would otherwise check by hand: ruff's lint set (pyproject.toml) and
the layering contracts in pyproject.toml (import-linter: the engine never imports the GUI or Qt;
the GUI reaches llama.cpp, hnswlib, the embedders and SQLite only through the engine; the GUI
and the CLI use the engine only through its facade, engine.app, and its records, errors,
progress and messages types; the records import nothing of the engine but engine.errors; the
engine's layers import only downwards), mypy on the engine, and that every message in the UI has
its Chinese translation."""

from __future__ import annotations

import gettext
import re
import string
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def run(tool: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(BIN / tool), *args], cwd=REPO, capture_output=True, text=True,
                          check=False)


def test_ruff_finds_nothing() -> None:
    done = run("ruff", "check", "--no-cache", ".")
    assert done.returncode == 0, done.stdout[-4000:]


def test_layering_contracts_hold() -> None:
    done = run("lint-imports", "--no-cache")
    assert done.returncode == 0, done.stdout[-4000:]
    assert "Contracts: 5 kept, 0 broken." in done.stdout, done.stdout[-4000:]


STRICT = ["engine/records", "engine/facade", "engine/assistant"]


def test_mypy_finds_nothing_in_the_engine() -> None:
    """The engine type-checks as pyproject.toml configures it, and its records, facade and
    assistant with --strict (what they import is checked by the first run)."""
    runs = [subprocess.Popen([str(BIN / "mypy"), "--no-incremental", *args], cwd=REPO,
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
            for args in ([], ["--strict", "--follow-imports=silent", *STRICT])]  # side by side
    for process in runs:
        out, _ = process.communicate()
        assert process.returncode == 0, out[-4000:]


def test_every_ui_string_has_its_chinese_translation(tmp_path) -> None:
    """lupdate over the GUI's sources finds no string the shipped translation lacks, and the
    compiled .qm has every one of them (run ``scripts/translations.sh`` after adding strings)."""
    shipped = REPO / "resources" / "translations" / "aisle_zh_CN.ts"
    fresh = tmp_path / "aisle_zh_CN.ts"
    fresh.write_bytes(shipped.read_bytes())
    sources = sorted(str(p) for p in (REPO / "desktop_app").glob("*.py"))
    done = run("pyside6-lupdate", "-no-obsolete", *sources, "-ts", str(fresh))
    assert done.returncode == 0, done.stderr[-2000:]
    untranslated = re.findall(r"<source>([^<]*)</source>\s*<translation type=\"unfinished\"",
                              fresh.read_text(encoding="utf-8"))
    assert not untranslated, f"untranslated: {untranslated}"
    # The .qm the app loads answers every message with its translation (compared through Qt,
    # not byte for byte: another lrelease version may lay the same file out differently).
    from PySide6.QtCore import QTranslator

    translator = QTranslator()
    assert translator.load(str(REPO / "resources" / "translations" / "aisle_zh_CN.qm"))
    tree = ElementTree.parse(shipped)
    stale = [(context.findtext("name"), message.findtext("source"))
             for context in tree.iter("context") for message in context.iter("message")
             if translator.translate(context.findtext("name") or "",
                                     message.findtext("source") or "")
             != message.findtext("translation")]
    assert not stale, f"the .qm is older than the .ts for: {stale[:10]}"


def fields(text: str) -> list[tuple[str, str, str | None]]:
    """The ``{name:spec!conversion}`` fields of a str.format template, in order of name."""
    return sorted((name, spec, conv) for _, name, spec, conv in string.Formatter().parse(text)
                  if name is not None)


def test_every_engine_message_has_its_chinese_translation() -> None:
    """Every message the engine raises or shows is a literal template the catalog has, translated
    with the same fields, and the compiled .mo the app loads says the same as the .po (run
    ``scripts/translations.sh`` after adding messages)."""
    from babel.messages.pofile import read_po

    sys.path.insert(0, str(REPO / "scripts"))
    import engine_messages

    collected = engine_messages.collect()
    assert not collected.problems, "\n".join(collected.problems)
    with engine_messages.PO.open("rb") as fh:
        catalog = read_po(fh)
    with engine_messages.MO.open("rb") as fh:
        compiled = gettext.GNUTranslations(fh)
    translated = {text: entry.string for text in collected.found
                  if (entry := catalog.get(text)) is not None and entry.string}
    missing = [text for text in collected.found if text not in translated]
    assert not missing, f"untranslated engine messages: {missing[:10]}"
    wrong = [text for text, zh in translated.items() if fields(zh) != fields(text)]
    assert not wrong, f"translations with other fields than their message: {wrong[:10]}"
    stale = [text for text, zh in translated.items() if compiled.gettext(text) != zh]
    assert not stale, f"the .mo is older than the .po for: {stale[:10]}"
