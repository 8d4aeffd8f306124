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


def _action(action: str, lang: str) -> str:
    return text("finding.action_tail", lang, action=action)


def _segment_action(finding: Finding, lang: str) -> str:
    """What to do where segments differ: per category that asks for action (must-be,
    one-dimensional, attractive), the segments that see the service so."""
    coded = finding.params.get("coded", False)
    steps = []
    for cat in ("M", "O", "A"):
        groups = [name("segment", g, lang) if coded else str(g)
                  for g, c, _ in finding.params["groups"] if c == cat]  # fmt: skip
        if groups:
            joined = text("word.list_sep", lang).join(groups)
            steps.append(text(f"segment.action_{cat}", lang, groups=joined))
    if not steps:
        return text("segment.action", lang)
    return text("segment.action_sep", lang).join(steps)


def finding_text(finding: Finding, lang: str = "en") -> str:
    """The sentence of one finding in ``lang``."""
    words = _finding_words(finding, lang)
    # A sentence that opens with the catalogue's segment word ("business customers treat …")
    # starts with a capital; a segment named in the user's data stays as written.
    if lang == "en" and finding.kind == "segment_difference" and finding.params.get("coded", False):
        return words[:1].upper() + words[1:]
    return words


def _finding_words(finding: Finding, lang: str) -> str:
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
        return (text("finding.segment_sep", lang).join(parts) + _p_tail(finding, lang)
                + _action(_segment_action(finding, lang), lang))  # fmt: skip
    if kind == "migration":
        a, b = finding.params["category_a"], finding.params["category_b"]
        moved = text("finding.migration", lang, service=finding.subject,
                     wave_a=finding.params["wave_a"], wave_b=finding.params["wave_b"],
                     category_a=a, category_b=b, name_a=name("category", a, lang),
                     name_b=name("category", b, lang),
                     name_a_lower=name("category", a, lang).lower(),
                     name_b_lower=name("category", b, lang).lower())  # fmt: skip
        return moved + _p_tail(finding, lang) + _action(text(f"migration.to_{b}", lang), lang)
    if kind == "shift":
        p = finding.params
        grew = abs(p["b"]) > abs(p["a"])  # Worse may be negative: compare sizes
        meaning = text(f"shift.{p['metric']}_{'up' if grew else 'down'}", lang)
        return text("finding.shift", lang, subject=finding.subject,
                    metric=text(f"column.{p['metric']}", lang), a=f"{p['a']:.2f}",
                    b=f"{p['b']:.2f}", diff=f"{p['b'] - p['a']:+.2f}", low=f"{p['low']:+.2f}",
                    high=f"{p['high']:+.2f}", meaning=meaning)  # fmt: skip
    if kind == "priority":
        from kano.render.sheets import reason_text

        p = finding.params
        return text("finding.priority", lang, subject=finding.subject, rank=p["rank"],
                    tier=text(f"tier.{p['tier']}", lang), reason=reason_text(p, lang))  # fmt: skip
    if kind == "harm":
        p = finding.params
        return text("finding.harm", lang, subject=finding.subject, rank=p["rank"],
                    category=p["category"], worse=f"{p['worse']:.2f}",
                    share=f"{p['worse']:.0%}")  # fmt: skip
    return text(f"finding.{kind}", lang, subject=finding.subject, **finding.params)
