"""`aisle ask MESSAGE [--json] [--session ID]`: the shopping assistant in the terminal."""

from __future__ import annotations

import json
import sys

import click

from engine.cli import cli, open_app
from engine.cli.progress_bar import TerminalProgress
from engine.errors import ModelCrashed
from engine.records import Answer, AskEvent

JSON_KEYS = ("answer", "cited_ids", "intent", "ttft_ms", "tokens_per_s", "act", "mode",
             "follow_ups")


@cli.command()
@click.argument("message", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True,
              help='Print {"answer", "cited_ids", "intent", "ttft_ms", "tokens_per_s", "act", '
                   '"mode", "follow_ups"}.')
@click.option("--session", "session_id", default=None,
              help="Continue (and save) a conversation under this id, for follow-up questions.")
@click.pass_context
def ask(ctx: click.Context, message: tuple[str, ...], as_json: bool,
        session_id: str | None) -> None:
    """Ask the shopping assistant about the catalog (streams the answer)."""
    streamed: list[str] = []
    with open_app(ctx) as app:
        conversation = app.assistant.conversation(session_id)
        with TerminalProgress() as bar:
            app.catalog.ensure(progress=bar)
            answer = app.assistant.answer(
                " ".join(message), conversation, progress=bar,
                on_event=lambda event: _show(event, streamed, not as_json))
        if session_id:
            app.assistant.save_conversation(conversation)
    if as_json:
        data = answer.to_dict()
        click.echo(json.dumps({k: data[k] for k in JSON_KEYS}, ensure_ascii=False, indent=2))
    else:
        _print_footer(answer, "".join(streamed))


def _show(event: AskEvent, streamed: list[str], stream: bool) -> None:
    """Print tokens as they come; a model that died mid-answer ends the command."""
    if event.kind == "token":
        streamed.append(event.text)
        if stream:
            sys.stdout.write(event.text)
            sys.stdout.flush()
    elif event.kind == "model_stopped":
        if stream:
            sys.stdout.write("\n")
        raise ModelCrashed("{reason}", reason=event.text)


def _print_footer(answer: Answer, streamed: str) -> None:
    click.echo("")
    if answer.markdown.strip() != streamed.strip():  # something was stripped by the check
        click.echo("—" * 40)
        click.echo(answer.markdown)
    if answer.cited_ids:
        click.echo(f"Products: {', '.join(answer.cited_ids)}")
    if answer.reason:
        click.echo(f"(no model: {answer.reason})", err=True)
