"""`aisle ask MESSAGE [--json] [--session ID]`: the shopping assistant in the terminal."""

from __future__ import annotations

import json
import sys

import click

from engine.app import Aisle
from engine.assistant import Assistant, Conversation, SessionStore
from engine.assistant.assistant import AnswerResult
from engine.cli import cli
from engine.cli.progress_bar import TerminalProgress
from engine.errors import AssistantError, ModelCrashed


@cli.command()
@click.argument("message", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True,
              help='Print {"answer", "cited_ids", "intent", "ttft_ms", "tokens_per_s"}.')
@click.option("--session", "session_id", default=None,
              help="Continue (and save) a conversation under this id, for follow-up questions.")
@click.pass_context
def ask(ctx: click.Context, message: tuple[str, ...], as_json: bool,
        session_id: str | None) -> None:
    """Ask the shopping assistant about the catalog (streams the answer)."""
    app = Aisle(ctx.obj.get("data_dir") if ctx.obj else None)
    store = SessionStore(app.data_dir)
    conversation = store.load(session_id) if session_id else Conversation()
    try:
        with TerminalProgress() as bar:
            app.ensure_catalog(progress=bar)
            app.model_host.progress = bar
            result = _run(app.assistant, " ".join(message), conversation, stream=not as_json)
    finally:
        app.close()
    if session_id:
        store.save(conversation)
    if as_json:
        keys = ("answer", "cited_ids", "intent", "ttft_ms", "tokens_per_s")
        data = result.to_dict()
        click.echo(json.dumps({k: data[k] for k in keys}, ensure_ascii=False, indent=2))


def _run(assistant: Assistant, message: str, conversation: Conversation,
         stream: bool) -> AnswerResult:
    result: AnswerResult | None = None
    streamed: list[str] = []
    for event in assistant.ask(message, conversation):
        if event.kind == "token":
            streamed.append(event.text)
            if stream:
                sys.stdout.write(event.text)
                sys.stdout.flush()
        elif event.kind == "model_stopped":
            if stream:
                sys.stdout.write("\n")
            raise ModelCrashed(event.text)
        elif event.kind == "final":
            result = event.result
    if result is None:
        raise AssistantError("The assistant stopped without an answer.")
    if stream:
        _print_footer(result, "".join(streamed))
    return result


def _print_footer(result: AnswerResult, streamed: str) -> None:
    click.echo("")
    if result.answer.strip() != streamed.strip():  # something was stripped by the check
        click.echo("—" * 40)
        click.echo(result.answer)
    if result.cited_ids:
        click.echo(f"Products: {', '.join(result.cited_ids)}")
    if result.reason:
        click.echo(f"(no model: {result.reason})", err=True)
