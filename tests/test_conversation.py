"""The conversation over a real catalog: each message's act, the need kept across refinements,
product questions answered from the product's own fields, comparisons and decisions made by
code, an honest answer when the catalog sells no such thing, one question back for a vague
need, and the checks on what the model may claim.

Acts, product answers, comparisons, decisions and "none" involve no model; refinements go
through the scripted fake at the assistant's real extension point (tests/fake_chat.py). The
same dialogs through the real model: `aisle eval-assistant --dialogs` (tests/test_dialog_eval.py).
"""

from __future__ import annotations

import pytest
from fake_chat import ScriptedModel, picks_reply

from engine.assistant import Assistant, Conversation
from engine.assistant.acts import read_act
from engine.assistant.claims import is_cut, reason_ok, unsupported
from engine.assistant.constraints import (
    Constraints,
    read_constraints,
    required_attributes,
    respelled_type,
)
from engine.assistant.decide import decide
from engine.assistant.product_facts import answer as product_answer
from engine.assistant.product_facts import stray_numbers
from engine.progress import NEVER_CANCELLED
from engine.records import Product

REPLY = picks_reply(summary="Good picks for you.", reason="A fine choice.",
                    follow_ups=["Any colour preference?", "Need it soon?"])


def say(assistant: Assistant, conversation: Conversation, message: str):
    events = list(assistant.ask(message, conversation))
    assert events[-1].kind == "final"
    return events[-1].result


@pytest.fixture
def without_model(catalog):
    return Assistant(catalog, None)


@pytest.fixture
def with_fake(catalog):
    model = ScriptedModel(REPLY)
    return Assistant(catalog, lambda: model)


# ----- acts ---------------------------------------------------------------------------------


def test_each_message_is_read_as_one_act(with_fake, catalog):
    conversation = Conversation()
    assert say(with_fake, conversation, "hi there").act == "chat"
    first = say(with_fake, conversation, "headphones under $250")
    assert first.act == "new_need" and len(first.cited_ids) >= 2
    acts = {
        "Only Sonavo ones please.": "refine",
        "Tell me more about the second one.": "question",
        "Compare the first two.": "compare",
        "Which should I get?": "decide",
        "thanks!": "chat",
    }
    for message, act in acts.items():
        reading = read_act(message, conversation, catalog.get, lambda m: None,
                           ["Sonavo", "Monitorix"])
        assert reading.kind == act, message


def test_a_refinement_keeps_the_need_and_changes_only_what_it_names(with_fake, catalog):
    conversation = Conversation()
    say(with_fake, conversation, "I need headphones")
    result = say(with_fake, conversation, "Something under $150?")
    assert result.act == "refine" and result.cited_ids
    for product in catalog.get_many(result.cited_ids):
        assert "headphones" in product.title or "earbuds" in product.title
        assert product.price <= 150
    result = say(with_fake, conversation, "only Sonavo")  # the budget stays
    assert {p.brand for p in catalog.get_many(result.cited_ids)} == {"Sonavo"}
    assert all(p.price <= 150 for p in catalog.get_many(result.cited_ids))


def test_cheaper_with_no_number_means_below_the_cheapest_shown(with_fake, catalog):
    conversation = Conversation()
    first = say(with_fake, conversation, "headphones")
    cheapest = min(p.price for p in catalog.get_many(first.cited_ids))
    result = say(with_fake, conversation, "any cheaper ones?")
    assert result.act == "refine"
    assert all(p.price < cheapest for p in catalog.get_many(result.cited_ids))


def test_a_stated_budget_replaces_the_old_one(with_fake, catalog):
    conversation = Conversation()
    say(with_fake, conversation, "headphones under $100")
    result = say(with_fake, conversation, "actually, up to $250")
    assert result.constraints["max_price"] == 250


@pytest.fixture(scope="module")
def shop(tmp_path_factory):
    """Chargers and mats: more cheap wired chargers than a search reads, two wireless ones;
    yoga mats, and "matt black" coffee pots."""
    from engine.catalog import Catalog

    rows = [Product(f"wall-{n}", f"USB wall charger, {n + 5} W", price=5.0 + n / 2,
                    category="Electronics > Chargers", brand="Plugwell") for n in range(24)]
    rows += [Product("wl-1", "Wireless charger pad, 10 W", price=39.0, brand="Voltline",
                     category="Electronics > Chargers"),
             Product("wl-2", "Wireless charger stand, 15 W", price=59.0, brand="Voltline",
                     category="Electronics > Chargers"),
             Product("mat-1", "Non-slip yoga mat, 6 mm", price=22.0, brand="Peakline",
                     category="Sports > Yoga"),
             Product("mat-2", "Travel yoga mat, 1.5 mm", price=19.0, brand="Peakline",
                     category="Sports > Yoga"),
             Product("mat-3", "Cork yoga mat, 5 mm", price=35.0, brand="Kairn",
                     category="Sports > Yoga"),
             Product("pot-1", "Moka pot, 6 cups, matt black", price=30.0, brand="Emberly",
                     category="Kitchen > Coffee"),
             Product("pot-2", "French press, 1 litre, matt black", price=25.0, brand="Emberly",
                     category="Kitchen > Coffee")]
    cat = Catalog.open(tmp_path_factory.mktemp("shop"))
    cat.apply_products(rows)
    yield cat
    cat.close()


def test_cheaper_keeps_what_the_need_put_on_its_type(shop):
    """Sorted by price, the cheapest "charger" matches are all wired: "cheaper" must still
    bring wireless ones."""
    assistant, conversation = Assistant(shop, None), Conversation()
    say(assistant, conversation, "I need a wireless charger")
    result = say(assistant, conversation, "cheaper, under $45")
    assert result.act == "refine" and result.cited_ids == ["wl-1"]


def test_a_misspelt_type_is_read_as_the_catalog_spells_it(shop):
    assistant, conversation = Assistant(shop, None), Conversation()
    first = say(assistant, conversation, "Need a yoga matt.")
    assert first.cited_ids and all(i.startswith("mat-") for i in first.cited_ids)
    cheaper = say(assistant, conversation, "Anything cheaper? Under $25.")
    assert set(cheaper.cited_ids) == {"mat-1", "mat-2"}
    cases = [Product(f"c{n}", f"Silicone case for iPhone 7 Plus, colour {n}") for n in range(5)]
    phone = Constraints(type_terms=("phone", "phones"))
    assert respelled_type(phone, cases) == phone  # "iphone" is another word, not a slip


# ----- product questions --------------------------------------------------------------------


def test_a_product_question_is_answered_from_its_fields_with_its_card(without_model, catalog):
    conversation = Conversation()
    result = say(without_model, conversation, "How long does the battery of the Sonavo wireless "
                                              "noise cancelling headphones last?")
    assert result.mode == "product-answer" and result.cited_ids == ["hp-1"]
    assert "30 h" in result.answer
    result = say(without_model, conversation, "How much does it weigh?")
    assert result.cited_ids == ["hp-1"] and "does not say" in result.answer
    assert "199" not in result.answer  # never the price instead


def test_the_second_one_and_it_resolve_to_one_product(without_model, catalog):
    conversation = Conversation()
    shown = say(without_model, conversation, "headphones").cited_ids
    result = say(without_model, conversation, "tell me more about the second one")
    assert result.cited_ids == [shown[1]]
    again = say(without_model, conversation, "is it waterproof?")
    assert again.cited_ids == [shown[1]]


def test_product_answers_quote_the_catalog_and_invent_no_number():
    charger = Product("c1", "ChargeIt Slimline Portable Charger - Black",
                      description="Keep going with a 10,000 mAh battery. Charges two devices "
                                  "at 2.1A. The 4.7-inch cable is included.", price=29.99)
    text, stated = product_answer(charger, "What is the battery capacity?", "en")
    assert stated and "10,000 mAh" in text and "29.99" not in text
    text, _ = product_answer(charger, "电池容量是多少？", "zh")
    assert "10,000 mAh" in text and "电池容量" in text
    text, stated = product_answer(charger, "How much does it weigh?", "en")
    assert not stated and "does not say" in text
    assert stray_numbers("It holds 12,000 mAh.", [charger]) == ["12,000"]


# ----- compare and decide -------------------------------------------------------------------


def test_compare_the_first_two_compares_exactly_those(without_model, catalog):
    conversation = Conversation()
    shown = say(without_model, conversation, "headphones").cited_ids
    result = say(without_model, conversation, "compare the first two")
    assert result.mode == "comparison" and result.cited_ids == shown[:2]
    assert result.answer.startswith("| Product |") and result.summary


def test_compare_the_first_two_after_a_single_pick_says_so(without_model):
    conversation = Conversation()
    assert len(say(without_model, conversation, "a warm wool rug").cited_ids) == 1
    result = say(without_model, conversation, "compare the first two")
    assert result.act == "compare" and not result.cited_ids
    assert "only one product" in result.answer


def test_which_should_i_get_picks_one_with_a_cheaper_and_a_better_one(without_model, catalog):
    conversation = Conversation()
    shown = say(without_model, conversation, "headphones").cited_ids
    result = say(without_model, conversation, "Which should I get?")
    assert result.mode == "decision" and set(result.cited_ids) <= set(shown)
    decision = decide(catalog.get_many(shown), None)
    assert result.cited_ids[0] == decision.top.id
    if decision.cheaper is not None:
        assert decision.cheaper.price < decision.top.price


# ----- what the catalog cannot meet, and vague needs ----------------------------------------


@pytest.mark.parametrize("message", ["Do you have a lawn mower?", "有洗衣机吗？",
                                     "a fishing rod as a gift for my uncle"])
def test_a_need_the_catalog_cannot_meet_is_said_and_cites_nothing(without_model, message):
    result = say(without_model, Conversation(), message)
    assert result.mode == "nothing-fits" and result.cited_ids == []
    assert "no " in result.answer or "没有" in result.answer


def test_a_kind_the_catalog_sells_is_not_refused(without_model):
    for message in ("wool rug for the living room", "running shoes", "我想要降噪耳机"):
        assert say(without_model, Conversation(), message).cited_ids, message


@pytest.mark.parametrize("message", ["I need a gift", "something for my dad", "有什么推荐的吗"])
def test_a_vague_need_gets_one_question_with_choices(without_model, message):
    result = say(without_model, Conversation(), message)
    assert result.mode == "clarify" and result.cited_ids == []
    assert 2 <= len(result.follow_ups) <= 4


# ----- the need's attributes ----------------------------------------------------------------


def test_connector_carrier_and_device_are_hard_limits():
    limits = read_constraints("a USB-C cable under $15", phrase="USB-C cable", min_price=None,
                              max_price=15, brands=[], catalog_currency="USD")
    assert limits.keeps_required(Product("a", "Belkin - USB Type-C Cable - White"))
    assert not limits.keeps_required(Product("b", "Belkin - Micro-USB Cable - White"))
    case = Constraints(required=required_attributes("a case for my iPhone 7", ("case",)))
    assert case.keeps_required(Product("c", "OtterBox - Case for Apple® iPhone® 7 - Black"))
    assert not case.keeps_required(Product("d", "OtterBox - Case for Apple® iPhone® 7 Plus"))
    assert Constraints(required=required_attributes("iPhone 6s case", ("case",))).keeps_required(
        Product("e", "Case for Apple iPhone 6 and 6s"))
    assert required_attributes("想要一款无锁手机", ("phone",))[0][1] == "unlocked"


def test_a_length_names_no_type(without_model):
    message = "I want a Lightning cable about 10 feet long so I can charge my iPhone from bed."
    intent = without_model._intent(message, Conversation(), None, NEVER_CANCELLED,
                                   followup=False)
    assert without_model.constraints(intent, message).type_terms[0] == "cable"


def test_ratings_and_pack_sizes_are_not_budgets(without_model):
    limits = without_model.constraints(
        without_model._intent("Must come in a 4 pack with at least 5000 ratings, under $30.",
                              Conversation(), None, __import__("engine.progress").progress
                              .NEVER_CANCELLED, followup=False),
        "Must come in a 4 pack with at least 5000 ratings, under $30.")
    assert limits.min_price is None and limits.max_price == 30


# ----- claims the model may not make --------------------------------------------------------


def test_claims_the_product_does_not_bear_out_are_refused():
    phone = Product("p", "Alcatel Dawn 4.5 with 8GB Memory Prepaid Cell Phone",
                    description="A prepaid phone with a 5 MP camera.", brand="Alcatel")
    mount = Product("m", "Insignia Car Vent Mount", description="Holds your phone in the car.",
                    brand="Insignia")
    assert unsupported("The best choice for a lawn mower, with a high-quality engine.", [phone],
                       "I need a lawn mower")
    assert unsupported("适合购买洗衣机，因为它是一款高端的洗衣机", [mount], "我想买一台洗衣机")
    assert not unsupported("Holds your phone securely on the car vent.", [mount], "car mount")
    assert is_cut("Best Buy offers crystal-clear conversations via your")
    assert not reason_ok("A fine choice.", mount, [], "car mount")  # names nothing of it
    assert not reason_ok("Holds your phone in the car.", mount, ["Holds your phone in the car."],
                         "car mount")  # another pick's reason again
