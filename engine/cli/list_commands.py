"""`aisle saved ...` and `aisle cart ...`: the saved list and the cart in the terminal (the same
facade calls the GUI's "Saved & cart" page makes)."""

from __future__ import annotations

import json

import click

from engine.cli import cli, open_app
from engine.records import ShoppingList


def _show(shopping_list: ShoppingList, as_json: bool) -> None:
    if as_json:
        click.echo(json.dumps(shopping_list.to_dict(), ensure_ascii=False, indent=2))
        return
    if not shopping_list.items:
        click.echo(f"The {shopping_list.name} list is empty.")
        return
    for item in shopping_list.items:
        price = "price unknown" if item.price is None else f"{item.price:,.2f} {item.currency}"
        gone = "" if item.product is not None else "  (no longer in the catalog)"
        click.echo(f"{item.quantity:>3} × {item.title} [{item.product_id}] — {price}{gone}")
    for currency, total in shopping_list.totals:
        click.echo(f"Total: {total:,.2f} {currency}")


def _list_group(name: str, help_text: str) -> click.Group:
    group = click.Group(name, help=help_text)

    @group.command("show")
    @click.option("--json", "as_json", is_flag=True, help="Print the list as JSON.")
    @click.pass_context
    def show(ctx: click.Context, as_json: bool) -> None:
        """Show the list, newest first, with its total per currency."""
        with open_app(ctx) as app:
            _show(app.lists.shopping_list(name), as_json)

    @group.command("add")
    @click.argument("product_id")
    @click.option("--quantity", default=1, show_default=True, type=click.IntRange(1, 99),
                  hidden=name == "saved", help="How many more to put in the cart.")
    @click.pass_context
    def add(ctx: click.Context, product_id: str, quantity: int) -> None:
        """Put a product on the list."""
        with open_app(ctx) as app:
            if name == "saved":
                app.lists.save_product(product_id, context="cli")
            else:
                app.lists.add_to_cart(product_id, quantity, context="cli")
            _show(app.lists.shopping_list(name), False)

    @group.command("remove")
    @click.argument("product_id")
    @click.pass_context
    def remove(ctx: click.Context, product_id: str) -> None:
        """Take a product off the list."""
        with open_app(ctx) as app:
            app.lists.remove_from_list(name, product_id, context="cli")
            _show(app.lists.shopping_list(name), False)

    @group.command("export")
    @click.argument("path", type=click.Path(dir_okay=False))
    @click.option("--format", "fmt", type=click.Choice(["csv", "json"]), default="csv",
                  show_default=True)
    @click.pass_context
    def export(ctx: click.Context, path: str, fmt: str) -> None:
        """Write the list to PATH as CSV or JSON."""
        with open_app(ctx) as app:
            count = app.lists.export_list(name, path, format=fmt)
        click.echo(f"Wrote {count} items to {path}.")

    return group


cli.add_command(_list_group("saved", "Products you saved (kept even while history is paused)."))
cli.add_command(_list_group("cart", "Your cart: quantities and totals per currency."))
