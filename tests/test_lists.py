"""The saved list and the cart through the facade (real catalog, real lists.db and history.db):
kept apart from the paused history, quantities and totals per currency, products an update
removed, export as CSV and JSON, and deleting everything."""

from __future__ import annotations

import csv
import json

import pytest
from catalog_fixtures import product_rows, write_jsonl

from engine.errors import ListError
from engine.records import ItemState


def test_saving_and_the_cart_show_on_every_product_and_survive_a_restart(aisle):
    assert aisle.lists.save_product("rug-1") == ItemState(saved=True)
    # one of each on the saved list
    assert aisle.lists.save_product("rug-1") == ItemState(saved=True)
    assert aisle.lists.add_to_cart("rug-1", 2) == ItemState(saved=True, in_cart=2)
    assert aisle.lists.add_to_cart("rug-1") == ItemState(saved=True, in_cart=3)
    assert aisle.lists.item_states(["rug-1", "pan-1"]) == {"rug-1": ItemState(True, 3)}
    assert [e.kind for e in aisle.history.events(limit=3)] == ["cart", "cart", "save"]
    data = aisle.data_dir
    aisle.close()
    from engine.app import Aisle

    with Aisle(data) as again:
        assert again.lists.item_states() == {"rug-1": ItemState(True, 3)}
        assert again.lists.remove_from_list("saved", "rug-1") == ItemState(False, 3)
        assert again.history.events(limit=1)[0].kind == "unsave"


def test_quantities_and_totals_per_currency(aisle):
    priced = [r for r in product_rows() if r.get("price") is not None][:3]
    for row in priced:
        aisle.lists.add_to_cart(row["id"])
    aisle.lists.set_quantity("cart", priced[0]["id"], 4)
    cart = aisle.lists.shopping_list("cart")
    assert [i.product_id for i in cart.items] == [r["id"] for r in priced][::-1]
    expected: dict[str, float] = {}
    for row, quantity in zip(priced, (4, 1, 1), strict=True):
        expected[row["currency"]] = expected.get(row["currency"], 0) + row["price"] * quantity
    assert dict(cart.totals) == pytest.approx(expected)
    assert aisle.lists.set_quantity("cart", priced[1]["id"], 0) == ItemState()
    with pytest.raises(ListError, match="between 0"):
        aisle.lists.set_quantity("cart", priced[0]["id"], 500)
    with pytest.raises(ListError, match="not on the cart list"):
        aisle.lists.set_quantity("cart", "pan-1", 2)
    with pytest.raises(ListError, match="no product"):
        aisle.lists.add_to_cart("no-such-product")
    with pytest.raises(ListError, match="no list 'wishlist'"):
        aisle.lists.shopping_list("wishlist")


def test_the_lists_are_kept_while_the_history_is_paused(aisle):
    aisle.history.pause()
    assert aisle.lists.save_product("pan-1") == ItemState(saved=True)
    assert aisle.history.events() == []
    assert aisle.lists.shopping_list("saved").items[0].product_id == "pan-1"


def test_a_product_an_update_removed_stays_listed_as_it_was(aisle, tmp_path):
    rug = next(r for r in product_rows() if r["id"] == "rug-1")
    aisle.lists.save_product("rug-1")
    aisle.lists.save_product("pan-1")
    rest = [r for r in product_rows() if r["id"] != "rug-1"]
    aisle.catalog.import_feed(write_jsonl(tmp_path / "update.jsonl", rest), replace=True)
    saved = aisle.lists.shopping_list("saved")
    gone = next(i for i in saved.items if i.product_id == "rug-1")
    assert saved.missing == 1 and gone.product is None
    assert (gone.title, gone.price) == (rug["title"], rug["price"])
    pan = next(r for r in product_rows() if r["id"] == "pan-1")
    assert dict(saved.totals) == {"USD": pan["price"]}  # what can still be bought
    assert aisle.lists.remove_from_list("saved", "rug-1") == ItemState()


def test_lists_export_as_csv_and_json(aisle, tmp_path):
    aisle.lists.add_to_cart("rug-1", 2)
    assert aisle.lists.export_list("cart", tmp_path / "cart.csv") == 1
    [row] = list(csv.DictReader((tmp_path / "cart.csv").open(encoding="utf-8")))
    assert (row["id"], row["quantity"], row["in_catalog"]) == ("rug-1", "2", "True")
    assert aisle.lists.export_list("cart", tmp_path / "cart.json", format="json") == 1
    data = json.loads((tmp_path / "cart.json").read_text(encoding="utf-8"))
    assert data["list"] == "cart" and data["items"][0]["subtotal"] == data["totals"]["USD"]
    with pytest.raises(ListError, match="csv or json"):
        aisle.lists.export_list("cart", tmp_path / "cart.xml", format="xml")


def test_deleting_everything_empties_the_lists_and_the_chats(aisle):
    aisle.lists.save_product("rug-1")
    aisle.lists.add_to_cart("pan-1")
    conversation = aisle.assistant.conversation()
    aisle.assistant.answer("running shoes", conversation)
    aisle.assistant.save_conversation(conversation)
    assert aisle.history.delete_everything() >= 2
    assert aisle.lists.item_states() == {} and aisle.assistant.chats() == []
    assert aisle.history.events() == []
    for path in aisle.data_dir.glob("lists.db*"):
        assert b"rug-1" not in path.read_bytes()


def test_the_cli_shows_changes_and_exports_the_lists(tmp_path):
    from click.testing import CliRunner

    from engine.cli import cli

    runner = CliRunner()
    base = ["--data-dir", str(tmp_path / "data")]
    feed = write_jsonl(tmp_path / "feed.jsonl", product_rows())
    assert runner.invoke(cli, [*base, "catalog", "import", str(feed)]).exit_code == 0
    out = runner.invoke(cli, [*base, "cart", "add", "rug-1", "--quantity", "2"])
    assert out.exit_code == 0 and "2 × Wool shag rug" in out.output and "Total:" in out.output
    shown = runner.invoke(cli, [*base, "cart", "show", "--json"])
    assert json.loads(shown.output)["items"][0]["quantity"] == 2
    assert runner.invoke(cli, [*base, "saved", "show"]).output.strip() == (
        "The saved list is empty.")
    missing = runner.invoke(cli, [*base, "saved", "add", "no-such-product"])
    assert missing.exit_code == 1 and "no product no-such-product" in missing.output
    target = tmp_path / "cart.json"
    exported = runner.invoke(cli, [*base, "cart", "export", str(target), "--format", "json"])
    assert exported.exit_code == 0 and json.loads(target.read_text())["list"] == "cart"


def test_each_installed_version_adds_its_prices_and_a_saved_product_made_cheaper_is_a_drop(
        aisle, tmp_path):
    """The conftest catalog was imported once (version 1); two more versions are imported
    here: the rug gets cheaper in the second, nothing changes in the third."""
    aisle.lists.save_product("rug-1")
    cheaper = [dict(r, price=69.0) if r["id"] == "rug-1" else r for r in product_rows()]
    aisle.catalog.import_feed(write_jsonl(tmp_path / "v2.jsonl", cheaper), version="2")
    page = aisle.catalog.product_page("rug-1")
    assert [(p.price, p.label) for p in page.prices] == [(89.0, "Test shop 1"),
                                                        (69.0, "Test shop 2")]
    assert len(aisle.catalog.product_page("pan-1").prices) == 1  # unchanged: stored once
    [drop] = aisle.lists.shopping_list("saved").drops
    assert (drop.product_id, drop.before, drop.now, drop.currency) == ("rug-1", 89.0, 69.0,
                                                                         "USD")
    aisle.catalog.import_feed(write_jsonl(tmp_path / "v3.jsonl", cheaper), version="3")
    assert aisle.lists.shopping_list("saved").drops == ()  # a drop is news of one update
    assert len(aisle.catalog.product_page("rug-1").prices) == 2
