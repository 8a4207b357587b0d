"""`aisle eval-assistant --dialogs`: whole conversations checked turn by turn, through the CLI.

The model cannot load here, so needs are answered from search alone: what is under test is the
dialog runner and its checks (what "shown" means, positions, facts, numbers, language); the dev
dialogs through the real model are in docs/EVALUATION.md.
"""

from __future__ import annotations

import json

from catalog_fixtures import product_rows, write_jsonl
from click.testing import CliRunner
from conftest import unloadable_model

from engine.cli import cli
from engine.llm.registry import ModelRegistry

DIALOGS = [
    {"id": "d-en", "lang": "en", "turns": [
        {"message": "headphones under $250", "act": "new_need",
         "check": {"constraints": {"max_price": 250, "title_any": ["headphones", "earbuds"]}}},
        {"message": "tell me more about the second one", "act": "question",
         "check": {"first_cited_shown": [0, 2]}},
        {"message": "compare the first two", "act": "compare",
         "check": {"cites_shown": [[0, 1], [0, 2]]}},
        {"message": "Which should I get?", "act": "decide", "check": {"cited_within": 0}},
    ]},
    {"id": "d-facts", "lang": "en", "turns": [
        {"message": "How long does the battery of the Sonavo wireless noise cancelling "
                    "headphones last?", "act": "question",
         "check": {"first_cited_title": ["noise cancelling"], "fact_any": ["30 h"]}},
        {"message": "How much does it weigh?", "act": "question", "check": {"not_stated": True}},
    ]},
    {"id": "d-zh", "lang": "zh", "turns": [
        {"message": "有洗衣机吗？", "act": "none", "check": {"says_none": True}},
        {"message": "谢谢", "act": "chat", "check": {"cites_nothing": True}},
    ]},
    {"id": "d-fail", "lang": "en", "turns": [  # a check that cannot pass: the report says so
        {"message": "headphones", "act": "new_need", "check": {"fact_any": ["lawn mower"]}},
    ]},
]


def test_dialogs_are_run_and_checked_turn_by_turn(tmp_path):
    feed = write_jsonl(tmp_path / "feed.jsonl", product_rows())
    dialogs = tmp_path / "dialogs.jsonl"
    dialogs.write_text("\n".join(json.dumps(d, ensure_ascii=False) for d in DIALOGS),
                       encoding="utf-8")
    data = tmp_path / "data"
    registry = ModelRegistry(data, gpu=False, cores=2)
    registry.use(registry.add(str(unloadable_model(tmp_path / "broken.gguf"))).name)
    out = CliRunner().invoke(cli, ["--data-dir", str(data), "eval-assistant", "--catalog",
                                   str(feed), "--dialogs", str(dialogs), "--json"])
    assert out.exit_code == 0, out.output
    report = json.loads(out.output[out.output.index("{"):])
    summary = report["summary"]
    assert summary["dialogs"] == 4 and summary["dialogs_pass"] == 0.75
    assert summary["dialogs_pass_en"] == 2 / 3 and summary["dialogs_pass_zh"] == 1.0
    assert summary["acts"]["question"]["pass"] == 1.0 and summary["question_fact"] == 1.0
    assert summary["question_numbers_not_in_fields"] == 0
    assert summary["none_said_and_nothing_cited"] == 1.0
    assert summary["failed_checks"] == {"fact_any": 1}
    assert [t["passed"] for t in report["turns"]][-1] is False
    text = CliRunner().invoke(cli, ["--data-dir", str(data), "eval-assistant", "--catalog",
                                    str(feed), "--dialogs", str(dialogs), "--limit", "1"])
    assert text.exit_code == 0 and "| decide | 1 | 1.000 |" in text.output
    both = CliRunner().invoke(cli, ["--data-dir", str(data), "eval-assistant", "--catalog",
                                    str(feed), "--dialogs", str(dialogs), "--requests",
                                    str(dialogs)])
    assert both.exit_code != 0 and "either --requests or --dialogs" in both.output
