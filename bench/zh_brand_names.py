"""Can anything we ship name a Chinese brand in English? Sources measured on the brand and title
names of the Chinese crowdflower dev queries that CC-CEDICT does not have.

    python bench/zh_brand_names.py [--sources e5,qwen-0.5b,qwen-1.5b] [--names-known FILE]

What a Chinese query over an English catalog loses most (docs/EVALUATION.md, Chinese queries
over an English catalog) is names written in Chinese: 新秀丽 is Samsonite, which no dictionary
word-by-word translation finds. A source that names them would have to be right, and for the
search box quick. Sources, each given the Chinese name alone:
- ``e5``: multilingual-e5-small's nearest English word among the first words of the catalog's
  titles (where brands stand), a dense lookup the search box could afford;
- ``qwen-0.5b`` / ``qwen-1.5b``: the built-in chat model asked for the English name, through the
  engine's model worker (greedy, 12 tokens at most).
A name counts as found when the expected English name is in the answer (case ignored).
``--names-known FILE`` also writes the Chinese dev queries with these names in English, for
``aisle eval``: what search would gain if a source named them all.
"""

from __future__ import annotations

import argparse
import collections
import json
import re
import statistics
import sys
import time

import numpy as np
from _common import REPO, SHARED_DATA, table, write_result

from engine.embedders import E5Embedder
from engine.llm import QWEN_05B, QWEN_15B, assemble
from engine.llm.worker_client import WorkerModel
from engine.paths import data_dir

# The dev queries' names (tests/data/search/crowdflower-queries-dev-zh.tsv) CC-CEDICT lacks,
# with the English of the same queries (queries-dev.tsv). An evaluation set: nothing is fitted
# on it.
NAMES = {
    "新秀丽": "samsonite", "希捷": "seagate", "匡威": "converse", "特百惠": "tupperware",
    "乐柏美": "rubbermaid", "缤特力": "plantronics", "艾惟诺": "aveeno", "贺曼": "hallmark",
    "扬基": "yankee", "金趾": "gold toe", "刺客信条": "assassin's creed",
    "绿湾包装工": "green bay packers", "鸭子王朝": "duck dynasty", "霍比特人": "hobbit",
}
CATALOG = SHARED_DATA / "crowdflower" / "products.jsonl"
ZH_QUERIES = REPO / "tests" / "data" / "search" / "crowdflower-queries-dev-zh.tsv"
SYSTEM = ("You translate Chinese brand and product names into the English name used on "
          "products. Reply with the English name only.")
MODELS = {"qwen-0.5b": QWEN_05B, "qwen-1.5b": QWEN_15B}


def title_first_words() -> list[str]:
    """The catalog's title-initial words seen at least twice (brands stand there)."""
    counts: collections.Counter[str] = collections.Counter()
    with CATALOG.open(encoding="utf-8") as lines:
        for line in lines:
            words = re.findall(r"[A-Za-z][A-Za-z'&\-]+", json.loads(line)["title"])
            if words:
                counts[words[0]] += 1
    return sorted(word for word, n in counts.items() if n >= 2)


def e5_answers() -> dict[str, tuple[str, float]]:
    embedder = E5Embedder()
    vocabulary = title_first_words()
    vectors = np.vstack([embedder.embed_query(word) for word in vocabulary])
    answers = {}
    for chinese in NAMES:
        started = time.perf_counter()
        best = int(np.argmax(vectors @ embedder.embed_query(chinese)))
        answers[chinese] = (vocabulary[best], time.perf_counter() - started)
    return answers


def model_answers(source: str) -> dict[str, tuple[str, float]]:
    model = WorkerModel(assemble(MODELS[source], data_dir() / "models"))
    answers = {}
    try:
        for chinese in NAMES:
            started = time.perf_counter()
            text = model.chat([{"role": "system", "content": SYSTEM},
                               {"role": "user", "content": chinese}],
                              max_tokens=12, temperature=0.0)
            answers[chinese] = (text.strip(), time.perf_counter() - started)
    finally:
        model.close()
    return answers


def write_names_known(path: str) -> None:
    lines = ZH_QUERIES.read_text(encoding="utf-8").splitlines()
    for chinese, english in NAMES.items():
        lines = [line.replace(chinese, f" {english} ") for line in lines]
    with open(path, "w", encoding="utf-8") as out:
        out.writelines(line + "\n" for line in lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", default="e5,qwen-0.5b,qwen-1.5b")
    parser.add_argument("--names-known", metavar="FILE", default=None)
    args = parser.parse_args()
    if args.names_known:
        write_names_known(args.names_known)
    rows, answers = [], {}
    for source in args.sources.split(","):
        got = e5_answers() if source == "e5" else model_answers(source)
        answers[source] = {chinese: text for chinese, (text, _) in got.items()}
        found = [chinese for chinese, (text, _) in got.items()
                 if NAMES[chinese] in text.lower()]
        rows.append({"source": source, "found": len(found), "names": len(NAMES),
                     "median_s": statistics.median(s for _, s in got.values()),
                     "max_s": max(s for _, s in got.values())})
    path = write_result("zh_brand_names", {
        "command": " ".join(["python bench/zh_brand_names.py", *sys.argv[1:]]),
        "rows": rows, "expected": NAMES, "answers": answers})
    print(table(rows, ["source", "found", "names", "median_s", "max_s"]))
    print(f"written to {path}")


if __name__ == "__main__":
    main()
