"""English and Chinese names of categories, columns and sheets (``--lang en|zh``).

Chinese terms follow the source documents (see ``../shared/domain.md``).
"""

from __future__ import annotations

from kano.errors import OptionError

LANGS = ("en", "zh")

CATEGORY_NAMES = {
    "en": {
        "A": "Attractive",
        "O": "One-dimensional",
        "M": "Must-be",
        "I": "Indifferent",
        "R": "Reverse",
        "Q": "Questionable",
    },
    "zh": {"A": "魅力", "O": "期望", "M": "必备", "I": "无差异", "R": "反向", "Q": "可疑"},
}

ANSWER_NAMES = {
    "en": {
        1: "I like it",
        2: "It must be that way",
        3: "I am neutral",
        4: "I can live with it",
        5: "I dislike it",
    },
    "zh": {1: "我喜欢", 2: "它应该是那样", 3: "我持中立态度", 4: "我可以忍受", 5: "我不喜欢"},
}

SHEETS = {
    "en": {
        "summary": "Summary",
        "table": "Evaluation table",
        "quality": "Data quality",
        "wordings": "Answer wordings",
        "columns": "Columns",
        "respondents": "Respondents",
        "method": "Method",
    },
    "zh": {
        "summary": "汇总矩阵",
        "table": "评估表",
        "quality": "数据质量",
        "wordings": "答案措辞",
        "columns": "列配对",
        "respondents": "受访者明细",
        "method": "方法说明",
    },
}

COLUMNS = {
    "en": {
        "service": "Service",
        "n": "Total",
        "n_missing": "Missing",
        "n_invalid": "Invalid (skipped)",
        "n_respondents": "Respondents",
        "category": "Category",
        "fong_category": "Category (Fong)",
        "better": "Better",
        "worse": "Worse",
        "fong_first": "Fong: 1st",
        "fong_second": "Fong: 2nd",
        "fong_difference": "Fong: difference",
        "fong_critical": "Fong: critical value",
        "fong_significant": "Fong: significant",
        "chi2": "χ² (M,O,A,I)",
        "chi2_p": "χ² p",
        "category_strength": "Category strength",
        "total_strength": "Total strength",
        "importance_mean": "Importance (mean)",
        "importance_n": "Importance (n)",
        "share_Q_quality": "Q share",
        "share_R_quality": "R share",
        "functional_column": "Functional column",
        "dysfunctional_column": "Dysfunctional column",
        "importance_column": "Importance column",
        "found_by": "Found by",
        "column": "Column",
        "answer": "Answer as written",
        "code": "Code",
        "count": "Count",
        "functional": "Functional answer",
        "respondent": "Respondent",
        "item": "Item",
        "value": "Value",
    },
    "zh": {
        "service": "服务",
        "n": "总数",
        "n_missing": "缺失",
        "n_invalid": "无效(已跳过)",
        "n_respondents": "受访者数",
        "category": "类别",
        "fong_category": "类别(Fong检验)",
        "better": "Better系数",
        "worse": "Worse系数",
        "fong_first": "Fong: 第一",
        "fong_second": "Fong: 第二",
        "fong_difference": "Fong: 差值",
        "fong_critical": "Fong: 临界值",
        "fong_significant": "Fong: 显著",
        "chi2": "χ²(M,O,A,I)",
        "chi2_p": "χ² p值",
        "category_strength": "类别强度",
        "total_strength": "总强度",
        "importance_mean": "重要性(均值)",
        "importance_n": "重要性(样本数)",
        "share_Q_quality": "Q占比",
        "share_R_quality": "R占比",
        "functional_column": "正向问题列",
        "dysfunctional_column": "反向问题列",
        "importance_column": "重要性列",
        "found_by": "识别方式",
        "column": "列",
        "answer": "原始答案",
        "code": "编码",
        "count": "次数",
        "functional": "正向答案",
        "respondent": "受访者",
        "item": "项目",
        "value": "内容",
    },
}


def check_lang(lang: str) -> str:
    """Return ``lang`` if supported, else raise :class:`OptionError`."""
    if lang not in LANGS:
        raise OptionError(f"unknown language {lang!r}: use en or zh")
    return lang


def category_label(letter: str, lang: str) -> str:
    """'M Must-be' / 'M 必备'; combined categories like 'O/M' stay letters."""
    names = CATEGORY_NAMES[lang]
    return f"{letter} {names[letter]}" if letter in names else letter


def column_label(column: str, lang: str) -> str:
    """Header for a library column name; ``share_A`` → 'A %', counts keep their letter."""
    if column.startswith("share_") and len(column) == 7:
        return f"{column[-1]} %"
    return COLUMNS[lang].get(column, column)
