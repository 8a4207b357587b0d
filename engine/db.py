"""SQLite connections and ordered, recorded schema migrations shared by every store.

Each store lists its migrations as ``(name, sql_or_callable)``; they run once, in order,
each in its own transaction, and are recorded in ``_migrations`` (never edit a released one).
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

log = logging.getLogger(__name__)

Migration = tuple[str, "str | Callable[[sqlite3.Connection], None]"]


def connect(path: Path | str, *, readonly: bool = False) -> sqlite3.Connection:
    """Open a database in WAL mode with sane defaults for a desktop app."""
    if readonly:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
    else:
        conn = sqlite3.connect(str(path), check_same_thread=False)
    conn.row_factory = sqlite3.Row
    conn.isolation_level = None  # explicit BEGIN/COMMIT via transaction()
    conn.execute("PRAGMA busy_timeout = 5000")
    if not readonly:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


def open_store(path: Path | str, migrations: Sequence[Migration], *,
               fail: Callable[[str], Exception], secure_delete: bool = True
               ) -> sqlite3.Connection:
    """A store's database, migrated; ``secure_delete`` so deleted rows are zeroed (a shopper's
    own data). A file SQLite cannot use raises ``fail(reason)``, the store's own error."""
    try:
        conn = connect(path)
        if secure_delete:
            conn.execute("PRAGMA secure_delete = ON")
        migrate(conn, migrations)
    except sqlite3.DatabaseError as err:
        raise fail(str(err)) from err
    return conn


def damage(path: Path) -> str | None:
    """Why SQLite cannot use the database at ``path`` (its quick_check verdict or the error), or
    None when it opens and checks: the one test of "damaged" for startup checks and recovery."""
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            verdict = conn.execute("PRAGMA quick_check").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.DatabaseError as err:
        return str(err)
    return None if verdict == "ok" else str(verdict)


def scrub(conn: sqlite3.Connection, path: Path | str) -> None:
    """Rewrite the file without free pages and empty the WAL, so deleted text is gone (with
    ``secure_delete`` on); another process still reading keeps the WAL until it lets go."""
    conn.execute("VACUUM")
    if conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]:
        log.warning("another process is reading %s; its write-ahead log is emptied later", path)


@contextmanager
def transaction(conn: sqlite3.Connection, *,
                immediate: bool = True) -> Iterator[sqlite3.Connection]:
    """One atomic unit of work: committed on success, rolled back on any exception."""
    conn.execute("BEGIN IMMEDIATE" if immediate else "BEGIN")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def migrate(conn: sqlite3.Connection, migrations: Sequence[Migration]) -> list[str]:
    """Apply the migrations not yet recorded; return the names applied now."""
    conn.execute(
        "CREATE TABLE IF NOT EXISTS _migrations ("
        " name TEXT PRIMARY KEY, applied_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP)"
    )
    done = {row[0] for row in conn.execute("SELECT name FROM _migrations")}
    applied = []
    for name, step in migrations:
        if name in done:
            continue
        with transaction(conn):
            if callable(step):
                step(conn)
            else:
                for statement in _statements(step):
                    conn.execute(statement)
            conn.execute("INSERT INTO _migrations(name) VALUES (?)", (name,))
        applied.append(name)
    return applied


def schema_version(conn: sqlite3.Connection) -> int:
    """Number of migrations applied: the database's schema version."""
    return int(conn.execute("SELECT count(*) FROM _migrations").fetchone()[0])


def _statements(script: str) -> list[str]:
    """Split a migration script on semicolons that end complete SQL statements."""
    out, buf = [], ""
    for line in script.splitlines(keepends=True):
        buf += line
        if sqlite3.complete_statement(buf):
            if buf.strip():
                out.append(buf.strip())
            buf = ""
    if buf.strip():
        out.append(buf.strip())
    return out
