"""The shop database and the SQL runner used by the databases chapter."""
import sqlite3

import pytest

from interview_book import shop, sql


def test_shop_is_seeded_with_the_documented_rows():
    db = shop.connect()
    counts = {table: db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
              for table in ("customers", "products", "orders", "order_items", "shipments")}
    assert counts == {"customers": 5, "products": 6, "orders": 6, "order_items": 10, "shipments": 4}
    orphan = db.execute("SELECT order_id FROM shipments WHERE order_id NOT IN (SELECT id FROM orders)").fetchall()
    assert orphan == [(999,)]


def test_foreign_keys_are_enforced():
    db = shop.connect()
    with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY"):
        with db:
            db.execute("INSERT INTO orders VALUES (500, 42, '2026-01-01', 'paid')")


def test_bulk_orders_are_the_same_every_time():
    first, second = shop.connect(), shop.connect()
    shop.add_bulk_orders(first, 500)
    shop.add_bulk_orders(second, 500)
    query = "SELECT * FROM orders ORDER BY id"
    assert first.execute(query).fetchall() == second.execute(query).fetchall()
    assert first.execute("SELECT COUNT(*) FROM orders").fetchone()[0] == 506


def test_run_returns_a_dataframe_with_nulls_as_na():
    frame = sql.run(shop.connect(), "SELECT id, city FROM customers WHERE id IN (?, ?) ORDER BY id", (1, 5))
    assert list(frame.columns) == ["id", "city"]
    assert frame["city"].iloc[0] == "London" and frame["city"].isna().iloc[1]
    assert str(frame["id"].dtype) == "Int64"


def test_run_reports_bad_sql_clearly():
    with pytest.raises(sql.SQLError) as caught:
        sql.run(shop.connect(), "SELECT totl\n   FROM orders")
    message = str(caught.value)
    assert "no such column: totl" in message and "SELECT totl FROM orders" in message
    assert caught.value.__cause__ is None and caught.value.__suppress_context__


def test_statements_without_rows_give_an_empty_frame():
    assert sql.run(shop.connect(), "UPDATE products SET price_cents = price_cents WHERE id = 1").empty


def test_plan_shows_scan_then_search():
    db = shop.connect()
    assert any(step.startswith("SCAN orders") for step in sql.plan(db, "SELECT * FROM orders WHERE status = 'paid'"))
    db.execute("CREATE INDEX orders_by_status ON orders (status)")
    assert any("USING INDEX orders_by_status" in step
               for step in sql.plan(db, "SELECT * FROM orders WHERE status = ?", ("paid",)))


def test_vm_steps_count_less_work_for_an_index_search_than_a_scan():
    db = shop.connect()
    shop.add_bulk_orders(db, 5_000)
    query, day = "SELECT * FROM orders WHERE placed_on = ?", ("2025-06-15",)
    scan = sql.vm_steps(db, query, day)
    assert scan == sql.vm_steps(db, query, day)  # the same work every time
    db.execute("CREATE INDEX by_day ON orders (placed_on)")
    search = sql.vm_steps(db, query, day)
    assert 0 < search * 10 < scan and scan % 100 == 0


def test_vm_steps_accepts_a_callable():
    db = shop.connect()
    steps = sql.vm_steps(db, lambda: db.executemany("INSERT INTO customers (name, email) VALUES (?, ?)",
                                                     [(f"n{i}", f"e{i}@x") for i in range(200)]), granularity=10)
    assert steps > 0 and steps % 10 == 0
    assert db.execute("SELECT count(*) FROM customers").fetchone()[0] == 205  # the handler did not abort


def test_vm_steps_rejects_a_bad_granularity():
    with pytest.raises(ValueError, match="granularity"):
        sql.vm_steps(shop.connect(), "SELECT 1", granularity=0)
