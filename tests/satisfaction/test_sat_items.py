"""Several items per driver and numeric drivers, read through a mapping file.

The fixtures are built here in the real export layouts of /work/shared/export-formats.md:
a Qualtrics CSV (three header rows: export tags, question text, ImportId JSON; matrix
rows as "<question> - <statement>") for the multi-item survey, and a 问卷星 CSV (the six
fixed leading columns, numbered "<n>、<title>" questions) for the numeric drivers. Every
expected number is worked out by hand in the comments (or, for the Shapley values, from
the closed form with correlations computed here by numpy).
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kano.shared.errors import InvalidValueError, MappingFileError, OptionError, PairingError
from satisfaction import analyze_ipa, load_survey
from satisfaction.analysis import derived_importance
from satisfaction.columns import find_columns, nonnegative_kind, read_mapping
from satisfaction.render import missing_words

SAT_Q = "How satisfied are you with each of the following?"
IMP_Q = "How important is each of the following to you?"
OVERALL_Q = "Overall, how satisfied are you with our service?"
FEE, DATA, FLEX, NET = (f"{SAT_Q} - {s}" for s in ("Monthly fee", "Data price", "Plan flexibility",
                                                    "Network coverage"))  # fmt: skip
I_FEE, I_DATA, I_NET, I_CALL = (f"{IMP_Q} - {s}" for s in ("Monthly fee", "Data price",
                                                           "Network coverage", "Call quality"))  # fmt: skip
_ = None  # a blank answer
# eight respondents; price is measured by three satisfaction items (FEE, DATA, FLEX)
COLUMNS = {
    FEE: [4, 2, 5, _, 3, 1, _, 5],
    DATA: [5, _, _, _, 3, 2, 4, 4],
    FLEX: [3, 4, _, _, _, 3, _, 3],
    NET: [4, 3, 4, 2, 5, 3, 4, 3],
    I_FEE: [5, 4, 5, _, 3, 4, 5, 4],
    I_DATA: [4, _, 5, _, 4, 4, _, 5],
    I_NET: [3, 4, _, 2, 4, 3, 4, 5],
    I_CALL: [4, 4, 3, 3, _, 3, 4, 4],
    OVERALL_Q: [8, 6, 9, 3, 6, 4, 7, 8],
}
TAGS = {FEE: "Q5_1", DATA: "Q5_2", FLEX: "Q5_3", NET: "Q5_4", I_FEE: "Q7_1", I_DATA: "Q7_2",
        I_NET: "Q7_3", I_CALL: "Q7_4", OVERALL_Q: "Q9"}  # fmt: skip
META = [  # export tag, question text (localised by Qualtrics), ImportId
    ("StartDate", "Start Date", '{"ImportId":"startDate","timeZone":"America/New_York"}'),
    ("EndDate", "End Date", '{"ImportId":"endDate","timeZone":"America/New_York"}'),
    ("Status", "Response Type", '{"ImportId":"status"}'),
    ("IPAddress", "IP Address", '{"ImportId":"ipAddress"}'),
    ("Progress", "Progress", '{"ImportId":"progress"}'),
    ("Duration (in seconds)", "Duration (in seconds)", '{"ImportId":"duration"}'),
    ("Finished", "Finished", '{"ImportId":"finished"}'),
    ("RecordedDate", "Recorded Date", '{"ImportId":"recordedDate","timeZone":"America/New_York"}'),
    ("ResponseId", "Response ID", '{"ImportId":"_recordId"}'),
]


def write_qualtrics(path: Path, columns: dict[str, list] = COLUMNS) -> Path:
    """A Qualtrics CSV export: tags, question text, ImportId rows, then one row per response."""
    questions = list(columns)
    n = len(next(iter(columns.values())))
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow([m[0] for m in META] + [TAGS[q] for q in questions])
        w.writerow([m[1] for m in META] + questions)
        imports = [f'{{"ImportId":"QID{TAGS[q][1:].split("_")[0]}"' for q in questions]
        choice = [f',"choiceId":"{TAGS[q].split("_")[1]}"}}' if "_" in TAGS[q] else "}"
                  for q in questions]  # fmt: skip
        w.writerow([m[2] for m in META] + [a + b for a, b in zip(imports, choice, strict=True)])
        for i in range(n):
            meta = [f"2026-07-0{1 + i % 9} 09:00:00", f"2026-07-0{1 + i % 9} 09:04:10", 0,
                    f"10.0.0.{i + 1}", 100, 250, 1, f"2026-07-0{1 + i % 9} 09:04:11",
                    f"R_{i + 1:015d}"]  # fmt: skip
            w.writerow(meta + ["" if columns[q][i] is None else columns[q][i] for q in questions])
    return path


def write_mapping(path: Path, rows: list[tuple[str, ...]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["column", "role", "driver", "scale"])
        w.writerows(rows)
    return path


PRICE_ONLY = [(FEE, "satisfaction", "price", "1-5"), (DATA, "satisfaction", "price", "1-5"),
              (FLEX, "satisfaction", "price", "1-5"), (OVERALL_Q, "overall", "", "1-10")]  # fmt: skip
FULL = PRICE_ONLY + [(NET, "satisfaction", "network", "1-5"),
                     (I_FEE, "importance", "price", "1-5"), (I_DATA, "importance", "price", "1-5"),
                     (I_NET, "importance", "network", "1-5"),
                     (I_CALL, "importance", "network", "1-5")]  # fmt: skip


@pytest.fixture
def qualtrics(tmp_path) -> Path:
    return write_qualtrics(tmp_path / "qualtrics_export.csv")


# Price score per respondent = mean of the answered items among FEE, DATA, FLEX:
#   r1 (4,5,3) 3 answered -> 4 | r2 (2,_,4) 2 -> 3 | r3 (5,_,_) 1 -> 5 | r4 none -> blank
#   r5 (3,3,_) 2 -> 3 | r6 (1,2,3) 3 -> 2 | r7 (_,4,_) 1 -> 4 | r8 (5,4,3) 3 -> 4
NAN = float("nan")
EXPECTED = {
    1: [4, 3, 5, NAN, 3, 2, 4, 4],  # at least 1 item
    2: [4, 3, NAN, NAN, 3, 2, NAN, 4],  # at least 2 (the default for 3 items: ceil(3/2))
    3: [4, NAN, NAN, NAN, NAN, 2, NAN, 4],  # all 3
}


@pytest.mark.parametrize("min_items", [1, 2, 3, None])
def test_driver_score_is_mean_of_answered_items(qualtrics, tmp_path, min_items):
    mapping = write_mapping(tmp_path / "map.csv", PRICE_ONLY)
    survey = load_survey(qualtrics, mapping=mapping, min_items=min_items)
    need = 2 if min_items is None else min_items
    np.testing.assert_array_equal(survey.satisfaction["price"].to_numpy(), EXPECTED[need])
    row = survey.items.set_index("driver").loc["price"]
    assert (row["n_items"], row["min_items"]) == (3, need)
    assert (row["n"], row["n_missing"]) == {1: (7, 1), 2: (5, 3), 3: (3, 5)}[need]


def test_ipa_of_multi_item_drivers_with_two_importance_items(qualtrics, tmp_path):
    survey = load_survey(qualtrics, mapping=write_mapping(tmp_path / "map.csv", FULL))
    result = analyze_ipa(survey, importance="stated")
    t = result.result.table.set_index("driver")
    # price satisfaction (default: 2 of 3 items): (4 + 3 + 3 + 2 + 4) / 5 = 3.2
    assert t.loc["price", "satisfaction"] == pytest.approx(16 / 5)
    assert (t.loc["price", "n_satisfaction"], t.loc["price", "n_items"]) == (5, 3)
    # price importance, 2 items, at least 1: r1 4.5, r2 4, r3 5, r4 -, r5 3.5, r6 4, r7 5,
    # r8 4.5 -> 30.5 / 7
    assert t.loc["price", "importance"] == pytest.approx(30.5 / 7)
    assert (t.loc["price", "n_importance"], t.loc["price", "n_importance_items"]) == (7, 2)
    # network: one satisfaction item, 28 / 8 = 3.5; importance 3.5 4 3 2.5 4 3 4 4.5 -> 28.5 / 8
    assert t.loc["network", "satisfaction"] == pytest.approx(3.5)
    assert t.loc["network", "importance"] == pytest.approx(28.5 / 8)
    assert (t.loc["network", "n_items"], t.loc["network", "n_importance_items"]) == (1, 2)
    # mean crosshair: importance (4.357 + 3.5625) / 2 = 3.960, satisfaction (3.2 + 3.5) / 2 = 3.35
    assert t.loc["price", "quadrant"] == "improve"  # 4.357 >= 3.960, 3.2 < 3.35
    assert t.loc["network", "quadrant"] == "maintain"  # 3.5625 < 3.960, 3.5 >= 3.35
    # the table is language-free (driver, role, n_items, min_items); render words its rows
    missing = missing_words(result.tables["missing"], "en").set_index("column")
    assert missing.loc["Price: satisfaction score (at least 2 of 3 items)", "n_missing"] == 3
    assert missing.loc[FLEX, "n_missing"] == 4  # r3, r4, r5, r7 blank
    assert missing.loc[I_CALL, "n_missing"] == 1  # importance items are counted too
    zh = missing_words(result.tables["missing"], "zh")
    assert "资费/价格：满意度得分(3项中至少2项)" in set(zh["column"])


def method_items(survey, lang: str) -> dict:
    from satisfaction.render import method_table

    table = method_table(survey, [], {}, [], lang)
    return dict(zip(table.iloc[:, 0], table.iloc[:, 1], strict=True))


def test_method_sheet_lists_the_items_of_each_driver(qualtrics, tmp_path):
    survey = load_survey(qualtrics, mapping=write_mapping(tmp_path / "map.csv", FULL))
    info = method_items(survey, "en")
    assert info["Items of Price (satisfaction)"] == (
        f"{FEE}, {DATA}, {FLEX}: score = mean of the answered items, kept when at least 2 of 3 "
        "are answered"
    )
    assert info["Items of Network quality (satisfaction)"] == NET
    zh = method_items(survey, "zh")
    assert (
        zh["通信质量(重要性)题项"]
        == f"{I_NET}, {I_CALL}：得分 = 已答题项的均值，2项中至少答1项时计入"
    )


def test_items_of_one_driver_must_share_a_scale(qualtrics, tmp_path):
    rows = [r if r[0] != FLEX else (FLEX, "satisfaction", "price", "1-7") for r in PRICE_ONLY]
    with pytest.raises(MappingFileError) as exc:
        load_survey(qualtrics, mapping=write_mapping(tmp_path / "map.csv", rows))
    msg = str(exc.value)
    assert "driver 'price'" in msg and f"'{FEE}' 1-5" in msg and f"'{FLEX}' 1-7" in msg
    assert "\n" not in msg
    rows = [r if r[0] != FLEX else (FLEX, "satisfaction", "price", "numeric") for r in PRICE_ONLY]
    with pytest.raises(MappingFileError, match=re.escape(f"'{FLEX}' numeric")):
        load_survey(qualtrics, mapping=write_mapping(tmp_path / "map2.csv", rows))


def test_min_items_errors(qualtrics, tmp_path):
    price = write_mapping(tmp_path / "map.csv", PRICE_ONLY)
    # library messages name the keyword (min_items=); the CLI's say --min-items (test_cli_min_items)
    with pytest.raises(OptionError, match=r"min_items= 4: driver 'price' has only 3 satisfaction"):
        load_survey(qualtrics, mapping=price, min_items=4)
    with pytest.raises(OptionError, match="min_items= must be 1 or more, not 0"):
        load_survey(qualtrics, mapping=price, min_items=0)
    full = write_mapping(tmp_path / "full.csv", FULL)
    with pytest.raises(OptionError, match="driver 'network' has only 1 satisfaction item "):
        load_survey(qualtrics, mapping=full, min_items=2)


def test_same_item_twice_and_auto_detection_message(tmp_path):
    import pandas as pd

    rows = [*PRICE_ONLY, (FEE, "satisfaction", "price", "1-5")]
    frame = pd.DataFrame(columns=[FEE, DATA, FLEX, OVERALL_Q])
    with pytest.raises(MappingFileError, match="listed twice as a satisfaction item"):
        find_columns(frame, read_mapping(write_mapping(tmp_path / "m.csv", rows)))
    with pytest.raises(PairingError) as exc:
        find_columns(pd.DataFrame(columns=["sat_price", "price_sat"]))
    msg = str(exc.value)
    assert "'sat_price,satisfaction,price'" in msg and "'price_sat,satisfaction,price'" in msg
    assert "'column,role,driver'" in msg


def test_yaml_mapping_with_items_and_a_numeric_driver(tmp_path):
    import pandas as pd

    yml = tmp_path / "map.yaml"
    yml.write_text(
        "- {column: q1, role: satisfaction, driver: 资费}\n"
        "- {column: q2, role: satisfaction, driver: 资费}\n"
        "- {column: months, role: satisfaction, driver: tenure, scale: numeric}\n",
        encoding="utf-8",
    )
    cols = find_columns(pd.DataFrame(columns=["q1", "q2", "months"]), read_mapping(yml))
    by = {d.name: d for d in cols.drivers}
    assert by["price"].satisfaction == ("q1", "q2") and not by["price"].numeric
    assert by["tenure"].satisfaction == ("months",) and by["tenure"].numeric
    assert cols.numeric == ("months",)


@pytest.fixture(scope="module")
def three_item_mapping(tmp_path_factory) -> Path:
    return write_mapping(tmp_path_factory.mktemp("map") / "map.csv",
                         [("q1", "satisfaction", "x", "1-5"), ("q2", "satisfaction", "x", "1-5"),
                          ("q3", "satisfaction", "x", "1-5")])  # fmt: skip


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(*[st.one_of(st.none(), st.integers(1, 5))] * 3), min_size=3, max_size=25))
def test_scores_property(three_item_mapping, rows):
    import pandas as pd

    frame = pd.DataFrame(rows, columns=["q1", "q2", "q3"], dtype="float")
    x = frame.to_numpy()
    answered = (~np.isnan(x)).sum(axis=1)
    missing_before = -1
    for m in (1, 2, 3):
        got = load_survey(frame, mapping=three_item_mapping, min_items=m).satisfaction["x"]
        got = got.to_numpy()
        # a score exactly where at least m items are answered, and then the mean of those items
        np.testing.assert_array_equal(~np.isnan(got), answered >= m)
        ok = answered >= m
        with np.errstate(invalid="ignore"):
            np.testing.assert_allclose(got[ok], np.nanmean(x[ok], axis=1))
        assert (got[ok] >= np.nanmin(x[ok], axis=1)).all()
        assert (got[ok] <= np.nanmax(x[ok], axis=1)).all()
        n_missing = int(np.isnan(got).sum())
        assert n_missing >= missing_before  # a stricter minimum never adds a score
        missing_before = n_missing


# --- numeric drivers (问卷星 CSV layout) ------------------------------------------------

WJX_META = ["序号", "提交答卷时间", "所用时间", "来源", "来源详情", "来自IP"]
WJX_SAT = "1、您对资费的满意程度"
WJX_MONTHS = "2、您在网多长时间了？(月)"
WJX_OVERALL = "3、总体而言，您对我们的服务满意吗？"


def write_wjx(path: Path, columns: dict[str, list]) -> Path:
    n = len(next(iter(columns.values())))
    with path.open("w", newline="", encoding="utf-8-sig") as fh:
        w = csv.writer(fh)
        w.writerow(WJX_META + list(columns))
        for i in range(n):
            meta = [i + 1, f"2026/09/03 12:{i % 60:02d}:00", f"{100 + i}秒", "手机提交", "N/A",
                    f"1.2.3.{i % 250}(广东-深圳)"]  # fmt: skip
            w.writerow(meta + ["" if columns[c][i] is None else columns[c][i] for c in columns])
    return path


def tenure_data(n: int = 40, seed: int = 5) -> dict[str, list]:
    rng = np.random.default_rng(seed)
    sat = rng.integers(1, 6, n)
    months = rng.integers(0, 121, n)
    overall = np.clip(np.round(1 + 1.2 * sat + 0.03 * months + rng.normal(0, 1.2, n)), 1, 10)
    months_col: list = months.tolist()
    months_col[6] = None  # one blank tenure: that respondent leaves the complete cases
    return {
        WJX_SAT: sat.tolist(),
        WJX_MONTHS: months_col,
        WJX_OVERALL: overall.astype(int).tolist(),
    }


NUMERIC_MAP = [(WJX_SAT, "satisfaction", "price", "1-5"),
               (WJX_MONTHS, "satisfaction", "tenure", "numeric"),
               (WJX_OVERALL, "overall", "", "1-10")]  # fmt: skip


def test_numeric_driver_shapley_two_predictors_closed_form(tmp_path):
    data = tenure_data()
    path = write_wjx(tmp_path / "wjx.csv", data)
    survey = load_survey(path, mapping=write_mapping(tmp_path / "map.csv", NUMERIC_MAP))
    d = derived_importance(survey).table.set_index("driver")
    keep = [i for i, m in enumerate(data[WJX_MONTHS]) if m is not None]
    x1 = np.array(data[WJX_SAT], float)[keep]
    x2 = np.array([data[WJX_MONTHS][i] for i in keep], float)
    y = np.array(data[WJX_OVERALL], float)[keep]
    r1, r2, r12 = np.corrcoef(x1, y)[0, 1], np.corrcoef(x2, y)[0, 1], np.corrcoef(x1, x2)[0, 1]
    r2_full = (r1**2 + r2**2 - 2 * r1 * r2 * r12) / (1 - r12**2)
    assert d.loc["price", "shapley"] == pytest.approx((r2_full + r1**2 - r2**2) / 2, abs=1e-12)
    assert d.loc["tenure", "shapley"] == pytest.approx((r2_full + r2**2 - r1**2) / 2, abs=1e-12)
    assert d.loc["tenure", "columns"] == WJX_MONTHS
    assert d.loc["tenure", "n"] == 39  # 40 rows, one blank tenure
    # it enters derived importance only: the IPA map keeps the rated driver and says why
    res = analyze_ipa(survey, importance="derived")
    assert list(res.result.table["driver"]) == ["price"]
    assert any(
        "numeric driver(s) Tenure left out of the IPA map" in n.text("en") for n in res.notes
    )
    assert any("数值型驱动因素 在网时长 未放入IPA图" in n.text("zh") for n in res.notes)


def test_numeric_driver_does_not_double_count_the_observed_tenure(tmp_path):
    data = tenure_data()
    data["网龄"] = [m if m is None else m + 1 for m in data[WJX_MONTHS]]  # found as tenure by name
    path = write_wjx(tmp_path / "wjx.csv", data)
    survey = load_survey(path, mapping=write_mapping(tmp_path / "map.csv", NUMERIC_MAP))
    assert "tenure_months" in survey.observed  # the observed tenure predictor exists ...
    d = derived_importance(survey)
    # ... but the declared driver of that name stands for it: one tenure player, its column
    assert list(d.table["driver"]) == ["price", "tenure"]
    assert d.table.set_index("driver").loc["tenure", "columns"] == WJX_MONTHS
    assert any("tenure_months" in str(n) and "not counted twice" in str(n) for n in d.notes)
    # the same column as tenure trait (for tenure bands) and as numeric driver
    both = [*NUMERIC_MAP, (WJX_MONTHS, "tenure", "", "")]
    path = write_wjx(tmp_path / "wjx2.csv", tenure_data())
    survey = load_survey(path, mapping=write_mapping(tmp_path / "map2.csv", both))
    assert survey.traits["tenure_band"].notna().sum() == 39
    assert list(derived_importance(survey).table["driver"]) == ["price", "tenure"]


def test_negative_and_non_finite_numbers_are_refused_naming_the_cell(tmp_path):
    mapping = write_mapping(tmp_path / "map.csv", NUMERIC_MAP)
    data = tenure_data()
    data[WJX_MONTHS][3] = -3  # 4th respondent: spreadsheet row 5 (header is row 1)
    with pytest.raises(InvalidValueError) as exc:
        load_survey(write_wjx(tmp_path / "neg.csv", data), mapping=mapping)
    msg = str(exc.value)
    assert "neg.csv" in msg and f"row 5, column '{WJX_MONTHS}': -3" in msg
    assert "cannot be negative" in msg
    for bad in ("inf", "-inf", "nan"):
        data = tenure_data()
        data[WJX_MONTHS][9] = bad
        # read as text ('nan') or, where the CSV reader made the column numeric, as a float (inf)
        where = re.escape(f"row 11, column '{WJX_MONTHS}': ")
        with pytest.raises(InvalidValueError, match=f"{where}'?{bad}'?[.;]"):
            load_survey(write_wjx(tmp_path / f"{bad}.csv", data), mapping=mapping)


def test_which_numbers_may_be_negative():
    assert nonnegative_kind("satisfaction", "在网时长(月)", "x") == "tenure"
    assert nonnegative_kind("satisfaction", "monthly_spend", "x") == "spend"
    assert nonnegative_kind("satisfaction", "q7", "投诉次数") == "count"
    assert nonnegative_kind("satisfaction", "Number of calls to care", "calls") == "count"
    assert nonnegative_kind("satisfaction", "n_calls", "calls") == "count"
    assert nonnegative_kind("spend", "q8") == "spend"
    # a change, a balance, an account: may be negative
    assert nonnegative_kind("satisfaction", "price change", "price_change") is None
    assert nonnegative_kind("satisfaction", "account balance", "discount") is None


def test_negative_value_allowed_for_other_numeric_drivers(tmp_path):
    data = tenure_data()
    data["4、资费变化(元)"] = [(-1) ** i * (i % 7) for i in range(40)]  # lowest: i = 13, -6
    mapping = write_mapping(
        tmp_path / "map.csv",
        [*NUMERIC_MAP, ("4、资费变化(元)", "satisfaction", "资费变化", "numeric")],
    )
    survey = load_survey(write_wjx(tmp_path / "wjx.csv", data), mapping=mapping)
    assert survey.numeric["资费变化"].min() == -6


def test_numeric_outcome(tmp_path):
    data = tenure_data()
    data["5、本月通话次数"] = [10 + (i * 7) % 23 for i in range(40)]
    path = write_wjx(tmp_path / "wjx.csv", data)
    survey = load_survey(path, mapping=write_mapping(tmp_path / "map.csv", NUMERIC_MAP))
    d = derived_importance(survey, outcome="5、本月通话次数")
    keep = [i for i, m in enumerate(data[WJX_MONTHS]) if m is not None]
    y = np.array(data["5、本月通话次数"], float)[keep]
    r = np.corrcoef(np.array(data[WJX_SAT], float)[keep], y)[0, 1]
    assert d.table.set_index("driver").loc["price", "r"] == pytest.approx(r, abs=1e-12)
    with pytest.raises(
        OptionError,
        match=re.escape(
            f"outcome= '{WJX_MONTHS}': that column is the numeric driver 'tenure', a predictor"
        ),
    ):
        derived_importance(survey, outcome=WJX_MONTHS)
    data["5、本月通话次数"][2] = -1  # a count
    survey = load_survey(write_wjx(tmp_path / "neg.csv", data), mapping=tmp_path / "map.csv")
    with pytest.raises(InvalidValueError, match="row 4, column '5、本月通话次数': -1"):
        derived_importance(survey, outcome="5、本月通话次数")
    # the overall outcome itself may be declared numeric: no satisfaction zones then
    rows = [*NUMERIC_MAP[:2], (WJX_OVERALL, "overall", "", "numeric")]
    survey = load_survey(path, mapping=write_mapping(tmp_path / "num.csv", rows))
    assert "overall" not in survey.outcome_scales
    assert derived_importance(survey).outcome == "overall"
    with pytest.raises(OptionError, match="zones= needs overall satisfaction on a rating scale"):
        analyze_ipa(survey, importance="derived", zones=(3, 7))


def test_numeric_mapping_errors(tmp_path):
    bad = write_mapping(tmp_path / "bad.csv", [("q1", "importance", "price", "numeric")])
    with pytest.raises(MappingFileError, match=r"bad.csv, row 2: scale 'numeric' is for"):
        read_mapping(bad)
    import pandas as pd

    frame = pd.DataFrame(columns=["q1", "q2", "q3"])
    two = write_mapping(tmp_path / "two.csv", [("q1", "satisfaction", "spend", "numeric"),
                                               ("q2", "satisfaction", "spend", "numeric")])  # fmt: skip
    with pytest.raises(MappingFileError, match="numeric driver 'spend' has 2 columns"):
        find_columns(frame, read_mapping(two))
    imp = write_mapping(tmp_path / "imp.csv", [("q1", "satisfaction", "spend", "numeric"),
                                               ("q2", "importance", "spend", "1-5")])  # fmt: skip
    with pytest.raises(MappingFileError, match="numeric driver 'spend' .* has an importance"):
        find_columns(frame, read_mapping(imp))


def test_only_numeric_drivers_cannot_make_an_ipa_map(tmp_path):
    path = write_wjx(tmp_path / "wjx.csv", tenure_data())
    survey = load_survey(path, mapping=write_mapping(tmp_path / "m.csv", NUMERIC_MAP[1:]))
    with pytest.raises(OptionError, match="no rated driver to place on the IPA map"):
        analyze_ipa(survey)
    assert list(derived_importance(survey).table["driver"]) == ["tenure"]


# --- through the CLI -----------------------------------------------------------------------


def cli(*args):
    from typer.testing import CliRunner

    from cli import app

    return CliRunner().invoke(app, [str(a) for a in args])


def one_line_error(result) -> str:
    assert result.exit_code == 1, result.output
    lines = [ln for ln in result.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
    assert "Traceback" not in result.output
    return lines[0]


def test_cli_min_items(qualtrics, tmp_path):
    import json

    full = write_mapping(tmp_path / "full.csv", FULL)
    out = tmp_path / "ipa.json"
    r = cli("ipa", qualtrics, "--mapping", full, "--min-items", 1, "--importance", "stated",
            "-o", out)  # fmt: skip
    assert r.exit_code == 0, r.output
    payload = json.loads(out.read_text(encoding="utf-8"))
    price = next(row for row in payload["tables"]["drivers"]["rows"] if row["driver"] == "price")
    # at least 1 item: (4 + 3 + 5 + 3 + 2 + 4 + 4) / 7 = 25 / 7
    assert price["satisfaction"] == pytest.approx(25 / 7)
    assert (price["n_satisfaction"], price["n_items"]) == (7, 3)
    assert payload["method"]["Minimum answered items per driver score"] == 1
    missing = {row["column"]: row for row in payload["tables"]["missing"]["rows"]}
    assert missing["Price: satisfaction score (at least 1 of 3 items)"]["n_missing"] == 1
    line = one_line_error(cli("ipa", qualtrics, "--mapping", full, "--min-items", 2))
    assert "driver 'network' has only 1 satisfaction item" in line and "at most 1" in line
    line = one_line_error(cli("ipa", qualtrics, "--mapping", full, "--min-items", 0))
    assert "--min-items must be 1 or more, not 0" in line
    price_only = write_mapping(tmp_path / "price.csv", PRICE_ONLY)
    line = one_line_error(cli("drivers", qualtrics, "--mapping", price_only, "--min-items", 4))
    assert "driver 'price' has only 3 satisfaction items" in line
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["qualtrics_export.csv", "full.csv", "price.csv", "ipa.json"]
    )  # nothing else was written


def test_cli_scale_mismatch_is_one_line(qualtrics, tmp_path):
    rows = [r if r[0] != FLEX else (FLEX, "satisfaction", "price", "0-10") for r in PRICE_ONLY]
    line = one_line_error(
        cli("drivers", qualtrics, "--mapping", write_mapping(tmp_path / "m.csv", rows))
    )
    assert "driver 'price' are on different scales" in line and "0-10" in line


def test_cli_negative_tenure_names_the_cell(tmp_path):
    data = tenure_data()
    data[WJX_MONTHS][3] = -3
    path = write_wjx(tmp_path / "wjx.csv", data)
    mapping = write_mapping(tmp_path / "map.csv", NUMERIC_MAP)
    line = one_line_error(cli("drivers", path, "--mapping", mapping))
    assert "wjx.csv" in line and f"row 5, column '{WJX_MONTHS}': -3" in line


def test_cli_numeric_driver_in_drivers_and_rated_only(tmp_path):
    path = write_wjx(tmp_path / "wjx.csv", tenure_data())
    mapping = write_mapping(tmp_path / "map.csv", NUMERIC_MAP)
    out = tmp_path / "d.csv"
    r = cli("drivers", path, "--mapping", mapping, "--rated-only", "-o", out)
    assert r.exit_code == 0, r.output
    with out.open(newline="", encoding="utf-8-sig") as fh:
        rows = list(csv.reader(fh))
    assert [row[0] for row in rows[1:]] == ["Price", "Tenure"]  # a declared driver stays
    r = cli("ipa", path, "--mapping", mapping, "-o", tmp_path / "i.xlsx")
    assert r.exit_code == 0, r.output
    assert "numeric driver(s) Tenure left out of the IPA map" in r.stderr
