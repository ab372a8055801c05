"""Search relevance: the held-out query set, scored as hits@1, hits@3 and MRR in headless Chromium.

`ksr_rankings` drives ksr-library's search page (`szukaj/?q=`, waiting for
`#search-results[aria-busy="false"]`); `material_rankings` drives stock Material's search
box on a site built from the same pages; `pagefind_rankings` asks Pagefind's JavaScript API
on that same stock site indexed by Pagefind. Only links to document pages count as results.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote, urljoin, urlparse

import yaml

if TYPE_CHECKING:
    from playwright.sync_api import Page

QUERIES = Path(__file__).resolve().parent.parent / "tests" / "data" / "relevance.yml"
_DOCUMENT_URL = re.compile(r"/dokumenty/([a-z0-9-]+)/")


@dataclass(frozen=True)
class Query:
    """One query and the documents that answer it."""

    text: str
    expected: tuple[str, ...]
    kind: str


@dataclass(frozen=True)
class Scores:
    """Relevance figures over a query set."""

    hits_at_1: float
    hits_at_3: float
    mrr: float
    misses: list[tuple[str, list[str]]]
    """Queries without a hit in the top 3, with what came first."""


def load_queries(path: Path = QUERIES) -> list[Query]:
    """The relevance set from its YAML file."""
    return [
        Query(item["query"], tuple(item["expected"]), item.get("kind", ""))
        for item in yaml.safe_load(path.read_text(encoding="utf-8"))
    ]


def score(queries: list[Query], rankings: list[list[str]]) -> Scores:
    """hits@1, hits@3 and mean reciprocal rank of rankings (lists of document ids), one per query."""
    firsts, hits, reciprocal, misses = 0, 0, 0.0, []
    for query, ranking in zip(queries, rankings, strict=True):
        ranks = [i for i, doc_id in enumerate(ranking, start=1) if doc_id in query.expected]
        first = ranks[0] if ranks else None
        firsts += first == 1
        if first is not None and first <= 3:
            hits += 1
        else:
            misses.append((query.text, ranking[:3]))
        reciprocal += 1 / first if first else 0.0
    count = len(queries) or 1
    return Scores(firsts / count, hits / count, reciprocal / count, misses)


def by_kind(queries: list[Query], rankings: list[list[str]]) -> dict[str, Scores]:
    """Scores of each kind of query (in the order kinds first appear), and of all as `all`."""
    kinds = dict.fromkeys(q.kind for q in queries)
    scores = {}
    for kind in kinds:
        pairs = [(q, r) for q, r in zip(queries, rankings, strict=True) if q.kind == kind]
        scores[kind] = score([q for q, _ in pairs], [r for _, r in pairs])
    scores["all"] = score(queries, rankings)
    return scores


def id_by_url_slug(site: Path) -> dict[str, str]:
    """Lower-case URL slug → document id, from the site's `library.json`."""
    documents = json.loads((site / "library.json").read_text(encoding="utf-8"))["documents"]
    return {d["url"].split("/")[1]: d["id"] for d in documents}


def _ids(hrefs: list[str], slugs: dict[str, str]) -> list[str]:
    ranking: list[str] = []
    for href in hrefs:
        match = _DOCUMENT_URL.search(urlparse(href).path)
        if match and match[1] in slugs and slugs[match[1]] not in ranking:
            ranking.append(slugs[match[1]])
    return ranking


def ksr_rankings(page: Page, base_url: str, queries: list[Query], slugs: dict[str, str]) -> list[list[str]]:
    """Rankings from ksr-library's search page, one query per page load."""
    rankings = []
    for query in queries:
        page.goto(urljoin(base_url, f"szukaj/?q={quote(query.text)}"))
        page.wait_for_selector('#search-results[aria-busy="false"]', timeout=10_000)
        hrefs = page.eval_on_selector_all(
            "#search-results a.ksr-result__link", "links => links.map(a => a.href)"
        )
        rankings.append(_ids(hrefs, slugs))
    return rankings


def material_rankings(
    page: Page, base_url: str, queries: list[Query], slugs: dict[str, str]
) -> list[list[str]]:
    """Rankings from stock Material's search box (its lunr worker), on the same pages.

    Each query gets a fresh page, so no result of an earlier query can be read by mistake.
    A query Material does not answer within 10 s (its query syntax can reject input such as
    `rek-13`) counts as no results.
    """
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    rankings = []
    for query in queries:
        page.goto(base_url)
        page.wait_for_function("() => document.querySelector('.md-search-result__meta')")
        page.fill("input.md-search__input", query.text)
        try:
            page.wait_for_function(
                """() => {
                    const meta = document.querySelector('.md-search-result__meta');
                    return /\\d|No matching/.test(meta.textContent);
                }""",
                timeout=10_000,
            )
        except PlaywrightTimeout:
            rankings.append([])
            continue
        hrefs = page.eval_on_selector_all(
            ".md-search-result__list > li.md-search-result__item > a.md-search-result__link",
            "links => links.map(a => a.href)",
        )
        rankings.append(_ids(hrefs, slugs))
    return rankings


_PAGEFIND_QUERY = """async q => {
    window.__pagefind = window.__pagefind || await import('/pagefind/pagefind.js');
    const search = await window.__pagefind.search(q);
    const data = await Promise.all(search.results.slice(0, 10).map(r => r.data()));
    return data.map(d => new URL(d.url, location.href).href);
}"""


def pagefind_rankings(
    page: Page, base_url: str, queries: list[Query], slugs: dict[str, str]
) -> list[list[str]]:
    """Rankings from Pagefind's own JavaScript API (`pagefind.search`) on a site it indexed."""
    page.goto(base_url)
    return [_ids(page.evaluate(_PAGEFIND_QUERY, query.text), slugs) for query in queries]
