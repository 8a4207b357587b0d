"""Reading a judged query set: ``queries.tsv`` and TREC-style ``qrels.tsv``."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from engine.errors import FeedError


@dataclass(frozen=True)
class Judgments:
    """Queries (in file order) and, per query id, the grade of each judged product id."""

    queries: list[tuple[str, str]]
    grades: dict[str, dict[str, int]]

    def judged_queries(self) -> list[tuple[str, str]]:
        """Queries with at least one relevant (grade > 0) product, in file order.

        A query nothing relevant was found for cannot be scored (its ideal DCG is 0), so it is
        left out, as in the shared dev splits' reference figures.
        """
        return [
            (qid, text) for qid, text in self.queries
            if any(g > 0 for g in self.grades.get(qid, {}).values())
        ]


def load_judgments(queries_path: Path | str, qrels_path: Path | str) -> Judgments:
    """Read ``query_id<TAB>text`` lines and ``query_id 0 product_id grade`` lines.

    Raises:
        FeedError: a file is missing or a line does not have the expected columns.
    """
    return Judgments(_read_queries(Path(queries_path)), read_qrels(qrels_path))


def _lines(path: Path) -> list[tuple[int, str]]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise FeedError("Cannot read {path}: {reason}. Give a UTF-8 text file.",
                        path=path, reason=str(err)) from err
    return [(n, line) for n, line in enumerate(text.splitlines(), 1) if line.strip()]


def _read_queries(path: Path) -> list[tuple[str, str]]:
    queries: list[tuple[str, str]] = []
    for n, line in _lines(path):
        qid, sep, query = line.partition("\t")
        if not sep or not qid.strip() or not query.strip():
            raise FeedError("{path}, line {number}: expected 'query_id<TAB>query text'.",
                            path=path, number=n)
        queries.append((qid.strip(), query.strip()))
    return queries


def read_qrels(path: Path | str) -> dict[str, dict[str, int]]:
    """Grades per query id and product id, from TREC qrels lines.

    Raises:
        FeedError: a line does not have the expected columns.
    """
    path = Path(path)
    grades: dict[str, dict[str, int]] = {}
    for n, line in _lines(path):
        cols = line.split()
        if len(cols) != 4 or not cols[3].lstrip("-").isdigit():
            raise FeedError("{path}, line {number}: "
                            "expected 'query_id 0 product_id grade' (TREC qrels).",
                            path=path, number=n)
        grades.setdefault(cols[0], {})[cols[2]] = int(cols[3])
    return grades
