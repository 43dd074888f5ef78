"""The PWA's home-screen icons, drawn with Pillow on first request (no binary files in the repo).

A white map pin on the site's brand blue, inside the safe zone of a maskable icon (the inner 80%).
"""

from __future__ import annotations

import io
from functools import lru_cache

from PIL import Image, ImageDraw

BRAND = "#0b4a8b"
SIZES = (192, 512)


@lru_cache(maxsize=len(SIZES))
def png(size: int) -> bytes:
    scale = 4  # draw large, then shrink: smooth edges without antialiasing support in ImageDraw
    s = size * scale
    img = Image.new("RGB", (s, s), BRAND)
    d = ImageDraw.Draw(img)
    cx, r = s / 2, s * 0.2
    top = s * 0.22
    # The pin: a circle and a triangle meeting at the point.
    d.ellipse((cx - r, top, cx + r, top + 2 * r), fill="white")
    d.polygon([(cx - r * 0.92, top + r * 1.4), (cx + r * 0.92, top + r * 1.4), (cx, s * 0.8)], fill="white")
    hole = r * 0.42
    d.ellipse((cx - hole, top + r - hole, cx + hole, top + r + hole), fill=BRAND)
    out = io.BytesIO()
    img.resize((size, size), Image.Resampling.LANCZOS).save(out, format="PNG", optimize=True)
    return out.getvalue()
