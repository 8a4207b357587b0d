"""Standard IR metrics over one ranked list and one query's graded judgments.

Products without a judgment count as irrelevant (grade 0), as in TREC. The ideal ranking for
nDCG is built from every judged grade of the query, not only from what was retrieved, so a
system cannot score well by retrieving few relevant products.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence


def _gain(grade: int) -> float:
    return float(2**grade - 1)


def _discount(position: int) -> float:
    """Log discount for a 0-based position (rank 1 -> 1.0)."""
    return 1.0 / math.log2(position + 2)


def ndcg_at(ranking: Sequence[str], grades: Mapping[str, int], k: int = 10) -> float:
    """nDCG@k with exponential gains (2^g - 1) / log2(rank + 1); 0.0 if nothing is relevant."""
    dcg = sum(_gain(grades.get(pid, 0)) * _discount(i) for i, pid in enumerate(ranking[:k]))
    ideal_grades = sorted((g for g in grades.values() if g > 0), reverse=True)[:k]
    ideal = sum(_gain(g) * _discount(i) for i, g in enumerate(ideal_grades))
    return dcg / ideal if ideal > 0 else 0.0


def mrr_at(ranking: Sequence[str], grades: Mapping[str, int], k: int = 10) -> float:
    """Reciprocal rank of the first result with a grade above 0 within the top k, else 0.0."""
    for i, pid in enumerate(ranking[:k]):
        if grades.get(pid, 0) > 0:
            return 1.0 / (i + 1)
    return 0.0


def recall_at(ranking: Sequence[str], grades: Mapping[str, int], k: int = 100) -> float:
    """Share of the relevant (grade > 0) products found in the top k; 0.0 if none is relevant."""
    relevant = {pid for pid, g in grades.items() if g > 0}
    if not relevant:
        return 0.0
    return len(relevant.intersection(ranking[:k])) / len(relevant)


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0-100) with linear interpolation, like numpy's default."""
    if not values:
        return 0.0
    ordered = sorted(values)
    position = (len(ordered) - 1) * q / 100.0
    low = math.floor(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)
