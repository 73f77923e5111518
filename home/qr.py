"""Server-side QR codes (segno) as inline SVG, so no script and no outside service is needed."""

from functools import lru_cache

import segno
from django.utils.html import escape

QR_CAPTION = "扫一扫在手机打开当前页"


@lru_cache(maxsize=4096)
def qr_svg(url):
    """An accessible inline SVG encoding `url`.

    Encoding takes a few milliseconds and a URL's code never changes, so codes are memoised
    per process. The SVG has a viewBox and no size: CSS sizes it. Dark modules stay black on
    white in every colour scheme, because phone cameras need that contrast.
    """
    code = segno.make(url, error="m", micro=False)
    svg = code.svg_inline(omitsize=True, svgclass="qr-code__svg", lineclass=None,
                          dark="#000", light="#fff", border=4)
    label = escape(f"本页网址二维码：{url}")
    return svg.replace("<svg ", f'<svg role="img" aria-label="{label}" focusable="false" ', 1)
