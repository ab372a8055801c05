"""Rendering: document bodies to safe HTML, deciding Markdown structure with the renderer itself.

`render_body` renders a body with Python-Markdown
and our extensions, applies the link policy to the parsed tree, passes the HTML through the
allowlist `sanitise` and reports what check must
tell the editor, located in the source.
"""

from ksr_library.rendering.model import BodyContext, Finding, RefTarget, RefUse, RenderedBody
from ksr_library.rendering.renderer import render_body
from ksr_library.rendering.sanitising import sanitise

__all__ = ["BodyContext", "Finding", "RefTarget", "RefUse", "RenderedBody", "render_body", "sanitise"]
