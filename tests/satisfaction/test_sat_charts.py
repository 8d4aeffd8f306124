"""Satisfaction charts on the example survey (issue 5): the IPA map, derived-importance bars,
loyalty by satisfaction zone and NPS by segment return their Axes, draw one artist per driver,
zone or segment, and emit no warnings in English or Chinese.

Expected values come from the raw example workbook (column means, NPS counted by hand from
the 0-10 answers), not from the chart code.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pandas as pd
import pytest
from matplotlib.colors import to_rgba
from matplotlib.container import BarContainer

from satisfaction import analyze_ipa, load_survey
from satisfaction import charts as sc
from satisfaction.loyalty import default_thresholds, zone_table

SAT = Path(__file__).resolve().parents[2] / "examples" / "satisfaction_2026Q3.xlsx"
# driver -> (raw satisfaction column, English name, Chinese name), written out here
DRIVERS = {
    "price": ("资费满意度", "Price", "资费/价格"),
    "network": ("通信质量满意度", "Network quality", "通信质量"),
    "service": ("服务质量满意度", "Service quality", "服务质量"),
    "billing": ("账单准确性满意度", "Billing accuracy", "账单准确性"),
    "value_added": ("增值业务满意度", "Value-added services", "增值业务"),
    "loyalty_points": ("积分计划满意度", "Loyalty points", "积分计划"),
}
QUADRANTS = {
    "en": ["Improve first", "Keep and defend", "Maintain", "Latent-churn zone"],
    "zh": ["重点改进", "保持并优化", "维持", "潜在流失区"],
}


@pytest.fixture(scope="module")
def raw() -> pd.DataFrame:
    return pd.read_excel(SAT, engine="openpyxl")


@pytest.fixture(scope="module")
def survey():
    return load_survey(SAT)


@pytest.fixture(scope="module")
def analysis(survey):
    return analyze_ipa(survey, bootstrap=40, seed=1)


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def draw_quietly(make):
    with warnings.catch_warnings(record=True) as rec:
        warnings.simplefilter("always")
        ax = make()
        ax.figure.canvas.draw()
    return ax, [str(w.message) for w in rec]


def name(driver: str, lang: str) -> str:
    return DRIVERS[driver][1 if lang == "en" else 2]


def nps_by_hand(scores: pd.Series) -> float:
    s = pd.to_numeric(scores, errors="coerce").dropna()
    return 100.0 * ((s >= 9).sum() - (s <= 6).sum()) / len(s)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_ipa_map_points_labels_quadrants(analysis, raw, lang):
    result = analysis.result
    ax, caught = draw_quietly(lambda: sc.ipa_map(result, lang))
    assert caught == []
    assert isinstance(ax, plt.Axes)
    # one marker per driver at (mean satisfaction, mean importance) of the raw columns
    points = [ln for ln in ax.get_lines() if ln.get_marker() == "o"]
    assert len(points) == 1
    xs, ys = points[0].get_xdata(), points[0].get_ydata()
    assert len(xs) == len(DRIVERS)
    drivers = list(result.table["driver"])
    assert sorted(drivers) == sorted(DRIVERS)
    for x, y, d in zip(xs, ys, drivers, strict=True):
        column = DRIVERS[d][0]
        assert x == pytest.approx(raw[column].mean())
        assert y == pytest.approx(raw[column.replace("满意度", "重要性")].mean())
    # one label per driver, in the chosen language; the four quadrant names
    texts = [t.get_text() for t in ax.texts]
    for d in DRIVERS:
        assert texts.count(name(d, lang)) == 1
    for quadrant in QUADRANTS[lang]:
        assert sum(t.startswith(quadrant) for t in texts) == 1
    # crosshairs at the means of the driver means (crosshair rule "mean")
    vertical = [ln for ln in ax.get_lines() if list(ln.get_xdata()) == [xs.mean()] * 2]
    horizontal = [ln for ln in ax.get_lines() if list(ln.get_ydata()) == [ys.mean()] * 2]
    assert len(vertical) == 1 and len(horizontal) == 1
    # CI whiskers on both axes, one per driver
    caps = [c for c in ax.collections if len(getattr(c, "get_segments", list)()) == len(DRIVERS)]
    assert len(caps) == 2


def test_ipa_map_diagonal_adds_one_line(analysis):
    plain = sc.ipa_map(analysis.result, "en")
    with_diagonal = sc.ipa_map(analysis.result, "en", diagonal=True, title="Q3")
    assert len(with_diagonal.get_lines()) == len(plain.get_lines()) + 1
    assert with_diagonal.get_title() == "Q3"


def test_save_ipa_map_writes_png_and_svg(analysis, tmp_path):
    written = sc.save_ipa_map(analysis.result, tmp_path / "ipa", lang="zh")
    assert [p.name for p in written] == ["ipa.png", "ipa.svg"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ipa.png", "ipa.svg"]
    assert "<svg" in (tmp_path / "ipa.svg").read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_derived_importance_bars(analysis, lang):
    derived = analysis.derived
    ax, caught = draw_quietly(lambda: sc.derived_importance_bars(derived, lang))
    assert caught == []
    bars = [c for c in ax.containers if isinstance(c, BarContainer)]
    assert len(bars) == 1
    widths = [p.get_width() for p in bars[0].patches]
    assert len(widths) == len(derived.table)
    # Shapley shares of R² add up to 1 and the bars are sorted, largest on top
    assert sum(widths) == pytest.approx(1.0)
    assert widths == sorted(widths)
    ticks = [t.get_text() for t in ax.get_yticklabels()]
    assert len(ticks) == len(widths)
    for d in DRIVERS:
        if d in set(derived.table["driver"]):
            assert name(d, lang) in ticks
    if lang == "zh":
        assert any("\u4e00" <= ch <= "\u9fff" for ch in ax.get_title())


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_loyalty_by_zone_three_bars(survey, lang):
    o = survey.outcomes
    x1, x2 = default_thresholds(survey.outcome_scales["overall"])
    zones = zone_table(o["overall"], o["loyalty_index"], x1, x2)
    ax, caught = draw_quietly(lambda: sc.loyalty_by_zone(zones, lang))
    assert caught == []
    assert len(ax.patches) == 3
    # the bars are the mean loyalty of the respondents in each satisfaction zone
    overall, loyalty = o["overall"], o["loyalty_index"]
    both = overall.notna() & loyalty.notna()
    # zones are [from, to): below X1, X1 up to X2, X2 and above
    groups = [overall < x1, (overall >= x1) & (overall < x2), overall >= x2]
    heights = [p.get_height() for p in ax.patches]
    assert heights == pytest.approx([loyalty[both & g].mean() for g in groups])
    assert list(zones["n"]) == [int((both & g).sum()) for g in groups]
    ticks = [t.get_text() for t in ax.get_xticklabels()]
    zone_names = {
        "en": ["Dissatisfied", "Neither", "Satisfied"],
        "zh": ["不满意区", "没有满意", "满意区"],
    }
    for tick, zone, n in zip(ticks, zone_names[lang], zones["n"], strict=True):
        assert tick.startswith(zone) and f"(n={n})" in tick
    assert ax.get_ylim() == (0, 100)


# value segments (domain.md): every customer first, then the segments by their codes
SEGMENTS = {
    "en": {"all": "all customers", "business": "business customers",
           "key_account": "key accounts", "public": "public customers"},
    "zh": {"all": "全部客户", "business": "商业客户", "key_account": "大客户", "public": "公众客户"},
}  # fmt: skip


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_nps_by_segment(survey, raw, lang):
    from satisfaction.analysis import nps_segments

    table = nps_segments(survey)
    ax, caught = draw_quietly(lambda: sc.nps_by_segment(table, lang))
    assert caught == []
    assert len(ax.patches) == len(table) >= 2
    ticks = [t.get_text() for t in ax.get_yticklabels()]
    assert ticks == [f"{SEGMENTS[lang][s]} (n={n})"
                     for s, n in zip(table["segment"], table["n"], strict=True)]  # fmt: skip
    assert table["segment"].iloc[0] == "all"
    # the first bar is every customer: promoters (9-10) minus detractors (0-6), in points
    scores = raw["推荐意愿(0-10)"]
    assert ax.patches[0].get_width() == pytest.approx(nps_by_hand(scores))
    assert table["n"].iloc[0] == pd.to_numeric(scores, errors="coerce").notna().sum()
    assert ax.get_xlim() == (-100, 100)
    green, orange = to_rgba("#009E73"), to_rgba("#D55E00")
    for patch in ax.patches:  # colour by sign
        expected = green if patch.get_width() >= 0 else orange
        assert patch.get_facecolor() == pytest.approx(expected)
