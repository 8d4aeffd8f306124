"""Colours shared by charts and workbooks: one fixed colour per Kano category.

Okabe & Ito's colour-blind-safe palette (Okabe & Ito 2008, "Color Universal
Design"); workbook cells use light tints of the same hues.
"""

CATEGORY_COLORS = {
    "A": "#56B4E9",  # sky blue
    "O": "#009E73",  # bluish green
    "M": "#E69F00",  # orange
    "I": "#999999",  # grey
    "R": "#CC79A7",  # reddish purple
    "Q": "#F0E442",  # yellow
}

CATEGORY_FILLS = {
    "A": "#CDEBF7",
    "O": "#C9E7D9",
    "M": "#F9DDB5",
    "I": "#E6E6E6",
    "R": "#F3CCE0",
    "Q": "#FBF3B5",
}

# Services over waves: the Okabe-Ito hues in a fixed order.
SERIES_COLORS = [
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#CC79A7",
    "#56B4E9",
    "#D55E00",
    "#F0E442",
    "#000000",
]
