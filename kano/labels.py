"""English and Chinese names of categories, columns and sheets (``--lang en|zh``).

Chinese terms follow the source documents (see ``../shared/domain.md``).
"""

from __future__ import annotations

from kano.shared.errors import OptionError

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
        "intervals": "Intervals",
        "continuous": "Continuous",
        "segments": "Segments",
        "segment_tests": "Segment tests",
        "findings": "Segment findings",
        "wave_findings": "Wave findings",
        "waves": "Waves",
        "wave_tests": "Wave changes",
        "unmatched": "Unmatched services",
        "priority": "Priority list",
        "charts": "Charts",
    },
    "zh": {
        "summary": "汇总矩阵",
        "table": "评估表",
        "quality": "数据质量",
        "wordings": "答案措辞",
        "columns": "列配对",
        "respondents": "受访者明细",
        "method": "方法说明",
        "intervals": "置信区间",
        "continuous": "连续分析",
        "segments": "细分群体",
        "segment_tests": "群体差异检验",
        "findings": "群体差异发现",
        "wave_findings": "各期变化发现",
        "waves": "各期结果",
        "wave_tests": "期间变化",
        "unmatched": "未匹配服务",
        "priority": "优先级清单",
        "charts": "图表",
    },
}

#: How a column pair was found (the Columns sheet).
FOUND_BY = {
    "en": {
        "mapping": "mapping file",
        "marker": "name marker",
        "wording": "question wording",
        "order": "questionnaire order (check)",
        "long layout": "long layout",
        "not paired": "not paired: holds Kano answers",
    },
    "zh": {
        "mapping": "映射文件",
        "marker": "列名标记",
        "wording": "题目措辞",
        "order": "问卷顺序(请核对)",
        "long layout": "长格式",
        "not paired": "未配对：含KANO答案",
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
        "better_ci_low": "Better CI low",
        "better_ci_high": "Better CI high",
        "worse_ci_low": "Worse CI low",
        "worse_ci_high": "Worse CI high",
        "stability": "Category stability",
        "unstable": "Unstable",
        "share": "Share",
        "ci_low": "CI low",
        "ci_high": "CI high",
        "group": "Segment",
        "wave": "Wave",
        "group_a": "Group A",
        "group_b": "Group B",
        "wave_a": "Wave A",
        "wave_b": "Wave B",
        "test": "Test",
        "statistic": "Statistic",
        "p": "p",
        "p_adjusted": "p (BH)",
        "significant": "Significant",
        "better_diff": "Better difference",
        "better_diff_low": "Better diff. CI low",
        "better_diff_high": "Better diff. CI high",
        "worse_diff": "Worse difference",
        "worse_diff_low": "Worse diff. CI low",
        "worse_diff_high": "Worse diff. CI high",
        "n_unsegmented": "No segment",
        "finding": "Finding",
        "category_a": "Category A",
        "category_b": "Category B",
        "migration": "Migration",
        "migration_significant": "Significant migration",
        "continuous_category": "Category (continuous)",
        "present_in": "Present in",
        "missing_from": "Missing from",
        "rank": "Rank",
        "tier": "Action",
        "reason": "Why",
        "importance_pct": "Importance (0-100)",
        "satisfaction_pct": "Satisfaction (0-100)",
        "gap": "Gap (importance - satisfaction)",
        "in": "Only in",
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
        "better_ci_low": "Better置信下限",
        "better_ci_high": "Better置信上限",
        "worse_ci_low": "Worse置信下限",
        "worse_ci_high": "Worse置信上限",
        "stability": "类别稳定性",
        "unstable": "不稳定",
        "share": "占比",
        "ci_low": "置信下限",
        "ci_high": "置信上限",
        "group": "细分群体",
        "wave": "期次",
        "group_a": "群体A",
        "group_b": "群体B",
        "wave_a": "期次A",
        "wave_b": "期次B",
        "test": "检验",
        "statistic": "统计量",
        "p": "p值",
        "p_adjusted": "p值(BH校正)",
        "significant": "显著",
        "better_diff": "Better差值",
        "better_diff_low": "Better差值下限",
        "better_diff_high": "Better差值上限",
        "worse_diff": "Worse差值",
        "worse_diff_low": "Worse差值下限",
        "worse_diff_high": "Worse差值上限",
        "n_unsegmented": "无群体标签",
        "finding": "发现",
        "category_a": "类别A",
        "category_b": "类别B",
        "migration": "类别迁移",
        "migration_significant": "显著迁移",
        "continuous_category": "类别(连续分析)",
        "present_in": "出现于",
        "missing_from": "缺失于",
        "rank": "排名",
        "tier": "行动",
        "reason": "原因",
        "importance_pct": "重要性(0-100)",
        "satisfaction_pct": "满意度(0-100)",
        "gap": "差距(重要性-满意度)",
        "in": "仅出现于",
    },
}


# Comments of the suggested answer map written for unknown wordings (kano.io.answers).
SUGGESTION_TEXT = {
    "en": {
        "source": "Answer wordings of {source} that the toolkit does not know.",
        "header": (
            "This is a SUGGESTION: check every line before you use it.",
            "Each line is 'answer as written: code'; the codes are like, must-be, neutral,",
            "live-with, dislike (or missing for answers that are blanks).",
            "Lines marked 'guessed: check' were guessed from key words: correct any wrong code.",
            "Pass the file with --answers: it adds to the built-in wordings.",
        ),
        "guessed": "guessed: check",
        "cells": "{n} cells",
        "cell": "1 cell",
        "open": "Not guessed: write like, must-be, neutral, live-with, dislike or missing after "
        "the colon, then remove the leading '# '",
        "not_text": "Not listed because they are not text (numbers out of range, dates, "
        "TRUE/FALSE): {n} of the unknown values. Fix those cells, or recode a number here, "
        "e.g. '0: missing'",
        "too_long": "Not listed because they are longer than {limit} characters (not answer "
        "wordings): {n} of the unknown texts. Check those cells",
    },
    "zh": {
        "source": "{source} 中本工具不认识的答案措辞。",
        "header": (
            "以下仅为建议: 使用前请逐行核对。",
            "每行格式为 '原始答案: 编码'; 编码为 like(喜欢)、must-be(理所当然)、neutral(无所谓)、",
            "live-with(能忍受)、dislike(不喜欢), 空白答案写 missing(缺失)。",
            "标有 'guessed: check' 的行由关键词猜测得出: 请改正错误的编码。",
            "用 --answers 传入本文件: 它在内置措辞之外补充新的措辞。",
        ),
        "guessed": "guessed: check 猜测, 请核对",
        "cells": "{n} 个单元格",
        "cell": "1 个单元格",
        "open": "未能猜测: 请在冒号后写 like、must-be、neutral、live-with、dislike 或 missing, "
        "再删去行首的 '# '",
        "not_text": "另有 {n} 个未知值不是文字(超出范围的数字、日期、TRUE/FALSE), 未列出: 请修正这些"
        "单元格, 或在此为数字重新编码, 例如 '0: missing'",
        "too_long": "另有 {n} 个超过 {limit} 个字符的文字未列出: 它们不是答案措辞, 请检查这些单元格",
    },
}

# The word before a warning printed on the terminal.
WARNING_WORD = {"en": "Warning", "zh": "警告"}

# Warnings about the data as a whole (kano.stats.coding_warnings): code -> text per language.
WARNINGS = {
    "en": {
        "reversed_codes": "R+Q is 30% or more for {flagged} of {checked} services (with at least "
        "10 classified pairs): the answer codes look reversed (1 = dislike … 5 = like, as SPSSAU "
        "writes them). If the questionnaire listed the answers from dislike to like, rerun with "
        "--codes reversed; if you already did, rerun without it.",
    },
    "zh": {
        "reversed_codes": "在 {checked} 个服务(每个至少 10 对有效答案)中, 有 {flagged} 个的 R+Q 占比达到 "
        "30% 或以上: 答案编码看起来是反向的(1 = 不喜欢 … 5 = 喜欢, SPSSAU 即如此编码)。如果问卷中的"
        "选项是从“不喜欢”排到“喜欢”, 请加 --codes reversed 重新运行; 如果已经加了, 请去掉它重新运行。",
    },
}


def warning_text(code: str, lang: str, **values: object) -> str:
    """The text of a data warning (see :data:`WARNINGS`) in ``lang``, filled with ``values``."""
    return WARNINGS[check_lang(lang)][code].format(**values)


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
    if column in COLUMNS[lang]:
        return COLUMNS[lang][column]
    if column.startswith("share_") and len(column) == 7:
        return f"{column[-1]} %"
    if column.startswith("win_") and len(column) == 5:
        return f"{column[-1]} wins" if lang == "en" else f"{column[-1]}胜出比例"
    for part in ("functional", "dysfunctional", "importance"):
        if column.startswith(part + "_"):
            stat = column[len(part) + 1 :]
            head = {"functional": ("Functional", "正向得分"), "dysfunctional": ("Dysfunctional", "反向得分"),
                    "importance": ("Importance", "重要性")}[part][lang == "zh"]  # fmt: skip
            tail = {"mean": ("mean", "均值"), "sd": ("SD", "标准差"), "ci_low": ("CI low", "置信下限"),
                    "ci_high": ("CI high", "置信上限")}  # fmt: skip
            if stat in tail:
                return (
                    f"{head} {tail[stat][lang == 'zh']}"
                    if lang == "en"
                    else f"{head}{tail[stat][1]}"
                )
    return column
