"""Compacting: a built page without the indentation its templates leave, so pages stay light.

The theme's templates indent deeply, and a page repeats its navigation twice (for wide
and narrow screens): about a fifth of a page is indentation. Indentation after a line
break is dropped and runs of blank lines become one line break; whitespace still
separates what it separated (HTML shows any run of it as one space), and `<pre>` and
`<textarea>`, where whitespace is content, are left exactly as they are.
"""

from __future__ import annotations

import re

_VERBATIM = re.compile(r"(<(pre|textarea)\b.*?</\2\s*>)", re.DOTALL | re.IGNORECASE)
_INDENTED = re.compile(r"\n\s+")


def compact_html(html: str) -> str:
    """The page with indentation and blank lines dropped outside `<pre>` and `<textarea>`."""
    parts = _VERBATIM.split(html)
    # split() yields text, a verbatim element, its tag name, text, ...
    return "".join(
        _INDENTED.sub("\n", part) if index % 3 == 0 else part if index % 3 == 1 else ""
        for index, part in enumerate(parts)
    )
