"""Generate the example satisfaction surveys of the carrier (two quarters).

    python examples/make_satisfaction_example.py

writes ``examples/satisfaction_2026Q2.xlsx`` (English headers) and
``examples/satisfaction_2026Q3.xlsx`` (Chinese headers, 是/否 answers). The data
are simulated with KNOWN effects so that tests can check that derived
importance recovers them:

latent overall satisfaction =
    TRUE_EFFECTS[driver] * z(satisfaction with driver)      (rated drivers)
  + 0.15 z(tenure) + 0.20 [key account] + 0.10 [business]   (observed drivers)
  - 0.30 [received a competitor offer] + noise

so the true order of the rated drivers is network > price > service >
billing > value_added > loyalty_points (no effect). Stated importance is set
independently (billing is *said* to matter more than it does) so the
stated-vs-derived view has something to show. Loyalty rises slowly with
satisfaction and steeply above the top of the scale (the X2 effect).
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kano.shared.workbook import SheetSpec, write_workbook

HERE = Path(__file__).resolve().parent

DRIVERS = ("price", "network", "service", "billing", "value_added", "loyalty_points")
#: True standardised effects on latent overall satisfaction.
TRUE_EFFECTS = {
    "network": 0.50,
    "price": 0.38,
    "service": 0.26,
    "billing": 0.14,
    "value_added": 0.06,
    "loyalty_points": 0.0,
}
STATED_MEAN = {  # mean stated importance on 1-5
    "price": 4.5,
    "network": 4.4,
    "service": 3.9,
    "billing": 4.3,
    "value_added": 3.1,
    "loyalty_points": 2.9,
}
SAT_MEAN = {  # mean satisfaction on 1-5
    "price": 2.9,
    "network": 3.9,
    "service": 3.4,
    "billing": 3.8,
    "value_added": 3.0,
    "loyalty_points": 3.9,
}
ZH = {
    "price": "资费",
    "network": "通信质量",
    "service": "服务质量",
    "billing": "账单准确性",
    "value_added": "增值业务",
    "loyalty_points": "积分计划",
}
AGE_BANDS = ("18-24", "25-34", "35-44", "45-54", "55+")
REGIONS_EN = ("East", "West", "South", "North", "Centre")
REGIONS_ZH = ("东区", "西区", "南区", "北区", "中心区")


def _likert(latent: np.ndarray, mean: float, low: int, high: int) -> np.ndarray:
    """Round ``mean + latent`` onto ``low..high``."""
    return np.clip(np.rint(mean + latent), low, high)


def simulate(n: int, seed: int, shift: float = 0.0) -> pd.DataFrame:
    """One quarter: ``n`` respondents, English column names, numeric codes."""
    rng = np.random.default_rng(seed)
    business = rng.random(n) < 0.22
    spend = np.where(business, rng.lognormal(6.6, 0.9, n), rng.lognormal(4.7, 0.5, n))
    spend[business & (rng.random(n) < 0.15)] *= 6  # a tail of key accounts
    spend = np.round(spend, 1)
    key = spend > 3000
    tenure = np.minimum(np.rint(rng.exponential(30, n)), 180)
    age = rng.choice(len(AGE_BANDS), n, p=[0.12, 0.28, 0.25, 0.2, 0.15])
    region = rng.integers(0, len(REGIONS_EN), n)
    offer = rng.random(n) < 0.3
    common = rng.normal(0, 0.5, n)  # halo: ratings of one respondent move together
    sat_latent = {d: common + rng.normal(0, 0.9, n) for d in DRIVERS}
    data = {
        "respondent_id": np.arange(1, n + 1),
        "customer_type": np.where(business, "business", "residential"),
        "monthly_spend": spend,
        "tenure_months": tenure,
        "age_band": np.array(AGE_BANDS)[age],
        "region": np.array(REGIONS_EN)[region],
        "competitor_offer": np.where(offer, "yes", "no"),
    }
    for d in DRIVERS:
        data[f"imp_{d}"] = _likert(rng.normal(0, 0.7, n), STATED_MEAN[d], 1, 5)
        data[f"sat_{d}"] = _likert(sat_latent[d], SAT_MEAN[d] + shift, 1, 5)
    z = {d: (data[f"sat_{d}"] - data[f"sat_{d}"].mean()) / data[f"sat_{d}"].std() for d in DRIVERS}
    latent = sum(TRUE_EFFECTS[d] * z[d] for d in DRIVERS)
    latent = latent + 0.15 * (tenure - tenure.mean()) / tenure.std()
    latent = latent + 0.20 * key + 0.10 * (business & ~key) - 0.30 * offer
    latent = latent + rng.normal(0, 0.45, n)
    overall = _likert(1.6 * latent, 6.8, 1, 10)
    data["overall_satisfaction"] = overall
    # loyalty: slow below X2 (8 on 1-10), steep above
    steep = 0.25 * (overall - 5) + 1.2 * np.maximum(overall - 7.5, 0)
    loyal = steep + 0.01 * tenure - 0.5 * offer + rng.normal(0, 0.6, n)
    data["renewed"] = np.where(rng.random(n) < 1 / (1 + np.exp(-(loyal - 0.3))), "yes", "no")
    data["intend_to_stay"] = _likert(0.8 * loyal, 3.0, 1, 5)
    data["recommend"] = _likert(1.6 * loyal, 6.6, 0, 10)
    data["attachment"] = _likert(0.6 * loyal + rng.normal(0, 0.5, n), 2.8, 1, 5)
    frame = pd.DataFrame(data)
    # a few blanks, as in real exports
    for col in (
        "sat_billing",
        "imp_value_added",
        "recommend",
        "attachment",
        "overall_satisfaction",
    ):
        frame[col] = frame[col].mask(rng.random(n) < 0.015)
    return frame


def to_chinese(frame: pd.DataFrame) -> pd.DataFrame:
    """Chinese headers and answers (客户类型 个人/企业, 是/否) as Chinese exports have them."""
    out = pd.DataFrame(
        {
            "编号": frame["respondent_id"],
            "客户类型": frame["customer_type"].map({"business": "企业", "residential": "个人"}),
            "月消费额(元)": frame["monthly_spend"],
            "在网时长(月)": frame["tenure_months"],
            "年龄段": frame["age_band"],
            "地区": frame["region"].map(dict(zip(REGIONS_EN, REGIONS_ZH, strict=True))),
            "收到竞争对手优惠": frame["competitor_offer"].map({"yes": "是", "no": "否"}),
        }
    )
    for d in DRIVERS:
        out[f"{ZH[d]}重要性"] = frame[f"imp_{d}"]
        out[f"{ZH[d]}满意度"] = frame[f"sat_{d}"]
    out["总体满意度"] = frame["overall_satisfaction"]
    out["是否续约"] = frame["renewed"].map({"yes": "是", "no": "否"})
    out["继续使用意愿"] = frame["intend_to_stay"]
    out["推荐意愿(0-10)"] = frame["recommend"]
    out["情感依赖"] = frame["attachment"]
    return out


def main() -> None:
    q2 = simulate(1200, seed=20260401)
    q3 = to_chinese(simulate(1000, seed=20260701, shift=0.15))
    write_workbook(HERE / "satisfaction_2026Q2.xlsx", [SheetSpec("Data", q2)])
    write_workbook(HERE / "satisfaction_2026Q3.xlsx", [SheetSpec("数据", q3)])
    for name in ("satisfaction_2026Q2.xlsx", "satisfaction_2026Q3.xlsx"):
        print(f"wrote examples/{name} ({(HERE / name).stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main()
