"""Kano × IPA priority list: one ranked action list from the Kano category and the
importance–satisfaction position of each service.

The rule (documented in ``docs/methods.md``, "Kano × IPA priority list"):

1. **fix first**: must-be services whose satisfaction is below the crosshair
   (the mean satisfaction of the services compared): a missing or poor
   must-be causes dissatisfaction that nothing else compensates (Kano et al.
   1984; Matzler & Hinterhuber 1998). Lowest satisfaction first.
2. **improve**: one-dimensional services with a positive gap (importance −
   satisfaction, both on 0–100): every step of improvement pays (Martilla &
   James 1977's "concentrate here"). Largest gap first.
3. **differentiate**: attractive services, the differentiators. Largest
   Better first.
4. **maintain**: must-be services at or above the crosshair, and
   one-dimensional services without a gap. Largest |Worse| first.
5. **low priority**: indifferent, reverse and questionable services.
   Highest importance first.

Reproducible from the two tables alone: the Kano summary (``service,
category, better, worse``) and an IPA table (``service, importance_pct,
satisfaction_pct``; ``gap`` is recomputed as their difference).
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from kano.shared.errors import OptionError
from kano.shared.text import key

#: Action tiers, in order (codes; the catalogue names them: ``tier.<code>``).
TIERS = ("fix_first", "improve", "differentiate", "maintain", "low_priority")


def priority_list(
    kano_summary: pd.DataFrame,
    ipa_table: pd.DataFrame,
    satisfaction_cross: float | None = None,
    links: Mapping[str, str] | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Rank services by the Kano × IPA rule.

    Parameters
    ----------
    kano_summary:
        ``service, category, better, worse`` (e.g. :func:`kano.stats.summarize`).
    ipa_table:
        ``service`` (or ``driver``), ``importance_pct``, ``satisfaction_pct``
        on 0–100 (e.g. ``satisfaction.ipa(...).table``).
    satisfaction_cross:
        Satisfaction crosshair on 0–100; when ``None``, the mean satisfaction of the
        IPA rows matched (each once, however many services share it).
    links:
        Kano service -> the IPA row (its ``service``/``driver`` value) that measures it,
        for services named differently in the two surveys (:func:`kano.io.links.read_links`);
        other services are matched by name.

    Returns
    -------
    (priorities, unmatched). ``priorities``: ``rank, service, tier`` (a code of
    :data:`TIERS`), ``category, better, worse, importance_pct, satisfaction_pct,
    gap, satisfaction_cross`` (the crosshair the tiers used), ``driver`` (the IPA row
    matched);
    ``unmatched``: services found in only one of the tables (``service, in`` =
    ``Kano`` or ``IPA``). Services are matched by name, ignoring case, width,
    spaces and punctuation.
    """
    ipa = ipa_table.rename(columns={"driver": "service"})
    missing = {"service", "importance_pct", "satisfaction_pct"} - set(ipa.columns)
    if missing:
        raise OptionError(f"the IPA table lacks the column(s) {', '.join(sorted(missing))}")
    kano = kano_summary[["service", "category", "better", "worse"]].copy()
    links = dict(links or {})
    kano["key"] = [key(links.get(s, s)) for s in kano["service"]]
    ipa = ipa[["service", "importance_pct", "satisfaction_pct"]].rename(
        columns={"service": "driver"}
    )
    ipa["key"] = ipa["driver"].map(key)
    merged = kano.merge(ipa, on="key", how="inner")
    unmatched = pd.DataFrame(
        [(s, "Kano") for s in kano.loc[~kano["key"].isin(ipa["key"]), "service"]]
        + [(s, "IPA") for s in ipa.loc[~ipa["key"].isin(kano["key"]), "driver"]],
        columns=["service", "in"],
    )
    if merged.empty:
        raise OptionError(
            "no service appears in both the Kano and the satisfaction data; name them alike "
            f"or give a link file ({{opt:links}}) (Kano: {', '.join(map(str, kano['service'][:6]))}; "
            f"IPA: {', '.join(map(str, ipa['driver'][:6]))})"
        )
    cross = (
        float(merged.drop_duplicates("key")["satisfaction_pct"].mean())
        if satisfaction_cross is None
        else satisfaction_cross
    )
    merged["gap"] = merged["importance_pct"] - merged["satisfaction_pct"]
    cat = merged["category"].astype(str).str[:1]
    low_sat = merged["satisfaction_pct"] < cross
    tier = np.select(
        [
            (cat == "M") & low_sat,
            (cat == "O") & (merged["gap"] > 0),
            cat == "A",
            cat.isin(["M", "O"]),
        ],
        [0, 1, 2, 3],
        default=4,  # indifferent, reverse, questionable: never ranked as needs
    )
    merged["tier_index"] = tier
    # one sort key per tier, smaller = earlier
    merged["order"] = np.select(
        [tier == 0, tier == 1, tier == 2, tier == 3],
        [merged["satisfaction_pct"], -merged["gap"], -merged["better"], -merged["worse"].abs()],
        default=-merged["importance_pct"],
    )
    merged = merged.sort_values(["tier_index", "order", "service"], kind="stable").reset_index(
        drop=True
    )
    merged["rank"] = np.arange(1, len(merged) + 1)
    merged["tier"] = [TIERS[t] for t in merged["tier_index"]]
    merged["satisfaction_cross"] = cross
    cols = ["rank", "service", "tier", "category", "better", "worse", "driver",
            "importance_pct", "satisfaction_pct", "gap", "satisfaction_cross"]  # fmt: skip
    return merged[cols], unmatched
