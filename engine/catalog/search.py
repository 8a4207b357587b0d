"""Hybrid product search: FTS5 BM25 and HNSW dense candidates fused, then filtered, faceted,
optionally re-ranked for the shopper, sorted and paged.

The fusion's weights and pool sizes live in ``SearchConfig`` and were tuned on the dev splits
of ``shared/data`` (see docs/EVALUATION.md).
"""

from __future__ import annotations

import dataclasses
import logging
import sqlite3
import time
from collections.abc import Callable, Mapping
from contextlib import AbstractContextManager
from dataclasses import dataclass

import numpy as np

from engine.catalog import store
from engine.catalog.index_manager import DEFAULT_DIM, IndexManager
from engine.crosslingual import glossary
from engine.embedders import CJK_SHARE_FOR_MULTILINGUAL
from engine.errors import SearchError
from engine.ranking.features import Candidate, RankingInput, TitleFrequencies
from engine.ranking.model import LearnedRanker, learned_order, shipped_ranker
from engine.records import (
    SEARCH_MODES,
    SORTS,
    FacetValue,
    Product,
    SearchFilters,
    SearchHit,
    SearchResult,
)
from engine.text_analysis import CJK, Speller, fts_match, query_terms
from engine.vector_index import ExactIndex, VectorIndex

log = logging.getLogger(__name__)

MAX_QUERY_CHARS = 500
NO_FILTERS = SearchFilters()
Rerank = Callable[[list[SearchHit]], list[SearchHit]]
Fused = list[tuple[int, float, int | None, int | None]]  # rowid, score, keyword rank, dense rank


@dataclass(frozen=True)
class SearchConfig:
    """Candidate pools and fusion (docs/EVALUATION.md: cross-validated figures).

    ``fusion="score"`` adds the BM25 score (divided by the best one of the query) and the cosine
    similarity of every candidate, weighted; ``"rrf"`` is weighted reciprocal rank fusion. On
    short titles full of model numbers RRF let weak dense ranks outvote a decisive keyword
    match (homedepot nDCG@10 0.349 vs BM25 0.385); score fusion is above both legs on both sets.
    ``crosslingual`` is one of ``records.CROSSLINGUAL``. Under ``"translate"`` a Chinese query's
    keyword leg searches a word-by-word translation, less sure than the shopper's own words, so
    its weight is ``translated_keyword_weight`` (the dense leg's the rest; EVALUATION.md, Chinese
    queries: chosen by cross-validation, hybrid 0.658 at 0.5, 0.675 held-out).
    """

    pool: int = 200
    dense_pool: int = 100
    rrf_k: int = 60
    keyword_weight: float = 0.5
    dense_weight: float = 0.5
    title_weight: float = 10.0
    fusion: str = "score"
    crosslingual: str = "translate"
    translated_keyword_weight: float = 0.25

    def translated(self) -> SearchConfig:
        """This configuration for a query the glossary translated (same total weight)."""
        total = self.keyword_weight + self.dense_weight
        return dataclasses.replace(self, keyword_weight=self.translated_keyword_weight,
                                   dense_weight=total - self.translated_keyword_weight)


@dataclass(frozen=True)
class SearchRequest:
    """One search as the caller asked for it (see ``Catalog.search``)."""

    query: str
    filters: SearchFilters
    sort: str
    limit: int
    offset: int
    mode: str
    config: SearchConfig
    rerank: Rerank | None
    translation: str | None = None  # the chat model's English for a Chinese query


@dataclass(frozen=True)
class _Retrieved:
    """What both legs found for one query, fused (before facets, ranking and paging)."""

    text: str  # the query as searched: spell-corrected where that found more
    corrected: str | None
    keyword: dict[int, float]  # rowid -> -bm25
    fields: dict[int, tuple[float, float]]  # rowid -> the title's and the rest's -bm25
    similarity: dict[int, float]  # rowid -> cosine with the query
    fused: Fused
    products: dict[int, Product]


def _ranker() -> LearnedRanker | None:
    """The shipped ranker; when its files are broken, None (fused order) and a logged reason:
    a search still answers, ordered as in hybrid mode."""
    try:
        return shipped_ranker()
    except SearchError as err:
        log.warning("%s", err)
        return None


def validate(request: SearchRequest) -> None:
    """Raises: SearchError: an unknown sort, a limit or offset out of range, a bad filter."""
    filters = request.filters
    if request.sort not in SORTS:
        raise SearchError("Unknown sort '{sort}'. Use one of: {sorts}.",
                          sort=request.sort, sorts=", ".join(SORTS))
    if request.mode not in SEARCH_MODES:
        raise SearchError("Unknown search mode '{mode}'. Use one of: {modes}.",
                          mode=request.mode, modes=", ".join(SEARCH_MODES))
    if request.limit < 1 or request.limit > 1000 or request.offset < 0:
        raise SearchError("Ask for between 1 and 1000 results, from a non-negative offset.")
    _check_not_negative(filters)
    if (
        filters.min_price is not None
        and filters.max_price is not None
        and filters.min_price > filters.max_price
    ):
        raise SearchError("The minimum price is above the maximum price.")


def _check_not_negative(filters: SearchFilters) -> None:
    """Raises: SearchError: a price or rating bound below zero (one sentence per bound, so
    each is translated whole)."""
    if filters.min_price is not None and filters.min_price < 0:
        raise SearchError("Min price cannot be negative.")
    if filters.max_price is not None and filters.max_price < 0:
        raise SearchError("Max price cannot be negative.")
    if filters.min_rating is not None and filters.min_rating < 0:
        raise SearchError("Min rating cannot be negative.")


def fuse(
    keyword: list[tuple[int, float]],
    dense: list[tuple[int, float]],
    config: SearchConfig,
    cosines: Mapping[int, float] | None = None,
) -> Fused:
    """Fuse (rowid, score) lists, best first: (rowid, score, keyword rank, dense rank).

    ``cosines`` holds the query's cosine with keyword candidates the dense list missed, so score
    fusion judges every candidate on both signals.
    """
    k_rank = {rowid: i for i, (rowid, _) in enumerate(keyword)}
    d_rank = {rowid: i for i, (rowid, _) in enumerate(dense)}
    if config.fusion == "rrf":
        scores = _rrf_scores(k_rank, d_rank, config)
    else:
        scores = _weighted_scores(keyword, dense, config, cosines or {})
    fused = [(rowid, score, k_rank.get(rowid), d_rank.get(rowid))
             for rowid, score in scores.items()]
    fused.sort(key=lambda item: (-item[1], item[0]))
    return fused


def _rrf_scores(k_rank: dict[int, int], d_rank: dict[int, int], config: SearchConfig
                ) -> dict[int, float]:
    scores: dict[int, float] = {}
    for rowid, rank in k_rank.items():
        scores[rowid] = config.keyword_weight / (config.rrf_k + rank + 1)
    for rowid, rank in d_rank.items():
        scores[rowid] = scores.get(rowid, 0.0) + config.dense_weight / (config.rrf_k + rank + 1)
    return scores


def _weighted_scores(
    keyword: list[tuple[int, float]],
    dense: list[tuple[int, float]],
    config: SearchConfig,
    cosines: Mapping[int, float],
) -> dict[int, float]:
    best = max((score for _, score in keyword), default=0.0)
    scores = {rowid: config.keyword_weight * (score / best if best > 0 else 1.0)
              for rowid, score in keyword}
    similarity = {**cosines, **dict(dense)}
    for rowid in {*scores, *similarity}:
        scores[rowid] = scores.get(rowid, 0.0) + config.dense_weight * similarity.get(rowid, 0.0)
    return scores


def sort_hits(hits: list[SearchHit], sort: str) -> list[SearchHit]:
    """Re-order fused hits; relevance keeps the fused order, products without a value go last."""
    if sort == "price":
        return sorted(hits, key=lambda h: (h.product.price is None, h.product.price or 0.0))
    if sort == "price_desc":
        return sorted(hits, key=lambda h: (h.product.price is None, -(h.product.price or 0.0)))
    if sort == "rating":
        return sorted(hits, key=lambda h: (h.product.rating is None, -(h.product.rating or 0.0)))
    return hits


class Searcher:
    """Searches one catalog: candidates, fusion, spelling, facets, re-ranking, paging.

    ``snapshot`` opens the catalog's read connection under its lock, in one read transaction,
    so all of one search's queries see the same catalog generation. The re-ranking runs after
    it is closed: it may be slow, and may read the catalog itself.
    """

    def __init__(self, index: IndexManager, embed_query: Callable[[str], np.ndarray],
                 snapshot: Callable[[], AbstractContextManager[sqlite3.Connection]]) -> None:
        self._index = index
        self._embed_query = embed_query
        self._snapshot = snapshot
        self._speller: tuple[str, Speller] | None = None  # (generation, its title vocabulary)
        self._chinese_catalog: tuple[str, bool] | None = None  # (generation, mostly Chinese)
        self._frequencies: tuple[str, TitleFrequencies] | None = None  # (generation, of titles)

    def search(self, request: SearchRequest) -> SearchResult:
        started = time.perf_counter()
        query = request.query.strip()[:MAX_QUERY_CHARS]
        with self._snapshot() as conn:
            searched, keyword_text = self._across_languages(conn, query, request.config,
                                                            request.translation)
            terms = query_terms(keyword_text)
            if not query or (not terms and request.mode == "keyword"):
                return self._browse(conn, query, request, started)
            translated = searched != query
            translated_by = (("model" if request.translation else "glossary")
                             if translated else None)
            if translated and request.config.crosslingual == "translate":
                request = dataclasses.replace(request, config=request.config.translated())
            embed = translated and request.config.crosslingual == "embed"
            hits, facets, corrected = self._candidates(conn, searched, terms, request,
                                                       query if embed else None)
        corrected = corrected or (searched if translated else None)
        total = len(hits)
        if request.rerank is not None and request.sort == "relevance":
            hits = request.rerank(hits)
        hits = sort_hits(hits, request.sort)
        return SearchResult(
            query=query,
            hits=hits[request.offset : request.offset + request.limit],
            total=total,
            facets=facets,
            took_ms=(time.perf_counter() - started) * 1000,
            corrected_query=corrected,
            translated_by=translated_by,
        )

    def translates(self, query: str, config: SearchConfig) -> bool:
        """Whether ``query`` is searched in this catalog's language rather than as typed."""
        query = query.strip()[:MAX_QUERY_CHARS]
        with self._snapshot() as conn:
            return self._across_languages(conn, query, config)[0] != query

    def similar(self, product_id: str, limit: int) -> list[SearchHit]:
        """Products nearest to this one by meaning (the product itself excluded)."""
        with self._snapshot() as conn:
            meta = store.get_meta(conn)
            index = self._index.current(conn, meta)
            vector = store.vectors_by_id(conn, [product_id], int(meta.get("dim", DEFAULT_DIM)))[0]
            if index is None or not vector.any():
                return []
            pairs = index.query(vector, limit + 1)
            products = store.products_by_rowid(conn, [r for r, _ in pairs])
        hits = [
            SearchHit(products[r], s, None, rank)
            for rank, (r, s) in enumerate(pairs)
            if r in products and products[r].id != product_id
        ]
        return hits[:limit]

    def ranking_candidates(self, query: str, config: SearchConfig) -> RankingInput:
        """Every hybrid candidate of ``query`` as the learned ranker sees it (for training)."""
        request = SearchRequest(query, NO_FILTERS, "relevance", 1, 0, "learned", config, None)
        with self._snapshot() as conn:
            found = self._retrieve(conn, query.strip()[:MAX_QUERY_CHARS], query_terms(query),
                                   request)
            return self._ranking_input(conn, found)

    def _across_languages(self, conn: sqlite3.Connection, query: str, config: SearchConfig,
                          translation: str | None = None) -> tuple[str, str]:
        """A Chinese query over a catalog that is not Chinese, in English words (glossary):
        (the one-sense translation shown and embedded, the senses the keyword leg searches),
        the senses chosen among those this catalog's titles use. The chat model's
        ``translation``, when given, is searched before the glossary's words: each finds
        what the other misses (EVALUATION.md, Chinese queries, 1.5B: 0.701 together, 0.680 and 0.628
        alone).

        A catalog with enough Chinese titles to be embedded multilingually is searched in
        Chinese as it is."""
        if config.crosslingual == "none" or not CJK.search(query):
            return query, query
        generation = store.get_meta(conn).get("generation", "")
        if self._chinese_catalog is None or self._chinese_catalog[0] != generation:
            self._chinese_catalog = (generation, store.cjk_title_share(conn)
                                    >= CJK_SHARE_FOR_MULTILINGUAL)
        if self._chinese_catalog[1]:
            return query, query
        words = f"{translation} {query}" if translation else query
        english = glossary().for_catalog(words, self._title_frequencies(conn).counts)
        return english.best or query, english.keyword or query

    def _candidates(self, conn: sqlite3.Connection, query: str, terms: list[str],
                    request: SearchRequest, dense_text: str | None = None
                    ) -> tuple[list[SearchHit], dict[str, list[FacetValue]], str | None]:
        """Every candidate hit, best first, with the facets over them and the corrected query.

        ``dense_text`` is embedded instead of ``query`` (a Chinese query whose translation the
        keyword leg searches, for a multilingual embedder)."""
        found = self._retrieve(conn, query, terms, request, dense_text)
        facets = store.facets(conn, [f[0] for f in found.fused], request.filters)
        ranker = _ranker() if request.mode == "learned" else None
        if ranker is not None:
            ranking = self._ranking_input(conn, found)
            return learned_order(ranking, ranker), facets, found.corrected
        hits = [SearchHit(found.products[r], s, kr, dr) for r, s, kr, dr in found.fused]
        return hits, facets, found.corrected

    def _retrieve(self, conn: sqlite3.Connection, query: str, terms: list[str],
                  request: SearchRequest, dense_text: str | None = None) -> _Retrieved:
        meta = store.get_meta(conn)
        found, corrected = self._keyword(conn, meta, terms, request)
        keyword = [(rowid, score) for rowid, score, _, _ in found]
        text = corrected or query
        index = self._index.current(conn, meta) if request.mode != "keyword" else None
        dense: list[tuple[int, float]] = []
        cosines: dict[int, float] = {}
        if index is not None:
            vector = self._embed_query(dense_text or text)
            dense = self._dense(conn, index, vector, request)
            if request.mode != "dense":
                cosines = self._cosines(conn, vector, keyword, dense, request)
        fused = fuse(keyword, dense, request.config, cosines)
        products = store.products_by_rowid(conn, [f[0] for f in fused])
        fused = [f for f in fused if f[0] in products]
        return _Retrieved(text, corrected, dict(keyword),
                          {rowid: (title, body) for rowid, _, title, body in found},
                          {**cosines, **dict(dense)}, fused, products)

    def _ranking_input(self, conn: sqlite3.Connection, found: _Retrieved) -> RankingInput:
        candidates = [
            Candidate(found.products[rowid], found.keyword.get(rowid, 0.0),
                      *found.fields.get(rowid, (0.0, 0.0)), found.similarity.get(rowid, 0.0),
                      kr, dr)
            for rowid, _, kr, dr in found.fused
        ]
        return RankingInput(found.text, found.corrected is not None, candidates,
                            self._title_frequencies(conn))

    def _title_frequencies(self, conn: sqlite3.Connection) -> TitleFrequencies:
        """Counted once per catalog generation (100k titles: 1.8 s, at the first learned or
        Chinese search after an install)."""
        generation = store.get_meta(conn).get("generation", "")
        if self._frequencies is None or self._frequencies[0] != generation:
            self._frequencies = (generation, TitleFrequencies.of(store.titles(conn)))
        return self._frequencies[1]

    def _keyword(self, conn: sqlite3.Connection, meta: dict[str, str], terms: list[str],
                 request: SearchRequest
                 ) -> tuple[list[tuple[int, float, float, float]], str | None]:
        """Keyword candidates (``store.keyword_ranking``) and the corrected query when a
        spelling fix found more."""
        if request.mode == "dense" or not terms:
            return [], None
        config = request.config
        match = fts_match(terms, prefix_last=True)
        found = store.keyword_ranking(conn, match, request.filters,
                                      title_weight=config.title_weight, limit=config.pool)
        if len(found) >= 3:
            return found, None
        fixed = self._correct(conn, meta.get("generation", ""), terms)
        if fixed == terms:
            return found, None
        found = store.keyword_ranking(conn, fts_match(fixed), request.filters,
                                      title_weight=config.title_weight, limit=config.pool)
        return found, " ".join(fixed)

    def _correct(self, conn: sqlite3.Connection, generation: str, terms: list[str]) -> list[str]:
        if self._speller is None or self._speller[0] != generation:
            self._speller = (generation, Speller(store.title_vocabulary(conn)))
        speller = self._speller[1]
        return [speller.correct(t) for t in terms]

    @staticmethod
    def _dense(conn: sqlite3.Connection, index: VectorIndex | ExactIndex,
               vector: np.ndarray, request: SearchRequest) -> list[tuple[int, float]]:
        has_filters = request.filters != NO_FILTERS
        pool = request.config.dense_pool
        pairs = index.query(vector, pool * (10 if has_filters else 1))
        if not has_filters:
            return pairs
        allowed = store.rowids_matching(conn, [r for r, _ in pairs], request.filters)
        return [(r, s) for r, s in pairs if r in allowed][:pool]

    @staticmethod
    def _cosines(conn: sqlite3.Connection, vector: np.ndarray, keyword: list[tuple[int, float]],
                 dense: list[tuple[int, float]], request: SearchRequest) -> dict[int, float]:
        """Cosine of the query with keyword candidates the dense list missed (score fusion and
        the learned ranker judge every candidate on both signals)."""
        if (request.config.fusion != "score" and request.mode != "learned") or not keyword:
            return {}
        seen = {r for r, _ in dense}
        return store.cosines_by_rowid(conn, [r for r, _ in keyword if r not in seen], vector)

    @staticmethod
    def _browse(conn: sqlite3.Connection, query: str, request: SearchRequest,
                started: float) -> SearchResult:
        total, products = store.browse(conn, request.filters, request.sort, request.limit,
                                       request.offset)
        facets = store.facets(conn, None, request.filters)
        hits = [SearchHit(p, 0.0) for p in products]
        return SearchResult(query, hits, total, facets, (time.perf_counter() - started) * 1000)
