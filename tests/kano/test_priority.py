"""Kano × IPA priority list (issue 4): the rule of docs/methods.md on a constructed case
with every tier, the order within tiers, name matching and the unmatched services."""

from __future__ import annotations

import pandas as pd
import pytest

from kano.priority import priority_list
from kano.render.sheets import priority_words
from kano.shared.errors import OptionError

# service: (Kano category, Better, Worse, importance %, satisfaction %)
CASE = {
    "Hotline": ("M", 0.30, -0.80, 90, 40),  # must-be, satisfaction 40 < mean 60 -> fix first
    "Network": ("M", 0.20, -0.90, 95, 20),  # must-be, lowest satisfaction -> fix first, 1st
    "Billing": ("M", 0.25, -0.70, 80, 60),  # must-be, satisfaction = mean 60 -> maintain
    "Roaming": ("O", 0.60, -0.60, 85, 55),  # one-dimensional, gap 30 -> improve
    "App": ("O", 0.55, -0.50, 80, 70),  # one-dimensional, gap 10 -> improve, after Roaming
    "Points": ("O", 0.50, -0.65, 60, 75),  # one-dimensional, gap -15 -> maintain
    "Lounge": ("A", 0.70, -0.20, 50, 80),  # attractive, Better 0.70 -> differentiate
    "Concierge": ("A", 0.85, -0.10, 40, 85),  # attractive, Better 0.85 -> differentiate, 1st
    "Stickers": ("I", 0.10, -0.10, 20, 65),  # indifferent, importance 20 -> low priority
    "Ringtone": ("R", 0.05, -0.05, 30, 70),  # reverse, importance 30 -> low priority, 1st
}
# mean satisfaction of the ten services: (40 + 20 + 60 + 55 + 70 + 75 + 80 + 85 + 65 + 70)/10 = 62


def tables(case=CASE, kano_extra=(), ipa_extra=()):
    kano = pd.DataFrame(
        [(s, c, b, w) for s, (c, b, w, _, _) in case.items()] + list(kano_extra),
        columns=["service", "category", "better", "worse"],
    )
    ipa = pd.DataFrame(
        [(s, i, sat) for s, (_, _, _, i, sat) in case.items()] + list(ipa_extra),
        columns=["driver", "importance_pct", "satisfaction_pct"],
    )
    return kano, ipa


def test_every_tier_in_order_with_the_order_within_tiers():
    kano, ipa = tables()
    # the crosshair is the mean satisfaction: 620 / 10 = 62, so Billing (60) is below it;
    # set it to 60 explicitly to put Billing exactly on the line (-> maintain)
    out, unmatched = priority_list(kano, ipa, satisfaction_cross=60)
    assert out["service"].tolist() == [
        "Network", "Hotline",  # fix first: satisfaction 20, 40 (lowest first)
        "Roaming", "App",  # improve: gap 30, 10 (largest first)
        "Concierge", "Lounge",  # differentiate: Better 0.85, 0.70
        "Billing", "Points",  # maintain: |Worse| 0.70, 0.65
        "Ringtone", "Stickers",  # low priority: importance 30, 20
    ]  # fmt: skip
    assert out["tier"].tolist() == (  # codes; the catalogue names them
        ["fix_first"] * 2 + ["improve"] * 2 + ["differentiate"] * 2 + ["maintain"] * 2
        + ["low_priority"] * 2
    )  # fmt: skip
    assert priority_words(out, "en")["tier"].tolist()[:2] == ["fix first"] * 2
    assert out["rank"].tolist() == list(range(1, 11))
    gaps = out.set_index("service")["gap"]
    assert gaps["Roaming"] == 30 and gaps["Points"] == -15
    assert unmatched.empty


def test_default_crosshair_is_the_mean_satisfaction():
    kano, ipa = tables()
    # mean of (40, 20, 60, 55, 70, 75, 80, 85, 65, 70) = 620/10 = 62: Billing (60) is now
    # below it and a must-be -> fix first, after Network (20) and Hotline (40)
    out, _ = priority_list(kano, ipa)
    assert out["service"].tolist()[:3] == ["Network", "Hotline", "Billing"]
    assert out.set_index("service").loc["Billing", "tier"] == "fix_first"
    words = priority_words(out, "en").set_index("service")
    assert "below the average 62" in words.loc["Billing", "reason"]


def test_reasons_say_why():
    kano, ipa = tables()
    table = priority_list(kano, ipa, satisfaction_cross=60)[0]
    out = priority_words(table, "en").set_index("service")["reason"]
    assert out["Network"].startswith("must-be with satisfaction 20 below the average 60")
    assert "importance 30 points above satisfaction" in out["Roaming"]
    assert "Better 0.85" in out["Concierge"]
    assert "maintain" in out["Billing"] and "low priority" in out["Stickers"]
    zh = priority_words(table, "zh").set_index("service")
    assert zh.loc["Network", "tier"] == "优先修复" and "必备型" in zh.loc["Network", "reason"]


def test_names_matched_loosely_and_unmatched_reported():
    case = {"Dedicated_Manager": ("M", 0.2, -0.8, 90, 30), "HOTLINE": ("O", 0.6, -0.6, 80, 50)}
    kano, ipa = tables(case, kano_extra=[("Gift box", "A", 0.7, -0.1)])
    ipa["driver"] = ["dedicated manager", "ｈｏｔｌｉｎｅ"]  # full-width letters
    ipa = pd.concat(
        [ipa, pd.DataFrame([("Price", 70, 40)], columns=ipa.columns)], ignore_index=True
    )
    out, unmatched = priority_list(kano, ipa)
    assert out["service"].tolist() == ["Dedicated_Manager", "HOTLINE"]
    assert sorted(map(tuple, unmatched.values.tolist())) == [("Gift box", "Kano"), ("Price", "IPA")]


def test_errors():
    kano, ipa = tables({"A1": ("A", 0.5, -0.1, 50, 50)})
    other = ipa.assign(driver=["Something else"])
    with pytest.raises(OptionError, match="no service appears in both"):
        priority_list(kano, other)
    with pytest.raises(OptionError, match="satisfaction_pct"):
        priority_list(kano, ipa.drop(columns="satisfaction_pct"))


# --- links: Kano services measured by a driver of another name ----------------------------


def test_linked_services_share_their_drivers_numbers_and_the_crosshair_counts_each_once():
    kano = pd.DataFrame(
        [("Hotline", "M", 0.30, -0.80), ("Manager", "O", 0.55, -0.60),
         ("Bill SMS", "I", 0.20, -0.30), ("price", "O", 0.50, -0.70)],
        columns=["service", "category", "better", "worse"],
    )  # fmt: skip
    ipa = pd.DataFrame(
        [("service", 80.0, 50.0), ("billing", 70.0, 90.0), ("price", 90.0, 40.0),
         ("network", 60.0, 60.0)],
        columns=["driver", "importance_pct", "satisfaction_pct"],
    )  # fmt: skip
    links = {"Hotline": "service", "Manager": "service", "Bill SMS": "billing"}
    got, unmatched = priority_list(kano, ipa, links=links)
    # crosshair: the drivers matched once each: (50 + 90 + 40) / 3 = 60
    assert got["satisfaction_cross"].unique().tolist() == [60.0]
    rows = got.set_index("service")
    # Hotline (M) and Manager (O) both read service's 80 / 50: M below 60 -> fix first;
    # O with gap 80 - 50 = 30 -> improve; price (O, named alike) gap 90 - 40 = 50 -> improve first
    assert rows.loc["Hotline", ["driver", "importance_pct", "satisfaction_pct"]].tolist() == [
        "service", 80.0, 50.0]  # fmt: skip
    assert got["service"].tolist() == ["Hotline", "price", "Manager", "Bill SMS"]
    assert got["tier"].tolist() == ["fix_first", "improve", "improve", "low_priority"]
    assert unmatched.values.tolist() == [["network", "IPA"]]


def test_link_file_lines_are_checked(tmp_path):
    from kano.io.links import read_links
    from kano.shared.errors import MappingFileError

    drivers = {"service": "service", "Service quality": "service", "服务质量": "service"}
    path = tmp_path / "links.csv"
    path.write_text("service,driver\n１００００热线,服务质量\n", encoding="utf-8")
    # width and case are ignored: the full-width digits name the service 10000热线
    assert read_links(path, ["10000热线"], drivers) == {"10000热线": "service"}
    path.write_text("service,driver\n10000热线,服务\n", encoding="utf-8")
    with pytest.raises(MappingFileError, match=r"line 2: '服务' is no driver .* '服务质量'"):
        read_links(path, ["10000热线"], drivers)
    path.write_text("service,driver\n热线,服务质量\n", encoding="utf-8")
    with pytest.raises(MappingFileError, match=r"line 2: '热线' is no service of the Kano"):
        read_links(path, ["10000热线"], drivers)
    path.write_text("service: 服务质量\n", encoding="utf-8")
    path = path.rename(tmp_path / "links.yaml")
    path.write_text("10000热线: 服务质量\n10000热线 : service\n", encoding="utf-8")
    with pytest.raises(MappingFileError):  # the same service twice
        read_links(path, ["10000热线"], drivers)
