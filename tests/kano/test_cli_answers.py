"""Answer wordings and codes through the CLI (issue 9): `--codes reversed`, the
reversed-coding warning, and the suggested answer map written for unknown wordings.

Fixtures are the canonical survey of conftest.py (counts known by hand there) written in
real export layouts (docs: /work/shared/export-formats.md): a 问卷星 按序号 CSV with the
fixed leading columns and one single-choice question per Kano item, coded the SPSSAU way
(1 = 不喜欢 … 5 = 喜欢), and a Qualtrics choice-text CSV with its three header rows.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from cli import app
from kano.io.answers import load_answer_map

runner = CliRunner()
WJX_NAMES = {"Hotline": "免费客服热线", "Lounge": "上门取件"}
WJX_LEADING = ["序号", "提交答卷时间", "所用时间", "来源", "来源详情", "来自IP"]


def invoke(*args):
    return runner.invoke(app, [str(a) for a in args])


def one_line_error(result) -> str:
    assert result.exit_code == 1, result.output
    lines = [ln for ln in result.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.output
    return lines[0]


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def wjx_csv(path: Path, canonical, answer, copies: int = 1, encoding: str = "gbk") -> Path:
    """The canonical survey ``copies`` times as a 问卷星 按序号 CSV (one question per item)."""
    header = list(WJX_LEADING)
    for k, s in enumerate(canonical.services):
        name = WJX_NAMES[s]
        header += [f"{7 + 2 * k}、如果提供{name}，您的感觉是？",
                   f"{8 + 2 * k}、如果不提供{name}，您的感觉是？"]  # fmt: skip
    rows = []
    for copy in range(copies):
        for r in range(len(canonical.ids)):
            seq = copy * len(canonical.ids) + r + 1
            row = [seq, "2026/09/03 12:00:00", "123秒", "手机提交", "N/A", "1.2.3.4(广东-深圳)"]
            for s in canonical.services:
                pair = canonical.pairs[s][r]
                row += ["", ""] if pair is None else [answer(pair[0]), answer(pair[1])]
            rows.append(row)
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerows([header, *rows])
    path.write_bytes(buf.getvalue().encode(encoding))
    return path


def qualtrics_csv(path: Path, canonical, answer) -> Path:
    """The canonical survey as a Qualtrics choice-text CSV: Q7 functional, Q8 dysfunctional."""
    services = ["Free hotline", "Home pickup"]
    ids = ["Q7_1", "Q7_2", "Q8_1", "Q8_2"]
    labels = [f"If the service is provided, how do you feel? - {s}" for s in services]
    labels += [f"If the service is not provided, how do you feel? - {s}" for s in services]
    imports = [f'{{"ImportId":"QID{7 + k // 2}","choiceId":"{k % 2 + 1}"}}' for k in range(4)]
    rows = []
    for r, rid in enumerate(canonical.ids):
        pairs = [canonical.pairs[s][r] for s in canonical.services]
        f = ["" if p is None else answer(p[0]) for p in pairs]
        d = ["" if p is None else answer(p[1]) for p in pairs]
        rows.append([f"R_{rid}", *f, *d])
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerows([["ResponseId", *ids], ["Response ID", *labels],
                      ['{"ImportId":"_recordId"}', *imports], *rows])  # fmt: skip
    path.write_text(buf.getvalue(), encoding="utf-8")
    return path


def summary_of(path: Path) -> dict[str, dict[str, int]]:
    rows = json.loads(path.read_text(encoding="utf-8"))["summary"]
    return {r["service"]: {c: r[c] for c in "AOMIRQ"} for r in rows}


def doubled(counts: dict[str, int]) -> dict[str, int]:
    return {c: 2 * k for c, k in counts.items()}


# --- --codes reversed and the warning ----------------------------------------------------


def test_codes_reversed_reads_an_spssau_coded_file(canonical, tmp_path):
    # SPSSAU codes 1 = 不喜欢 … 5 = 喜欢: the canonical answer k is written 6 - k
    survey = wjx_csv(tmp_path / "spssau.csv", canonical, lambda c: 6 - c, copies=2)
    out = tmp_path / "s.json"
    result = invoke("classify", survey, "--codes", "reversed", "-o", out)
    assert result.exit_code == 0, result.output
    assert "Warning" not in result.stderr
    got = summary_of(out)
    assert got["免费客服热线"] == doubled(canonical.counts["Hotline"])
    assert got["上门取件"] == doubled(canonical.counts["Lounge"])
    method = json.loads(out.read_text(encoding="utf-8"))["method"]
    assert method["Answer map"].startswith("codes 1-5 reversed (1 dislike … 5 like")


def test_reversed_file_read_with_standard_codes_warns(canonical, tmp_path):
    # read standard, the doubled file's services have R+Q 10 of 14 and 10 of 16 (test_stats.py)
    survey = wjx_csv(tmp_path / "spssau.csv", canonical, lambda c: 6 - c, copies=2)
    out = tmp_path / "s.xlsx"
    result = invoke("classify", survey, "-o", out)
    assert result.exit_code == 0, result.output
    text = (
        "R+Q is 30% or more for 2 of 2 services (with at least 10 classified pairs): the answer "
        "codes look reversed (1 = dislike … 5 = like, as SPSSAU writes them). If the "
        "questionnaire listed the answers from dislike to like, rerun with --codes reversed; if "
        "you already did, rerun without it."
    )
    assert result.stderr.strip() == f"Warning: {text}"
    assert text not in result.stdout
    title = openpyxl.load_workbook(out)["Data quality"]["A1"].value
    assert text in title


def test_reversed_warning_in_chinese(canonical, tmp_path):
    survey = wjx_csv(tmp_path / "spssau.csv", canonical, lambda c: 6 - c, copies=2)
    out = tmp_path / "s.xlsx"
    result = invoke("classify", survey, "-o", out, "--lang", "zh")
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith("警告: 在 2 个服务(每个至少 10 对有效答案)中, 有 2 个的 R+Q")
    assert "--codes reversed" in openpyxl.load_workbook(out)["数据质量"]["A1"].value


def test_no_warning_on_the_canonical_survey(canonical, tmp_path):
    # Hotline R+Q = 2*2 of 14 (29%), Lounge 2*2 of 16 (25%): below 30%
    survey = wjx_csv(tmp_path / "wjx.csv", canonical, lambda c: c, copies=2)
    result = invoke("classify", survey, "-o", tmp_path / "s.json")
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    assert summary_of(tmp_path / "s.json")["免费客服热线"] == doubled(canonical.counts["Hotline"])


def test_codes_reversed_with_three_points(tmp_path):
    # written 1 dislike, 2 neutral, 3 like: (3,1) -> O, (3,2) -> A, (2,1) -> M
    path = tmp_path / "s.csv"
    path.write_text("x_functional,x_dysfunctional\n3,1\n3,2\n2,1\n", encoding="utf-8")
    out = tmp_path / "s.json"
    result = invoke("classify", path, "--codes", "reversed", "--points", "3", "-o", out)
    assert result.exit_code == 0, result.output
    assert summary_of(out)["x"] == {"A": 1, "O": 1, "M": 1, "I": 0, "R": 0, "Q": 0}


def test_codes_reversed_in_compare(canonical, tmp_path):
    q2 = wjx_csv(tmp_path / "q2.csv", canonical, lambda c: 6 - c)
    q3 = wjx_csv(tmp_path / "q3.csv", canonical, lambda c: 6 - c)
    out = tmp_path / "waves.xlsx"
    result = invoke("compare", q2, q3, "--codes", "reversed", "-o", out, "--bootstrap", "50")
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(out)
    rows = list(book["Waves"].iter_rows(values_only=True))
    head = list(rows[0])
    for row in rows[1:]:
        rec = dict(zip(head, row, strict=True))
        service = {v: k for k, v in WJX_NAMES.items()}[rec["Service"]]
        assert {c: rec[c] for c in "AOMIRQ"} == canonical.counts[service]
    method = {r[0]: r[1] for r in book["Method"].iter_rows(min_row=2, values_only=True)}
    assert method["Answer map"].startswith("codes 1-5 reversed")


def test_unknown_codes_option(canonical, tmp_path):
    survey = wjx_csv(tmp_path / "s.csv", canonical, lambda c: c)
    line = one_line_error(invoke("classify", survey, "--codes", "backwards"))
    assert "--codes" in line and "backwards" in line


# --- unknown wordings: the suggested map -------------------------------------------------

LOVE = {1: "Love it", 2: "I expect it", 3: "I am neutral", 4: "I tolerate it", 5: "Hate it"}


def test_unknown_wordings_write_a_suggested_map(canonical, tmp_path):
    survey = qualtrics_csv(tmp_path / "survey.csv", canonical, LOVE.get)
    before = sha256(survey)
    line = one_line_error(invoke("classify", survey))
    suggested = tmp_path / "survey_answers.yaml"
    # "Love it" (code 1) is the first cell, row 4 (three header rows) of Q7_1's column;
    # "Hate it" (code 5) first in row 4 too, in the dysfunctional column of Free hotline
    assert line == (
        "Error: survey.csv: 2 answer wordings are not known: 'Love it' (10 cells, first at row "
        "4, column 'If the service is provided, how do you feel? - Free hotline'); 'Hate it' "
        "(7 cells, first at row 4, column 'If the service is not provided, how do you feel? - "
        f"Free hotline'). Check the suggested map in {suggested} and pass it with --answers, or "
        "use --on-invalid skip to leave these answers out (they are then counted)"
    )
    # Love it (1): functional of Hotline 101-103, 107 and Home pickup 101-103, dysfunctional of
    # Hotline 106, 107 and Home pickup 107 = 4 + 3 + 2 + 1 = 10 cells; Hate it (5): functional
    # of Hotline 106 and Home pickup 108, dysfunctional of Hotline 101, 102, 104 and Home
    # pickup 104, 108 = 1 + 1 + 3 + 2 = 7 cells
    assert sha256(survey) == before
    assert not (tmp_path / "survey_kano.xlsx").exists()
    text = suggested.read_text(encoding="utf-8")
    assert '"Love it": like  # guessed: check (10 cells)' in text
    assert '"Hate it": dislike  # guessed: check' in text
    # accepted as it is, the map reads the file: the canonical counts
    out = tmp_path / "s.json"
    result = invoke("classify", survey, "--answers", suggested, "-o", out)
    assert result.exit_code == 0, result.output
    got = summary_of(out)
    assert got["Free hotline"] == canonical.counts["Hotline"]
    assert got["Home pickup"] == canonical.counts["Lounge"]
    assert load_answer_map(suggested).lookup("LOVE IT")[0] == 1


def test_the_suggestion_never_goes_over_an_input(canonical, tmp_path):
    survey = qualtrics_csv(tmp_path / "survey.csv", canonical, LOVE.get)
    answers = tmp_path / "survey_answers.yaml"  # the user's own map, an input of this run
    answers.write_text("Love it: like\n", encoding="utf-8")
    before = sha256(answers)
    line = one_line_error(invoke("classify", survey, "--answers", answers))
    suggested = tmp_path / "survey_answers_suggested.yaml"
    assert f"Check the suggested map in {suggested} and" in line
    assert "'Hate it' (7 cells" in line and "Love it" not in line
    assert sha256(answers) == before
    assert '"Hate it": dislike' in suggested.read_text(encoding="utf-8")


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
def test_a_link_onto_an_input_is_not_followed(canonical, tmp_path):
    survey = qualtrics_csv(tmp_path / "survey.csv", canonical, LOVE.get)
    mapping = tmp_path / "columns.yaml"  # an input: the pairing file of this run
    mapping.write_text(
        "- service: Free hotline\n"
        "  functional: 'If the service is provided, how do you feel? - Free hotline'\n"
        "  dysfunctional: 'If the service is not provided, how do you feel? - Free hotline'\n",
        encoding="utf-8",
    )
    link = tmp_path / "survey_answers.yaml"
    link.symlink_to(mapping)
    before = {p: sha256(p) for p in (survey, mapping)}
    result = invoke("classify", survey, "--mapping", mapping)
    line = one_line_error(result)
    assert "survey_answers_suggested.yaml" in line
    assert {p: sha256(p) for p in (survey, mapping)} == before
    assert link.is_symlink()


def test_numbers_out_of_range_write_no_suggestion(tmp_path):
    path = tmp_path / "codes.csv"
    path.write_text("x_functional,x_dysfunctional\n1,5\n6,5\n0,5\n", encoding="utf-8")
    line = one_line_error(invoke("classify", path))
    assert line.startswith(
        "Error: codes.csv: 2 answer wordings are not known: 6 (1 cell, row 3, column "
        "'x_functional'); 0 (1 cell, row 4, column 'x_functional'). These values are not answer "
        "codes: fix those cells, or recode the numbers in an answer map (e.g. '0: missing') and "
        "pass it with --answers, or use --on-invalid skip"
    )
    assert not (tmp_path / "codes_answers.yaml").exists()


def test_suggestion_that_cannot_be_written(canonical, tmp_path, monkeypatch):
    import kano.io.answers

    def refuse(target):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(kano.io.answers, "atomic_path", refuse)
    survey = qualtrics_csv(tmp_path / "survey.csv", canonical, LOVE.get)
    line = one_line_error(invoke("classify", survey))
    assert line.endswith(
        "The suggested answer map could not be written beside the survey (Permission denied); "
        "write the map yourself and pass it with --answers, or use --on-invalid skip to leave "
        "these answers out (they are then counted)"
    )


def test_on_invalid_skip_counts_unknown_wordings(canonical, tmp_path):
    survey = qualtrics_csv(tmp_path / "survey.csv", canonical, LOVE.get)
    out = tmp_path / "s.json"
    result = invoke("classify", survey, "--on-invalid", "skip", "-o", out)
    assert result.exit_code == 0, result.output
    assert not (tmp_path / "survey_answers.yaml").exists()
    rows = {r["service"]: r for r in json.loads(out.read_text(encoding="utf-8"))["summary"]}
    # Free hotline keeps only its pairs without a 1 or a 5 (both unknown wordings here):
    # 105 (3,3) I; the pairs of 101-104, 106, 107 are skipped (6); 108 is blank
    hot = rows["Free hotline"]
    assert (hot["n"], hot["I"], hot["n_invalid"], hot["n_missing"]) == (1, 1, 6, 1)


def test_compare_writes_the_suggestion_beside_the_wave_that_failed(canonical, tmp_path):
    q2 = wjx_csv(tmp_path / "q2.csv", canonical, lambda c: c)
    q3 = wjx_csv(tmp_path / "q3.csv", canonical, lambda c: "爱死了" if c == 1 else c)
    line = one_line_error(invoke("compare", q2, q3))
    assert line.startswith("Error: q3.csv: 1 answer wording is not known: '爱死了' (")
    assert f"Check the suggested map in {tmp_path / 'q3_answers.yaml'}" in line
    assert '"爱死了": like' in (tmp_path / "q3_answers.yaml").read_text(encoding="utf-8")
    assert not (tmp_path / "q2_answers.yaml").exists()


def test_report_writes_the_suggestion_and_takes_it_with_answers(canonical, tmp_path):
    survey = qualtrics_csv(tmp_path / "survey.csv", canonical, LOVE.get)
    line = one_line_error(invoke("report", survey, "-o", tmp_path / "r", "--quiet"))
    suggested = tmp_path / "survey_answers.yaml"
    assert f"Check the suggested map in {suggested} and pass it with --answers" in line
    assert not list(tmp_path.glob("r*"))
    result = invoke("report", survey, "--answers", suggested, "--bootstrap", "20", "--dpi", "30",
                    "-o", tmp_path / "r", "--quiet")  # fmt: skip
    assert result.exit_code == 0, result.output
    rows = list(openpyxl.load_workbook(tmp_path / "r.xlsx")["Summary"].iter_rows(values_only=True))
    head = list(rows[0])
    got = {r[head.index("Service")]: {c: r[head.index(c)] for c in "AOMIRQ"} for r in rows[1:]}
    # read through the suggested map: the canonical counts
    assert got["Free hotline"] == canonical.counts["Hotline"]
    assert got["Home pickup"] == canonical.counts["Lounge"]


def test_codes_reversed_in_priority(canonical, tmp_path):
    kano_file = tmp_path / "kano.csv"
    canonical.wide(answer=lambda c: 6 - c).to_csv(kano_file, index=False)
    sat = tmp_path / "sat.csv"
    sat.write_text(
        "id,imp_Hotline,sat_Hotline,imp_Lounge,sat_Lounge\n"
        + "".join(f"{k},5,3,4,4\n" for k in range(1, 6)),
        encoding="utf-8",
    )
    out = tmp_path / "prio.xlsx"
    result = invoke("priority", kano_file, "--satisfaction", sat, "--codes", "reversed", "-o", out)
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(out)
    rows = list(book["Priority list"].iter_rows(values_only=True))
    head = list(rows[0])
    category = {r[head.index("Service")]: r[head.index("Category")] for r in rows[1:]}
    # read reversed: the canonical counts, Hotline O (2 of 7) and Lounge A (3 of 8)
    assert category == {"Hotline": "O One-dimensional", "Lounge": "A Attractive"}
    method = {r[0]: r[1] for r in book["Method"].iter_rows(min_row=2, values_only=True)}
    assert method["Answer map"].startswith("codes 1-5 reversed")
