"""A Chinese query over an English catalog, translated by the chat model beside the glossary:
the catalog's merge, the translator through the real model worker (Qwen2.5-Coder 0.5B), the
facade's fallback when the model cannot answer, the evaluation's report, and the CLI."""

from __future__ import annotations

import json

import pytest
from catalog_fixtures import english_rows, write_jsonl
from click.testing import CliRunner

from engine.assistant.search_translation import SearchTranslator
from engine.cli import cli
from engine.errors import Cancelled
from engine.evaluation import evaluate
from engine.progress import CancelToken
from engine.ranking.judgments import Judgments


class Counting:
    """The real model, counting the calls that reach it (to see remembered translations)."""

    def __init__(self, worker) -> None:  # type: ignore[no-untyped-def]
        self.worker = worker
        self.calls = 0

    def __call__(self):  # type: ignore[no-untyped-def]
        self.calls += 1
        return self.worker()


def test_a_model_translation_is_searched_beside_the_glossarys(english_catalog):
    # A brand written in Chinese sounds: the glossary reads its characters' senses.
    glossary_only = english_catalog.search("索纳沃耳机", limit=3)
    assert glossary_only.translated_by == "glossary"
    assert glossary_only.hits[0].product.brand != "Sonavo"
    refined = english_catalog.search("索纳沃耳机", limit=3, translation="sonavo headphones")
    assert refined.translated_by == "model"
    assert refined.corrected_query.startswith("sonavo headphones ")  # then the glossary's words
    assert [h.product.brand for h in refined.hits[:2]] == ["Sonavo", "Sonavo"]


def test_only_a_query_searched_in_translation_takes_one(english_catalog):
    assert english_catalog.translates("降噪耳机")
    assert not english_catalog.translates("noise cancelling headphones")
    english = english_catalog.search("wool rug", limit=3, translation="ignored")
    assert english.translated_by is None and english.corrected_query is None


def test_the_chat_model_translates_a_chinese_query_once(english_catalog, chat_worker):
    counting = Counting(chat_worker)
    translate = SearchTranslator(counting)
    english = translate("降噪耳机")
    assert "headphone" in english.lower() or "earphone" in english.lower()
    assert not any("\u4e00" <= ch <= "\u9fff" for ch in english)
    result = english_catalog.search("降噪耳机", limit=3, translation=english)
    assert result.translated_by == "model"
    assert result.hits[0].product.id == "hp-1"
    stats = chat_worker().last_stats
    assert translate("  降噪耳机 ") == english  # remembered: the model is not asked again
    assert chat_worker().last_stats is stats


def test_a_cancelled_translation_stops(english_catalog, chat_worker):
    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        SearchTranslator(chat_worker)("保暖地毯", token)


def test_search_falls_back_to_the_glossary_when_the_model_cannot_load(aisle, tmp_path):
    # The ``aisle`` fixture's model is a GGUF file without weights; its catalog made English,
    # so the query is one the model would be asked to translate.
    aisle.catalog.import_feed(write_jsonl(tmp_path / "english.jsonl", english_rows()), replace=True)
    page = aisle.catalog.search("降噪耳机", model_translation=True)
    assert page.result.translated_by in ("glossary", None)
    assert page.result.translated_by == "glossary"
    assert page.result.hits


def test_the_cli_searches_and_evaluates_with_the_models_translation(tmp_path, model_file):
    """``aisle search`` and ``aisle eval`` with ``--model-translation``, through the real model
    (the test's GGUF file, added as a shopper adds one) and a real catalog."""
    from engine.app import Aisle

    data = tmp_path / "data"
    feed = write_jsonl(tmp_path / "english.jsonl", english_rows())
    with Aisle(data) as app:
        app.catalog.import_feed(feed)
        app.models.use(app.models.add(model_file).name)
    found = CliRunner().invoke(cli, ["--data-dir", str(data), "search", "降噪耳机", "--json",
                                     "--model-translation"])
    assert found.exit_code == 0, found.output
    result = json.loads(found.output)
    assert result["translated_by"] == "model" and result["results"][0]["id"] == "hp-1"
    queries, qrels = tmp_path / "queries.tsv", tmp_path / "qrels.tsv"
    queries.write_text("q1\t降噪耳机\nq2\twool rug\n", encoding="utf-8")
    qrels.write_text("q1 0 hp-1 3\nq2 0 rug-1 3\n", encoding="utf-8")
    scored = CliRunner().invoke(cli, ["--data-dir", str(data), "eval", "--catalog", str(feed),
                                      "--queries", str(queries), "--qrels", str(qrels),
                                      "--json", "--model-translation"])
    assert scored.exit_code == 0, scored.output
    report = json.loads(scored.output)
    assert report["model_translation"]["queries"] == 1
    assert report["modes"]["hybrid"]["ndcg@10"] == 1.0


def test_the_evaluation_asks_the_translation_once_per_query_and_reports_its_time(
        english_catalog):
    judgments = Judgments([("q1", "索纳沃耳机"), ("q2", "wool rug")],
                          {"q1": {"hp-1": 3, "hp-3": 2}, "q2": {"rug-1": 3}})
    asked: list[str] = []

    def translate(query: str) -> str:
        asked.append(query)
        return "sonavo headphones"

    plain = evaluate(english_catalog, judgments, modes=("hybrid",))
    report = evaluate(english_catalog, judgments, modes=("hybrid",), translate=translate)
    assert asked == ["索纳沃耳机"]  # once, for the query searched in translation
    assert report.to_dict()["model_translation"]["queries"] == 1
    assert report.modes["hybrid"].ndcg10 > plain.modes["hybrid"].ndcg10
