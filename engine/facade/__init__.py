"""The pieces of the facade :class:`engine.app.Aisle`, one module per area of operations.

Callers import :mod:`engine.app` (and records from :mod:`engine.records`), never these modules:
they are how the facade is put together, not a second way in.
"""
