"""Saved chats (``chats.db``) through the facade: kept whole, listed newest first, searched,
renamed and deleted for good, over the real test catalog and a real SQLite file (the ``aisle``
fixture, conftest: its model file cannot load, so answers come from search alone, at once)."""

from __future__ import annotations

import json

import pytest

from engine.app import Aisle
from engine.errors import AssistantError


def test_a_chat_is_kept_whole_and_continues_after_reopening(aisle):
    conversation = aisle.assistant.conversation()
    first = aisle.assistant.answer("running shoes", conversation)
    aisle.assistant.answer("cast iron skillet", conversation)
    aisle.assistant.save_conversation(conversation)
    data = aisle.data_dir
    aisle.close()
    with Aisle(data) as again:
        [summary] = again.assistant.chats()
        assert summary.title == "running shoes" and summary.messages == 4
        saved = again.assistant.conversation(summary.id)
    assert [m.role for m in saved.messages] == ["user", "assistant"] * 2
    assert saved.messages[1].text == first.text
    assert saved.messages[1].product_ids == first.cited_ids
    assert saved.messages[1].mode == first.mode and saved.shown_ids


def test_chats_are_listed_newest_first_searched_and_renamed(aisle):
    ids = []
    for question in ("running shoes", "a cast iron skillet", "地毯"):
        conversation = aisle.assistant.conversation()
        aisle.assistant.answer(question, conversation)
        aisle.assistant.save_conversation(conversation)
        ids.append(conversation.id)
    assert [c.id for c in aisle.assistant.chats()] == ids[::-1]
    assert [c.id for c in aisle.assistant.chats(containing="SKILLET")] == [ids[1]]
    assert [c.id for c in aisle.assistant.chats(containing="地毯")] == [ids[2]]
    renamed = aisle.assistant.rename_chat(ids[0], "  Shoes   for the marathon ")
    assert renamed.title == "Shoes for the marathon"
    assert [c.title for c in aisle.assistant.chats(containing="marathon")] == [
        "Shoes for the marathon"]
    assert aisle.assistant.rename_chat(ids[0], "").title == "running shoes"
    with pytest.raises(AssistantError, match="no saved chat"):
        aisle.assistant.rename_chat("nope", "x")


def test_deleting_a_chat_removes_its_words_from_the_files(aisle):
    conversation = aisle.assistant.conversation()
    aisle.assistant.answer("running shoes zebrastripe", conversation)
    aisle.assistant.save_conversation(conversation)
    kept = aisle.assistant.conversation()
    aisle.assistant.answer("a cast iron skillet", kept)
    aisle.assistant.save_conversation(kept)
    assert aisle.assistant.delete_chat(conversation.id)
    assert not aisle.assistant.delete_chat(conversation.id)
    assert [c.id for c in aisle.assistant.chats()] == [kept.id]
    for path in aisle.data_dir.glob("chats.db*"):
        assert b"zebrastripe" not in path.read_bytes()
    assert aisle.assistant.delete_all_chats() == 1 and aisle.assistant.chats() == []


def test_sessions_saved_as_files_move_into_the_database(tmp_path):
    sessions = tmp_path / "data" / "sessions"
    sessions.mkdir(parents=True)
    (sessions / "s1.json").write_text(json.dumps({
        "id": "s1", "turns": [{"role": "user", "text": "running shoes", "cited_ids": []},
                              {"role": "assistant", "text": "Try these.",
                               "cited_ids": ["shoe-1"]}],
        "last_intent": None, "shown_ids": ["shoe-1"]}), encoding="utf-8")
    (sessions / "broken.json").write_text("{not json", encoding="utf-8")
    with Aisle(tmp_path / "data") as aisle:
        [summary] = aisle.assistant.chats()
        saved = aisle.assistant.conversation("s1")
    assert summary.title == "running shoes" and saved.messages[1].product_ids == ("shoe-1",)
    assert sorted(p.name for p in sessions.iterdir()) == ["broken.json"]  # nothing is lost


def test_a_chat_id_from_the_command_line_is_checked(aisle):
    with pytest.raises(AssistantError, match="not a valid session id"):
        aisle.assistant.conversation("../etc/passwd")


def test_a_damaged_chats_file_is_set_aside_at_start(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "chats.db").write_bytes(b"not a database" * 100)
    with Aisle(data) as aisle:
        problems = aisle.start()
        assert [p.what for p in problems] == ["saved chats"]
        assert aisle.assistant.chats() == []


def test_a_model_answer_is_kept_as_its_summary_with_a_reason_under_each_card():
    """``ChatMessage.of_answer`` alone, on a hand-made answer: which text a model answer keeps
    does not need a model (the real model's answers are checked in test_gui_chat)."""
    from engine.records import Answer, AnswerIntent, AnswerPick, ChatMessage

    answer = Answer(
        text="Here are 2 picks:\nBoth are warm.\n1. Rug A — 30 USD\n2. Rug B — 40 USD",
        markdown="", mode="model", intent=AnswerIntent(), products=(), cited_ids=("a", "b"),
        lead="Here are 2 picks:", summary="Both are warm.",
        picks=(AnswerPick("a", "Wool, 3 cm pile", "model"), AnswerPick("b", "", "catalog")))
    message = ChatMessage.of_answer(answer)
    assert message.text == "Here are 2 picks:\nBoth are warm."
    assert message.reasons == ("Wool, 3 cm pile", "")
    assert ChatMessage.from_dict(message.to_dict()) == message
    plain = ChatMessage.of_answer(Answer(text="Listed: Rug A", markdown="", mode="retrieval-only",
                                         intent=AnswerIntent(), products=(), cited_ids=("a",)))
    assert (plain.text, plain.reasons) == ("Listed: Rug A", ())
