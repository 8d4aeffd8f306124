"""Short text and HTML views of results for the terminal and notebooks (``__repr__``,
``_repr_html_``): a title, a few facts and the first rows of the main table."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

import pandas as pd

MAX_ROWS = 10


def text_view(title: str, facts: Sequence[str] = ()) -> str:
    """``Title(fact, fact, …)`` on one line."""
    return f"{title}({', '.join(facts)})"


def html_view(
    title: str,
    facts: Sequence[str] = (),
    frame: pd.DataFrame | None = None,
    columns: Sequence[str] = (),
) -> str:
    """A small HTML block: the title, the facts, and ``columns`` of the first rows of ``frame``."""
    parts = [f"<strong>{escape(title)}</strong>"]
    if facts:
        parts.append("<br>" + escape("; ".join(facts)))
    if frame is not None and len(frame.columns):
        shown = frame[[c for c in columns if c in frame.columns] or list(frame.columns)[:6]]
        more = len(shown) - MAX_ROWS
        parts.append(
            shown.head(MAX_ROWS).to_html(
                index=False, border=0, float_format=lambda v: f"{v:.3g}", na_rep=""
            )
        )
        if more > 0:
            parts.append(f"<em>… {more} more rows</em>")
    return "<div>" + "".join(parts) + "</div>"
