"""Collect the engine's messages and refresh their Chinese catalog.

A message is the literal first argument of an engine error (any subclass of
``engine.errors.AisleError``) or of ``Message(...)``. This walks the engine's
source, so the test that every message is translated and ``scripts/translations.sh`` see the
same list.

    .venv/bin/python scripts/engine_messages.py   # update the .po, compile the .mo
"""

from __future__ import annotations

import ast
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "resources" / "translations" / "engine_zh_CN.po"
MO = PO.with_suffix(".mo")
HEADER = ("# The engine's messages in Simplified Chinese. Translate the empty msgstr lines, "
          "keeping every\n# {field}, then run scripts/translations.sh (it compiles the .mo the "
          "app reads).\n#")


@dataclass
class Messages:
    """Every message with where it is written, and the calls whose message is not a literal."""

    found: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


def error_names(trees: list[ast.Module]) -> set[str]:
    """``AisleError`` and every class in ``trees`` that derives from it, however indirectly."""
    classes = [(node.name, {getattr(b, "id", getattr(b, "attr", "")) for b in node.bases})
               for tree in trees for node in ast.walk(tree) if isinstance(node, ast.ClassDef)]
    names, grew = {"AisleError"}, True
    while grew:
        found = {name for name, bases in classes if bases & names}
        grew, names = not found <= names, names | found
    return names


def collect(root: Path = ROOT / "engine") -> Messages:
    """The messages of every engine module under ``root``."""
    trees = {str(path.relative_to(ROOT)): ast.parse(path.read_text(encoding="utf-8"), str(path))
             for path in sorted(root.rglob("*.py"))}
    makers, out = error_names(list(trees.values())) | {"Message"}, Messages()
    for where, tree in trees.items():
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
            if name not in makers or not node.args:
                continue
            first = node.args[0]
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                out.found.setdefault(first.value, []).append((where, node.lineno))
            else:
                out.problems.append(f"{where}:{node.lineno}: {name}(...) needs a literal "
                                    "message with named fields, not a computed one")
    return out


def update() -> int:
    """Merge the collected messages into the .po (new ones untranslated) and compile the .mo."""
    from babel.messages.catalog import Catalog
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po, write_po

    messages = collect()
    for problem in messages.problems:
        print(problem, file=sys.stderr)
    if PO.exists():
        with PO.open("rb") as fh:
            catalog = read_po(fh, locale="zh_CN")
    else:
        catalog = Catalog(locale="zh_CN", project="Aisle engine", version="1",
                          header_comment=HEADER, copyright_holder="the Aisle authors", fuzzy=False,
                          last_translator="the Aisle authors", language_team="简体中文")
    # The file names only, and the catalog's own date, so the .po changes only with its texts.
    template = Catalog(project="Aisle engine", creation_date=catalog.creation_date)
    for text, places in messages.found.items():
        template.add(text, locations=sorted({(where, None) for where, _ in places}),
                     flags=("python-brace-format",) if "{" in text else ())
    catalog.update(template, no_fuzzy_matching=True)
    catalog.obsolete.clear()
    with PO.open("wb") as fh:
        write_po(fh, catalog, width=100, sort_output=True)
    with MO.open("wb") as fh:
        write_mo(fh, catalog)
    missing = [m.id for m in catalog if m.id and not m.string]
    for text in missing:
        print(f"untranslated: {text!r}", file=sys.stderr)
    return 1 if messages.problems or missing else 0


if __name__ == "__main__":
    sys.exit(update())
