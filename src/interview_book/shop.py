"""A small shop database used through the databases chapter, created and seeded deterministically.

Tables: customers (with a self-referencing ``referred_by``), products, orders, order_items, and
shipments, which come from a carrier's feed and have no foreign key, so one of them points at an
order that does not exist (the kind of row a FULL OUTER JOIN reconciliation finds).
"""
from __future__ import annotations

import random
import sqlite3

SCHEMA = """
CREATE TABLE customers (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL,
    email       TEXT NOT NULL UNIQUE,
    city        TEXT,
    referred_by INTEGER REFERENCES customers(id)
);
CREATE TABLE products (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    category    TEXT NOT NULL,
    price_cents INTEGER NOT NULL CHECK (price_cents >= 0)
);
CREATE TABLE orders (
    id          INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customers(id),
    placed_on   TEXT NOT NULL,
    status      TEXT NOT NULL CHECK (status IN ('paid', 'shipped', 'cancelled'))
);
CREATE TABLE order_items (
    order_id    INTEGER NOT NULL REFERENCES orders(id),
    product_id  INTEGER NOT NULL REFERENCES products(id),
    quantity    INTEGER NOT NULL CHECK (quantity > 0),
    PRIMARY KEY (order_id, product_id)
);
CREATE TABLE shipments (
    order_id    INTEGER NOT NULL,
    carrier     TEXT NOT NULL
);
"""

CUSTOMERS = [
    (1, "Ada", "ada@example.com", "London", None),
    (2, "Bram", "bram@example.com", "Utrecht", 1),
    (3, "Chen", "chen@example.com", "London", 1),
    (4, "Dara", "dara@example.com", "Dublin", 2),
    (5, "Eli", "eli@example.com", None, None),  # never ordered
]
PRODUCTS = [
    (1, "Keyboard", "hardware", 4900),
    (2, "Mouse", "hardware", 1900),
    (3, "Monitor", "hardware", 18900),
    (4, "Python book", "books", 3900),
    (5, "SQL book", "books", 3500),
    (6, "Desk lamp", "office", 2500),  # never ordered
]
ORDERS = [
    (101, 1, "2026-01-05", "shipped"),
    (102, 1, "2026-02-11", "paid"),
    (103, 2, "2026-02-14", "shipped"),
    (104, 3, "2026-03-01", "cancelled"),
    (105, 3, "2026-03-09", "paid"),
    (106, 4, "2026-03-20", "shipped"),
]
ORDER_ITEMS = [
    (101, 1, 1), (101, 2, 1),
    (102, 4, 2),
    (103, 3, 1), (103, 5, 1),
    (104, 2, 3),
    (105, 4, 1), (105, 5, 1), (105, 1, 1),
    (106, 3, 2),
]
SHIPMENTS = [(101, "DHL"), (103, "UPS"), (106, "DHL"), (999, "UPS")]  # 999: no such order


def connect(path: str = ":memory:") -> sqlite3.Connection:
    """A new connection to a freshly created and seeded shop database, foreign keys enforced."""
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA foreign_keys = ON")
    connection.executescript(SCHEMA)
    with connection:
        connection.executemany("INSERT INTO customers VALUES (?, ?, ?, ?, ?)", CUSTOMERS)
        connection.executemany("INSERT INTO products VALUES (?, ?, ?, ?)", PRODUCTS)
        connection.executemany("INSERT INTO orders VALUES (?, ?, ?, ?)", ORDERS)
        connection.executemany("INSERT INTO order_items VALUES (?, ?, ?)", ORDER_ITEMS)
        connection.executemany("INSERT INTO shipments VALUES (?, ?)", SHIPMENTS)
    return connection


def add_bulk_orders(connection: sqlite3.Connection, count: int, seed: int = 4) -> None:
    """Append ``count`` generated orders (ids above 1000) for the indexing demos; same data every run."""
    rng = random.Random(seed)
    statuses = ("paid", "shipped", "cancelled")
    rows = (
        (1000 + n, rng.randint(1, 5), f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}", rng.choice(statuses))
        for n in range(count)
    )
    with connection:
        connection.executemany("INSERT INTO orders VALUES (?, ?, ?, ?)", rows)
