"""Published counts tables (kano summarize): the service column whatever its header,
category headers in English or Chinese, percentages with an n column."""

from __future__ import annotations

import pandas as pd
import pytest
from typer.testing import CliRunner

from cli import app
from kano.io.counts import category_of, counts_table
from kano.shared.errors import InvalidValueError, OptionError
from kano.shared.files import read_table
from kano.stats import summarize_counts

runner = CliRunner()


@pytest.mark.parametrize(
    ("header", "cat"),
    [
        ("A", "A"), ("Attractive", "A"), ("魅力", "A"), ("魅力属性", "A"), ("A(魅力)", "A"),
        ("魅力型 A", "A"), ("One-dimensional", "O"), ("期望属性O", "O"), ("一维型", "O"),
        ("Must-be (%)", "M"), ("必备属性", "M"), ("基本型需求", "M"), ("无差异属性 I", "I"),
        ("反向", "R"), ("可疑属性", "Q"), ("Questionable %", "Q"),
        ("Better", None), ("属性归属", None), ("总数", None), ("Category", None),
    ],
)  # fmt: skip
def test_category_headers(header, cat):
    assert category_of(header) == cat


def _table(tmp_path, frame: pd.DataFrame, name="counts.csv", encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(frame.to_csv(index=False).encode(encoding))
    return read_table(path)


def test_variable_column_is_the_service_column(tmp_path):
    frame = pd.DataFrame(
        {
            "variable": ["Hotline", "Lounge"],
            "A": [10, 3],
            "O": [20, 0],
            "M": [30, 1],
            "I": [40, 2],
            "R": [0, 1],
            "Q": [0, 1],
        }  # fmt: skip
    )
    found = counts_table(_table(tmp_path, frame))
    assert list(found.counts["service"]) == ["Hotline", "Lounge"]
    summary = summarize_counts(found.counts).set_index("service")
    # Better = (A+O)/(A+O+M+I) = 30/100; Worse = -(O+M)/(A+O+M+I) = -50/100
    assert summary.loc["Hotline", "better"] == pytest.approx(0.30)
    assert summary.loc["Hotline", "worse"] == pytest.approx(-0.50)
    assert any("'variable'" in str(n) for n in found.notes)


def test_chinese_paper_table_in_gbk(tmp_path):
    # a table as Chinese papers print it: 需求, the six 属性 columns, 总数, Better, Worse, 属性归属
    frame = pd.DataFrame(
        {
            "需求": ["免费客服热线", "上门取件"],
            "魅力属性": [10, 3], "期望属性": [20, 0], "必备属性": [30, 1],
            "无差异属性": [40, 2], "反向属性": [0, 1], "可疑属性": [0, 1],
            "总数": [100, 8], "Better": [0.3, 0.5], "属性归属": ["I", "A"],
        }
    )  # fmt: skip
    found = counts_table(_table(tmp_path, frame, encoding="gbk"))
    assert found.counts.set_index("service").loc["上门取件"].tolist() == [3, 0, 1, 2, 1, 1]


def test_percentages_with_n_recover_counts(tmp_path):
    # Lounge: 3, 0, 1, 2, 1, 1 of n = 8 -> 37.5, 0, 12.5, 25, 12.5, 12.5 %
    frame = pd.DataFrame(
        {
            "功能": ["Lounge"],
            "A(%)": [37.5],
            "O(%)": [0.0],
            "M(%)": [12.5],
            "I(%)": [25.0],
            "R(%)": [12.5],
            "Q(%)": [12.5],
            "样本量": [8],
        }  # fmt: skip
    )
    found = counts_table(_table(tmp_path, frame))
    assert found.counts.iloc[0, 1:].tolist() == [3, 0, 1, 2, 1, 1]
    assert any("percentages" in str(n) for n in found.notes)


def test_rounded_percentages_recover_counts(tmp_path):
    # 20 / 60 = 33.3 %, 40 / 60 = 66.7 %: published with one decimal
    frame = pd.DataFrame(
        {
            "feature": ["x"],
            "A": [33.3],
            "O": [66.7],
            "M": [0.0],
            "I": [0.0],
            "R": [0.0],
            "Q": [0.0],
            "n": [60],
        }  # fmt: skip
    )
    assert counts_table(_table(tmp_path, frame)).counts.iloc[0, 1:].tolist() == [20, 40, 0, 0, 0, 0]


def test_percentages_without_n_are_refused(tmp_path):
    frame = pd.DataFrame(
        {
            "feature": ["x", "y"],
            "A": [37.5, 50.0],
            "O": [0.0, 50.0],
            "M": [12.5, 0.0],
            "I": [25.0, 0.0],
            "R": [12.5, 0.0],
            "Q": [12.5, 0.0],
        }  # fmt: skip
    )
    with pytest.raises(OptionError, match=r"percentages .* add a column n"):
        counts_table(_table(tmp_path, frame))


def test_total_row_left_out_and_wrong_total_refused(tmp_path):
    frame = pd.DataFrame(
        {
            "service": ["x", "y", "合计"],
            "A": [1, 2, 3],
            "O": [1, 0, 1],
            "M": [0, 0, 0],
            "I": [0, 1, 1],
            "R": [0, 0, 0],
            "Q": [0, 0, 0],
        }  # fmt: skip
    )
    found = counts_table(_table(tmp_path, frame))
    assert list(found.counts["service"]) == ["x", "y"]
    frame.loc[2, "A"] = 9
    with pytest.raises(InvalidValueError, match=r"row 4, column 'service'"):
        counts_table(_table(tmp_path, frame))


def test_n_column_must_match_the_counts(tmp_path):
    frame = pd.DataFrame(
        {"service": ["x"], "A": [1], "O": [1], "M": [0], "I": [0], "R": [0], "Q": [0], "n": [3]}
    )
    with pytest.raises(InvalidValueError, match=r"row 2, column 'n'"):
        counts_table(_table(tmp_path, frame))


def test_no_text_column_and_missing_category(tmp_path):
    frame = pd.DataFrame({"A": [1], "O": [1], "M": [0], "I": [0], "R": [0], "Q": [0]})
    with pytest.raises(OptionError, match="no column names the services"):
        counts_table(_table(tmp_path, frame))
    frame = pd.DataFrame({"service": ["x"], "A": [1], "O": [1], "M": [0], "I": [0], "R": [0]})
    with pytest.raises(OptionError, match="no column for Q"):
        counts_table(_table(tmp_path, frame))


def test_a_count_cell_that_is_not_a_number_is_named(tmp_path):
    frame = pd.DataFrame(
        {
            "service": ["x", "y"],
            "A": [1, "Z"],
            "O": [1, 1],
            "M": [0, 0],
            "I": [0, 0],
            "R": [0, 0],
            "Q": [0, 0],
        }  # fmt: skip
    )
    with pytest.raises(InvalidValueError, match=r"row 3, column 'A': 'Z'"):
        counts_table(_table(tmp_path, frame))


def test_cli_summarize_chinese_table(tmp_path):
    frame = pd.DataFrame(
        {
            "需求": ["热线"],
            "魅力": [10],
            "期望": [20],
            "必备": [30],
            "无差异": [40],
            "反向": [0],
            "可疑": [0],
        }  # fmt: skip
    )
    path = tmp_path / "paper.csv"
    path.write_bytes(frame.to_csv(index=False).encode("gbk"))
    result = runner.invoke(app, ["summarize", str(path), "-o", str(tmp_path / "out.csv")])
    assert result.exit_code == 0, result.output
    out = pd.read_csv(tmp_path / "out.csv")
    assert out.loc[0, "service"] == "热线"
    assert out.loc[0, "better"] == pytest.approx(0.30)
