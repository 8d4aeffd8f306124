"""English and Chinese names used in tables, sheets and charts.

The quadrant names are the users' own words from the source documents
(``docs/domain.md``, "Loyalty and its drivers"): 重点改进 / 罪魁祸首,
保持并优化, 维持, 潜在流失区.
"""

from __future__ import annotations

from kano.labels import LANGS, check_lang  # noqa: F401 - one language check for the toolkit

#: Quadrant keys in the order they are listed (action priority).
QUADRANTS = ("improve", "keep", "maintain", "latent_churn")

QUADRANT_NAMES = {
    "en": {
        "improve": "Improve first (chief cause of churn)",
        "keep": "Keep and defend (competitors attack here)",
        "maintain": "Maintain (possible overkill)",
        "latent_churn": "Latent-churn zone (adjust as needed)",
    },
    "zh": {
        "improve": "重点改进(流失的罪魁祸首)",
        "keep": "保持并优化(竞争对手首先攻击)",
        "maintain": "维持(可能投入过度)",
        "latent_churn": "潜在流失区(按需调整)",
    },
}

#: Short quadrant names for chart corners.
QUADRANT_SHORT = {
    "en": {
        "improve": "Improve first\n(chief cause of churn)",
        "keep": "Keep and defend",
        "maintain": "Maintain\n(possible overkill)",
        "latent_churn": "Latent-churn zone\n(adjust as needed)",
    },
    "zh": {
        "improve": "重点改进\n(罪魁祸首)",
        "keep": "保持并优化",
        "maintain": "维持",
        "latent_churn": "潜在流失区\n(按需调整)",
    },
}

ZONE_NAMES = {
    "en": {"dissatisfied": "Dissatisfied", "neither": "Neither", "satisfied": "Satisfied"},
    "zh": {"dissatisfied": "不满意区", "neither": "没有满意/没有不满意区", "satisfied": "满意区"},
}

SEGMENT_NAMES = {
    "en": {"key_account": "Key account", "business": "Business", "public": "Public"},
    "zh": {"key_account": "大客户", "business": "商业客户", "public": "公众客户"},
}

#: Display names of the default drivers and driver families.
DRIVER_NAMES = {
    "en": {
        "price": "Price",
        "network": "Network quality",
        "service": "Service quality",
        "billing": "Billing accuracy",
        "value_added": "Value-added services",
        "loyalty_points": "Loyalty points",
        "tenure": "Tenure",
        "customer_traits": "Customer traits",
        "competitors": "Competitors",
        "loyalty_index": "Loyalty index",
    },
    "zh": {
        "price": "资费/价格",
        "network": "通信质量",
        "service": "服务质量",
        "billing": "账单准确性",
        "value_added": "增值业务",
        "loyalty_points": "积分计划",
        "tenure": "在网时长",
        "customer_traits": "客户特征",
        "competitors": "竞争对手",
        "loyalty_index": "忠诚度指数",
    },
}

SHEETS = {
    "en": {
        "drivers": "Drivers",
        "derived": "Derived importance",
        "compare": "Stated vs derived",
        "quadrant_prob": "Quadrant probability",
        "loyalty": "Loyalty",
        "zones": "Satisfaction zones",
        "segments": "Segments",
        "segment_means": "Segment means",
        "segment_tests": "Segment tests",
        "missing": "Missing values",
        "method": "Method",
    },
    "zh": {
        "drivers": "驱动因素",
        "derived": "推导重要性",
        "compare": "陈述与推导对比",
        "quadrant_prob": "象限概率",
        "loyalty": "忠诚度",
        "zones": "满意度分区",
        "segments": "细分",
        "segment_means": "细分均值",
        "segment_tests": "细分差异检验",
        "missing": "缺失值",
        "method": "方法说明",
    },
}

HEADERS_ZH = {
    "driver": "驱动因素",
    "n_items": "满意度题项数",
    "n_importance_items": "重要性题项数",
    "columns": "输入列",
    "segment": "细分",
    "n_importance": "重要性样本数",
    "n_satisfaction": "满意度样本数",
    "importance": "重要性",
    "importance_low": "重要性95%下限",
    "importance_high": "重要性95%上限",
    "satisfaction": "满意度",
    "satisfaction_low": "满意度95%下限",
    "satisfaction_high": "满意度95%上限",
    "importance_pct": "重要性(0-100)",
    "satisfaction_pct": "满意度(0-100)",
    "gap": "差距(重要性-满意度)",
    "priority_score": "优先度得分",
    "priority": "优先级",
    "quadrant": "象限",
    "quadrant_name": "象限名称",
    "quadrant_probability": "象限概率",
    "importance_source": "重要性来源",
    "players": "变量",
    "n": "样本数",
    "r": "相关系数",
    "beta": "标准化β",
    "johnson": "Johnson相对权重",
    "johnson_low": "Johnson 95%下限",
    "johnson_high": "Johnson 95%上限",
    "johnson_share": "Johnson占R²比例",
    "shapley": "Shapley/LMG",
    "shapley_low": "Shapley 95%下限",
    "shapley_high": "Shapley 95%上限",
    "shapley_share": "Shapley占R²比例",
    "rank": "排名",
    "p_improve": "P(重点改进)",
    "p_keep": "P(保持并优化)",
    "p_maintain": "P(维持)",
    "p_latent_churn": "P(潜在流失区)",
    "stated_rank": "陈述重要性排名",
    "derived_rank": "推导重要性排名",
    "rank_difference": "排名差",
    "stated_high": "陈述重要性高",
    "derived_high": "推导重要性高",
    "agree": "是否一致",
    "zone": "分区",
    "zone_name": "分区名称",
    "mean_loyalty": "平均忠诚度",
    "loyalty_low": "忠诚度95%下限",
    "loyalty_high": "忠诚度95%上限",
    "sat_from": "满意度下限",
    "sat_to": "满意度上限",
    "measure": "指标",
    "value": "值",
    "ci_low": "95%下限",
    "ci_high": "95%上限",
    "variable": "变量",
    "mean": "均值",
    "test": "检验",
    "statistic": "统计量",
    "df": "自由度",
    "p": "p值",
    "p_adjusted": "BH校正p值",
    "significant": "显著(5%)",
    "n_groups": "组数",
    "n_missing": "缺失数",
    "column": "列",
    "role": "角色",
    "item": "项目",
}


def quadrant_name(key: str, lang: str = "en") -> str:
    """The users' name of quadrant ``key`` in ``lang``."""
    return QUADRANT_NAMES[lang][key]


def driver_name(key: str, lang: str = "en") -> str:
    """Display name of a default driver, or ``key`` itself for user-named drivers."""
    return DRIVER_NAMES[lang].get(key, key)


def header(column: str, lang: str = "en") -> str:
    """Column header as shown in the workbook."""
    if lang == "zh":
        return HEADERS_ZH.get(column, column)
    return column


def sheet(key: str, lang: str = "en") -> str:
    """Sheet name in ``lang``."""
    return SHEETS[lang][key]
