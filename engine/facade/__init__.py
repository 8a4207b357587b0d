"""The parts :class:`engine.app.Aisle` composes (``aisle.catalog``, ``aisle.assistant``, ...),
one module per area, each built from the pieces it needs (``shared``), never from the facade.

Callers import :mod:`engine.app` (and records from :mod:`engine.records`), never these modules:
they are how the facade is put together, not a second way in.
"""
