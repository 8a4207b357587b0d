"""Aisle desktop app: a PySide6 GUI over the engine's public API.

Views never call the engine on the GUI thread: every call goes through
:func:`desktop_app.workers.run_op`.
"""
