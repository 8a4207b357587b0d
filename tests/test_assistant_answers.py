"""Answers composed from the model's picks, with a real catalog: constraints kept by code,
currency converted, "nothing fits", Chinese answered in Chinese, follow-ups from the answer
itself, cards before words.

The subject is composition and its checks, so the model is the scripted, recording fake
(tests/fake_chat.py) at the assistant's real extension point, saying what the test needs it to
(often what the checks must catch). The same paths through the real 0.5B model: tests/
test_assistant.py (a first answer, a follow-up, a comparison, Chinese, hostile text) and
`aisle eval-assistant` below.
"""

from __future__ import annotations

import json

import pytest
from catalog_fixtures import product_rows, write_jsonl
from click.testing import CliRunner
from fake_chat import ScriptedModel, candidate_ids, picks_reply

from engine.assistant import Assistant, Conversation
from engine.assistant.constraints import (
    Constraints,
    convert,
    detect_currency,
    latin_words,
    match_brand,
    read_constraints,
    type_terms,
)
from engine.assistant.intent import detect_language
from engine.assistant.picks import StreamReader, grounded
from engine.cli import cli
from engine.llm.registry import ModelRegistry
from engine.records import Product

ENGLISH_REPLY = picks_reply(summary="Here are warm, well made picks for you.",
                            reason="A warm and soft choice for your home.",
                            follow_ups=["Do you want a bigger size?", "Any colour preference?"])


def ask(model, catalog, message, picks_by="model"):
    events = list(Assistant(catalog, lambda: model, picks_by=picks_by).ask(message,
                                                                            Conversation()))
    assert events[-1].kind == "final"
    return events, events[-1].result


def prose(result, catalog) -> str:
    text = result.answer
    for product in catalog.get_many(result.cited_ids + result.alternatives):
        text = text.replace(product.title, " ")
    return text


# ----- composition, on the scripted model ---------------------------------------------------


def test_budget_brand_and_type_are_kept_by_code(catalog):
    # The model names a Sonavo product over the budget and copies a catalog line as a reason.
    model = ScriptedModel(picks_reply(
        summary="Sonavo earbuds within your budget.",
        picks=[("hp-1", "Noise cancelling over-ear headphones."),
               ("hp-3", "[hp-3] True wireless earbuds — 79.00 USD — rating 4.1 (2200)")],
        follow_ups=["Do you need a charging case?", "Do you prefer in-ear ones?"]))
    events, result = ask(model, catalog, "Sonavo headphones under $150")
    assert candidate_ids(model.calls[-1]) == ["hp-3"]  # code chose what the model saw
    assert result.mode == "model" and result.cited_ids
    for product in catalog.get_many(result.cited_ids):
        assert product.brand == "Sonavo" and product.price <= 150
    assert result.cited_ids == ["hp-3"]  # the only Sonavo headphones within the budget
    kinds = [e.kind for e in events]
    assert kinds.index("cards") < kinds.index("token"), "cards come before the words"
    assert "[hp-3]" not in result.answer and "rating 4.1 (2200)" not in result.answer
    assert 2 <= len(result.follow_ups) <= 3


def test_a_budget_in_yuan_is_converted_and_said(catalog):
    model = ScriptedModel(ENGLISH_REPLY)  # the wrong language: code answers in Chinese
    _, result = ask(model, catalog, "500元以内的地毯")
    assert result.constraints["converted"] and result.constraints["max_price"] == 69.44
    cited = catalog.get_many(result.cited_ids)
    # a price in yuan (this catalog has both) is converted too: 499 CNY is within 500 CNY
    assert cited and all(convert(p.price, p.currency, "USD") <= 69.44 for p in cited)
    assert "69.44 USD" in result.answer and "500.00 CNY" in result.answer
    assert detect_language(prose(result, catalog)) == "zh"


def test_nothing_fits_is_said_plainly_with_labelled_alternatives(catalog):
    model = ScriptedModel()
    _, result = ask(model, catalog, "a laptop under $200")
    assert result.mode == "nothing-fits" and result.cited_ids == []
    assert result.alternatives and all(a.startswith("lap-") for a in result.alternatives)
    assert result.answer.startswith("Nothing in this catalog fits under 200.00 USD")
    assert "Closest alternatives" in result.answer
    assert model.calls == []  # said by code; the model is not asked


def test_a_brand_the_catalog_does_not_carry_is_said_not_replaced(catalog):
    model = ScriptedModel()
    _, result = ask(model, catalog, "Do you have any Nokia headphones under $300?")
    assert result.mode == "nothing-fits" and result.cited_ids == []
    assert "Nokia" in result.answer.splitlines()[0]
    assert result.alternatives and all(a.startswith("hp-") for a in result.alternatives)
    assert model.calls == []


def test_a_chinese_qualifier_narrows_the_type(catalog):
    model = ScriptedModel(picks_reply())  # picks the first candidates it is given
    _, result = ask(model, catalog, "推荐一款无线耳机")
    cited = catalog.get_many(result.cited_ids)
    assert cited and all("wireless" in p.title.lower() for p in cited)
    given = catalog.get_many(candidate_ids(model.calls[-1]))
    assert given and all("wireless" in p.title.lower() for p in given)


def test_chinese_request_over_an_english_catalog_gets_a_chinese_answer(catalog):
    model = ScriptedModel(ENGLISH_REPLY)  # the wrong language: code answers in Chinese
    _, result = ask(model, catalog, "想要降噪的蓝牙耳机")
    # The glossary translated the need: no model tokens before the first words.
    assert result.intent["source"] == "rules"
    assert len(model.calls) == 1 and candidate_ids(model.calls[0])  # only the picks request
    cited = catalog.get_many(result.cited_ids)
    assert cited and all(p.category.startswith("Electronics > Headphones") for p in cited)
    assert detect_language(prose(result, catalog)) == "zh"
    assert all(detect_language(f) == "zh" for f in result.follow_ups)


def test_reasons_say_only_what_the_catalog_says(catalog):
    invented = ["Only 9.99 today, half price!", "Order at cheap-pans.example for free lids.",
                "Rated best seller by 10000 chefs."]

    def reply(call):
        ids = candidate_ids(call)[:3]
        return picks_reply(picks=list(zip(ids, invented, strict=False)))(call)

    _, result = ask(ScriptedModel(reply), catalog, "a cast iron skillet")
    assert result.picks
    for pick in result.picks:
        product = catalog.get(pick["id"])
        assert grounded(pick["reason"], [product], "en", ()), pick
        assert pick["reason"] not in invented and pick["reason_source"] == "catalog"


def test_an_empty_or_meaningless_message_gets_a_question_back(catalog):
    model = ScriptedModel()
    for message in ("", "   ", "hi", "???"):
        _, result = ask(model, catalog, message)
        assert result.mode == "clarify" and result.cited_ids == []
        assert result.answer.startswith("What are you looking for?")
    assert model.calls == []


# ----- through the real model ---------------------------------------------------------------


def broken_model(directory) -> str:
    """A model file that cannot load (header intact, weights missing)."""
    bad = directory / "broken.gguf"
    bad.write_bytes(b"GGUF" + (3).to_bytes(4, "little") + (5).to_bytes(8, "little")
                    + (0).to_bytes(8, "little") + b"\0" * 4096)
    return str(bad)


@pytest.mark.slow  # two answers from the real model: 20-60 s on a busy 2-core machine
def test_eval_assistant_reports_answers_against_plain_search(tmp_path, model_file):
    feed = write_jsonl(tmp_path / "feed.jsonl", product_rows())
    requests = tmp_path / "requests.jsonl"
    requests.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in [
        {"id": "a1", "lang": "en", "message": "Sonavo headphones under $150", "qid": "q1",
         "constraints": {"max_price": 150, "brand": "Sonavo"}},
        {"id": "a2", "lang": "zh", "message": "想要一个铸铁煎锅", "qid": "q2"},
        {"id": "a3", "lang": "en", "message": "a laptop under $200", "expect_nothing": True,
         "constraints": {"max_price": 200, "title_all": ["laptop"]}},
    ]), encoding="utf-8")
    qrels = tmp_path / "qrels.tsv"
    qrels.write_text("q1 0 hp-3 2\nq1 0 hp-1 1\nq2 0 pan-1 2\n", encoding="utf-8")
    data = tmp_path / "data"
    registry = ModelRegistry(data, gpu=False, cores=2)
    # Every request first with a model that cannot load: the report's figures and parts from
    # search alone, at once; then one request (and its warm-up) through the real model.
    registry.use(registry.add(broken_model(tmp_path)).name)
    out = CliRunner().invoke(cli, ["--data-dir", str(data), "eval-assistant", "--catalog",
                                   str(feed), "--requests", str(requests), "--qrels",
                                   str(qrels), "--json"])
    assert out.exit_code == 0, out.output
    report = json.loads(out.output[out.output.index("{"):])
    summary = report["summary"]["all"]
    assert summary["requests"] == 3 and summary["invented_ids"] == 0
    assert summary["constraints_kept"] == 1.0
    assert summary["ndcg@3"] is not None and summary["reference_ndcg@3"] is not None
    assert set(report["summary"]) == {"all", "en", "zh"}
    assert [r["mode"] for r in report["rows"]][2] == "nothing-fits"
    assert report["translation"] == "glossary"
    registry.use(registry.add(model_file).name)
    out = CliRunner().invoke(cli, ["--data-dir", str(data), "eval-assistant", "--catalog",
                                   str(feed), "--requests", str(requests), "--json",
                                   "--lang", "zh", "--translation", "model"])
    assert out.exit_code == 0, out.output
    report = json.loads(out.output[out.output.index("{"):])
    assert report["translation"] == "model" and set(report["summary"]) == {"all", "zh"}
    assert [r["id"] for r in report["rows"]] == ["a2"] and report["rows"][0]["language_ok"]
    assert report["rows"][0]["mode"] == "model" and report["summary"]["all"]["invented_ids"] == 0


# ----- pieces -------------------------------------------------------------------------------


def test_currency_is_read_from_the_words_of_the_budget():
    assert detect_currency("500元以内的耳机") == "CNY"
    assert detect_currency("under $50") == "USD"
    assert detect_currency("a rug under 80 euros") == "EUR"
    assert detect_currency("¥300的鼠标") == "CNY" and detect_currency("¥3000 camera") == "JPY"
    assert detect_currency("headphones under 100") == ""
    assert convert(500, "CNY", "USD") == 69.44 and convert(10, "USD", "USD") == 10


def test_brand_and_type_are_read_against_the_catalog():
    brands = ["Apple", "Logitech", "Case-Mate", "Sonavo"]
    assert match_brand("给我推荐一款Logitech的鼠标", brands) == "Logitech"
    assert match_brand("a case-mate cover", brands) == "Case-Mate"
    assert match_brand("pineapple slicer", brands) is None
    assert "mouse" in type_terms("a wireless mouse for my laptop")
    assert "headset" in type_terms("bluetooth headphones")
    assert type_terms("蓝牙耳机") == ()
    assert "oven" in type_terms("I'm shopping for a toaster oven.")  # the "for" of asking
    translated = "go camp out , recommend sleeping bag bar"  # 推荐几款睡袋吧, word by word
    assert read_constraints("要去露营，推荐几款睡袋吧。", phrase=translated, min_price=None,
                            max_price=None, brands=[], catalog_currency="USD").type_terms == ()
    limits = Constraints(type_terms=type_terms("headphones"))
    assert limits.keeps_type(Product(id="a", title="Plantronics - M95 Bluetooth Headset"))
    assert not limits.keeps_type(Product(id="b", title="Lightning to Headphone Adapter"))
    cables = Constraints(type_terms=type_terms("cable"))
    assert not cables.keeps_type(Product(id="c", title="Cableyoyo Cable Organizer - Dark Gray"))
    assert cables.keeps_type(Product(id="d", title="Lightning-to-USB Charge-and-Sync Cable"))


def test_an_uncarried_well_known_brand_stays_a_limit():
    carried = ["Sonavo", "Samsung Electronics"]
    read = lambda m, brands=carried: read_constraints(  # noqa: E731
        m, phrase=m, min_price=None, max_price=None, brands=brands, catalog_currency="USD")
    assert read("Nokia phones").brand == "Nokia"
    assert read("诺基亚手机").brand == "Nokia"
    assert read("a Samsung phone").brand is None  # carried, under a longer name
    assert read("a case for a Nokia phone").brand is None  # what it fits, not who makes it
    assert read("Nokia phones", brands=[]).brand is None  # a catalog without brands


def test_chinese_qualifiers_and_model_names_reach_the_limits():
    limits = read_constraints("有没有40美元以下的钱包式iPhone手机壳？", phrase="iphone case",
                              min_price=None, max_price=40, brands=[], catalog_currency="USD")
    assert limits.qualifiers == (("wallet", "folio"), ("iphone",))
    assert limits.keeps_qualifiers(Product(id="a", title="Folio Wallet Case for iPhone 15"))
    assert not limits.keeps_qualifiers(Product(id="b", title="Clear Case for iPhone 15"))
    assert not limits.keeps_qualifiers(Product(id="c", title="Wallet Case for Galaxy S7"))
    assert latin_words("有没有40美元以下的钱包式iPhone手机壳？") == ["iPhone"]
    assert latin_words("wallet case for iPhone") == []


def test_constraints_convert_a_foreign_budget_into_the_catalog_currency():
    limits = read_constraints("500元以内的耳机", phrase="headphones", min_price=None,
                              max_price=500, brands=[], catalog_currency="USD")
    assert limits.converted and limits.max_price == 69.44 and limits.asked_max == 500
    cheap = Product(id="a", title="Headphones", price=60.0, currency="USD")
    dear = Product(id="b", title="Headphones", price=80.0, currency="USD")
    assert limits.keeps(cheap) and not limits.keeps(dear)


def test_stream_reader_yields_each_part_once_it_is_complete():
    reader = StreamReader()
    text = ('{"summary": "Two good pans.", "picks": [{"id": "pan-1", "reason": "Cast iron."}, '
            '{"id": "pan-2", "reason": "Non\\"stick"}], "follow_ups": ["Cheaper?", "Lids?"]}')
    parts = [p for i in range(0, len(text), 7) for p in reader.feed(text[i:i + 7])]
    assert parts == [("summary", "Two good pans."), ("pick", "pan-1", "Cast iron."),
                     ("pick", "pan-2", 'Non"stick')]
    assert reader.result()["follow_ups"] == ["Cheaper?", "Lids?"]


def test_grounding_rejects_invented_numbers_reviews_and_the_wrong_language():
    pan = Product(id="p", title="Cast iron skillet, 12 inch", price=35.0, currency="USD")
    assert grounded("A 12 inch cast iron pan.", [pan], "en")
    assert not grounded("Only 19.99 today!", [pan], "en")
    assert grounded("Within your 40 dollar budget.", [pan], "en", (40.0,))
    assert not grounded("It has received positive reviews.", [pan], "en")
    assert not grounded("A great pan.", [pan], "zh")
    assert not grounded("[p] Cast iron skillet, 12 inch — 35.00 USD", [pan], "en")


def test_picks_in_search_order_come_at_once_and_the_model_writes_one_checked_sentence(catalog):
    model = ScriptedModel("Both are warm wool rugs for a living room. And more.")
    events, result = ask(model, catalog, "wool rug under $100", picks_by="search")
    kinds = [e.kind for e in events]
    assert kinds.index("cards") < kinds.index("token")
    assert result.cited_ids and all(p.price <= 100 for p in catalog.get_many(result.cited_ids))
    assert result.summary == "Both are warm wool rugs for a living room."
    assert all(p["reason_source"] == "catalog" for p in result.picks)
    lawn = ScriptedModel("The best choice for a lawn mower with a strong engine.")
    _, refused = ask(lawn, catalog, "wool rug under $100", picks_by="search")
    assert refused.summary == "" and refused.cited_ids  # the claim is refused, not shown
