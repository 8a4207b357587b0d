"""What the app does when the model's output breaks the rules: an id that is not a candidate, a
price or a review count the catalog does not have, an id or price in a comparison verdict.

The real model rarely does this on cue (llama.cpp's grammar already limits ids to the
candidates), so these tests put the scripted model (tests/fake_chat.py) at the real extension
point, the assistant's model provider, with exactly the output to be caught. Everything else is
real: catalog, search, constraints, picks, composition. test_trust_injection.py runs hostile
catalog text through the real model.
"""

from __future__ import annotations

import json

from fake_chat import ScriptedModel

from engine.assistant import Assistant, Conversation


def picking(catalog, model) -> Assistant:
    """The assistant whose picks and reasons the model writes: what these checks guard."""
    return Assistant(catalog, lambda: model, picks_by="model")


def final(assistant: Assistant, message: str, conversation: Conversation):
    events = list(assistant.ask(message, conversation))
    assert events[-1].kind == "final"
    return events[-1].result


def test_invented_ids_prices_and_reviews_in_picks_never_reach_the_shopper(catalog):
    probe = final(Assistant(catalog, None), "a warm rug for the living room", Conversation())
    real = probe.candidates[0] if probe.candidates else probe.cited_ids[0]
    script = json.dumps({
        "summary": "All rugs are 90% off today at $1.99!",
        "picks": [
            {"id": "demo-99999", "reason": "The best rug ever made."},
            {"id": real, "reason": "Only $1.99 today, loved by 5000 five-star reviewers."},
        ],
        "follow_ups": ["Want a cheaper one?", "Need a bigger size?"],
    })
    model = ScriptedModel(script)
    result = final(picking(catalog, model), "a warm rug for the living room",
                   Conversation())
    assert model.requests, "the scripted model was never asked"
    assert "demo-99999" not in result.cited_ids and "demo-99999" not in result.answer
    assert set(result.cited_ids) <= set(result.candidates)
    assert result.cited_ids[0] == real
    assert result.picks[0]["reason_source"] == "catalog"
    assert "1.99" not in result.answer and "5000" not in result.answer
    assert result.summary == ""


def test_a_verdict_with_an_unknown_id_or_price_is_cleaned(catalog):
    conversation = Conversation()
    model = ScriptedModel(json.dumps({
        "summary": "Two good options.", "picks": [], "follow_ups": ["a?", "b?"]}),
        "Choose [demo-00000]: it costs only $0.50 and beats both.")
    first = final(picking(catalog, model), "rugs", conversation)
    assert len(first.cited_ids) >= 2
    compared = final(picking(catalog, model), "compare 1 and 2", conversation)
    assert compared.mode == "comparison"
    assert "demo-00000" not in compared.answer
    assert "0.50" not in compared.answer
    assert compared.cited_ids == first.cited_ids[:2]


def test_a_follow_up_cut_off_by_the_length_limit_keeps_its_whole_sentences(catalog):
    cut = "What kind of warm rug do you prefer? Are"  # 40 characters, the schema's limit
    model = ScriptedModel(json.dumps({"summary": "", "picks": [], "follow_ups": [
        cut, "Would you like to see rugs in other colo", "Want a cheaper one?"]}))
    result = final(picking(catalog, model), "a warm rug for the living room",
                   Conversation())
    assert result.follow_ups == ["What kind of warm rug do you prefer?", "Want a cheaper one?"]


def test_a_comparison_pages_verdict_is_the_models_checked_or_the_catalogs(catalog):
    rugs = [p for p in catalog.get_many(["rug-1", "rug-2"])]
    model = ScriptedModel("Choose [rug-1] for its thick, warm wool pile. [demo-12345] is only "
                          "$0.99 today.")
    text, source = picking(catalog, model).verdict(rugs, "en")
    assert source == "model" and "rug-1" in text
    assert "demo-12345" not in text and "0.99" not in text
    text, source = Assistant(catalog, None).verdict(rugs, "zh")
    assert source == "catalog" and text


def test_a_verdict_that_says_nothing_of_its_own_gives_way_to_the_catalogs(catalog):
    rugs = catalog.get_many(["rug-1", "rug-2"])
    for said in ("[rug-1] Wool shag rug, 5x7 ft, cream,",  # only a name, cut mid-sentence
                 "Choose [rug-1] because it is warmer and thicker than"):
        text, source = Assistant(catalog, lambda s=said: ScriptedModel(s)).verdict(rugs, "en")
        assert source == "catalog", said
    text, source = Assistant(catalog, lambda: ScriptedModel(
        "[rug-1] 更保暖，适合客厅使用。")).verdict(rugs, "zh")
    assert source == "model"


class CountingModel(ScriptedModel):
    """The scripted model, counting the pieces of its stream read so far."""

    read = 0

    def stream_chat(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        for piece in super().stream_chat(*args, **kwargs):
            self.read += 1
            yield piece


def test_a_chat_verdict_shows_each_sentence_while_the_model_still_writes(catalog):
    verdict = ("Choose [rug-3] for small spaces: soft faux sheepskin at 39.00 USD. "
               "[rug-2] is hand-woven jute, a flat weave for dining rooms.")
    model = CountingModel(verdict)
    conversation = Conversation()
    list(Assistant(catalog, None).ask("rugs", conversation))
    assert conversation.shown_ids[:2] == ["rug-3", "rug-2"]
    read_at_each = []
    for event in Assistant(catalog, lambda: model).ask("compare 1 and 2", conversation):
        if event.kind == "token" and not event.text.startswith("|"):
            read_at_each.append(model.read)
        if event.kind == "final":
            assert event.result.summary == verdict
    assert len(read_at_each) == 2, "one piece per sentence"
    assert read_at_each[0] < read_at_each[1], "the first sentence before the model is done"
