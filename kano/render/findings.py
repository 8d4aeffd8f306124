"""Findings (:class:`kano.shared.records.Finding`) put into sentences, in English or Chinese."""

from __future__ import annotations

from kano.shared.i18n import name, p_value, text
from kano.shared.records import Finding


def test_name(test: str, lang: str) -> str:
    """A test as named in a sentence (``chi2``, ``fisher``, ``fisher (Monte Carlo)``)."""
    return name("test", test, lang)


def _p_tail(finding: Finding, lang: str) -> str:
    p = float(finding.params["p"])
    shown = p_value(p, lang)  # "< 0.001" below the print precision, else "= 0.031"
    return text("finding.p_tail", lang, p=shown if shown.startswith("<") else f"= {shown}",
                test=test_name(str(finding.params["test"]), lang))  # fmt: skip


def finding_text(finding: Finding, lang: str = "en") -> str:
    """The sentence of one finding in ``lang``."""
    kind = finding.kind
    if kind == "segment_difference":
        parts = []
        for k, (group, cat, share) in enumerate(finding.params["groups"]):
            coded = finding.params.get("coded", False)
            words = {"group": name("segment", group, lang) if coded else group,
                     "service": finding.subject,
                     "category": cat, "name": name("category", cat, lang),
                     "name_lower": name("category", cat, lang).lower(),
                     "share": f"{share:.0%}"}  # fmt: skip
            parts.append(text("finding.segment_first" if k == 0 else "finding.segment_next",
                              lang, **words))  # fmt: skip
        return text("finding.segment_sep", lang).join(parts) + _p_tail(finding, lang)
    if kind == "migration":
        a, b = finding.params["category_a"], finding.params["category_b"]
        return text("finding.migration", lang, service=finding.subject,
                    wave_a=finding.params["wave_a"], wave_b=finding.params["wave_b"],
                    category_a=a, category_b=b, name_a=name("category", a, lang),
                    name_b=name("category", b, lang),
                    name_a_lower=name("category", a, lang).lower(),
                    name_b_lower=name("category", b, lang).lower()) + _p_tail(finding, lang)  # fmt: skip
    if kind == "shift":
        p = finding.params
        return text("finding.shift", lang, subject=finding.subject,
                    metric=text(f"report.{p['metric']}", lang), a=f"{p['a']:.2f}",
                    b=f"{p['b']:.2f}")  # fmt: skip
    if kind == "priority":
        from kano.render.sheets import reason_text

        p = finding.params
        return text("finding.priority", lang, subject=finding.subject, rank=p["rank"],
                    tier=text(f"tier.{p['tier']}", lang), reason=reason_text(p, lang))  # fmt: skip
    if kind == "harm":
        p = finding.params
        return text("finding.harm", lang, subject=finding.subject, rank=p["rank"],
                    category=p["category"], worse=f"{p['worse']:.2f}")  # fmt: skip
    return text(f"finding.{kind}", lang, subject=finding.subject, **finding.params)
