"""Kano charts on the example surveys (issue 5): every function returns its Axes, draws one
artist per service and category, uses the fixed colour of each Kano category, and renders
Chinese service names without a single missing-glyph warning (PNG, SVG and PDF).

Expected values are computed here from the category counts with the textbook formulas
(Better = (A+O)/(A+O+M+I), Worse = -(O+M)/(A+O+M+I)), not read from the chart code.
"""

from __future__ import annotations

import itertools
import struct
import warnings
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib import font_manager
from matplotlib.collections import LineCollection, PathCollection
from matplotlib.colors import to_rgba
from matplotlib.container import BarContainer

from kano.analysis import analyze
from kano.compare import compare_waves
from kano.io.survey import read_survey
from kano.render import charts
from kano.shared.plotting import save_figure
from kano.shared.style import CATEGORY_COLORS

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
CATS = ["A", "O", "M", "I", "R", "Q"]
# the names of the six categories (domain.md), written out here on purpose
NAMES = {
    "en": ["Attractive", "One-dimensional", "Must-be", "Indifferent", "Reverse", "Questionable"],
    "zh": ["魅力", "期望", "必备", "无差异", "反向", "可疑"],
}
EN_SERVICES = ["hotline", "account_manager", "vip_lounge", "sim_replacement", "points_redemption",
               "broadband_repair", "bill_sms", "caller_id", "roaming_pack", "self_service_app"]  # fmt: skip
ZH_SERVICES = ["10000/1860免费客服热线", "专属客户经理", "营业厅VIP休息室", "异地补换卡", "积分兑换",
               "24小时宽带抢修", "月度账单短信", "来电显示", "漫游流量包", "网上营业厅APP"]  # fmt: skip
GLYPH_WORDS = ("missing from font", "Glyph")


@pytest.fixture(scope="module")
def analyses():
    en = analyze(read_survey(EXAMPLES / "carrier_survey_codes.csv"), ci=True, n_boot=60,
                 continuous=True)  # fmt: skip
    zh = analyze(read_survey(EXAMPLES / "carrier_survey_wjx.xlsx"), ci=True, n_boot=60,
                 continuous=True)  # fmt: skip
    return {"en": en, "zh": zh}


@pytest.fixture(scope="module")
def waves():
    q2 = read_survey(EXAMPLES / "carrier_survey_2026Q2_wjx.xlsx")
    q3 = read_survey(EXAMPLES / "carrier_survey_wjx.xlsx")
    return compare_waves([("2026Q2", q2), ("2026Q3", q3)], n_boot=30)


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def services_of(lang):
    return EN_SERVICES if lang == "en" else ZH_SERVICES


def better_worse(row) -> tuple[float, float]:
    a, o, m, i = (float(row[c]) for c in "AOMI")
    return (a + o) / (a + o + m + i), -(o + m) / (a + o + m + i)


def draw_quietly(make):
    """Call ``make()``, draw its figure; return (ax, warnings recorded)."""
    with warnings.catch_warnings(record=True) as rec:
        warnings.simplefilter("always")
        ax = make()
        ax.figure.canvas.draw()
    return ax, [str(w.message) for w in rec]


def has_cjk(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def boxes_overlap(a, b) -> bool:
    return a.x0 < b.x1 and b.x0 < a.x1 and a.y0 < b.y1 and b.y0 < a.y1


# --- category shares ---------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_category_shares_bars_labels_legend_and_colours(analyses, lang):
    summary = analyses[lang].summary
    ax, caught = draw_quietly(lambda: charts.category_shares(summary, lang))
    assert caught == []
    assert isinstance(ax, plt.Axes)
    bars = [c for c in ax.containers if isinstance(c, BarContainer)]
    assert len(bars) == 6
    assert sum(len(c.patches) for c in bars) == 10 * 6
    # legend: one entry per category, letter and name, in A O M I R Q order
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == [f"{c} {n}" for c, n in zip(CATS, NAMES[lang], strict=True)]
    # each category has its fixed colour on every bar
    for cat, container in zip(CATS, bars, strict=True):
        for patch in container.patches:
            assert patch.get_facecolor() == pytest.approx(to_rgba(CATEGORY_COLORS[cat]))
    # y tick labels: "service (n=total)", sorted by Better (lowest at the bottom)
    rows = {r["service"]: r for _, r in summary.iterrows()}
    expected_order = sorted(rows, key=lambda s: better_worse(rows[s])[0])
    ticks = [t.get_text() for t in ax.get_yticklabels()]
    total = {s: int(sum(rows[s][c] for c in CATS)) for s in rows}
    assert ticks == [f"{s} (n={total[s]})" for s in expected_order]
    assert sorted(expected_order) == sorted(services_of(lang))
    # bar widths are count / total and each stacked row fills 100 %
    for k, service in enumerate(expected_order):
        widths = [c.patches[k].get_width() for c in bars]
        assert sum(widths) == pytest.approx(1.0)
        assert widths == pytest.approx([rows[service][c] / total[service] for c in CATS])


def test_category_shares_draws_on_a_given_axes(analyses):
    fig, (left, right) = plt.subplots(1, 2)
    out = charts.category_shares(analyses["en"].summary, ax=right)
    assert out is right
    assert len(left.patches) == 0
    assert len(right.patches) == 60


# --- Better-Worse grid -------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_better_worse_grid_points_labels_quadrants(analyses, lang):
    summary = analyses[lang].summary
    ax, caught = draw_quietly(lambda: charts.better_worse_grid(summary, lang))
    assert caught == []
    scatter = [c for c in ax.collections if isinstance(c, PathCollection)]
    assert len(scatter) == 1
    offsets = scatter[0].get_offsets()
    assert len(offsets) == 10  # one point per service
    for (x, y), (_, row) in zip(offsets, summary.iterrows(), strict=True):
        better, worse = better_worse(row)
        assert (x, y) == pytest.approx((abs(worse), better))
    # points coloured by their category, with the shared category colours
    colours = scatter[0].get_facecolors()
    for colour, cat in zip(colours, summary["category"], strict=True):
        assert tuple(colour) == pytest.approx(to_rgba(CATEGORY_COLORS[str(cat)[0]]))
    texts = [t.get_text() for t in ax.texts]
    for service in services_of(lang):
        assert texts.count(service) == 1  # one label per service
    # quadrants: Attractive high Better / low |Worse|, One-dimensional both high, ...
    where = {"A": (False, True), "O": (True, True), "M": (True, False), "I": (False, False)}
    names = dict(zip(CATS, NAMES[lang], strict=True))
    for cat, (right, top) in where.items():
        label = next(t for t in ax.texts if t.get_text() == f"{cat} {names[cat]}")
        x, y = label.get_position()
        assert (x > 0.5, y > 0.5) == (right, top)
        assert to_rgba(label.get_color()) == pytest.approx(to_rgba(CATEGORY_COLORS[cat]))
    # with --ci columns: whiskers on both axes, one per service
    whiskers = [c for c in ax.collections if isinstance(c, LineCollection)]
    assert len(whiskers) == 2
    assert all(len(w.get_segments()) == 10 for w in whiskers)
    if lang == "zh":
        assert has_cjk(ax.get_title()) and has_cjk(ax.get_xlabel())


def test_better_worse_point_labels_do_not_overlap(analyses):
    summary = analyses["zh"].summary
    ax = charts.better_worse_grid(summary, "zh")
    fig = ax.figure
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    labels = [t for t in ax.texts if t.get_text() in ZH_SERVICES]
    boxes = [t.get_window_extent(renderer) for t in labels]
    overlapping = [
        (a.get_text(), b.get_text())
        for (a, ba), (b, bb) in itertools.combinations(zip(labels, boxes, strict=True), 2)
        if boxes_overlap(ba, bb)
    ]
    assert overlapping == []


def test_better_worse_marker_size_follows_importance(analyses):
    summary = analyses["en"].summary
    ax = charts.better_worse_grid(summary, "en")
    scatter = next(c for c in ax.collections if isinstance(c, PathCollection))
    sizes = scatter.get_sizes()
    rated = summary["importance_mean"].notna().to_numpy()
    assert 2 <= rated.sum() < len(summary)  # importance is asked for some services only
    importance = summary["importance_mean"].to_numpy()[rated]
    # larger stated importance, larger marker
    order = np.argsort(importance)
    assert np.all(np.diff(sizes[rated][order]) > 0)
    # without sizes every marker is the same size; without CI columns no whiskers
    plain = summary.drop(columns=[c for c in summary if c.endswith(("_ci_low", "_ci_high"))])
    ax2 = charts.better_worse_grid(plain, "en", sizes=False)
    scatter2 = next(c for c in ax2.collections if isinstance(c, PathCollection))
    assert len(set(np.round(scatter2.get_sizes(), 6))) == 1
    assert not [c for c in ax2.collections if isinstance(c, LineCollection)]


# --- continuous plot ---------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_continuous_plot(analyses, lang):
    cont = analyses[lang].continuous
    ax, caught = draw_quietly(lambda: charts.continuous_plot(cont, lang))
    assert caught == []
    scatter = next(c for c in ax.collections if isinstance(c, PathCollection))
    assert len(scatter.get_offsets()) == 10
    # the means are the mean scores of the services (x dysfunctional, y functional)
    for (x, y), (_, row) in zip(scatter.get_offsets(), cont.iterrows(), strict=True):
        assert (x, y) == pytest.approx((row["dysfunctional_mean"], row["functional_mean"]))
        assert -2 <= x <= 4 and -2 <= y <= 4  # DuMouchel's scores run from -2 to 4
    for colour, cat in zip(scatter.get_facecolors(), cont["continuous_category"], strict=True):
        assert tuple(colour) == pytest.approx(to_rgba(CATEGORY_COLORS[str(cat)[0]]))
    assert ax.get_xlim() == (-2, 4) and ax.get_ylim() == (-2, 4)
    texts = [t.get_text() for t in ax.texts]
    assert all(texts.count(s) == 1 for s in services_of(lang))
    whiskers = [c for c in ax.collections if isinstance(c, LineCollection)]
    assert len(whiskers) == 2 and all(len(w.get_segments()) == 10 for w in whiskers)


# --- wave trends -------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("metric", ["better", "share_A"])
def test_wave_trends_one_line_per_service(waves, lang, metric):
    groups = waves.groups
    ax, caught = draw_quietly(lambda: charts.wave_trends(groups, metric, lang))
    assert caught == []
    lines = [ln for ln in ax.get_lines() if not ln.get_label().startswith("_")]
    assert sorted(ln.get_label() for ln in lines) == sorted(ZH_SERVICES)
    assert [t.get_text() for t in ax.get_xticklabels()] == ["2026Q2", "2026Q3"]
    assert len(ax.get_legend().get_texts()) == 10
    for line in lines:
        rows = groups[groups["service"] == line.get_label()].set_index("wave")
        expected = [
            better_worse(rows.loc[w])[0] if metric == "better" else rows.loc[w, "A"] / rows.loc[w, "n"]
            for w in ("2026Q2", "2026Q3")
        ]  # fmt: skip
        assert list(line.get_xdata()) == [0, 1]
        assert list(line.get_ydata()) == pytest.approx(expected)
    if metric.startswith("share_"):
        assert "%" in ax.yaxis.get_major_formatter()(0.5, 0)


# --- colours and fonts -------------------------------------------------------------------


def test_category_colours_are_distinct_and_shared_with_the_workbook():
    from kano.shared.style import CATEGORY_FILLS

    assert set(CATEGORY_COLORS) == set(CATS) == set(CATEGORY_FILLS)
    assert len({c.lower() for c in CATEGORY_COLORS.values()}) == 6
    for cat in CATS:  # a fill is a lighter tint of the same hue
        strong, light = to_rgba(CATEGORY_COLORS[cat]), to_rgba(CATEGORY_FILLS[cat])
        assert sum(light[:3]) > sum(strong[:3])


def png_size(path: Path) -> tuple[int, int]:
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", head[16:24])


@pytest.mark.parametrize("draw", ["category_shares", "better_worse_grid"])
def test_chinese_service_names_render_without_missing_glyphs(analyses, tmp_path, draw):
    summary = analyses["zh"].summary
    with warnings.catch_warnings(record=True) as rec:
        warnings.simplefilter("always")
        ax = getattr(charts, draw)(summary, "zh")
        fig = ax.figure
        fig.canvas.draw()
        for ext in ("png", "svg", "pdf"):
            fig.savefig(tmp_path / f"chart.{ext}", dpi=40)
    problems = [str(w.message) for w in rec if any(k in str(w.message) for k in GLYPH_WORDS)]
    assert problems == []
    assert [str(w.message) for w in rec] == []
    for ext in ("png", "svg", "pdf"):
        assert (tmp_path / f"chart.{ext}").stat().st_size > 1000
    # the Chinese labels are set in the CJK font shipped with the toolkit's dependencies
    label = next(t for t in ax.get_yticklabels() + ax.texts if has_cjk(t.get_text()))
    files = font_manager.fontManager._find_fonts_by_props(label.get_fontproperties())
    assert any("mplfonts" in str(f) for f in files)


def test_the_glyph_check_catches_a_font_without_chinese(tmp_path):
    """Control: the same check does fail when Chinese is set in a Latin-only font."""
    with warnings.catch_warnings(record=True) as rec:
        warnings.simplefilter("always")
        with plt.rc_context({"font.family": ["DejaVu Sans"]}):
            fig, ax = plt.subplots()
            ax.set_title("专属客户经理")
            fig.canvas.draw()
            fig.savefig(tmp_path / "latin.png")
    assert any(all(k in str(w.message) for k in GLYPH_WORDS) for w in rec)


def test_save_figure_png_dpi_svg_pdf(analyses, tmp_path):
    summary = analyses["en"].summary
    for ext in ("png", "svg", "pdf"):
        ax = charts.category_shares(summary, "en")
        width_in, height_in = ax.figure.get_size_inches()
        out = save_figure(ax, tmp_path / f"shares.{ext}", dpi=50)
        assert out == tmp_path / f"shares.{ext}"
        assert not plt.fignum_exists(ax.figure.number)  # closed after saving
    assert png_size(tmp_path / "shares.png") == (round(width_in * 50), round(height_in * 50))
    assert (tmp_path / "shares.svg").read_text(encoding="utf-8").lstrip().startswith("<?xml")
    assert (tmp_path / "shares.pdf").read_bytes()[:5] == b"%PDF-"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["shares.pdf", "shares.png", "shares.svg"]
