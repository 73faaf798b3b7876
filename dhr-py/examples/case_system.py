"""A case system's use of dhr with SQLite (README, "Integrating with a case
system"): store each review's log, append an event safely, correct a wrongly
keyed event with ``voided``, and keep the receipt of every answer.

Appending is check-and-store in one transaction: the row is locked
(``BEGIN IMMEDIATE`` takes SQLite's write lock; PostgreSQL would use
``SELECT ... FOR UPDATE``), the stored log is read, dhr checks the event
against it, and the new log is written with its version column bumped
(``WHERE version = ?``), so two clerks can never both append to the same
version. A refused event raises ``dhr.DhrError`` and the transaction is
rolled back: the stored log is exactly as it was.

Run: python dhr-py/examples/case_system.py
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any

import dhr

SCHEMA = """
CREATE TABLE IF NOT EXISTS review (
    id        INTEGER PRIMARY KEY,
    reference TEXT UNIQUE NOT NULL,
    log       TEXT NOT NULL,           -- the spec 6.3 document, as dhr writes it
    version   INTEGER NOT NULL         -- bumped by every append
);
CREATE TABLE IF NOT EXISTS answer (
    reference TEXT NOT NULL,
    as_of     TEXT NOT NULL,
    status    TEXT NOT NULL,           -- the spec 6.4 answer
    engine    TEXT NOT NULL            -- its receipt (spec 8.3), for audit
);
"""


class Conflict(Exception):
    """The review changed since it was read (another append won)."""


def open_db(path: str = ":memory:") -> sqlite3.Connection:
    db = sqlite3.connect(path, isolation_level=None)  # transactions by hand
    db.executescript(SCHEMA)
    return db


def create(db: sqlite3.Connection, reference: str, rules: str = "stockton_2011") -> None:
    review = dhr.Review(reference, rules)
    db.execute(
        "INSERT INTO review (reference, log, version) VALUES (?, ?, 0)",
        (reference, json.dumps(review.to_dict())),
    )


def append(db: sqlite3.Connection, reference: str, event: dict[str, Any]) -> int:
    """Check `event` against the stored log and store it, in one transaction.
    Returns the new version; raises dhr.DhrError (nothing stored) if dhr
    refuses the event."""
    db.execute("BEGIN IMMEDIATE")
    try:
        row = db.execute("SELECT log, version FROM review WHERE reference = ?", (reference,)).fetchone()
        if row is None:
            raise KeyError(reference)
        log, version = row
        review = dhr.Review.from_json(log)
        review.apply(event)  # dhr's check: order, prerequisites, roles, fields
        updated = db.execute(
            "UPDATE review SET log = ?, version = version + 1 WHERE reference = ? AND version = ?",
            (json.dumps(review.to_dict()), reference, version),
        )
        if updated.rowcount != 1:
            raise Conflict(reference)
        db.execute("COMMIT")
        return int(version) + 1
    except BaseException:
        db.execute("ROLLBACK")
        raise


def record_status(db: sqlite3.Connection, reference: str, as_of: str) -> dhr.Status:
    """The status as of a date, stored with its receipt."""
    (log,) = db.execute("SELECT log FROM review WHERE reference = ?", (reference,)).fetchone()
    status = dhr.Review.from_json(log).status(as_of)
    db.execute(
        "INSERT INTO answer VALUES (?, ?, ?, ?)",
        (reference, as_of, status.to_json(), status.engine.to_json()),
    )
    return status


def main() -> dict[str, Any]:
    db = open_db()
    create(db, "STK-2024-003")
    append(db, "STK-2024-003", {"on": "2024-01-31", "event": "notified", "by": "police"})
    # Keyed wrongly: a decision not to review.
    append(db, "STK-2024-003", {"on": "2024-02-12", "event": "decided", "by": "csp",
                                "review": False, "reasons": "keyed in error"})
    # A refused event leaves the stored log exactly as it was.
    before = db.execute("SELECT log, version FROM review").fetchone()
    try:
        append(db, "STK-2024-003", {"on": "2024-02-13", "event": "panel_commissioned", "by": "csp"})
        raise AssertionError("dhr accepted a panel after a decision not to review")
    except dhr.DhrError as err:
        refused = (err.code, err.path)
    assert db.execute("SELECT log, version FROM review").fetchone() == before
    # The correction (spec 8.4): void event 1, then record the right decision.
    append(db, "STK-2024-003", {"on": "2024-02-14", "event": "voided", "by": "csp",
                                "voids": 1, "reason": "decision keyed as false in error"})
    version = append(db, "STK-2024-003", {"on": "2024-02-12", "event": "decided", "by": "csp", "review": True})
    status = record_status(db, "STK-2024-003", "2024-02-20")
    (engine,) = db.execute("SELECT engine FROM answer").fetchone()
    return {"refused": refused, "version": version, "stage": status.stage,
            "voided_events": status.to_dict().get("voided_events"), "engine": json.loads(engine)}


if __name__ == "__main__":
    print(json.dumps(main(), indent=2))
