"""Start-up health check: find broken files, set them aside, and say so in plain words.

A corrupt catalog, history database, search index, model file, model list or settings file must
never stop the app from starting. Each is checked, renamed aside (never deleted) when broken, and
reported with the way out; everything that still works keeps working.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from engine.catalog_library import POINTER, CatalogLibrary
from engine.db import damage
from engine.errors import ModelError
from engine.llm.gguf import read_gguf
from engine.llm.model_files import BUILTIN_MODELS, BuiltinModel, assembled_path
from engine.llm.registry import REGISTRY_FILE, ModelRegistry
from engine.messages import Message
from engine.quarantine import quarantine
from engine.settings import load_settings

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class StartupProblem:
    """One broken file found at start-up: what it was, where it went, what the user can do.

    ``message`` is a :class:`~engine.messages.Message` where this module wrote it, so the GUI
    can show it in the shopper's language.
    """

    what: str
    path: str
    moved_to: str | None
    message: str


def check_database(path: Path, what: Message, way_out: Message) -> StartupProblem | None:
    """Quarantine ``path`` if SQLite cannot open it or its quick_check fails.

    ``what`` and ``way_out`` are messages, so the sentence they go into is translated whole.
    """
    if not path.exists():
        return None
    reason = damage(path)
    if reason is None:
        return None
    moved = quarantine(path)
    return StartupProblem(
        what, str(path), str(moved),
        Message("Your {what} was damaged ({reason}) and was set aside as {file}. {way_out}",
                what=what, reason=reason, file=moved.name, way_out=way_out),
    )


def check_index(directory: Path) -> StartupProblem | None:
    """A damaged vector index is derived data: set it aside; the catalog rebuilds it."""
    index = directory / "vectors.hnsw"
    if not index.exists() or index.stat().st_size >= 64:
        return None
    moved = quarantine(index)
    return StartupProblem(
        "search index", str(index), str(moved),
        Message("The search index was incomplete; it is being rebuilt from the catalog (a few "
                "seconds)."),
    )


NO_MODEL_WAY_OUT = Message(
    "Until then the assistant answers by listing the matching products; choose another model "
    "in Settings → Model or add the file again."
)


def check_model_list(data_dir: Path) -> StartupProblem | None:
    """Set aside a model list (``models/registry.json``) that cannot be read."""
    registry = ModelRegistry(data_dir)
    try:
        registry.check()
        return None
    except ModelError as err:
        reason: ModelError | str = err
    except (AttributeError, KeyError, TypeError, RecursionError) as err:
        reason = str(err)
    path = registry.models_dir / REGISTRY_FILE
    moved = quarantine(path)
    return StartupProblem(
        "model list", str(path), str(moved),
        Message("Your list of chat models was damaged ({reason}) and was set aside as {file}. "
                "The built-in model is used; add your own model files again in Settings → Model.",
                reason=reason, file=moved.name),
    )


def check_model(data_dir: Path) -> StartupProblem | None:
    """Check the active model's file cheaply (size and GGUF header, not a full hash).

    A damaged copy Aisle assembled itself is set aside and rebuilt from the installed packages
    when the chat starts; a file the user added lives where the user put it and is only reported.
    """
    registry = ModelRegistry(data_dir)
    try:
        entry = registry.chosen()
    except ModelError as err:
        return StartupProblem("chat model", "", None,
                              Message("{error} {way_out}", error=err, way_out=NO_MODEL_WAY_OUT))
    if entry is None:  # the hardware's default, a built-in: check those assembled so far
        checked = (_check_assembled(model, registry.models_dir) for model in BUILTIN_MODELS)
        return next((problem for problem in checked if problem is not None), None)
    builtin = next((m for m in BUILTIN_MODELS if m.name == entry.name), None)
    if builtin is not None:
        return _check_assembled(builtin, registry.models_dir)
    try:
        read_gguf(entry.path, want_metadata=False)
        return None
    except ModelError as err:
        return StartupProblem("chat model", entry.path, None,
                              Message("The chat model '{name}' cannot be used: {error} {way_out}",
                                      name=entry.name, error=err, way_out=NO_MODEL_WAY_OUT))


def _check_assembled(model: BuiltinModel, models_dir: Path) -> StartupProblem | None:
    path = assembled_path(models_dir, model)
    if not path.is_file():
        return None  # not assembled yet: done on first use
    try:
        if model.size is not None and path.stat().st_size != model.size:
            raise ModelError("{size:,} bytes instead of {expected:,}",
                             size=path.stat().st_size, expected=model.size)
        read_gguf(path, want_metadata=False)
        return None
    except ModelError as err:
        reason = err
    moved = quarantine(path)
    return StartupProblem(
        "chat model", str(path), str(moved),
        Message("The chat model file was incomplete or damaged ({reason}) and was set aside as "
                "{file} (you can delete it to free disk space). It is prepared again from the "
                "installed packages when the chat starts; meanwhile answers list the matching "
                "products.", reason=reason, file=moved.name),
    )


def run_startup_checks(data_dir: Path, *,
                       settings_message: str | None = None) -> list[StartupProblem]:
    """Check every file Aisle keeps; return the problems found (already handled).

    Args:
        settings_message: what an earlier ``load_settings`` said when it set a broken settings
            file aside (the file is gone by now, but the user must still be told).
    """
    problems: list[StartupProblem] = []
    library = CatalogLibrary(data_dir)
    repaired = library.repair()
    catalog_dir = library.active_dir()
    found = [
        None if repaired is None else StartupProblem(
            "active catalog", str(library.root / POINTER), str(repaired.moved_to),
            repaired.message),
        check_database(
            catalog_dir / "catalog.db", Message("product catalog"),
            Message("The demo catalog is used until you import or download a catalog again."),
        ),
        check_index(catalog_dir),
        check_database(
            Path(data_dir) / "history.db", Message("browsing history"),
            Message("A new, empty history was started; your catalog is unaffected."),
        ),
        check_database(
            Path(data_dir) / "chats.db", Message("saved chats"),
            Message("Chats start afresh; your history and catalog are unaffected."),
        ),
        check_database(
            Path(data_dir) / "prices.db", Message("price history"),
            Message("A new one starts with the next catalog you install; nothing else is "
                    "affected."),
        ),
        check_database(
            Path(data_dir) / "lists.db", Message("saved list and cart"),
            Message("They start empty; your history and catalog are unaffected."),
        ),
        check_model_list(Path(data_dir)),
        check_model(Path(data_dir)),
    ]
    problems.extend(p for p in found if p is not None)
    settings_message = settings_message or load_settings(Path(data_dir))[1]
    if settings_message:
        problems.append(StartupProblem("settings", str(Path(data_dir) / "settings.json"),
                                       None, settings_message))
    for problem in problems:
        log.warning("start-up: %s", problem.message)
    return problems
