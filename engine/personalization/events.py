"""What history events mean to personalization: which kinds show interest and which rule a
product out.

The event records themselves (``Event``, ``ProductSnapshot``, ``ShownItem``, ``KINDS``) live in
:mod:`engine.records.history`, at the bottom layer, so the facade's records can name them.
"""

from __future__ import annotations

POSITIVE_KINDS = ("click", "save", "cart", "bought")
"""Kinds that show the shopper wanted the product (the ranker's positives, the profile's
recent interest)."""
EXCLUDING_KINDS = ("bought", "dismiss")
"""Products with one of these events are never recommended again."""
