"""`kano ipa` and `kano drivers` through typer's CliRunner: outputs and error paths."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest
from typer.testing import CliRunner

from cli import app

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
runner = CliRunner()


@pytest.fixture
def q2(tmp_path) -> Path:
    path = tmp_path / "survey.xlsx"
    shutil.copy(EXAMPLES / "satisfaction_2026Q2.xlsx", path)
    return path


@pytest.fixture
def q3(tmp_path) -> Path:
    path = tmp_path / "调查Q3.xlsx"
    shutil.copy(EXAMPLES / "satisfaction_2026Q3.xlsx", path)
    return path


def sheet_rows(path: Path, sheet: str, header_row: int = 1) -> pd.DataFrame:
    ws = openpyxl.load_workbook(path, read_only=True)[sheet]
    rows = list(ws.iter_rows(values_only=True))
    return pd.DataFrame(rows[header_row:], columns=rows[header_row - 1])


def method(path: Path, sheet: str = "Method") -> dict:
    m = sheet_rows(path, sheet)
    return dict(zip(m.iloc[:, 0], m.iloc[:, 1], strict=True))


def test_ipa_writes_workbook_and_charts(q2):
    args = ["ipa", str(q2), "--bootstrap", "200", "--seed", "7", "--by", "value_segment"]
    r = runner.invoke(app, args)
    assert r.exit_code == 0, r.output
    out = q2.with_name("survey_ipa.xlsx")
    assert out.exists()
    assert q2.with_name("survey_ipa_map.png").read_bytes()[:4] == b"\x89PNG"
    assert b"<svg" in q2.with_name("survey_ipa_map.svg").read_bytes()[:500]
    book = openpyxl.load_workbook(out, read_only=True)
    assert book.sheetnames == [
        "Drivers",
        "Derived importance",
        "Stated vs derived",
        "Loyalty",
        "Satisfaction zones",
        "Segments",
        "Segment means",
        "Segment tests",
        "Missing values",
        "Method",
    ]
    drivers = sheet_rows(out, "Drivers").set_index("Driver")
    # by construction in the generator: price is rated very important (4.5) and
    # has the lowest satisfaction (2.9) -> improve first; points 2.9 / 3.9 -> maintain
    assert drivers.loc["Price", "Quadrant"] == "improve"
    assert drivers.loc["Price", "Quadrant name"] == "Improve first (chief cause of churn)"
    assert drivers.loc["Loyalty points", "Quadrant"] == "maintain"
    probs = drivers[["P(improve first)", "P(keep and defend)", "P(maintain)", "P(latent churn)"]]
    np.testing.assert_allclose(probs.astype(float).sum(axis=1), 1.0)
    # sample mean of price satisfaction, recomputed from the input
    data = pd.read_excel(q2, engine="calamine")
    assert drivers.loc["Price", "Satisfaction"] == pytest.approx(data["sat_price"].mean())
    m = method(out)
    assert m["Input SHA-256"] == hashlib.sha256(q2.read_bytes()).hexdigest()
    assert m["Bootstrap resamples"] == 200 and m["Bootstrap seed"] == 7
    assert "kano-toolkit version" in m and "Written at (UTC)" in m
    derived = sheet_rows(out, "Derived importance", header_row=3)
    assert {"Tenure", "Customer traits", "Competitors"} <= set(derived["Driver"])
    # value segments are named in the catalogue's words (domain.md: 大客户, 商业客户, 公众客户)
    segments = sheet_rows(out, "Segments")
    assert set(segments["Segment"]) == {"key accounts", "business customers", "public customers"}
    assert "Wrote" in r.stdout
    assert not list(q2.parent.glob(".*.tmp"))  # atomic writes leave no temporary file


def test_ipa_bootstrap_reproducible(q2, tmp_path):
    a, b = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    for out in (a, b):
        r = runner.invoke(
            app, ["ipa", str(q2), "-o", str(out), "--bootstrap", "100", "--seed", "3"]
        )
        assert r.exit_code == 0, r.output
    ta, tb = sheet_rows(a, "Drivers"), sheet_rows(b, "Drivers")
    pd.testing.assert_frame_equal(ta, tb)


def test_ipa_chinese_derived(q3):
    r = runner.invoke(
        app,
        [
            "ipa",
            str(q3),
            "--lang",
            "zh",
            "--importance",
            "derived",
            "--crosshair",
            "midpoint",
            "--by",
            "tenure_band",
        ],
    )
    assert r.exit_code == 0, r.output
    out = q3.with_name("调查Q3_ipa.xlsx")
    book = openpyxl.load_workbook(out, read_only=True)
    assert book.sheetnames[0] == "驱动因素" and book.sheetnames[-1] == "方法说明"
    t = sheet_rows(out, "驱动因素").set_index("驱动因素")
    assert t.loc["资费/价格", "象限名称"].startswith(
        ("重点改进", "保持并优化", "维持", "潜在流失区")
    )
    shares = t["重要性"].astype(float)
    assert shares.sum() < 100  # rated drivers' shares of R²; tenure etc. take the rest


def test_drivers_command_sums_to_r2(q2):
    r = runner.invoke(app, ["drivers", str(q2), "--bootstrap", "50", "--seed", "1"])
    assert r.exit_code == 0, r.output
    out = q2.with_name("survey_drivers.xlsx")
    t = sheet_rows(out, "Derived importance", header_row=3)
    r2 = float(method(out)["R²"])
    assert t["Shapley/LMG"].astype(float).sum() == pytest.approx(r2, abs=1e-4)
    assert t["Johnson weight"].astype(float).sum() == pytest.approx(r2, abs=1e-4)
    assert (t["Shapley 95% low"].astype(float) <= t["Shapley 95% high"].astype(float)).all()
    assert "R² =" in r.stdout


def test_drivers_rated_only_and_loyalty_outcome(q2, tmp_path):
    out = tmp_path / "d.xlsx"
    r = runner.invoke(
        app, ["drivers", str(q2), "-o", str(out), "--outcome", "loyalty", "--rated-only"]
    )
    assert r.exit_code == 0, r.output
    t = sheet_rows(out, "Derived importance", header_row=3)
    assert set(t["Driver"]) == {
        "Price",
        "Network quality",
        "Service quality",
        "Billing accuracy",
        "Value-added services",
        "Loyalty points",
    }


def run_error(args: list[str]) -> str:
    r = runner.invoke(app, args)
    assert r.exit_code == 1, r.output
    err = r.stderr.strip()
    assert err.startswith("Error: ") and "\n" not in err, err
    assert "Traceback" not in r.output
    return err


def test_error_missing_file(tmp_path):
    assert "file not found" in run_error(["ipa", str(tmp_path / "nope.xlsx")])


def test_error_bad_options(q2):
    assert "--crosshair" in run_error(["ipa", str(q2), "--crosshair", "middle"])
    assert "--lang" in run_error(["ipa", str(q2), "--lang", "fr"])
    assert "--importance" in run_error(["ipa", str(q2), "--importance", "both"])
    assert "--zones" in run_error(["ipa", str(q2), "--zones", "8,3"])
    assert "--by 'colour'" in run_error(["ipa", str(q2), "--by", "colour"])
    assert "--outcome 'happiness'" in run_error(["drivers", str(q2), "--outcome", "happiness"])
    assert "--scale" in run_error(["ipa", str(q2), "--scale", "five"])
    assert "no sheet named 'Nope'" in run_error(["ipa", str(q2), "--sheet", "Nope"])


def test_error_output_over_input(q2):
    assert "refusing to write the output over the input" in run_error(
        ["ipa", str(q2), "-o", str(q2)]
    )


def test_error_invalid_cell_named(tmp_path):
    frame = pd.read_excel(EXAMPLES / "satisfaction_2026Q2.xlsx", engine="calamine")
    frame["sat_price"] = frame["sat_price"].astype(object)
    frame.loc[4, "sat_price"] = "很好"
    frame.loc[9, "sat_network"] = 7  # outside 1-5 (declared)
    path = tmp_path / "bad.csv"
    frame.to_csv(path, index=False, encoding="utf-8-sig")
    err = run_error(["ipa", str(path)])
    assert "bad.csv" in err and "'很好' (1 cell, row 6, column 'sat_price')" in err
    err = run_error(["ipa", str(path.with_name("bad.csv")), "--scale", "1-5"])
    assert "row 6" in err
    frame.loc[4, "sat_price"] = 3
    frame.to_csv(path, index=False, encoding="utf-8-sig")
    err = run_error(["ipa", str(path), "--scale", "1-5"])
    assert "row 11, column 'sat_network': 7" in err and "1-5" in err


def test_error_stated_without_importance(tmp_path):
    frame = pd.read_excel(EXAMPLES / "satisfaction_2026Q2.xlsx", engine="calamine")
    path = tmp_path / "noimp.xlsx"
    frame.drop(columns=[c for c in frame if c.startswith("imp_")]).to_excel(path, index=False)
    assert "--importance derived" in run_error(["ipa", str(path), "--importance", "stated"])
    r = runner.invoke(app, ["ipa", str(path)])  # default falls back to derived importance
    assert r.exit_code == 0, r.output
    assert "importance axis is derived" in r.stderr


def test_error_no_drivers(tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("overall,renewed\n5,yes\n", encoding="utf-8")
    assert "no driver rating columns" in run_error(["drivers", str(path)])


# --- outputs follow their suffix --------------------------------------------------------

IPA_HEADERS = ["driver", "n_items", "n_importance_items", "n_importance", "n_satisfaction",
               "importance", "importance_low", "importance_high", "satisfaction",
               "satisfaction_low", "satisfaction_high", "importance_pct", "satisfaction_pct", "gap",
               "priority_score", "priority", "quadrant", "quadrant_name"]  # fmt: skip


def read_csv_rows(path: Path) -> list[list[str]]:
    import csv

    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM, for Excel
    with path.open(newline="", encoding="utf-8-sig") as fh:
        return list(csv.reader(fh))


def test_ipa_csv_is_the_drivers_table_without_charts(q2):
    out = q2.with_name("drivers.csv")
    r = runner.invoke(app, ["ipa", str(q2), "-o", str(out), "--bootstrap", "0"])
    assert r.exit_code == 0, r.output
    rows = read_csv_rows(out)
    assert rows[0] == IPA_HEADERS
    table = pd.DataFrame(rows[1:], columns=rows[0]).set_index("driver")
    data = pd.read_excel(q2, engine="calamine")
    assert float(table.loc["Price", "satisfaction"]) == pytest.approx(data["sat_price"].mean())
    assert float(table.loc["Price", "importance"]) == pytest.approx(data["imp_price"].mean())
    assert table.loc["Price", "n_items"] == "1"
    assert table.loc["Price", "quadrant_name"] == "Improve first (chief cause of churn)"
    # the IPA map belongs to the workbook: no PNG/SVG beside a CSV
    assert sorted(p.name for p in q2.parent.iterdir()) == ["drivers.csv", "survey.xlsx"]
    assert f"Wrote {out}" in r.stdout


def test_ipa_json_has_every_table_and_the_method(q2):
    out = q2.with_name("ipa.json")
    r = runner.invoke(
        app, ["ipa", str(q2), "-o", str(out), "--by", "value_segment", "--lang", "zh"]
    )
    assert r.exit_code == 0, r.output
    import json

    payload = json.loads(out.read_text(encoding="utf-8"))
    assert list(payload) == ["method", "tables"]
    assert list(payload["tables"]) == ["drivers", "derived", "compare", "loyalty", "zones",
                                       "segments", "segment_means", "segment_tests", "missing"]  # fmt: skip
    drivers = {row["driver"]: row for row in payload["tables"]["drivers"]["rows"]}
    data = pd.read_excel(q2, engine="calamine")
    assert drivers["price"]["satisfaction"] == pytest.approx(data["sat_price"].mean())
    assert drivers["price"]["driver_name"] == "资费/价格"
    assert drivers["price"]["quadrant"] == "improve"
    assert drivers["price"]["quadrant_name"] == "重点改进(流失的罪魁祸首)"
    assert payload["tables"]["derived"]["title"].startswith("结果变量 总体满意度: R² = ")
    assert payload["method"]["输入文件 SHA-256"] == hashlib.sha256(q2.read_bytes()).hexdigest()
    assert payload["method"]["细分依据"] == "value_segment"
    assert payload["method"]["自助抽样次数"] == 2000  # the default
    segments = {
        row["segment"]: row["segment_name"] for row in payload["tables"]["segments"]["rows"]
    }
    assert segments == {"key_account": "大客户", "business": "商业客户", "public": "公众客户"}
    assert sorted(p.name for p in q2.parent.iterdir()) == ["ipa.json", "survey.xlsx"]


def test_drivers_csv_and_json(q2):
    import json

    out = q2.with_name("d.json")
    r = runner.invoke(app, ["drivers", str(q2), "-o", str(out), "--bootstrap", "30"])
    assert r.exit_code == 0, r.output
    payload = json.loads(out.read_text(encoding="utf-8"))
    assert list(payload["tables"]) == ["derived", "missing"]
    rows = payload["tables"]["derived"]["rows"]
    r2 = float(payload["method"]["R²"])
    assert sum(row["shapley"] for row in rows) == pytest.approx(r2, abs=1e-4)
    assert {row["driver"] for row in rows} >= {"price", "tenure", "customer_traits"}
    assert next(row for row in rows if row["driver"] == "price")["columns"] == "sat_price"
    csv_out = q2.with_name("d.csv")
    r = runner.invoke(app, ["drivers", str(q2), "-o", str(csv_out), "--bootstrap", "30"])
    assert r.exit_code == 0, r.output
    table = read_csv_rows(csv_out)
    assert table[0][:8] == ["driver", "columns", "n", "r", "beta", "johnson", "shapley",
                            "johnson_share"]  # fmt: skip
    by_driver = {row[0]: row for row in table[1:]}
    for row in rows:  # the same numbers as the JSON, same seed
        name = {"price": "Price", "tenure": "Tenure"}.get(row["driver"])
        if name:
            assert float(by_driver[name][6]) == pytest.approx(row["shapley"], abs=1e-12)


HOSTILE_DRIVERS = ['=HYPERLINK("http://x","y")', "@SUM(A1)", 'fees, "all"\nin']


def test_csv_output_neutralises_formulas_and_quotes_fields(q2, tmp_path):
    import csv

    mapping = tmp_path / "map.csv"
    with mapping.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["column", "role", "driver"])
        for col, name in zip(("price", "network", "service"), HOSTILE_DRIVERS, strict=True):
            w.writerows([[f"imp_{col}", "importance", name], [f"sat_{col}", "satisfaction", name]])
    out = tmp_path / "hostile.csv"
    r = runner.invoke(app, ["ipa", str(q2), "--mapping", str(mapping), "-o", str(out),
                            "--bootstrap", "0"])  # fmt: skip
    assert r.exit_code == 0, r.output
    rows = read_csv_rows(out)
    names = [row[0] for row in rows[1:]]
    assert sorted(names) == sorted(['\'=HYPERLINK("http://x","y")', "'@SUM(A1)", 'fees, "all"\nin'])
    text = out.read_text(encoding="utf-8-sig")
    assert '"fees, ""all""\nin"' in text  # comma, quote and newline: one quoted field
    assert all(len(row) == len(IPA_HEADERS) for row in rows)


@pytest.mark.parametrize("command", ["ipa", "drivers"])
def test_unknown_output_suffix_is_refused_before_any_work(q2, command):
    before = sorted(p.name for p in q2.parent.iterdir())
    err = run_error([command, str(q2), "-o", str(q2.with_name("out.txt"))])
    assert "out.txt: unknown output type '.txt'" in err
    assert ".xlsx" in err and ".csv" in err and ".json" in err
    err = run_error([command, str(q2), "-o", str(q2.with_name("out"))])
    assert "no file type" in err  # kano.shared.output.output_kind's words
    # checked before the input is read: a missing input still gets the suffix error
    err = run_error([command, str(q2.with_name("nope.xlsx")), "-o", str(q2.with_name("o.png"))])
    assert "'.png'" in err and "not found" not in err
    assert sorted(p.name for p in q2.parent.iterdir()) == before


def test_csv_output_over_the_input_is_refused(tmp_path):
    frame = pd.read_excel(EXAMPLES / "satisfaction_2026Q2.xlsx", engine="calamine")
    path = tmp_path / "sat.csv"
    frame.to_csv(path, index=False)
    before = path.read_bytes()
    assert "refusing to write the output over the input" in run_error(
        ["drivers", str(path), "-o", str(path)]
    )
    assert path.read_bytes() == before
