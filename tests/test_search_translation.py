"""A Chinese query over an English catalog, translated by the chat model beside the glossary:
the catalog's merge, the translator through the real model worker (Qwen2.5-Coder 0.5B), the
facade's fallback when the model cannot answer, and the evaluation's report."""

from __future__ import annotations

import pytest
from catalog_fixtures import product_rows, write_jsonl
from test_llm_runtime import shared_chat_model

from engine.assistant.search_translation import SearchTranslator
from engine.catalog import Catalog
from engine.errors import Cancelled
from engine.evaluation import evaluate
from engine.evaluation.judgments import Judgments
from engine.progress import CancelToken


@pytest.fixture(scope="module")
def english_catalog(tmp_path_factory):
    root = tmp_path_factory.mktemp("english")
    cat = Catalog.open(root / "cat")
    cat.import_feed(write_jsonl(root / "feed.jsonl",
                                [r for r in product_rows() if not r["id"].startswith("zh")]))
    yield cat
    cat.close()


class Counting:
    """The real model, counting the calls that reach it (to see remembered translations)."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self):  # type: ignore[no-untyped-def]
        self.calls += 1
        return shared_chat_model()


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


def test_the_chat_model_translates_a_chinese_query_once(english_catalog):
    counting = Counting()
    translate = SearchTranslator(counting)
    english = translate("降噪耳机")
    assert "headphone" in english.lower() or "earphone" in english.lower()
    assert not any("\u4e00" <= ch <= "\u9fff" for ch in english)
    result = english_catalog.search("降噪耳机", limit=3, translation=english)
    assert result.translated_by == "model"
    assert result.hits[0].product.id == "hp-1"
    stats = shared_chat_model().last_stats
    assert translate("  降噪耳机 ") == english  # remembered: the model is not asked again
    assert shared_chat_model().last_stats is stats


def test_a_cancelled_translation_stops(english_catalog):
    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        SearchTranslator(shared_chat_model)("保暖地毯", token)


def test_search_falls_back_to_the_glossary_when_the_model_cannot_load(aisle):
    # The ``aisle`` fixture's model is a GGUF file without weights.
    page = aisle.search("降噪耳机", model_translation=True)
    assert page.result.translated_by in ("glossary", None)
    assert page.result.hits


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
