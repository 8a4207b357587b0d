"""The facade (``engine.app.Aisle``) as the GUI and the CLI use it: plain values in, records
out, over a real catalog (real embedder and index), a real history and a real (broken) model
file in the test's data dir (the ``aisle`` fixture, conftest)."""

from __future__ import annotations

import re

import pytest
from catalog_fixtures import product_rows, write_jsonl

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
    info = aisle.catalog_info()
    assert (info.name, info.product_count) == ("Test shop", len(product_rows()))
    assert not aisle.needs_demo_catalog() and aisle.ensure_catalog() == info
    page = aisle.search("rug", limit=3)
    assert isinstance(page, SearchPage) and not page.personalized and page.reasons == {}
    assert len(page.result.hits) == 3 and page.result.total >= 4
    assert page.to_dict()["results"][0]["id"] == page.result.hits[0].product.id
    assert aisle.product("rug-1").title == "Wool shag rug, 5x7 ft, cream"
    assert aisle.product("no-such-product") is None


def test_answer_consumes_the_events_once_and_returns_the_record(aisle):
    events: list[AskEvent] = []
    answer = aisle.answer("cast iron skillet", aisle.conversation(), on_event=events.append)
    assert isinstance(answer, Answer) and answer.mode == "retrieval-only"
    assert "broken.gguf" in answer.reason
    assert "pan-1" in answer.cited_ids
    assert "Better rated ones?" in answer.follow_ups  # offered by the engine in every mode
    assert [p.id for p in answer.products] == list(answer.cited_ids)
    assert isinstance(answer.intent, AnswerIntent) and answer.intent.language == "en"
    assert events[-1].kind == "final" and events[-1].answer == answer
    assert "".join(e.text for e in events if e.kind == "token") == answer.markdown
    streamed = list(aisle.ask("cast iron skillet", aisle.conversation()))
    assert [e.kind for e in streamed] == [e.kind for e in events]
    assert set(answer.to_dict()) >= {"answer", "cited_ids", "intent", "ttft_ms", "tokens_per_s"}


def test_a_comparison_comes_as_rows_not_markdown(aisle):
    conversation = aisle.conversation()
    aisle.answer("headphones", conversation)
    answer = aisle.answer("compare 1 and 2", conversation)
    assert answer.mode == "comparison" and len(answer.cited_ids) == 2
    table = answer.comparison
    assert isinstance(table, Comparison)
    assert [p.id for p in table.products] == list(answer.cited_ids)
    labels = [row.label for row in table.rows]
    assert labels[0] == "Product" and "Price" in labels
    assert all(len(row.cells) == 2 for row in table.rows)
    assert "|" not in answer.text and "cheaper one" in answer.text  # the verdict alone
    assert answer.markdown.startswith("| Product |") and answer.markdown.endswith(answer.text)
    assert aisle.compare(answer.cited_ids) == table
    assert answer.follow_ups == ("Any cheaper ones?", "Better rated ones?")


def test_a_meaningless_message_gets_a_question_back(aisle):
    answer = aisle.answer("hmm", aisle.conversation())
    assert answer.mode == "clarify" and answer.text and not answer.cited_ids
    assert answer.intent == AnswerIntent(language="en")


def test_conversations_are_kept_under_their_session_id(aisle):
    conversation = aisle.conversation("s1")
    aisle.answer("running shoes", conversation)
    aisle.save_conversation(conversation)
    again = aisle.conversation("s1")
    assert again.turns[0].text == "running shoes" and again.shown_ids


def test_product_page_shows_similar_items_and_because_you_viewed(aisle):
    assert aisle.record("view", "rug-1", context="test") is not None
    page = aisle.product_page("pan-1")
    assert isinstance(page, ProductPage) and page.product.id == "pan-1"
    assert page.similar and all(p.reason for p in page.similar)
    assert page.because_title == "Wool shag rug, 5x7 ft, cream"
    shown = {"pan-1", *(p.product.id for p in page.similar)}
    assert page.because and not shown & {p.product.id for p in page.because}
    assert all(p.reason.startswith("Because you viewed") for p in page.because)
    alone = aisle.product_page("rug-1")  # the only view so far is of this product itself
    assert alone.because == () and alone.because_title == ""
    assert aisle.product_page("no-such-product") is None


def test_privacy_snapshot_pause_and_delete(aisle, tmp_path):
    aisle.record("view", "rug-1", context="test")
    snapshot = aisle.privacy()
    assert isinstance(snapshot, PrivacySnapshot)
    assert snapshot.total_events == 1 and not snapshot.paused and snapshot.network == ()
    assert snapshot.categories and snapshot.price_bands[0][0] == "$50–$100"
    aisle.pause_history()
    assert aisle.record("save", "rug-1") is None and aisle.privacy().paused
    aisle.resume_history()
    assert aisle.export_history(tmp_path / "history.json") == 1
    assert aisle.delete_history(everything=True) == 1 and aisle.history() == []
    assert aisle.import_history(tmp_path / "history.json") == 1


def test_reasons_and_price_bands_follow_the_shoppers_language_and_currency(aisle, tmp_path):
    for product_id in ("rug-1", "rug-2"):
        aisle.record("view", product_id, context="test")
    assert aisle.product_page("rug-1").similar[0].reason.startswith("Similar to ")
    aisle.update_settings(language="zh_CN")
    assert aisle.product_page("rug-1").similar[0].reason.startswith("与 ")
    picks = aisle.recommend()
    assert picks and all(CJK.search(p.reason) for p in picks)
    assert all(label.startswith("$") for label, _ in aisle.privacy().price_bands)
    yuan = [r for r in product_rows() if r["currency"] == "CNY"]
    aisle.import_feed(write_jsonl(tmp_path / "zh.jsonl", yuan), replace=True)
    assert all(label.startswith("¥") for label, _ in aisle.privacy().price_bands)  # catalog's


def test_models_and_a_model_that_cannot_load(aisle):
    names = [m.name for m in aisle.models()]
    assert names[-1] == "broken" and aisle.active_model().name == "broken"
    with pytest.raises(ModelError, match="broken.gguf"):
        aisle.load_model()
    assert aisle.cpu_mode() is None


def test_a_comparison_put_together_by_the_shopper_gets_a_verdict(aisle):
    table = aisle.compare(["rug-1", "pan-1", "rug-1"])
    assert [p.id for p in table.products] == ["rug-1", "pan-1"]
    text, source = aisle.compare_verdict(["rug-1", "pan-1"])  # the model file cannot load
    assert source == "catalog" and text
    with pytest.raises(AssistantError, match="Choose 2 to 4"):
        aisle.compare(["rug-1"])
    with pytest.raises(AssistantError, match="Choose 2 to 4"):
        aisle.compare_verdict(["rug-1", "rug-2", "pan-1", "hp-1", "hp-2"])


def test_ask_about_a_product_answers_from_its_fields_with_its_card(aisle):
    conversation = aisle.conversation()
    aisle.answer("headphones", conversation)
    product_id = conversation.shown_ids[0]
    product = aisle.product(product_id)
    events = list(aisle.ask_about(product_id, "What is it made of?"))
    answer = events[-1].answer
    assert answer is not None and answer.act == "question" and answer.mode == "product-answer"
    assert answer.cited_ids == (product_id,) and product.title in answer.text
    assert [e.kind for e in events][0] == "cards"
