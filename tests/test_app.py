"""The facade (``engine.app.Aisle``) as the GUI and the CLI use it: plain values in, records
out, over a real catalog (real embedder and index), a real history and a real (broken) model
file in the test's data dir (the ``aisle`` fixture, conftest)."""

from __future__ import annotations

import re
import shutil

import pytest
from catalog_fixtures import product_rows, write_jsonl
from fake_chat import ScriptedHost, ScriptedModel

from engine.errors import AssistantError, ModelError
from engine.records import (
    Answer,
    AnswerIntent,
    AskEvent,
    Comparison,
    PrivacySnapshot,
    ProductPage,
    SearchPage,
)

CJK = re.compile(r"[\u4e00-\u9fff]")


def test_catalog_and_search_come_back_as_records(aisle):
    info = aisle.catalog.info()
    assert (info.name, info.product_count) == ("Test shop", len(product_rows()))
    assert not aisle.catalog.needs_demo() and aisle.catalog.ensure() == info
    page = aisle.catalog.search("rug", limit=3)
    assert isinstance(page, SearchPage) and not page.personalized and page.reasons == {}
    assert len(page.result.hits) == 3 and page.result.total >= 4
    assert page.to_dict()["results"][0]["id"] == page.result.hits[0].product.id
    assert aisle.catalog.product("rug-1").title == "Wool shag rug, 5x7 ft, cream"
    assert aisle.catalog.product("no-such-product") is None


def test_a_model_host_passed_in_writes_the_answer_and_stays_its_owners(tmp_path, catalog_data):
    from engine.app import Aisle

    data = tmp_path / "data"
    shutil.copytree(catalog_data, data)
    host = ScriptedHost(ScriptedModel("Both are warm wool rugs for a living room. And more."))
    steps: list[tuple[int, int, str]] = []

    def progress(done: int, total: int, label: str) -> None:
        steps.append((done, total, label))

    with Aisle(data, model_host=host) as aisle:
        answer = aisle.assistant.answer("wool rug under $100", aisle.assistant.conversation(),
                                        progress=progress)
        assert aisle.history.privacy().model_network_seal == "scripted"
    assert answer.mode != "retrieval-only" and answer.cited_ids
    assert answer.summary == "Both are warm wool rugs for a living room."
    assert host.model.calls  # the model passed in wrote it, given this answer's own progress
    assert host.progress_given and all(p is progress for p in host.progress_given)
    assert not host.closed  # closing the facade leaves the host to its owner


def test_answer_consumes_the_events_once_and_returns_the_record(aisle):
    events: list[AskEvent] = []
    answer = aisle.assistant.answer("cast iron skillet", aisle.assistant.conversation(),
                                    on_event=events.append)
    assert isinstance(answer, Answer) and answer.mode == "retrieval-only"
    assert "broken.gguf" in answer.reason
    assert "pan-1" in answer.cited_ids
    assert "Better rated ones?" in answer.follow_ups  # offered by the engine in every mode
    assert [p.id for p in answer.products] == list(answer.cited_ids)
    assert isinstance(answer.intent, AnswerIntent) and answer.intent.language == "en"
    assert events[-1].kind == "final" and events[-1].answer == answer
    assert "".join(e.text for e in events if e.kind == "token") == answer.markdown
    streamed = list(aisle.assistant.ask("cast iron skillet", aisle.assistant.conversation()))
    assert [e.kind for e in streamed] == [e.kind for e in events]
    assert set(answer.to_dict()) >= {"answer", "cited_ids", "intent", "ttft_ms", "tokens_per_s"}


def test_a_comparison_comes_as_rows_not_markdown(aisle):
    conversation = aisle.assistant.conversation()
    aisle.assistant.answer("headphones", conversation)
    answer = aisle.assistant.answer("compare 1 and 2", conversation)
    assert answer.mode == "comparison" and len(answer.cited_ids) == 2
    table = answer.comparison
    assert isinstance(table, Comparison)
    assert [p.id for p in table.products] == list(answer.cited_ids)
    labels = [row.label for row in table.rows]
    assert labels[0] == "Product" and "Price" in labels
    assert all(len(row.cells) == 2 for row in table.rows)
    assert "|" not in answer.text and "cheaper one" in answer.text  # the verdict alone
    assert answer.markdown.startswith("| Product |") and answer.markdown.endswith(answer.text)
    assert aisle.catalog.compare(answer.cited_ids) == table
    assert answer.follow_ups == ("Any cheaper ones?", "Better rated ones?")


def test_a_meaningless_message_gets_a_question_back(aisle):
    answer = aisle.assistant.answer("hmm", aisle.assistant.conversation())
    assert answer.mode == "clarify" and answer.text and not answer.cited_ids
    assert answer.intent == AnswerIntent(language="en")


def test_conversations_are_kept_under_their_session_id(aisle):
    conversation = aisle.assistant.conversation("s1")
    aisle.assistant.answer("running shoes", conversation)
    aisle.assistant.save_conversation(conversation)
    again = aisle.assistant.conversation("s1")
    assert again.turns[0].text == "running shoes" and again.shown_ids


def test_product_page_shows_similar_items_and_because_you_viewed(aisle):
    assert aisle.history.record("view", "rug-1", context="test") is not None
    page = aisle.catalog.product_page("pan-1")
    assert isinstance(page, ProductPage) and page.product.id == "pan-1"
    assert page.similar and all(p.reason for p in page.similar)
    assert page.because_title == "Wool shag rug, 5x7 ft, cream"
    shown = {"pan-1", *(p.product.id for p in page.similar)}
    assert page.because and not shown & {p.product.id for p in page.because}
    assert all(p.reason.startswith("Because you viewed") for p in page.because)
    alone = aisle.catalog.product_page("rug-1")  # the only view so far is of this product itself
    assert alone.because == () and alone.because_title == ""
    assert aisle.catalog.product_page("no-such-product") is None


def test_privacy_snapshot_pause_and_delete(aisle, tmp_path):
    aisle.history.record("view", "rug-1", context="test")
    snapshot = aisle.history.privacy()
    assert isinstance(snapshot, PrivacySnapshot)
    assert snapshot.total_events == 1 and not snapshot.paused and snapshot.network == ()
    assert snapshot.categories and snapshot.price_bands[0][0] == "$50–$100"
    aisle.history.pause()
    assert aisle.history.record("save", "rug-1") is None and aisle.history.privacy().paused
    aisle.history.resume()
    assert aisle.history.export(tmp_path / "history.json") == 1
    assert aisle.history.delete(everything=True) == 1 and aisle.history.events() == []
    assert aisle.history.restore(tmp_path / "history.json") == 1


def test_reasons_and_price_bands_follow_the_shoppers_language_and_currency(aisle, tmp_path):
    for product_id in ("rug-1", "rug-2"):
        aisle.history.record("view", product_id, context="test")
    assert aisle.catalog.product_page("rug-1").similar[0].reason.startswith("Similar to ")
    aisle.update_settings(language="zh_CN")
    assert aisle.catalog.product_page("rug-1").similar[0].reason.startswith("与 ")
    picks = aisle.history.recommend()
    assert picks and all(CJK.search(p.reason) for p in picks)
    assert all(label.startswith("$") for label, _ in aisle.history.privacy().price_bands)
    yuan = [r for r in product_rows() if r["currency"] == "CNY"]
    aisle.catalog.import_feed(write_jsonl(tmp_path / "zh.jsonl", yuan), replace=True)
    bands = aisle.history.privacy().price_bands
    assert all(label.startswith("¥") for label, _ in bands)  # the catalog's currency


def test_models_and_a_model_that_cannot_load(aisle):
    names = [m.name for m in aisle.models.entries()]
    assert names[-1] == "broken" and aisle.models.active().name == "broken"
    with pytest.raises(ModelError, match="broken.gguf"):
        aisle.models.load()
    assert aisle.models.cpu_mode() is None


def test_a_comparison_put_together_by_the_shopper_gets_a_verdict(aisle):
    table = aisle.catalog.compare(["rug-1", "pan-1", "rug-1"])
    assert [p.id for p in table.products] == ["rug-1", "pan-1"]
    text, source = aisle.assistant.compare_verdict(["rug-1", "pan-1"])  # the model file cannot load
    assert source == "catalog" and text
    with pytest.raises(AssistantError, match="Choose 2 to 4"):
        aisle.catalog.compare(["rug-1"])
    with pytest.raises(AssistantError, match="Choose 2 to 4"):
        aisle.assistant.compare_verdict(["rug-1", "rug-2", "pan-1", "hp-1", "hp-2"])


def test_ask_about_a_product_answers_from_its_fields_with_its_card(aisle):
    conversation = aisle.assistant.conversation()
    aisle.assistant.answer("headphones", conversation)
    product_id = conversation.shown_ids[0]
    product = aisle.catalog.product(product_id)
    events = list(aisle.assistant.ask_about(product_id, "What is it made of?"))
    answer = events[-1].answer
    assert answer is not None and answer.act == "question" and answer.mode == "product-answer"
    assert answer.cited_ids == (product_id,) and product.title in answer.text
    assert [e.kind for e in events][0] == "cards"
