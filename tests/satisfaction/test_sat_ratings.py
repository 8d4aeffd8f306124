"""Rating labels on the satisfaction side: validate.ratings/to_numeric/infer_scale, load_survey,
and `kano ipa` / `kano drivers` with --labels, on Qualtrics "choice text" exports.

The Qualtrics fixture follows the documented CSV layout (export-formats.md §3): row 1 the
export tags (Q1_1 ...), row 2 the question text (matrix rows after " - "), row 3 the
ImportId JSON. Its twin is the same survey exported with "Use numeric values" (recode
values 1..N in the order designed; NPS 0-10).
"""

from __future__ import annotations

import csv
import io
import json
import math
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from typer.testing import CliRunner

from cli import app
from kano.shared.errors import InvalidValueError, OptionError, ScaleError, UnknownLabelError
from kano.shared.files import read_table
from kano.shared.ratings import load_label_map
from satisfaction import analyze_ipa, load_survey
from satisfaction.validate import Scale, infer_scale, ratings, to_numeric

runner = CliRunner()

IMPORTANCE = ["Not at all important", "Slightly important", "Moderately important",
              "Very important", "Extremely important"]  # fmt: skip
SATISFACTION = ["Extremely dissatisfied", "Somewhat dissatisfied",
                "Neither satisfied nor dissatisfied", "Somewhat satisfied",
                "Extremely satisfied"]  # fmt: skip
META = ["StartDate", "EndDate", "Status", "Progress", "Duration (in seconds)", "Finished",
        "RecordedDate", "ResponseId"]  # fmt: skip
QUESTIONS = [
    ("Q1_1", "How important is each of the following to you? - Price", "QID1_1"),
    ("Q1_2", "How important is each of the following to you? - Network", "QID1_2"),
    ("Q2_1", "How satisfied are you with each of the following? - Price", "QID2_1"),
    ("Q2_2", "How satisfied are you with each of the following? - Network", "QID2_2"),
    ("Q3", "How likely are you to recommend us to a friend or colleague?", "QID3"),
]
# per respondent: importance price, network; satisfaction price, network (codes 1-5); NPS
CODES = [
    (5, 2, 1, 5, 10),
    (4, 1, 2, 4, 0),
    (5, 4, 3, 5, 9),
    (3, 3, 2, 3, 7),
    (None, None, None, None, None),  # answered nothing: blanks, counted
]


def nps_text(score):
    return {0: "0 - Not at all likely", 10: "10 - Extremely likely"}.get(score, str(score))


def qualtrics_csv(path: Path, labelled: bool, override: dict | None = None) -> Path:
    """Write a Qualtrics export; ``override`` replaces cells: {(respondent, tag): text}."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(META + [tag for tag, _, _ in QUESTIONS])
    w.writerow(["Start Date", "End Date", "Response Type", "Progress", "Duration (in seconds)",
                "Finished", "Recorded Date", "Response ID"] + [q for _, q, _ in QUESTIONS])  # fmt: skip
    w.writerow([json.dumps({"ImportId": m}) for m in META] +
               [json.dumps({"ImportId": i}) for _, _, i in QUESTIONS])  # fmt: skip
    for r, (ip, inet, sp, snet, score) in enumerate(CODES):
        meta = ["2026-09-01 10:00:00", "2026-09-01 10:05:00", 0, 100, 300, 1,
                "2026-09-01 10:05:01", f"R_{r:04d}"]  # fmt: skip
        if ip is None:
            cells = [""] * 5
        elif labelled:
            cells = [IMPORTANCE[ip - 1], IMPORTANCE[inet - 1], SATISFACTION[sp - 1],
                     SATISFACTION[snet - 1], nps_text(score)]  # fmt: skip
        else:
            cells = [ip, inet, sp, snet, score]
        for (who, tag), text in (override or {}).items():
            if who == r:
                cells[[t for t, _, _ in QUESTIONS].index(tag)] = text
        w.writerow(meta + cells)
    path.write_text(buf.getvalue(), encoding="utf-8")
    return path


# --- validate ----------------------------------------------------------------------------


def test_scale_found_from_labels_replaces_inference():
    # 7-point satisfaction labels, only points 2..6 used: positions 2, 4, 6
    table = read_table(pd.DataFrame({"sat_x": ["Moderately dissatisfied",
                                               "Neither satisfied nor dissatisfied",
                                               "Moderately satisfied"]}))  # fmt: skip
    values, scales, notes = ratings(table, ["sat_x"])
    assert values["sat_x"].tolist() == [2, 4, 6]
    assert scales == {"sat_x": Scale(1, 7)}
    assert notes == []  # no "scale inferred" warning: the labels say 1-7


def test_declared_scale_conflicting_with_labels_names_the_column():
    table = read_table(pd.DataFrame({"sat_x": ["Somewhat satisfied", "Extremely satisfied"]}))
    with pytest.raises(ScaleError, match=r"labels of 'sat_x'.*declared is 1-7"):
        ratings(table, ["sat_x"], Scale(1, 7))
    with pytest.raises(ScaleError, match=r"labels of 'sat_x'.*declared is 0-10"):
        ratings(table, ["sat_x"], per_column={"sat_x": (0, 10)})
    values, scales, _ = ratings(table, ["sat_x"], Scale(1, 5))
    assert values["sat_x"].tolist() == [4, 5] and scales["sat_x"] == Scale(1, 5)


def test_ratings_keep_their_signature_and_take_a_label_map(tmp_path):
    path = tmp_path / "labels.yaml"
    path.write_text("Rather satisfied: 4\n", encoding="utf-8")
    table = read_table(pd.DataFrame({"s": ["Rather satisfied", "2", None]}))
    values, scales, notes = ratings(table, ["s"], None, None, "satisfaction rating",
                                    labels=load_label_map(path))  # fmt: skip
    assert values["s"].tolist()[:2] == [4, 2] and math.isnan(values["s"].iloc[2])
    # numbers 2..4: the usual inference, with its warning
    assert scales["s"] == Scale(1, 5) and "inferred" in str(notes[0])


def test_unknown_rating_label_is_named():
    table = read_table(pd.DataFrame({"sat_price": ["3", "Rather good", "4", "Rather good"]}))
    with pytest.raises(UnknownLabelError) as exc:
        ratings(table, ["sat_price"])
    assert "'Rather good' (2 cells, first at row 3, column 'sat_price')" in str(exc.value)
    assert "labels= labels.yaml" in str(exc.value)  # the library names the keyword
    assert "--labels labels.yaml" in exc.value.cli_message()


def test_infer_scale_error_names_source_columns_and_extreme_cell(tmp_path):
    path = tmp_path / "sat.csv"
    pd.DataFrame({"sat_price": [1, 2, 3, 4, 5, 3], "sat_network": [2, 3, 4, 5, 4, 12]}).to_csv(
        path, index=False
    )
    table = read_table(path)
    with pytest.raises(ScaleError) as exc:
        ratings(table, ["sat_price", "sat_network"])
    # 12 is the 6th data row: spreadsheet row 7 (header row 1)
    assert str(exc.value) == (
        "sat.csv: ratings of 'sat_price', 'sat_network' run from 1 to 12 (row 7, column "
        "'sat_network': 12), outside the usual 1-5, 1-7, 1-10, 0-10 scales; declare the scale "
        "with scale= LOW-HIGH"
    )  # the keyword of the library; the CLI says --scale (cli_message)
    assert exc.value.cli_message().endswith("declare the scale with --scale LOW-HIGH")
    assert isinstance(exc.value, InvalidValueError) and isinstance(exc.value, OptionError)


def test_infer_scale_error_shows_both_ends_when_both_are_off():
    frame = pd.DataFrame({"a": [-1.0, 3.0], "b": [11.0, 2.0]})
    with pytest.raises(ScaleError) as exc:
        infer_scale(frame, table=read_table(frame))
    # row 2 = first data row: b holds the maximum 11, a the minimum -1
    assert "(row 2, column 'b': 11.0; row 2, column 'a': -1.0)" in str(exc.value)
    with pytest.raises(ScaleError, match=r"^ratings run from 1 to 50, outside"):
        infer_scale([1, 50])


def test_to_numeric_reads_numbers_and_skip_markers_only():
    table = read_table(pd.DataFrame({"tenure": ["12", "(跳过)", "３６", None]}))
    got = to_numeric(table, ["tenure"], "tenure (months)")["tenure"]
    assert got.tolist()[0] == 12 and got.tolist()[2] == 36 and got.isna().sum() == 2
    table = read_table(pd.DataFrame({"tenure": ["12", "1年"]}))  # 1 year is not 1 month
    with pytest.raises(InvalidValueError, match=r"row 3, column 'tenure': '1年'.*must be a number"):
        to_numeric(table, ["tenure"], "tenure (months)")


# --- load_survey: labelled export == numeric export ------------------------------------------


@pytest.fixture
def exports(tmp_path):
    return (
        qualtrics_csv(tmp_path / "labels.csv", labelled=True),
        qualtrics_csv(tmp_path / "numbers.csv", labelled=False),
    )


def test_labelled_qualtrics_export_reads_like_its_numeric_twin(exports):
    labelled, numeric = (load_survey(p) for p in exports)
    for frame in ("importance", "satisfaction", "outcomes"):
        pd.testing.assert_frame_equal(getattr(labelled, frame), getattr(numeric, frame))
    assert labelled.importance_scale == labelled.satisfaction_scale == Scale(1, 5)
    # by hand: importance price 5,4,5,3 -> 4.25; network 2,1,4,3 -> 2.5;
    # satisfaction price 1,2,3,2 -> 2.0; network 5,4,5,3 -> 4.25; the 5th row is blank
    assert labelled.importance.mean().to_dict() == {"price": 4.25, "network": 2.5}
    assert labelled.satisfaction.mean().to_dict() == {"price": 2.0, "network": 4.25}
    assert labelled.outcomes["recommend"].tolist()[:4] == [10, 0, 9, 7]
    missing = labelled.missing.set_index("column")["n_missing"].to_dict()
    assert missing["How satisfied are you with each of the following? - Price"] == 1
    # the five importance labels also fit the 7-point Vagias scale: said, not hidden
    assert any("fit scales of 5, 7 points" in str(n) for n in labelled.notes)


def test_labelled_export_gives_the_hand_computed_ipa(exports):
    result = analyze_ipa(load_survey(exports[0])).result.table.set_index("driver")
    # 0-100: importance price 100 (4.25 - 1)/4 = 81.25, network 100 (2.5 - 1)/4 = 37.5;
    # satisfaction price 100 (2 - 1)/4 = 25, network 100 (4.25 - 1)/4 = 81.25
    assert result.loc["price", "importance_pct"] == pytest.approx(81.25)
    assert result.loc["network", "importance_pct"] == pytest.approx(37.5)
    assert result.loc["price", "satisfaction_pct"] == pytest.approx(25)
    assert result.loc["price", "gap"] == pytest.approx(56.25)
    # mean crosshair: importance (4.25 + 2.5)/2 = 3.375, satisfaction (2 + 4.25)/2 = 3.125
    assert result.loc["price", "quadrant"] == "improve"
    assert result.loc["network", "quadrant"] == "maintain"
    assert result.loc["price", "n_importance"] == 4


def test_nps_labels_out_of_place_conflict_with_0_10(tmp_path):
    path = qualtrics_csv(tmp_path / "s.csv", True, {(0, "Q3"): "Extremely likely"})
    with pytest.raises(ScaleError, match=r"How likely are you.*declared is 0-10"):
        load_survey(path)


# --- CLI ---------------------------------------------------------------------------------


def drivers_sheet(path: Path) -> pd.DataFrame:
    rows = list(openpyxl.load_workbook(path, read_only=True)["Drivers"].iter_rows(values_only=True))
    return pd.DataFrame(rows[1:], columns=rows[0]).set_index("Driver")


def loyalty_sheet(path: Path) -> dict:
    rows = openpyxl.load_workbook(path, read_only=True)["Loyalty"].iter_rows(values_only=True)
    return {r[0]: r[1] for r in list(rows)[1:]}


def test_ipa_on_a_labelled_file_matches_the_numeric_file(exports, tmp_path):
    outs = []
    for path in exports:
        out = tmp_path / f"{path.stem}_ipa.xlsx"
        r = runner.invoke(app, ["ipa", str(path), "-o", str(out)])
        assert r.exit_code == 0, r.output
        outs.append(out)
    a, b = (drivers_sheet(o) for o in outs)
    cols = ["Importance", "Satisfaction", "Gap (importance - satisfaction)", "Quadrant",
            "Importance (n)", "Satisfaction (n)"]  # fmt: skip
    pd.testing.assert_frame_equal(a[cols], b[cols])
    assert a.loc["Price", "Importance"] == pytest.approx(4.25)
    assert a.loc["Network quality", "Satisfaction"] == pytest.approx(4.25)
    # NPS: promoters 10, 9; detractor 0; passive 7 -> 100 (2 - 1)/4 = 25
    assert loyalty_sheet(outs[0])["NPS"] == pytest.approx(25) == loyalty_sheet(outs[1])["NPS"]


def test_ipa_unknown_label_exits_1_with_one_line(tmp_path):
    path = qualtrics_csv(tmp_path / "s.csv", True, {(1, "Q1_1"): "Rather important"})
    r = runner.invoke(app, ["ipa", str(path)])
    assert r.exit_code == 1 and "Traceback" not in r.output
    lines = [ln for ln in r.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1
    # respondent 1 is data row 2; three header rows: spreadsheet row 5
    assert "'Rather important' (1 cell, row 5, column 'How important is each of the " \
           "following to you? - Price')" in lines[0]  # fmt: skip
    assert "--labels labels.yaml" in lines[0]


def test_ipa_and_drivers_with_a_label_map(tmp_path):
    path = qualtrics_csv(tmp_path / "s.csv", True, {(1, "Q1_1"): "Rather important"})
    labels = tmp_path / "labels.yaml"
    labels.write_text("Rather important: 4\n", encoding="utf-8")
    out = tmp_path / "ipa.xlsx"
    r = runner.invoke(app, ["ipa", str(path), "--labels", str(labels), "-o", str(out)])
    assert r.exit_code == 0, r.output
    # respondent 1 said 'Rather important' (4) instead of 'Very important' (4): same mean
    assert drivers_sheet(out).loc["Price", "Importance"] == pytest.approx(4.25)
    method = dict(openpyxl.load_workbook(out, read_only=True)["Method"].iter_rows(values_only=True))
    assert method["Label map file"] == str(labels)
    # drivers reads the same labels: without the map it stops, with it it runs
    r = runner.invoke(app, ["drivers", str(path), "-o", str(tmp_path / "d.xlsx")])
    assert r.exit_code == 1 and "'Rather important' (1 cell, row 5" in r.stderr
    r = runner.invoke(app, ["drivers", str(path), "--labels", str(labels), "-o",
                            str(tmp_path / "d.xlsx")])  # fmt: skip
    assert r.exit_code == 0, r.output
    assert "Outcome Loyalty index" in r.stdout and (tmp_path / "d.xlsx").exists()


@pytest.mark.parametrize("command", ["ipa", "drivers"])
def test_bad_label_map_and_output_over_it_exit_1(tmp_path, command):
    path = qualtrics_csv(tmp_path / "s.csv", True)
    bad = tmp_path / "labels.yaml"
    bad.write_text("Good: 4\nGood: 5\n", encoding="utf-8")
    r = runner.invoke(app, [command, str(path), "--labels", str(bad)])
    assert r.exit_code == 1
    assert [ln for ln in r.stderr.splitlines() if ln.strip()] == [
        f"Error: {bad}: lines 1 and 2: the key 'Good' is given twice; keep one of them"
    ]
    good = tmp_path / "good.csv"  # a CSV map, and ipa/drivers may write a .csv
    good.write_text("label,value\nGood,4\n", encoding="utf-8")
    before = good.read_bytes()
    r = runner.invoke(app, [command, str(path), "--labels", str(good), "-o", str(good)])
    assert r.exit_code == 1 and "refusing to write the output over the input" in r.stderr
    assert good.read_bytes() == before


def test_ipa_scale_outside_usual_ranges_exits_1(tmp_path):
    path = qualtrics_csv(tmp_path / "s.csv", False, {(2, "Q2_2"): "12"})
    r = runner.invoke(app, ["ipa", str(path)])
    assert r.exit_code == 1
    (line,) = [ln for ln in r.stderr.splitlines() if ln.strip()]
    # respondent 2 is data row 3, under three header rows: row 6; the cell is the text '12'
    assert "run from 1 to 12 (row 6, column 'How satisfied are you with each of the " \
           "following? - Network': '12')" in line  # fmt: skip
