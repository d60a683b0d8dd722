"""Write a chart to a file: ``.svg`` as drawn, ``.png`` rasterised by resvg (the ``plot`` extra).

Why resvg (``resvg-py``): one small wheel with no system libraries (cairosvg
needs libcairo, matplotlib cannot read SVG), and it renders the charts'
presentation attributes and fonts faithfully. It is imported only for PNG, so
a base install writes SVG and is told in one line what PNG needs.
"""

from __future__ import annotations

from pathlib import Path

from communique.errors import InputError

FORMATS = (".svg", ".png")
PNG_HINT = "PNG output needs the plot extra: pip install 'communique[plot]' (or write .svg)"


def png_bytes(svg: str, zoom: float = 2.0, source: str = "PNG") -> bytes:
    """The SVG as PNG bytes, at ``zoom`` times its size (2× stays sharp on a laptop screen)."""
    try:
        import resvg_py
    except ModuleNotFoundError as exc:
        raise InputError(source, PNG_HINT) from exc
    return bytes(resvg_py.svg_to_bytes(svg_string=svg, zoom=zoom, background="white"))


def write(svg: str, out: str | Path) -> Path:
    """Write ``svg`` to ``out`` in the format its suffix names; an unknown suffix is an InputError."""
    out = Path(out)
    suffix = out.suffix.lower()
    if suffix not in FORMATS:
        raise InputError(str(out), f"unknown picture format {suffix or '(none)'!r}; use .svg or .png")
    data = svg.encode("utf-8") if suffix == ".svg" else png_bytes(svg, source=str(out))
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(data)
    return out
