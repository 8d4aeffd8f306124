"""Reading files: encodings, workbooks, multi-row headers, and user-facing file errors."""

from __future__ import annotations

import codecs

import pandas as pd
import pytest

from kano.shared.errors import InputFileError
from kano.shared.files import detect_encoding, read_table

CHINESE = pd.DataFrame(
    {
        "编号": [1, 2, 3],
        "免费热线_正向": ["我喜欢", "理应如此", "无所谓"],
        "免费热线_反向": ["我不喜欢", "我不喜欢", "能忍受"],
    }
)


@pytest.mark.parametrize(
    ("codec", "reported"),
    [
        ("utf-8", "utf-8"),
        ("utf-8-sig", "UTF-8 with BOM"),
        ("gbk", "GBK/GB18030"),
        ("gb18030", "GBK/GB18030"),
        ("utf-16", "utf-16"),
    ],
)
def test_csv_encodings(tmp_path, write_csv, codec, reported):
    path = write_csv(tmp_path / "survey.csv", CHINESE, encoding=codec)
    table = read_table(path)
    assert table.encoding == reported
    assert list(table.frame.columns) == list(CHINESE.columns)
    assert table.frame["免费热线_正向"].tolist() == ["我喜欢", "理应如此", "无所谓"]
    assert table.frame["编号"].tolist() == [1, 2, 3]
    assert table.source == "survey.csv"
    assert table.first_row == 2


def test_gb18030_only_characters(tmp_path, write_csv):
    # '𠀀' (U+20000) exists in GB18030 but not in GBK: the detector must not stop at GBK
    frame = pd.DataFrame({"服务𠀀_正向": ["我喜欢"], "服务𠀀_反向": ["我不喜欢"]})
    path = write_csv(tmp_path / "s.csv", frame, encoding="gb18030")
    assert list(read_table(path).frame.columns) == list(frame.columns)


def test_gbk_after_long_ascii_head(tmp_path):
    # the first megabyte is ASCII, Chinese text (GBK) comes later
    lines = ["id,x_functional,x_dysfunctional"] + [f"{k},1,5" for k in range(1, 150000)]
    lines.append("150000,我喜欢,我不喜欢")
    path = tmp_path / "late.csv"
    path.write_bytes(("\n".join(lines) + "\n").encode("gbk"))
    assert path.stat().st_size > 1 << 20
    frame = read_table(path).frame
    assert frame["x_functional"].iloc[-1] == "我喜欢"


@pytest.mark.parametrize(
    ("sample", "expected"),
    [
        (codecs.BOM_UTF8 + "名".encode(), "utf-8-sig"),
        (codecs.BOM_UTF16_LE + "名".encode("utf-16-le"), "utf-16"),
        (codecs.BOM_UTF16_BE + "名".encode("utf-16-be"), "utf-16"),
        (b"plain,ascii\n", "utf-8"),
        ("我喜欢".encode(), "utf-8"),
        ("我喜欢".encode("gbk"), "gb18030"),
    ],
)
def test_detect_encoding(sample, expected):
    assert detect_encoding(sample) == expected


def test_detect_encoding_cut_multibyte_character():
    data = "我喜欢".encode()[:-1]  # last character cut by the sample boundary
    assert detect_encoding(data, complete=False) == "utf-8"


def test_undecodable_csv(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_bytes(b"a,b\n\xff\xfe\xfa\xff,\x80\x81\xff\n" * 3)
    # starts with no BOM; bytes invalid in UTF-8 and GB18030
    with pytest.raises(InputFileError, match="encoding|not valid"):
        read_table(path)


@pytest.mark.parametrize("sep", ["\t", ";"])
def test_csv_separators(tmp_path, write_csv, sep):
    path = write_csv(tmp_path / "s.csv", CHINESE, sep=sep)
    assert list(read_table(path).frame.columns) == list(CHINESE.columns)


def test_xlsx_first_sheet_and_named_sheet(tmp_path, write_xlsx):
    other = pd.DataFrame({"a_functional": [5], "a_dysfunctional": [1]})
    path = write_xlsx(tmp_path / "s.xlsx", CHINESE, sheet="数据", extra_sheets=[("Other", other)])
    first = read_table(path)
    assert first.sheet == "数据"
    assert first.source == "s.xlsx, sheet '数据'"
    assert first.frame["免费热线_反向"].tolist() == ["我不喜欢", "我不喜欢", "能忍受"]
    second = read_table(path, sheet="Other")
    assert list(second.frame.columns) == ["a_functional", "a_dysfunctional"]


def test_xlsx_unknown_sheet_lists_the_sheets(tmp_path, write_xlsx):
    path = write_xlsx(tmp_path / "s.xlsx", CHINESE, sheet="Data")
    with pytest.raises(InputFileError, match=r"no sheet named 'Nope'.*'Data'"):
        read_table(path, sheet="Nope")


def test_blank_rows_keep_spreadsheet_row_numbers(tmp_path, write_csv):
    frame = pd.DataFrame({"a": [1, None, 3], "b": [1, None, 5]})
    path = write_csv(tmp_path / "s.csv", frame)
    table = read_table(path)
    # header is row 1; data rows are 2, 3 (blank, dropped), 4
    assert [table.row_number(i) for i in table.frame.index] == [2, 4]


def test_headers_are_trimmed(tmp_path):
    path = tmp_path / "s.csv"
    path.write_text(' x_functional ,"x_dys\nfunctional"\n1,5\n', encoding="utf-8")
    assert list(read_table(path).frame.columns) == ["x_functional", "x_dys functional"]


def test_qualtrics_three_header_rows(tmp_path, write_csv):
    frame = pd.DataFrame(
        {
            "Q5_1": ["If we provide a hotline, how do you feel?", '{"ImportId":"QID5_1"}', "1"],
            "Q6_1": [
                "If we do not provide a hotline, how do you feel?",
                '{"ImportId":"QID6_1"}',
                "5",
            ],
        }
    )
    path = write_csv(tmp_path / "q.csv", frame)
    table = read_table(path)
    assert list(table.frame.columns) == [
        "If we provide a hotline, how do you feel?",
        "If we do not provide a hotline, how do you feel?",
    ]
    assert len(table.frame) == 1
    assert table.first_row == 4  # rows 1-3 are headers
    assert any("Qualtrics" in str(n) for n in table.notes)


def test_surveymonkey_two_header_rows(tmp_path):
    # SurveyMonkey: row 1 = question (merged over its items), row 2 = item or "Response"
    path = tmp_path / "sm.csv"
    path.write_text(
        "Respondent ID,If we provide it,,If we do not provide it,\n"
        "Response,Hotline,Lounge,Hotline,Lounge\n"
        "11,1,2,5,3\n",
        encoding="utf-8",
    )
    table = read_table(path)
    assert list(table.frame.columns) == [
        "Respondent ID",
        "If we provide it - Hotline",
        "If we provide it - Lounge",
        "If we do not provide it - Hotline",
        "If we do not provide it - Lounge",
    ]
    assert table.first_row == 3
    assert table.frame.iloc[0].tolist() == ["11", "1", "2", "5", "3"]


def test_dataframe_source():
    table = read_table(CHINESE.set_index("编号"))
    assert table.source == "DataFrame"
    assert table.first_row == 2
    assert list(table.frame.index) == [0, 1, 2]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("missing.csv", None, "file not found"),
        ("empty.csv", b"", "empty"),
        ("header.csv", b"a,b\n", "no data rows"),
        ("old.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "old .xls"),
        ("text.xlsx", b"a,b\n1,2\n", "rename it to .csv"),
        ("legacy.xls", b"anything", "not supported"),
        ("data.json", b"{}", "unsupported file type"),
        ("zipped.csv", b"PK\x03\x04rest", "workbook renamed"),
        ("broken.xlsx", b"PK\x03\x04 truncated", "damaged"),
    ],
)
def test_file_errors(tmp_path, name, content, message):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(InputFileError, match=message) as err:
        read_table(path)
    assert name in str(err.value)
    assert "\n" not in str(err.value)  # one line for the CLI


def test_folder_is_not_a_file(tmp_path):
    with pytest.raises(InputFileError, match="folder"):
        read_table(tmp_path)


def test_sheet_option_on_csv(tmp_path, write_csv):
    path = write_csv(tmp_path / "s.csv", CHINESE)
    with pytest.raises(InputFileError, match="sheet= applies"):
        read_table(path, sheet="Data")
