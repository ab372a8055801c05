"""Pictures: the images of a file as attachments the site may serve.

Only PNG, JPEG and WebP become attachments, recognised by their bytes, never by a file
name. GIF, BMP and TIFF are re-encoded as PNG with Pillow (its decompression-bomb limit
applies); anything else (EMF, WMF, SVG, …) is left out and the editor is told.
"""

from __future__ import annotations

import io

from ksr_library.importing.model import Picture

_SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"\xff\xd8\xff", "jpg"),
)
_CONVERTIBLE = (b"GIF87a", b"GIF89a", b"BM", b"II*\x00", b"MM\x00*")


def picture(data: bytes) -> Picture | None:
    """The picture as an attachment, or `None` when its format cannot be one."""
    for signature, extension in _SIGNATURES:
        if data.startswith(signature):
            return Picture(data, extension)
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return Picture(data, "webp")
    if data.startswith(_CONVERTIBLE):
        return _as_png(data)
    return None


def _as_png(data: bytes) -> Picture | None:
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as image:
            out = io.BytesIO()
            image.convert("RGBA").save(out, "PNG")
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        return None
    return Picture(out.getvalue(), "png")
