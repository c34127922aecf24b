"""Which database errors mean "unavailable for now" (locked, busy, connection lost) rather
than a bug: workers wait and retry those, pages answer 503 for them instead of 500."""

from __future__ import annotations

from django.db import DatabaseError, InterfaceError, OperationalError

# Lower-case fragments of the messages of SQLite, PostgreSQL (psycopg) and Django for a lock
# that did not come free in time or a connection that is gone.
_TRANSIENT = (
    "database is locked",
    "database table is locked",
    "lock timeout",
    "canceling statement due to lock timeout",
    "could not obtain lock",
    "deadlock detected",
    "could not connect",
    "connection refused",
    "connection is closed",
    "connection already closed",
    "server closed the connection",
    "terminating connection",
    "the database system is starting up",
    "the database system is shutting down",
    "consuming input failed",
    "ssl connection has been closed",
)


def is_unavailable(exc: BaseException) -> bool:
    """True for a database error that is worth waiting out."""
    if isinstance(exc, InterfaceError):
        return True
    if not isinstance(exc, OperationalError | DatabaseError):
        return False
    text = " ".join(str(arg) for arg in exc.args).lower()
    return any(fragment in text for fragment in _TRANSIENT)
