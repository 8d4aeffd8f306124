"""Pairing functional/dysfunctional columns by naming convention, wording, or a mapping file."""

from __future__ import annotations

import random

import pytest

from kano.io.pairing import MAPPING_HELP, find_pairs, read_mapping
from kano.shared.errors import MappingFileError, PairingError


def pairs_of(columns) -> dict[str, tuple[str, str]]:
    frame = find_pairs(columns).pairs
    return {
        r.service: (r.functional_column, r.dysfunctional_column)
        for r in frame.itertuples(index=False)
    }


# (functional column, dysfunctional column, expected service) per convention
MARKER_CONVENTIONS = [
    ("Hotline_functional", "Hotline_dysfunctional", "Hotline"),
    ("Hotline_func", "Hotline_dys", "Hotline"),
    ("Hotline_f", "Hotline_d", "Hotline"),
    ("Hotline-F", "Hotline-D", "Hotline"),
    ("Hotline functional", "Hotline dysfunctional", "Hotline"),
    ("functional_Hotline", "dysfunctional_Hotline", "Hotline"),
    ("f_Hotline", "d_Hotline", "Hotline"),
    ("热线正向", "热线反向", "热线"),
    ("热线_正向", "热线_反向", "热线"),
    ("正向_热线", "反向_热线", "热线"),
    ("【正向】热线", "【反向】热线", "热线"),
    ("热线(正向问题)", "热线(反向问题)", "热线"),
    ("熱線_正向問題", "熱線_反向問題", "熱線"),
    ("热线_功能", "热线_非功能", "热线"),
    ("热线-功能", "热线-非功能", "热线"),
    ("热线 功能", "热线 非功能", "热线"),
    ("热线(功能)", "热线(非功能)", "热线"),
    ("功能_热线", "非功能_热线", "热线"),
    ("热线_具备", "热线_不具备", "热线"),
    ("热线（具备）", "热线（不具备）", "热线"),
    ("熱線_具備", "熱線_不具備", "熱線"),
    # a service whose name ends in 功能 ("caller-ID function"): the marker needs a separator
    ("来电显示功能_功能", "来电显示功能_非功能", "来电显示功能"),
]


@pytest.mark.parametrize(("f", "d", "service"), MARKER_CONVENTIONS)
def test_marker_conventions(f, d, service):
    found = find_pairs(["id", f, d, "Region"])
    assert pairs_of(["id", f, d, "Region"]) == {service: (f, d)}
    assert found.pairs["found_by"].tolist() == ["marker"]
    assert found.id_column == "id"
    assert found.unused == ("Region",)


@pytest.mark.parametrize(("f", "d", "service"), MARKER_CONVENTIONS)
def test_marker_conventions_dysfunctional_first(f, d, service):
    assert pairs_of([d, f]) == {service: (f, d)}


# Grid exports: the question, then the service; the side told apart by wording.
GRID_CONVENTIONS = [
    # Qualtrics / SurveyMonkey style "Question - Service"
    (
        "If the company provides the following, how do you feel? - {s}",
        "If the company does not provide the following, how do you feel? - {s}",
    ),
    # Google Forms "Question [Service]"
    ("How do you feel if we offer: [{s}]", "How do you feel if we cancel: [{s}]"),
    (
        "How would you feel if the plan has [{s}]",
        "How would you feel if the plan does not have [{s}]",
    ),
    # Wenjuanxing "问题—服务", the two questions worded differently
    ("如果为您提供以下服务，您感觉？—{s}", "如果取消以下服务，您感觉？—{s}"),
    ("如果提供以下服务，您的感受是：{s}", "如果不提供以下服务，您的感受是：{s}"),
    ("如果有以下服务【{s}】", "如果没有以下服务【{s}】"),
    ("Q5. If it has - {s}", "Q6. If it does not have - {s}"),
]
SERVICES = ["Free 10000 hotline", "VIP lounge", "24h broadband repair"]


@pytest.mark.parametrize(("fq", "dq"), GRID_CONVENTIONS)
def test_grid_exports(fq, dq):
    columns = ["Respondent ID"]
    for s in SERVICES:
        columns += [fq.format(s=s), dq.format(s=s)]
    found = find_pairs(columns)
    assert found.id_column == "Respondent ID"
    assert pairs_of(columns) == {s: (fq.format(s=s), dq.format(s=s)) for s in SERVICES}
    assert set(found.pairs["found_by"]) == {"wording"}


def test_one_question_per_service_chinese_sentences():
    # the questionnaire of source document 000 (docs/methods.md): 如果为您提供X，您感觉？ / 如果取消为您提供X，您感觉？
    services = ["1860及1861免费客户热线服务", "专属客户经理", "营业厅VIP室"]
    columns = []
    for s in services:
        columns += [f"如果为您提供{s}，您感觉？", f"如果取消为您提供{s}，您感觉？"]
    assert pairs_of(columns) == {
        s: (f"如果为您提供{s}，您感觉？", f"如果取消为您提供{s}，您感觉？") for s in services
    }


def test_one_question_per_service_numbered_english_sentences():
    # services are named by what differs between the sentences
    services = ["free hotline", "personal account manager"]
    columns = []
    for k, s in enumerate(services):
        columns += [
            f"Q{2 * k + 1}. If we provide a {s}, how do you feel?",
            f"Q{2 * k + 2}. If we do not provide a {s}, how do you feel?",
        ]
    assert pairs_of(columns) == {
        s: (
            f"Q{2 * k + 1}. If we provide a {s}, how do you feel?",
            f"Q{2 * k + 2}. If we do not provide a {s}, how do you feel?",
        )
        for k, s in enumerate(services)
    }


@pytest.mark.parametrize("seed", range(5))
def test_column_order_does_not_matter(seed):
    columns = ["编号", "Region"]
    for s in ["热线", "客户经理", "VIP室"]:
        columns += [f"{s}_正向", f"{s}_反向"]
    expected = pairs_of(columns)
    shuffled = columns[:]
    random.Random(seed).shuffle(shuffled)
    assert pairs_of(shuffled) == expected
    assert find_pairs(shuffled).id_column == "编号"


def test_mixed_conventions_in_one_file():
    columns = [
        "Hotline_functional",
        "Hotline_dysfunctional",
        "How do you feel if we offer: [Lounge]",
        "How do you feel if we cancel: [Lounge]",
    ]
    found = find_pairs(columns).pairs.set_index("service")
    assert found.loc["Hotline", "found_by"] == "marker"
    assert found.loc["Lounge", "found_by"] == "wording"


def test_single_letter_marker_on_one_side_is_not_a_kano_column():
    # "grade_d" has no partner and only a one-letter marker: left alone, not an error
    found = find_pairs(["grade_d", "Hotline_f", "Hotline_d"])
    assert pairs_of(["grade_d", "Hotline_f", "Hotline_d"]) == {
        "Hotline": ("Hotline_f", "Hotline_d")
    }
    assert found.unused == ("grade_d",)


def test_importance_columns_are_attached():
    columns = ["Hotline_functional", "Hotline_dysfunctional", "Hotline_importance",
               "Lounge_functional", "Lounge_dysfunctional", "重要性_Lounge"]  # fmt: skip
    found = find_pairs(columns).pairs.set_index("service")
    assert found.loc["Hotline", "importance_column"] == "Hotline_importance"
    assert found.loc["Lounge", "importance_column"] == "重要性_Lounge"


def test_grid_importance_question_is_not_a_kano_side():
    columns = [
        "How do you feel if we offer: [Hotline]",
        "How do you feel if we cancel: [Hotline]",
        "How important is this to you: [Hotline]",
    ]
    found = find_pairs(columns).pairs
    assert found["importance_column"].tolist() == ["How important is this to you: [Hotline]"]


# ------------------------------------------------------------------ ambiguity


@pytest.mark.parametrize(
    ("columns", "candidates"),
    [
        # two functional candidates for one service
        (["Hotline_f", "Hotline_func", "Hotline_d"], ["Hotline_f", "Hotline_func", "Hotline_d"]),
        (
            ["Hotline_functional", "hotline functional", "Hotline_dysfunctional"],
            ["Hotline_functional", "hotline functional", "Hotline_dysfunctional"],
        ),
        # a marked column without a partner, in a file that uses the markers
        (
            ["Hotline_functional", "Hotline_dysfunctional", "Lounge_functional"],
            ["Lounge_functional"],
        ),
        # grid: the same service asked twice on the functional side
        (
            ["If we offer: [Hotline]", "If we offer: [Hotline] ", "If we cancel: [Hotline]"],
            ["If we offer: [Hotline]", "If we cancel: [Hotline]"],
        ),
    ],
)
def test_ambiguous_pairing_lists_candidates_and_mapping_hint(columns, candidates):
    with pytest.raises(PairingError) as err:
        find_pairs(columns, source="survey.xlsx, sheet 'Data'")
    msg = err.value.cli_message()  # on the command line the option is a flag
    assert msg.startswith("survey.xlsx, sheet 'Data'")
    for c in candidates:
        assert repr(c) in msg
    assert MAPPING_HELP.replace("{opt:mapping}", "--mapping") in msg and "--mapping" in msg
    assert "service,functional,dysfunctional" in msg


def test_nothing_pairs():
    with pytest.raises(PairingError) as err:
        find_pairs(["Region", "Age", "Spend"])
    msg = err.value.cli_message()
    assert "'Region'" in msg and "--mapping" in msg


def test_same_service_from_two_conventions():
    columns = ["Hotline_f", "Hotline_d", "If we offer: [Hotline]", "If we cancel: [Hotline]"]
    with pytest.raises(PairingError, match="Hotline.*more than one column pair"):
        find_pairs(columns)


# ------------------------------------------------------------------ mapping files

DATA_COLUMNS = ["RID", "Q5", "Q6", "Q7", "Q8", "Q9", "Segment"]


def _check_mapping(pairing):
    frame = pairing.pairs.set_index("service")
    assert list(frame.index) == ["Hotline", "Lounge"]
    assert tuple(frame.loc["Hotline", ["functional_column", "dysfunctional_column"]]) == (
        "Q5",
        "Q6",
    )
    assert tuple(frame.loc["Lounge", ["functional_column", "dysfunctional_column"]]) == ("Q7", "Q8")
    assert frame.loc["Lounge", "importance_column"] == "Q9"
    assert frame.loc["Hotline", "importance_column"] == ""
    assert set(frame["found_by"]) == {"mapping"}
    assert "Segment" in pairing.unused


def test_mapping_csv(tmp_path):
    path = tmp_path / "map.csv"
    path.write_text(
        "service,functional,dysfunctional,importance\nHotline,Q5,Q6,\nLounge,Q7,Q8,Q9\n",
        encoding="utf-8",
    )
    _check_mapping(read_mapping(path, DATA_COLUMNS))


def test_mapping_csv_chinese_headers_with_bom(tmp_path):
    path = tmp_path / "map.csv"
    path.write_text(
        "服务,正向,反向,重要性\nHotline,Q5,Q6,\nLounge,Q7,Q8,Q9\n", encoding="utf-8-sig"
    )
    _check_mapping(read_mapping(path, DATA_COLUMNS))


@pytest.mark.parametrize("encoding", ["gbk", "utf-16"])
def test_mapping_csv_as_excel_saves_it_in_china(tmp_path, encoding):
    # Excel's "CSV" on a Chinese Windows is GBK; "Unicode text" is UTF-16
    path = tmp_path / "map.csv"
    path.write_bytes("服务,正向,反向,重要性\nHotline,Q5,Q6,\nLounge,Q7,Q8,Q9\n".encode(encoding))
    _check_mapping(read_mapping(path, DATA_COLUMNS))


def test_mapping_yaml_list(tmp_path):
    path = tmp_path / "map.yaml"
    path.write_text(
        "- {service: Hotline, functional: Q5, dysfunctional: Q6}\n"
        "- {service: Lounge, functional: Q7, dysfunctional: Q8, importance: Q9}\n",
        encoding="utf-8",
    )
    _check_mapping(read_mapping(path, DATA_COLUMNS))


def test_mapping_yaml_dict(tmp_path):
    path = tmp_path / "map.yml"
    path.write_text("services:\n  Hotline: [Q5, Q6]\n  Lounge: [Q7, Q8, Q9]\n", encoding="utf-8")
    _check_mapping(read_mapping(path, DATA_COLUMNS))


def test_mapping_xlsx(tmp_path, write_xlsx):
    import pandas as pd

    frame = pd.DataFrame(
        {
            "service": ["Hotline", "Lounge"],
            "functional": ["Q5", "Q7"],
            "dysfunctional": ["Q6", "Q8"],
            "importance": [None, "Q9"],
        }
    )
    path = write_xlsx(tmp_path / "map.xlsx", frame)
    _check_mapping(read_mapping(path, DATA_COLUMNS))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("service,functional\nHotline,Q5\n", "lacks the column"),
        ("service,functional,dysfunctional\nHotline,Q5,Q60\n", "line 2.*'Q60'.*not in the data"),
        ("service,functional,dysfunctional\nHotline,Q5,Q6\nHotline,Q7,Q8\n", "listed twice"),
    ],
)
def test_bad_mapping_csv(tmp_path, text, message):
    path = tmp_path / "map.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(MappingFileError, match=message):
        read_mapping(path, DATA_COLUMNS)


def test_mapping_file_missing_or_wrong_type(tmp_path):
    with pytest.raises(MappingFileError, match="not found"):
        read_mapping(tmp_path / "none.csv", DATA_COLUMNS)
    path = tmp_path / "map.txt"
    path.write_text("x", encoding="utf-8")
    with pytest.raises(MappingFileError, match=r"\.csv, \.yaml or \.xlsx"):
        read_mapping(path, DATA_COLUMNS)


def test_sentence_services_sharing_letters_keep_whole_words():
    # "Hotline" and "Lounge" both end in "e": the common suffix must not eat into the names
    columns = []
    for s in ["Hotline", "Lounge"]:
        columns += [f"如果为您提供{s}服务，您感觉？", f"如果取消为您提供{s}服务，您感觉？"]
    assert set(pairs_of(columns)) == {"Hotline", "Lounge"}


def test_chinese_sentence_services_sharing_trailing_characters_keep_whole_names():
    # "积分兑换" and "话费兑换" share "兑换": the name is cut at punctuation, not inside the run
    cols = [
        "如果为您提供积分兑换服务，您感觉？",
        "如果取消为您提供积分兑换服务，您感觉？",
        "如果为您提供话费兑换服务，您感觉？",
        "如果取消为您提供话费兑换服务，您感觉？",
    ]
    services = list(find_pairs(cols).pairs["service"])
    assert services == ["积分兑换服务", "话费兑换服务"]


def test_bracketed_markers_pair_but_a_bracketed_letter_is_a_name():
    cols = [
        "Hotline (functional)",
        "Hotline (dysfunctional)",
        "VIP lounge [func]",
        "VIP lounge [dys]",
        "Plan (D)",
    ]
    pairs = find_pairs(cols).pairs
    assert list(pairs["service"]) == ["Hotline", "VIP lounge"]
    assert list(pairs["dysfunctional_column"]) == ["Hotline (dysfunctional)", "VIP lounge [dys]"]


def test_importance_asked_as_a_question_of_its_own():
    cols = [
        "How would you feel if the app had dark mode?",
        "How would you feel if the app did not have dark mode?",
        "How important is dark mode to you?",
        "How would you feel if the app had offline maps?",
        "How would you feel if the app did not have offline maps?",
        "如何评价本次调查的重要性？",  # names no service: not attached
    ]
    pairs = find_pairs(cols).pairs.set_index("service")
    assert pairs.loc["dark mode", "importance_column"] == "How important is dark mode to you?"
    assert pairs.loc["offline maps", "importance_column"] == ""
