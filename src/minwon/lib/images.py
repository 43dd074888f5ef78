"""Photo hygiene for uploads (pure Pillow, no Django).

Phones put the owner's GPS position, device serial and time in EXIF. We keep only what a 민원
needs: the pixels, turned upright, re-encoded without any metadata; the GPS position is returned
separately so the caller can use it as the complaint's location when the citizen agrees.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from PIL import Image, ImageOps, UnidentifiedImageError

ALLOWED_FORMATS = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp", "GIF": "image/gif"}
# Decompression-bomb guard: refuse anything over ~50 megapixels before decoding it.
MAX_PIXELS = 50_000_000
_GPS_IFD = 0x8825


class ImageRejected(ValueError):
    pass


@dataclass(frozen=True)
class CleanImage:
    data: bytes
    content_type: str
    extension: str
    width: int
    height: int
    gps: tuple[float, float] | None


def clean_image(raw: bytes, *, max_side: int = 2560) -> CleanImage:
    try:
        with Image.open(io.BytesIO(raw)) as probe:
            fmt = probe.format or ""
            if fmt not in ALLOWED_FORMATS:
                raise ImageRejected("사진은 JPEG, PNG, WEBP, GIF 형식만 올릴 수 있습니다.")
            if probe.width * probe.height > MAX_PIXELS:
                raise ImageRejected("사진의 해상도가 너무 큽니다.")
            probe.verify()
        opened = Image.open(io.BytesIO(raw))
        gps = _gps_of(opened)
        img: Image.Image = ImageOps.exif_transpose(opened)
        img.load()
    except (UnidentifiedImageError, OSError, SyntaxError) as exc:
        raise ImageRejected("사진 파일을 읽을 수 없습니다. 손상되지 않은 사진을 올려 주십시오.") from exc
    img.thumbnail((max_side, max_side))
    has_alpha = img.mode in ("RGBA", "LA", "P") and fmt in ("PNG", "WEBP", "GIF")
    out = io.BytesIO()
    if has_alpha:
        img.convert("RGBA").save(out, format="PNG", optimize=True)
        ctype, ext = "image/png", "png"
    else:
        img.convert("RGB").save(out, format="JPEG", quality=85, optimize=True)
        ctype, ext = "image/jpeg", "jpg"
    # Saving without exif=/icc_profile= arguments writes no metadata at all.
    return CleanImage(out.getvalue(), ctype, ext, img.width, img.height, gps)


def _gps_of(img: Image.Image) -> tuple[float, float] | None:
    try:
        gps = img.getexif().get_ifd(_GPS_IFD)
    except Exception:
        return None
    try:
        lat = _dms(gps[2]) * (-1 if gps.get(1) in ("S", b"S") else 1)
        lng = _dms(gps[4]) * (-1 if gps.get(3) in ("W", b"W") else 1)
    except (KeyError, TypeError, ZeroDivisionError, IndexError):
        return None
    if not (-90 <= lat <= 90 and -180 <= lng <= 180):
        return None
    return (round(lat, 7), round(lng, 7))


def _dms(value) -> float:
    d, m, s = (float(x) for x in value)
    return d + m / 60 + s / 3600


def is_pdf(raw: bytes) -> bool:
    return raw[:5] == b"%PDF-"


def blur_region(data: bytes, box: tuple[float, float, float, float], *, radius: int = 24) -> bytes:
    """Blur the rectangle `box` = (left, top, width, height) in percent of the image, e.g. a face or plate.

    Returns a new JPEG/PNG (same format as `clean_image` writes) with the region pixelated and
    blurred so that it cannot be sharpened back; the input is not changed.
    """
    from PIL import ImageFilter

    left, top, width, height = (max(0.0, min(100.0, float(v))) for v in box)
    if width <= 0 or height <= 0:
        raise ImageRejected("가릴 영역의 너비와 높이를 0보다 크게 주십시오.")
    try:
        img = Image.open(io.BytesIO(data))
        fmt = img.format or "JPEG"
        img.load()
    except (UnidentifiedImageError, OSError) as exc:
        raise ImageRejected("사진 파일을 읽을 수 없습니다.") from exc
    x0, y0 = int(img.width * left / 100), int(img.height * top / 100)
    x1 = min(img.width, max(x0 + 1, int(img.width * (left + width) / 100)))
    y1 = min(img.height, max(y0 + 1, int(img.height * (top + height) / 100)))
    region = img.crop((x0, y0, x1, y1))
    # Pixelate first (throws the detail away), then blur the blocks so no edge is readable.
    small = region.resize(
        (max(1, region.width // 16), max(1, region.height // 16)), Image.Resampling.BILINEAR
    )
    region = small.resize(region.size, Image.Resampling.NEAREST).filter(ImageFilter.GaussianBlur(radius))
    img.paste(region, (x0, y0))
    out = io.BytesIO()
    if fmt == "PNG":
        img.save(out, format="PNG", optimize=True)
    else:
        img.convert("RGB").save(out, format="JPEG", quality=85, optimize=True)
    return out.getvalue()
