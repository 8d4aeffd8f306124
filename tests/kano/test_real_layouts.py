"""Kano surveys in the platforms' real export layouts (tests/exports.py, built from
../shared/export-formats.md) read with the true counts and no mapping file."""

from __future__ import annotations

import exports as ex
import pytest

from kano.io.survey import read_survey
from kano.shared.files import read_table
from kano.stats import summarize

CATS = ["A", "O", "M", "I", "R", "Q"]


def assert_canonical(survey, names: dict[str, str]) -> None:
    """Counts per service equal the hand counts of tests/exports.py."""
    summary = summarize(survey).set_index("service")
    assert sorted(summary.index) == sorted(names.values())
    for key, name in names.items():
        assert summary.loc[name, CATS].to_dict() == ex.COUNTS[key], name
        assert summary.loc[name, "n_missing"] == ex.N_MISSING[key], name
    assert len(survey.functional) == ex.N


# --- 问卷星 ---


def test_wjx_text_xlsx_matrix_with_bare_duplicate_labels(tmp_path):
    path = ex.xlsx(tmp_path / "386540716_按文本_客服调查_8_8.xlsx", ex.wjx_rows())
    survey = read_survey(path)
    assert_canonical(survey, ex.WJX_SERVICES)
    assert set(survey.pairing["found_by"]) == {"wording"}
    assert survey.pairing.iloc[1]["functional_column"] == f"{ex.WJX_F}—上门取件"
    assert survey.pairing.iloc[1]["dysfunctional_column"] == f"{ex.WJX_D}—上门取件"
    assert "9、您的客户类型" in survey.extra.columns  # the next question keeps its name
    assert list(survey.functional.index) == list(range(1, 9))  # 序号 is the respondent id


@pytest.mark.parametrize(("encoding", "bom"), [("gbk", False), ("utf-8", True), ("utf-8", False)])
def test_wjx_sequence_csv_codes(tmp_path, encoding, bom):
    # 按序号: option positions 1-5, like first, the same headers as 按文本
    rows = ex.wjx_rows(label=lambda c: c)
    path = tmp_path / "320419112_按序号_客服调查_8_8.csv"
    path.write_bytes(ex.csv_bytes(rows, encoding=encoding, bom=bom))
    assert_canonical(read_survey(path), ex.WJX_SERVICES)


def test_wjx_hidden_numbering_keeps_the_next_question(tmp_path):
    path = ex.xlsx(tmp_path / "wjx.xlsx", ex.wjx_rows(numbered=False))
    survey = read_survey(path)
    assert_canonical(survey, ex.WJX_SERVICES)
    assert "您的客户类型" in survey.extra.columns


def test_wjx_matrix_header_note(tmp_path):
    table = read_table(ex.xlsx(tmp_path / "wjx.xlsx", ex.wjx_rows()))
    assert any("问卷星 matrix" in str(n) for n in table.notes)


def test_wjx_single_question_per_service(tmp_path):
    columns = {"序号": list(range(1, 9))}
    for q, (key, name) in enumerate(ex.WJX_SERVICES.items()):
        columns[f"{7 + 2 * q}、如果提供{name}，您的感觉是？"] = ex.answers(key, 0, ex.ZH.get)
        columns[f"{8 + 2 * q}、如果不提供{name}，您的感觉是？"] = ex.answers(key, 1, ex.ZH.get)
    path = ex.xlsx(tmp_path / "wjx.xlsx", ex._columns([], columns))
    assert_canonical(read_survey(path), ex.WJX_SERVICES)


def test_wjx_2016_readable_export_pairs_by_question_order(tmp_path):
    # All_Data_Readable: "第7题(免费客服热线)"; no wording says which question is functional
    columns = {"序号": list(range(1, 9))}
    for q, side in ((7, 0), (8, 1)):
        for key, name in ex.WJX_SERVICES.items():
            columns[f"第{q}题({name})"] = ex.answers(key, side, ex.ZH.get)
    survey = read_survey(ex.xlsx(tmp_path / "All_Data_Readable.xlsx", ex._columns([], columns)))
    assert_canonical(survey, ex.WJX_SERVICES)
    assert set(survey.pairing["found_by"]) == {"order"}
    assert any("questionnaire order" in str(n) for n in survey.notes)


# --- 腾讯问卷 ---


def test_tencent_csv_trailing_commas(tmp_path):
    path = tmp_path / "9799234_202203072020311613.csv"
    path.write_bytes(ex.csv_bytes(ex.tencent_rows(), trailing=",", quote_all=True))
    survey = read_survey(path)
    assert_canonical(survey, ex.WJX_SERVICES)
    assert not [c for c in survey.extra.columns if str(c).startswith("Unnamed")]
    assert sorted(survey.functional.index) == list(range(1, 9))  # 编号, written 8 … 1


# --- Qualtrics ---


def test_qualtrics_csv_three_header_rows_choice_text(tmp_path):
    path = tmp_path / "Kano+survey_September+3,+2026_08.59.csv"
    path.write_bytes(ex.csv_bytes(ex.qualtrics_rows()))
    survey = read_survey(path)
    assert_canonical(survey, ex.EN_SERVICES)
    assert survey.pairing.iloc[0]["functional_column"] == f"{ex.QUALTRICS_F} - Free hotline"
    # row 2 of metadata is in the exporter's language (German here): the tags name them
    assert survey.functional.index.name == "ResponseId"
    assert "StartDate" in survey.extra.columns


def test_qualtrics_numeric_values_xlsx(tmp_path):
    path = ex.xlsx(tmp_path / "qualtrics.xlsx", ex.qualtrics_rows(label=lambda c: c))
    assert_canonical(read_survey(path), ex.EN_SERVICES)


def test_qualtrics_legacy_two_header_rows(tmp_path):
    path = tmp_path / "legacy.csv"
    path.write_bytes(ex.csv_bytes(ex.qualtrics_rows(legacy=True), bom=True))
    assert_canonical(read_survey(path), ex.EN_SERVICES)


def test_qualtrics_mapping_may_use_export_tags(tmp_path):
    path = tmp_path / "q.csv"
    path.write_bytes(ex.csv_bytes(ex.qualtrics_rows()))
    mapping = tmp_path / "map.csv"
    mapping.write_text(
        "service,functional,dysfunctional\nFree hotline,Q7_1,Q8_1\nHome pickup,Q7_2,Q8_2\n",
        encoding="utf-8",
    )
    survey = read_survey(path, mapping=mapping)
    assert_canonical(survey, ex.EN_SERVICES)
    assert set(survey.pairing["found_by"]) == {"mapping"}


# --- SurveyMonkey ---


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_surveymonkey_two_header_rows_matrix(tmp_path, kind):
    rows = ex.surveymonkey_rows()
    if kind == "csv":
        path = tmp_path / "Sheet_1.csv"
        path.write_bytes(ex.csv_bytes(rows))
    else:
        path = ex.xlsx(tmp_path / "Sheet_1.xlsx", rows)
    survey = read_survey(path)
    assert_canonical(survey, ex.EN_SERVICES)
    assert survey.functional.index.name == "Respondent ID"
    assert survey.pairing.iloc[1]["dysfunctional_column"] == f"{ex.QUALTRICS_D} - Home pickup"


# --- Google Forms ---


def test_google_forms_grid(tmp_path):
    path = tmp_path / "Kano (Responses) - Form Responses 1.csv"
    path.write_bytes(ex.csv_bytes(ex.google_grid_rows()))
    assert_canonical(read_survey(path), ex.EN_SERVICES)


def test_google_forms_grid_zh_tw_sheet(tmp_path):
    columns = {"時間戳記": [46131.74 + k for k in range(8)]}
    for q, side, title in (
        (1, 0, "如果提供以下服務，您的感覺是？"),
        (2, 1, "如果不提供以下服務，您的感覺是？"),
    ):
        for key, name in (("Hotline", "免費客服熱線"), ("Lounge", "上門取件")):
            columns[f"{q}. {title} [{name}]"] = ex.answers(key, side, ex.ZH_TW.get)
    path = ex.xlsx(tmp_path / "kano.xlsx", ex._columns([], columns), sheet="表單回應 1")
    assert_canonical(read_survey(path), {"Hotline": "免費客服熱線", "Lounge": "上門取件"})


# Thirteen features asked one question at a time, functional then dysfunctional, in
# the negations real forms use: not / n't / no / never / absent / without / lack / 不 / 没有 / 取消
SENTENCES = [
    ("How would you feel if the app had dark mode?",
     "How would you feel if the app did not have dark mode?"),
    ("How do you feel if there is a loyalty programme?",
     "How do you feel if there is no loyalty programme?"),
    ("How would you feel if offline maps were present?",
     "How would you feel if offline maps were absent?"),
    ("If you could pay with QR codes, how would you feel?",
     "If you could not pay with QR codes, how would you feel?"),
    ("How would you feel if push notifications existed?",
     "How would you feel if push notifications didn't exist?"),
    ("How do you feel if the app supports voice search?",
     "How do you feel if the app does not support voice search?"),
    ("How would you feel if the app offered a family plan?",
     "How would you feel if the app did NOT offer a family plan?"),
    ("How would you feel if the app came with a widget?",
     "How would you feel if the app came without a widget?"),
    ("How would you feel if the app has an export button?",
     "How would you feel if the app lacks an export button?"),
    ("How would you feel if you can share playlists?",
     "How would you feel if you cannot share playlists?"),
    ("如果提供免费热线，您的感觉是？", "如果不提供免费热线，您的感觉是？"),
    ("如果有上门取件服务，您的感觉是？", "如果没有上门取件服务，您的感觉是？"),
    ("如果为您提供积分兑换，您的感觉是？", "如果取消为您提供积分兑换，您的感觉是？"),
]  # fmt: skip


def test_google_forms_interleaved_single_questions_all_pair(tmp_path):
    path = tmp_path / "Kano (Responses) - Form Responses 1.csv"
    path.write_bytes(ex.csv_bytes(ex.google_sentence_columns(SENTENCES)))
    survey = read_survey(path)
    assert len(survey.services) == 13
    assert not survey.unpaired
    pairs = survey.pairing.set_index("functional_column")["dysfunctional_column"].to_dict()
    assert pairs == dict(SENTENCES)
    names = set(survey.services)
    assert {"免费热线", "上门取件服务", "积分兑换"} <= names
    summary = summarize(survey).set_index("service")
    for j, (f, _d) in enumerate(SENTENCES):  # answers cycle Hotline, Lounge, …
        name = survey.pairing.set_index("functional_column").loc[f, "service"]
        assert summary.loc[name, CATS].to_dict() == ex.COUNTS[("Hotline", "Lounge")[j % 2]]


def test_unpaired_answer_columns_are_named(tmp_path):
    rows = ex.google_sentence_columns(SENTENCES[:2])
    rows[0].append("How would you feel about a chat assistant?")
    for k, row in enumerate(rows[1:]):
        row.append(ex.EN[1 + k % 5])
    path = tmp_path / "form.csv"
    path.write_bytes(ex.csv_bytes(rows))
    survey = read_survey(path)
    assert survey.unpaired == ("How would you feel about a chat assistant?",)


# --- SPSS ---


def test_spss_sav_value_labels_spssau_coding(tmp_path):
    pytest.importorskip("pyreadstat")
    survey = read_survey(ex.write_sav(tmp_path / "kano.sav"))
    assert_canonical(survey, ex.WJX_SERVICES)
    assert any("value labels" in str(n) for n in survey.notes)


def test_spss_mapping_by_variable_names(tmp_path):
    pytest.importorskip("pyreadstat")
    path = ex.write_sav(tmp_path / "kano.sav")
    mapping = tmp_path / "map.yaml"
    mapping.write_text("免费客服热线: [Q7_1, Q8_1]\n上门取件: [Q7_2, Q8_2]\n", encoding="utf-8")
    assert_canonical(read_survey(path, mapping=mapping), ex.WJX_SERVICES)


# --- several files, one survey ---


def test_two_channel_files_read_as_one_survey_with_a_source_column(tmp_path):
    from kano.io.survey import combine_surveys

    wjx = ex.xlsx(tmp_path / "wechat.xlsx", ex.wjx_rows())
    csv = tmp_path / "hotline.csv"
    csv.write_bytes(ex.csv_bytes(ex.wjx_rows(label=lambda c: c), encoding="gbk"))
    survey = combine_surveys([(p.name, read_survey(p)) for p in (wjx, csv)])
    summary = summarize(survey).set_index("service")
    for key, name in ex.WJX_SERVICES.items():  # every count doubles
        assert summary.loc[name, CATS].to_dict() == {c: 2 * v for c, v in ex.COUNTS[key].items()}
        assert summary.loc[name, "n_missing"] == 2 * ex.N_MISSING[key]
    assert survey.extra["source"].value_counts().to_dict() == {"wechat.xlsx": 8, "hotline.csv": 8}
    # 序号 1-8 in both files: the file keeps the ids apart
    assert survey.functional.index[0] == "wechat.xlsx:1"
    assert survey.functional.index.is_unique


def test_a_service_missing_from_one_file_is_said(tmp_path):
    from kano.io.survey import combine_surveys

    a = ex.xlsx(tmp_path / "a.xlsx", ex.wjx_rows())
    rows = ex.wjx_rows()
    keep = [j for j, h in enumerate(rows[0]) if "上门取件" not in str(h)]
    b = ex.xlsx(tmp_path / "b.xlsx", [[r[j] for j in keep] for r in rows])
    survey = combine_surveys([(p.name, read_survey(p)) for p in (a, b)])
    summary = summarize(survey).set_index("service")
    assert summary.loc["上门取件", "n_missing"] == 8  # b's eight respondents
    assert any("b.xlsx has no questions for '上门取件'" in str(n) for n in survey.notes)


# --- through the CLI ---


def _cli(*args):
    from typer.testing import CliRunner

    from cli import app

    return CliRunner().invoke(app, [str(a) for a in args])


def test_cli_classify_two_files_by_source(tmp_path):
    a = ex.xlsx(tmp_path / "wechat.xlsx", ex.wjx_rows())
    b = tmp_path / "hotline.csv"
    b.write_bytes(ex.csv_bytes(ex.wjx_rows(label=lambda c: c), encoding="gbk"))
    out = tmp_path / "both.csv"
    result = _cli("classify", a, b, "--by", "source", "-o", out, "--bootstrap", "50")
    assert result.exit_code == 0, result.output
    assert "2 files read as one survey" in result.output
    import pandas as pd

    summary = pd.read_csv(out).set_index("service")
    assert summary.loc["免费客服热线", "n"] == 14  # 7 complete pairs in each file


def test_cli_names_unpaired_answer_columns(tmp_path):
    rows = ex.google_sentence_columns(SENTENCES[:2])
    rows[0].append("How would you feel about a chat assistant?")
    for k, row in enumerate(rows[1:]):
        row.append(ex.EN[1 + k % 5])
    path = tmp_path / "form.csv"
    path.write_bytes(ex.csv_bytes(rows))
    result = _cli("classify", path, "-o", tmp_path / "x.xlsx")
    assert result.exit_code == 0, result.output
    assert "Not paired: 1 column(s) hold Kano answers" in result.output
    assert "chat assistant" in result.output
    import openpyxl

    ws = openpyxl.load_workbook(tmp_path / "x.xlsx")["Columns"]
    values = [c.value for row in ws.iter_rows() for c in row]
    assert "How would you feel about a chat assistant?" in values
    assert "not paired: holds Kano answers" in values
    columns = _cli("columns", path)
    assert "Not paired" in columns.output


def test_cli_by_value_segment_from_a_wjx_type_question(tmp_path):
    rows = ex.wjx_rows()
    rows[0].append("10、您的月消费（元）")
    for k, row in enumerate(rows[1:]):
        row.append(5000 if k == 0 else 100)
    path = ex.xlsx(tmp_path / "wjx.xlsx", rows)
    result = _cli("classify", path, "--by", "value_segment", "--bootstrap", "50")
    assert result.exit_code == 0, result.output
    import openpyxl

    ws = openpyxl.load_workbook(tmp_path / "wjx_kano.xlsx")["Segments"]
    groups = {r[1] for r in ws.iter_rows(min_row=2, values_only=True)}
    assert groups == {"key accounts", "business customers", "public customers"}


def test_cli_unknown_customer_type_is_one_line(tmp_path):
    rows = ex.wjx_rows()
    rows[1][-1] = "校园客户"
    rows[0].append("月消费")
    for row in rows[1:]:
        row.append(100)
    path = ex.xlsx(tmp_path / "wjx.xlsx", rows)
    result = _cli("classify", path, "--by", "value_segment")
    assert result.exit_code == 1
    assert "'校园客户' (1)" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    ok = _cli("classify", path, "--by", "value_segment", "--customer-types", "校园客户=public",
              "--bootstrap", "50")  # fmt: skip
    assert ok.exit_code == 0, ok.output


# --- Microsoft Forms, LimeSurvey, Alchemer (§6-§8) ---


def test_microsoft_forms_likert_statements_repeated_pair_by_order(tmp_path):
    # §6: ID, Start time, Completion time, Email, Name; a Likert question per side whose
    # columns are headed by the statements only, so the two questions repeat them
    columns = {"ID": list(range(1, 9)), "Start time": ["9/29/2026 8:00"] * 8,
               "Completion time": ["9/29/2026 8:05"] * 8, "Email": ["anonymous"] * 8,
               "Name": [None] * 8}  # fmt: skip
    head = list(columns)
    cols = list(columns.values())
    for side in (0, 1):
        for key, name in ex.EN_SERVICES.items():
            head.append(name)
            cols.append(ex.answers(key, side, ex.EN.get))
    path = ex.xlsx(tmp_path / "Kano(1-8).xlsx", [head] + [[c[k] for c in cols] for k in range(8)])
    survey = read_survey(path)
    assert_canonical(survey, ex.EN_SERVICES)
    assert set(survey.pairing["found_by"]) == {"order"}
    assert any("Microsoft Forms" in str(n) for n in survey.notes)
    assert any("questionnaire order" in str(n) for n in survey.notes)


@pytest.mark.parametrize(
    ("f", "d"),
    [
        ("Q7[SQ00{j}]", "Q8[SQ00{j}]"),  # code headings: pair by questionnaire order
        ("Q7[SQ00{j}]. If the service is provided, how do you feel? [{s}]",
         "Q8[SQ00{j}]. If the service is not provided, how do you feel? [{s}]"),
        ("If the service is provided, how do you feel? [{s}]",
         "If the service is not provided, how do you feel? [{s}]"),
    ],
)  # fmt: skip
def test_limesurvey_array_headings(tmp_path, f, d):
    # §8: id, submitdate, lastpage, startlanguage, seed, then one column per subquestion
    columns: dict[str, list] = {"id": list(range(1, 9)), "submitdate": ["2026-09-03"] * 8,
                                "lastpage": [3] * 8, "startlanguage": ["en"] * 8}  # fmt: skip
    names = {}
    for side, template in ((0, f), (1, d)):
        for j, (key, name) in enumerate(ex.EN_SERVICES.items(), start=1):
            columns[template.format(j=j, s=name)] = ex.answers(key, side, ex.EN.get)
            names[key] = name if "{s}" in template else f"SQ00{j}"
    path = tmp_path / "results-survey123.csv"
    path.write_bytes(ex.csv_bytes(ex._columns([], columns)))
    assert_canonical(read_survey(path), names)


def test_alchemer_row_label_before_the_question(tmp_path):
    # §7 [U]: "<row label>:<question title>"
    columns: dict[str, list] = {"Response ID": list(range(1, 9)), "Status": ["Complete"] * 8}
    for side, question in enumerate((ex.QUALTRICS_F, ex.QUALTRICS_D)):
        for key, name in ex.EN_SERVICES.items():
            columns[f"{name}:{question}"] = ex.answers(key, side, ex.EN.get)
    path = tmp_path / "alchemer.csv"
    path.write_bytes(ex.csv_bytes(ex._columns([], columns)))
    assert_canonical(read_survey(path), ex.EN_SERVICES)
