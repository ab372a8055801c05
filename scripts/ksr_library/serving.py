"""Serving: `ksr-library serve` is `mkdocs serve` with the plugin set to the chosen library.

MkDocs' own development server rebuilds the site when `docs/`, `mkdocs.yml` or (through
the plugin's `on_serve`) the library changes, and reloads the browser. While a change
leaves the library with problems, the plugin prints them and the preview keeps showing
the last good version of the library.
"""

from __future__ import annotations

import logging
from typing import Any

from ksr_library.building import PLUGIN_NAME
from ksr_library.errors import ProjectError
from ksr_library.project import Project, load_mkdocs_config


def plugins_with(raw_plugins: Any, options: dict[str, Any]) -> list[Any]:  # noqa: ANN401 - raw YAML
    """The `plugins:` of a raw `mkdocs.yml` with the `ksr-library` plugin's options updated.

    Raises:
        ProjectError: The plugin is not enabled.
    """
    entries = raw_plugins if isinstance(raw_plugins, list) else [raw_plugins] if raw_plugins else []
    found, result = False, []
    for entry in entries:
        if entry == PLUGIN_NAME or (isinstance(entry, dict) and PLUGIN_NAME in entry):
            current = entry.get(PLUGIN_NAME) if isinstance(entry, dict) else None
            result.append({PLUGIN_NAME: {**(current or {}), **options}})
            found = True
        else:
            result.append(entry)
    if not found:
        raise ProjectError(f"add '- {PLUGIN_NAME}' to 'plugins:' in mkdocs.yml")
    return result


def serve(project: Project, *, host: str, port: int, include_drafts: bool) -> None:
    """Serve a live preview of the project's site until interrupted, as `mkdocs serve` does.

    Raises:
        ProjectError: `mkdocs.yml` cannot be read or does not enable the plugin.
    """
    import copy
    import tempfile

    from mkdocs.commands.build import build
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.utils.yaml import yaml_load

    try:
        with project.config_file.open("rb") as handle:
            raw = yaml_load(handle) or {}
    except (OSError, ValueError) as err:
        raise ProjectError(f"{project.config_file}: {err}") from None
    plugins = plugins_with(raw.get("plugins"), {"library": str(project.library_dir), "drafts": include_drafts})
    _show_mkdocs_log()
    with tempfile.TemporaryDirectory(prefix="ksr-serve-") as site_dir:
        url = f"http://{host}:{port}/"

        def load() -> Any:  # noqa: ANN401 - MkDocsConfig
            return load_mkdocs_config(
                project.config_file, site_dir=site_dir, plugins=copy.deepcopy(plugins), site_url=url
            )

        config = load()
        config.plugins.on_startup(command="serve", dirty=False)

        def builder(config: Any = None) -> None:  # noqa: ANN401 - MkDocsConfig, as MkDocs passes it
            build(config or load(), serve_url=url)

        server = LiveReloadServer(builder=builder, host=host, port=port, root=site_dir)
        try:
            builder(config)
            for path in (config.docs_dir, config.config_file_path, str(project.library_dir)):
                server.watch(path)
            server.serve()  # type: ignore[no-untyped-call]
        except KeyboardInterrupt:
            pass
        finally:
            server.shutdown()
            config.plugins.on_shutdown()


def _show_mkdocs_log() -> None:
    """Print MkDocs' messages (and the plugin's) as `mkdocs serve` does."""
    logger = logging.getLogger("mkdocs")
    if not logger.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
