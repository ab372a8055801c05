"""Prerendering: the theme's template for many pages at once, on every core.

MkDocs renders its pages one by one, and for most pages of a large library the theme's
template (Material's, with its navigation) is most of that time. The plugin renders the
template for its generated pages ahead, in worker processes, exactly as MkDocs' page
loop would (the same context, the same plugins' `on_page_context`); the page loop then
prints a page's kept output through an empty template instead of rendering it again,
and every plugin's `on_post_page` still runs on it there.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, TypeVar

from mkdocs.commands.build import get_context

from ksr_library.parallel import run_all

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import File
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page

PRERENDERED_TEMPLATE = "ksr-library/prerendered.html"
"""The template MkDocs' page loop gets for a prerendered page: it prints the kept output."""
DEFAULT_TEMPLATE = "main.html"
T = TypeVar("T")


@dataclass(frozen=True)
class PageLoop:
    """What MkDocs' page loop renders each page with: the navigation, the pages, the config, the theme."""

    nav: Navigation
    doc_files: Sequence[File]
    config: MkDocsConfig
    env: Environment

    def render(self, page: Page) -> str:
        """A page's output from the theme's template, as MkDocs' page loop renders it.

        The page is active while it renders (so the navigation expands its branch), and
        the plugins' `on_page_context` events run, as in `mkdocs.commands.build._build_page`.
        """
        config = self.config
        config._current_page = page
        page.active = True
        try:
            context = get_context(self.nav, self.doc_files, config, page)
            template = self.env.get_template(page.meta.get("template", DEFAULT_TEMPLATE))
            context = config.plugins.on_page_context(context, page=page, config=config, nav=self.nav)
            return template.render(context)
        finally:
            page.active = False
            config._current_page = None

    def finished(self, page: Page, finish: Callable[[str], T]) -> T:
        """A page's output, transformed by `finish`."""
        return finish(self.render(page))


def prerender(pages: Iterable[Page], loop: PageLoop, *, finish: Callable[[str], T]) -> dict[str, T]:
    """The template output of every page, by source path, rendered on every core.

    Call it once every page is populated (from `on_env`): each worker is a fork of the
    build with the whole navigation, applies `finish` (a pure function, such as
    compacting) to each output, and sends back only what `finish` gives.
    """
    return run_all({page.file.src_uri: partial(loop.finished, page, finish) for page in pages})
