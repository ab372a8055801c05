"""The MkDocs plugin `ksr-library`: the only glue between the pipeline and MkDocs.

Each event calls pure functions of the pipeline (checking, normalising, pages, outputs,
search index) that tests reach without MkDocs:

- `on_config`: check the library (every problem at once), normalise it, plan the site and
  start building the search index beside the rest;
- `on_files`: the generated pages and files, in memory (nothing is written under `docs/`);
- `on_nav`: the documents in the navigation, under the catalogue;
- pages: a [`LibraryPage`][ksr_library.plugin.LibraryPage] renders itself from the plan,
  with its table of contents and date;
- `on_env`: the theme's template for every page, rendered ahead on every core;
- `on_post_build`: `library.json`, the feed, the redirect pages and the search index
  (in a build, written by a worker from the end of `on_env`);
- `on_serve`: the library folder is watched.

State that must outlive one build (the checked library of the last good build, for
`mkdocs serve`) lives on the plugin instance, which MkDocs keeps across rebuilds because
the plugin defines `on_startup`.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jinja2 import ChoiceLoader, DictLoader
from markupsafe import Markup
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from ksr_library.accessibility import load as load_accessibility
from ksr_library.accessibility import pdf_problems, statement_url
from ksr_library.checking import CheckCache, check_library
from ksr_library.compacting import compact_html
from ksr_library.converting import Converted, convert, needs_converting_ahead, put_in_place
from ksr_library.crossrefs import has_directives, source_folders
from ksr_library.csp import HEADERS_FILE, headers_file, with_policy
from ksr_library.errors import KsrError, LibraryInvalidError, Problem
from ksr_library.extracting import TextCache
from ksr_library.normalising import LibraryIndex, normalise_library
from ksr_library.outputs import attachment_texts, write_files, write_outputs
from ksr_library.pages import PlannedPage, SitePage, SitePlan, plan_site
from ksr_library.pages.catalogue import CATALOGUE_SRC
from ksr_library.pages.nav_tree import NavNode, NavPage, catalogue_tree
from ksr_library.pages.statement import Statement, pdf_attachments
from ksr_library.parallel import (
    Background,
    can_fork,
    in_background,
    making_long_lived,
    run_all,
    thaw_long_lived,
)
from ksr_library.permalinks import case_redirect_script
from ksr_library.prerendering import PRERENDERED_TEMPLATE, PageLoop, prerender
from ksr_library.previewing import PreviewState, digest, library_digest, python_sources, text_digest
from ksr_library.search_index import SEARCH_DIR, embed_manifest, search_files, search_sources
from ksr_library.tabs import public_tabs

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer

log = get_plugin_logger(__name__)
TEXT_CACHE = ".cache/ksr-library/text"
"""Where attachments' extracted text is kept by content hash, beside mkdocs.yml (git-ignored)."""
CACHED_TEMPLATE = "ksr-library/cached-output.html"
"""A preview's template for a page whose output did not change: it prints the kept output."""
MIKE_VERSION_VARIABLE = "MIKE_DOCS_VERSION"
"""Where `mike deploy` tells MkDocs which version it builds (read, never set)."""


class LibraryPluginConfig(base.Config):
    """Options of the `ksr-library` plugin in `mkdocs.yml`."""

    library = c.Type(str, default="library")
    """The library folder, relative to `mkdocs.yml`."""
    drafts = c.Type(bool, default=False)
    """Put documents with `status: draft` into the site (for previews)."""
    edition = c.Optional(c.Type(str))
    """The edition this build is (set by `ksr-library release`; `mike deploy` gives it as
    `MIKE_DOCS_VERSION`): turns on Material's edition selector and the edition notices."""
    accessibility = c.Optional(c.Type(dict))
    """The accessibility statement (deklaracja dostępności): see `ksr_library.accessibility`."""


class LibraryProblemsError(PluginError):
    """The library has problems; MkDocs stops the build and prints them all."""

    def __init__(self, problems: list[Problem]) -> None:
        """Keep the problems; the message lists every one as `PATH:LINE:COL: key: message`."""
        self.problems = sorted(problems)
        count = len(self.problems)
        lines = "\n".join(f"  {p}" for p in self.problems)
        super().__init__(f"{count} problem{'s' if count != 1 else ''} found in the library:\n{lines}")


class LibraryPage(Page):
    """A generated page: it renders itself from the site plan instead of from Markdown."""

    def __init__(self, planned: PlannedPage, file: File, config: MkDocsConfig, plugin: LibraryPlugin) -> None:
        """A page for a planned page of the site, rendered (ahead, in parallel) by the plugin.

        MkDocs themes print titles without escaping them, so the title is given as
        escaped `Markup` (shown as the text it is).
        """
        super().__init__(Markup.escape(planned.title), file, config)
        self.planned = planned
        self.plugin = plugin
        self.rendered: SitePage | None = None

    def read_source(self, config: MkDocsConfig) -> None:
        """There is no Markdown source: the page is rendered from the library."""
        self.markdown = ""
        self.meta = {}

    def render(self, config: MkDocsConfig, files: Files) -> None:
        """Render the planned page: its HTML, table of contents, head data and date."""
        page = self.plugin.rendered.get(self.planned.src_uri) or self.planned.render()
        self.rendered = page
        self.content = page.html
        self.toc = get_toc(page.toc)  # type: ignore[arg-type]  # the same keys as MkDocs' _TocToken
        self.meta = {"description": Markup.escape(page.head.description)}
        self.present_anchor_ids = set(_anchor_ids(page.toc))
        self.links_to_anchors = {}
        if page.date:
            self.update_date = page.date


def _anchor_ids(toc: list[dict[str, Any]]) -> list[str]:
    return [i for token in toc for i in (token["id"], *_anchor_ids(token["children"]))]


class LibraryPlugin(BasePlugin[LibraryPluginConfig]):
    """Publish a ksr-library library with MkDocs: `mkdocs build`, `serve` and `mike` just work."""

    def __init__(self) -> None:
        """No library yet: it is read in `on_config`."""
        self.index: LibraryIndex | None = None
        """The checked, normalised library of the current (or last good) build."""
        self.checked: LibraryIndex | None = None
        """A library the caller already checked for the next build (used once, then cleared)."""
        self.plan: SitePlan | None = None
        self.library_dir: Path | None = None
        self.checks: CheckCache | None = None
        """A live preview's documents as read and validated, and rendered bodies, reused where unchanged."""
        self.preview: PreviewState | None = None
        """A live preview's pages and outputs, reused where nothing they depend on changed."""
        self.config_key = ""
        self.nav_key = ""
        self.page_keys: dict[str, str] = {}
        """In a preview, the key each generated page of this rebuild was rendered under."""
        self.rendered: dict[str, SitePage] = {}
        """The generated pages of the current build, rendered ahead on every core."""
        self.search_index: Callable[[], dict[str, bytes]] | None = None
        """Waits for the search index's files, built beside MkDocs."""
        self.search_job: Background[dict[str, bytes]] | None = None
        """The search index's worker process in a build (not a preview), collected as soon as it is done."""
        self.search_handed = False
        """Whether the search index's files went to the output writer (its job was done in time)."""
        self.script_hashes: set[str] = set()
        """The hashes of every inline script of the current build, for `_headers`."""
        self.edition: str | None = None
        self.nav: Navigation | None = None
        """The navigation of the current build, for rendering pages ahead."""
        self.converting: dict[str, Background[Converted]] = {}
        """Hand-written pages with mkdocstrings directives, being converted in workers (in a build)."""
        self.writing: Callable[[], int] | None = None
        """Waits for the worker writing `library.json`, the feed, redirect and citation files (in a build)."""

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Remember whether this is a live preview (MkDocs then keeps this instance across rebuilds)."""
        serving = command == "serve"
        self.checks = CheckCache() if serving else None
        self.preview = PreviewState() if serving else None

    def on_shutdown(self) -> None:
        """The preview ends: forget what it kept (MkDocs may reuse this instance in the process)."""
        self.checks = None
        if self.preview is not None:
            self.preview.search.close()
        self.preview = None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Check the library (every problem at once), normalise it and plan the site.

        Raises:
            LibraryProblemsError: The library has problems; nothing is built.
            PluginError: The library folder is missing.
        """
        self.library_dir = (Path(config.config_file_path).parent / self.config.library).resolve()
        if not self.library_dir.is_dir():
            raise PluginError(
                f"ksr-library: the library folder {self.library_dir} does not exist: "
                "set 'library:' of the ksr-library plugin in mkdocs.yml"
            )
        with making_long_lived():  # given back to the collector when the build ends
            if self.checked is not None and self.checked.root == self.library_dir:
                self.index, self.checked = self.checked, None
            else:
                self.index = self._read_library(self.library_dir)
            self.plan = plan_site(self.index, config.site_url or None, self._statement(config))
        # From now on the search index is built beside everything else, on the other core.
        self.search_index = self._search_files(self.plan, config)
        self.script_hashes = set()
        self.page_keys = {}
        self.edition = self.config.edition or os.environ.get(MIKE_VERSION_VARIABLE)
        if self.edition:
            config.extra.setdefault("version", {"provider": "mike"})
        if self.preview is not None:
            self.config_key = digest(_theme_files(config), config.site_url, self.edition, repr(self.plan.statement))
            self.preview.library = library_digest(self.index, self.config_key)
        log.info(f"{len(self.index)} documents checked and normalised")
        return config

    def _statement(self, config: MkDocsConfig) -> Statement | None:
        """The accessibility statement, if configured; inaccessible PDFs become warnings."""
        if self.config.accessibility is None:
            return None
        try:
            section = load_accessibility(self.config.accessibility)
            url = statement_url(config.site_url, section)
        except KsrError as err:
            raise PluginError(f"ksr-library: {err.message}") from None
        assert self.index is not None
        problems = pdf_problems(pdf_attachments(self.index))
        known = set(section.known_inaccessible)
        for problem in problems:
            if problem.file not in known:
                log.warning(f"{problem.message}; or list it under accessibility: known_inaccessible")
        return Statement(section, url, config.site_name, config.site_url or "", tuple(problems))

    def _on_env_globals(self, env: Environment, config: MkDocsConfig, files: Files) -> Environment:
        """Give the theme the statement (footer, meta tag), the edition, the 404 page's script, the tabs."""
        env.globals["ksr_statement"] = self._plan().statement
        env.globals["ksr_edition"] = self.edition
        env.globals["ksr_case_redirect_script"] = Markup(case_redirect_script())
        env.globals["ksr_tabs"] = public_tabs
        if env.loader is not None:
            kept = {PRERENDERED_TEMPLATE: "{{ page.ksr_prerendered }}", CACHED_TEMPLATE: "{{ page.ksr_cached[1] }}"}
            env.loader = ChoiceLoader([env.loader, DictLoader(kept)])
        if self.preview is not None:
            env.bytecode_cache = self.preview.templates
        return env

    @event_priority(-100)  # after every other plugin's on_env: mkdocs-autorefs fixes pages' links there
    def _on_env_prerender(self, env: Environment, config: MkDocsConfig, files: Files) -> Environment:
        """Render the theme's template for every page ahead, on every core (not in a preview).

        Workers compact the outputs too. MkDocs' page loop then prints each page's kept
        output, and runs `on_post_page`, while one more worker writes the files besides
        the pages (`_outputs_writer`).
        """
        if self.search_job is not None and self.search_job.done():
            self.search_job.result()  # its worker ends before more are forked: less memory at once
        if self.preview is None and self.nav is not None:
            doc_files = files.documentation_pages()
            pages = {file.src_uri: file.page for file in doc_files if file.page is not None}
            loop = PageLoop(self.nav, doc_files, config, env)
            outputs = prerender(pages.values(), loop, finish=_compacted_with_policy)
            for src_uri, (output, hashes) in outputs.items():
                pages[src_uri].ksr_prerendered = Markup(output)  # type: ignore[attr-defined]
                pages[src_uri].ksr_hashes = hashes  # type: ignore[attr-defined]
                pages[src_uri].meta["template"] = PRERENDERED_TEMPLATE
            log.info(f"{len(outputs)} pages rendered with the theme's template")
            search = self.search_job.result() if self.search_job is not None and self.search_job.done() else {}
            self.search_handed = bool(search)  # then written with the other outputs
            self.writing = self._outputs_writer(config, search)
        return env

    def _outputs_writer(self, config: MkDocsConfig, search: dict[str, bytes]) -> Callable[[], int]:
        """Write `library.json`, the feed, the redirect pages, the citation exports and `search`'s files.

        In a build they are written in a worker, while MkDocs writes the pages; the returned
        function waits for it, and gives the number of redirect pages.
        """
        plan = self._plan()
        made = [site_file for page in self.rendered.values() for site_file in page.files]
        data = {site_file.src_uri: site_file.data for site_file in [*plan.files, *made] if site_file.source is None}
        data.update((f"{SEARCH_DIR}/{name}", index_file) for name, index_file in search.items())
        site_dir, site_url = Path(config.site_dir), config.site_url or None
        job = partial(write_outputs, site_dir, plan.index, data, site_url=site_url, site_name=config.site_name)
        return in_background(job).result if self.preview is None and can_fork() else job

    on_env = CombinedEvent(_on_env_globals, _on_env_prerender)

    def _read_library(self, library_dir: Path) -> LibraryIndex:
        """Check and normalise the library; in a live preview, problems keep the last good one."""
        try:
            library = check_library(library_dir, include_drafts=self.config.drafts, cache=self.checks)
            return normalise_library(library)
        except LibraryInvalidError as err:
            if not (self.preview is not None and self.index is not None and self.index.root == library_dir):
                raise LibraryProblemsError(err.problems) from None
            for problem in err.problems:
                log.error(str(problem))  # noqa: TRY400 - a located problem, not a traceback
            log.error(f"{err.message}: the preview shows the last good version of the library")  # noqa: TRY400
            return self.index

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        """Add the generated pages and files, in memory; refuse a clash with a docs file."""
        plan = self._plan()
        for planned in plan.pages.values():
            file = File.generated(config, planned.src_uri, content="")
            LibraryPage(planned, file, config, self)
            _add(files, file)
        for site_file in plan.files:
            if site_file.source is not None:
                _add(files, File.generated(config, site_file.src_uri, abs_src_path=str(site_file.source)))
            else:  # written by the plugin with library.json and the redirect pages (`_outputs_writer`)
                _refuse_clash(files, site_file.src_uri)
        if self.preview is None and can_fork():
            # Each worker is forked before the dict is assigned: it converts its page itself.
            self.converting = {
                file.src_uri: in_background(partial(convert, file, config, files))
                for file in files.documentation_pages()
                if needs_converting_ahead(file)
            }
        self.rendered = self._render_pages(plan)
        for page in self.rendered.values():
            for site_file in page.files:
                _refuse_clash(files, site_file.src_uri)
        return files

    def _search_files(self, plan: SitePlan, config: MkDocsConfig) -> Callable[[], dict[str, bytes]]:
        """Start building the search index (with the attachments' text) beside MkDocs."""
        cache = TextCache(Path(config.config_file_path).parent / TEXT_CACHE)
        texts, unreadable = attachment_texts(plan.index, cache)
        known = set(plan.statement.config.known_inaccessible) if plan.statement else set()
        for error in unreadable:
            if not any(error.message.startswith(Path(k).name) for k in known):
                log.warning(f"{error.message}; search will not find its text (the build goes on)")
        documents = list(plan.index)
        sources = search_sources(documents, {d.id: d.body.text for d in documents}, plan.index.glossary, texts)
        if self.preview is not None:
            key = text_digest(repr(sources))
            kept = self.preview.search_files
            if key == self.preview.search_key and kept:
                return lambda: kept
            self.preview.search_key = key
            return self.preview.search.call(sources).result
        self.search_job = in_background(partial(search_files, sources))
        return self.search_job.result

    def _render_pages(self, plan: SitePlan) -> dict[str, SitePage]:
        """Every generated page, rendered on every core; in a preview, only those that changed."""
        if self.preview is None:
            rendered = run_all({src: planned.render for src, planned in plan.pages.items()})
            log.info(f"{len(rendered)} pages rendered")
            return rendered
        keys = {src: self.preview.page_key(plan.index, src) for src in plan.pages}
        kept = self.preview.reusable(keys)
        fresh = run_all({src: planned.render for src, planned in plan.pages.items() if src not in kept})
        rendered = {**kept, **fresh}
        self.preview.keep(keys, rendered)
        self.page_keys = keys
        log.info(f"{len(fresh)} pages rendered, {len(kept)} unchanged")
        return rendered

    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
        """Put every generated page into the navigation, the documents under the catalogue."""
        placed = place_in_nav(nav, self._plan(), files, _nav_title(config.nav, CATALOGUE_SRC) or "Katalog")
        self.nav = placed
        if self.preview is not None:
            self.nav_key = digest([(str(p.title), p.url, p.parent and str(p.parent.title)) for p in placed.pages])
        return placed

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """In a preview, a hand-written page whose source did not change is not converted again.

        A page with mkdocstrings directives (`:::`) is also converted again when the
        Python sources it documents changed.
        """
        if self.preview is None or isinstance(page, LibraryPage):
            return "" if page.file.src_uri in self.converting else markdown
        documented = (
            python_sources(source_folders(config.plugins, Path(config.config_file_path).parent))
            if has_directives(markdown)
            else None
        )
        key = digest(page.file.src_uri, markdown, self.config_key, documented)
        page.ksr_content_key = key  # type: ignore[attr-defined]
        return "" if key in self.preview.contents else markdown

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """A page converted in a worker takes its place; in a preview, reuse what did not change."""
        if self.preview is None:
            converting = self.converting.pop(page.file.src_uri, None)
            return put_in_place(page, converting.result(), config.plugins) if converting else html
        if isinstance(page, LibraryPage):
            content_key = self.page_keys.get(page.file.src_uri, "")
        else:
            content_key = page.ksr_content_key  # type: ignore[attr-defined]
            html = self.preview.content(content_key, page, html, config.plugins)
        output_key = digest(content_key, self.nav_key, self.config_key, str(page.title))
        page.ksr_output_key = output_key  # type: ignore[attr-defined]
        cached = self.preview.outputs.get(page.file.src_uri)
        if cached and cached[0] == output_key:
            page.ksr_cached = cached  # type: ignore[attr-defined]
            page.meta["template"] = CACHED_TEMPLATE
        return html

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        """Compact the page, and put the Content-Security-Policy (with its inline scripts' hashes) in its head."""
        cached = getattr(page, "ksr_cached", None)
        if cached is not None:
            self.script_hashes.update(cached[2])
            return str(cached[1])
        prerendered: list[str] | None = getattr(page, "ksr_hashes", None)
        if prerendered is not None:  # compacted, with its policy, in a worker
            self.script_hashes.update(prerendered)
            return output
        page_output, hashes = self._with_policy(compact_html(output))
        if self.preview is not None:
            self.preview.outputs[page.file.src_uri] = (page.ksr_output_key, page_output, hashes)  # type: ignore[attr-defined]
        return page_output

    def on_post_template(self, output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
        """The same policy on the theme's own pages (such as `404.html`)."""
        return self._with_policy(output_content)[0] if template_name.endswith(".html") else output_content

    def _with_policy(self, html: str) -> tuple[str, tuple[str, ...]]:
        """A page with its policy, and its inline scripts' hashes, which `_headers` gathers."""
        page, hashes = with_policy(html)
        self.script_hashes.update(hashes)
        return page, tuple(hashes)

    def on_post_build(self, config: MkDocsConfig) -> None:
        """Write the search index and `_headers`; in a build, wait for the worker writing the other outputs.

        The others are `library.json`, the feed, the redirect pages and the citation
        exports (a preview writes them here).
        """
        site_dir = Path(config.site_dir)
        try:
            redirect_pages = (self.writing or self._outputs_writer(config, {}))()
        except KsrError as err:
            raise PluginError(f"ksr-library: {err.message}") from None
        (site_dir / HEADERS_FILE).write_text(headers_file(self.script_hashes), encoding="utf-8")
        if self.search_index is not None:
            index_files = self.search_index()
            if not self.search_handed:
                write_files(site_dir / SEARCH_DIR, index_files)
            _embed_manifest(site_dir / SEARCH_DIR / "index.html", index_files["index.json"])
            if self.preview is not None:
                self.preview.search_files = index_files
        self.rendered = {}
        self.search_index = None
        self.search_job = None
        self.search_handed = False
        self.writing = None
        self.nav = None
        self.converting = {}
        if self.preview is not None:
            self.preview.let_go()
        thaw_long_lived()
        log.info(f"library.json, feed, {redirect_pages} redirect pages and the search index written")

    def on_build_error(self, *, error: Exception) -> None:
        """A build that stops still gives its objects back to the collector."""
        thaw_long_lived()

    def on_serve(self, server: LiveReloadServer, config: MkDocsConfig, builder: Any) -> LiveReloadServer:  # noqa: ANN401
        """Watch the library folder, so a changed document rebuilds the preview."""
        if self.library_dir is not None:
            server.watch(str(self.library_dir))
        return server

    def _plan(self) -> SitePlan:
        if self.plan is None:
            raise PluginError("ksr-library: the plugin was not configured (on_config did not run)")
        return self.plan


def _embed_manifest(page: Path, manifest: bytes) -> None:
    """Put the search index's manifest into the built search page (it starts loading from it)."""
    if page.is_file():
        page.write_text(embed_manifest(page.read_text(encoding="utf-8"), manifest), encoding="utf-8")


def _compacted_with_policy(output: str) -> tuple[str, list[str]]:
    """A page's output compacted, with its Content-Security-Policy, and the hashes that allows."""
    return with_policy(compact_html(output))


def _add(files: Files, file: File) -> None:
    _refuse_clash(files, file.src_uri)
    files.append(file)


def _refuse_clash(files: Files, src_uri: str) -> None:
    if files.get_file_from_path(src_uri) is not None:
        raise PluginError(
            f"ksr-library: docs/{src_uri} is generated from the library: remove or rename the file in docs/"
        )


def _to_mkdocs(node: NavNode, files: Files) -> Page | Section:
    if isinstance(node, NavPage):
        file = files.get_file_from_path(node.src_uri)
        assert file is not None and isinstance(file.page, Page)
        if isinstance(file.page, LibraryPage):
            file.page.title = Markup.escape(node.title)
        return file.page
    return Section(Markup.escape(node.title), [_to_mkdocs(child, files) for child in node.children])


def place_in_nav(nav: Navigation, plan: SitePlan, files: Files, catalogue_title: str = "Katalog") -> Navigation:
    """The navigation with the catalogue's section (documents by type, value pages) in it.

    The section replaces the nav entry of `katalog/index.md`; without one it is added
    at the end. Generated pages the nav does not list are added at the end, but the
    accessibility statement: every page's footer links it, so it is no tab of its own.
    """
    items = list(nav.items)
    position = next(
        (i for i, item in enumerate(items) if isinstance(item, Page) and item.file.src_uri == CATALOGUE_SRC),
        None,
    )
    catalogue = _to_mkdocs(catalogue_tree(plan, catalogue_title), files)
    if position is None:
        items.append(catalogue)
    else:
        items[position] = catalogue
    listed = {p.file.src_uri for p in _pages(items)}
    if plan.statement is not None:
        listed.add(plan.statement.src_uri)
    items += [
        _to_mkdocs(NavPage(src_uri, planned.title), files)
        for src_uri, planned in plan.pages.items()
        if src_uri not in listed
    ]
    pages = _pages(items)
    _link(items, pages)
    return Navigation(items, pages)


def _nav_title(nav: Any, src_uri: str) -> str | None:  # noqa: ANN401 - the `nav:` of mkdocs.yml
    """The title `mkdocs.yml` gives a page in its `nav:`, if it lists the page with one."""
    entries = nav if isinstance(nav, list) else [nav]
    for entry in entries:
        for title, value in entry.items() if isinstance(entry, dict) else ():
            if value == src_uri:
                return str(title)
            if isinstance(value, list) and (found := _nav_title(value, src_uri)):
                return found
    return None


def _pages(items: list[Any]) -> list[Page]:
    found: list[Page] = []
    for item in items:
        if isinstance(item, Page):
            found.append(item)
        elif isinstance(item, Section):
            found += _pages(item.children)
    return found


def _link(items: list[Any], pages: list[Page], parent: Section | None = None) -> None:
    """Set parents, and previous and next pages, as MkDocs does for its own navigation."""
    for item in items:
        item.parent = parent
        if isinstance(item, Section):
            _link(item.children, [], item)
    for previous, page in zip([None, *pages], pages, strict=False):
        page.previous_page = previous
        if previous is not None:
            previous.next_page = page
    if pages:
        pages[-1].next_page = None


__all__ = ["LibraryPage", "LibraryPlugin", "LibraryPluginConfig", "LibraryProblemsError", "place_in_nav"]


def _theme_files(config: MkDocsConfig) -> list[tuple[str, int, int]]:
    """`mkdocs.yml` and the theme overrides, as names, sizes and times: a change to any re-renders all."""
    paths = [Path(config.config_file_path)]
    custom = config.theme.custom_dir
    if custom:
        paths += sorted(p for p in Path(custom).rglob("*") if p.is_file())
    return [(str(p), p.stat().st_size, p.stat().st_mtime_ns) for p in paths if p.exists()]
