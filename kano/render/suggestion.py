"""The suggested answer map: a YAML file, in the user's language, of the wordings a survey
used that the toolkit does not know, each with the code guessed from its key words, for
the user to check and pass with ``--answers``."""

from __future__ import annotations

import math
import os
from collections.abc import Iterable
from pathlib import Path

import yaml

from kano.io.answers import CODE_NAMES, guess_answer_code, text_wordings
from kano.shared.errors import OutputError, UnknownAnswerError, UnknownWording
from kano.shared.i18n import check_lang
from kano.shared.i18n import text as words
from kano.shared.output import atomic_path, check_output_path

#: Texts longer than this are not listed (they are no answer wordings).
MAX_SUGGESTED_LENGTH = 200


def suggest_answer_map(
    wordings: Iterable[UnknownWording], lang: str = "en", source: str = ""
) -> str:
    """A suggested answer map (YAML text) for unknown wordings, for the user to check.

    One entry per text wording with the code :func:`guess_answer_code` guesses,
    marked ``# guessed: check``, ordered like, must-be, neutral, live-with,
    dislike (then by first appearance); wordings without a guess come last,
    commented out, with the choices listed. Non-text values (numbers out of
    range, dates, TRUE/FALSE) and texts longer than ``MAX_SUGGESTED_LENGTH`` get
    no entry; a comment counts them. Once the user accepts it, the text loads with
    :func:`kano.io.answers.load_answer_map`.

    Parameters
    ----------
    wordings:
        ``UnknownAnswerError.wordings``.
    lang:
        Language of the comments (``en`` or ``zh``); the code names stay English.
    source:
        The survey the wordings come from, named in the header.
    """
    lang = check_lang(lang)
    guessed: list[tuple[int, int, str]] = []
    open_lines: list[str] = []
    too_long = 0
    wordings = list(wordings)
    texts = text_wordings(wordings)
    not_text = len(wordings) - len(texts)
    for k, w in enumerate(texts):
        if len(w.value) > MAX_SUGGESTED_LENGTH:
            too_long += 1
            continue
        key = yaml.safe_dump(w.value, default_style='"', allow_unicode=True, width=math.inf)
        key = key.rstrip("\n")
        cells = (
            words("suggest.cell", lang) if w.count == 1 else words("suggest.cells", lang, n=w.count)
        )
        code = guess_answer_code(w.value)
        if code is None:
            open_lines.append(f"# {key}:   # {cells}")
        else:
            guessed.append(
                (
                    code,
                    k,
                    f"{key}: {CODE_NAMES[code]}  # {words('suggest.guessed', lang)} ({cells})",
                )
            )
    lines = [f"# {line}" for line in words("suggest.header", lang).splitlines()]
    if source:
        lines.insert(0, "# " + words("suggest.source", lang, source=source))
    lines += [line for _, _, line in sorted(guessed)]
    if open_lines:
        lines += ["# " + words("suggest.open", lang), *open_lines]
    if not_text:
        lines.append("# " + words("suggest.not_text", lang, n=not_text))
    if too_long:
        lines.append("# " + words("suggest.too_long", lang, n=too_long, limit=MAX_SUGGESTED_LENGTH))
    return "\n".join(lines) + "\n"


def write_answer_suggestion(
    error: UnknownAnswerError, inputs: Iterable[str | os.PathLike], lang: str = "en"
) -> Path | None:
    """Write :func:`suggest_answer_map` of ``error`` beside the survey it came from.

    The file is ``<survey stem>_answers.yaml``, or ``<stem>_answers_suggested.yaml``
    when that name is one of ``inputs`` (or a link to one); it is written
    atomically and a link at that name is replaced, never followed.

    Returns
    -------
    The path written, or ``None`` when there is nothing to suggest (no text
    wording, or a DataFrame without a file) or both names are inputs.

    Raises
    ------
    OSError
        When the folder cannot be written.
    """
    survey = error.path
    if survey is None or not text_wordings(error.wordings):
        return None
    inputs = [Path(p) for p in inputs if p is not None]
    for name in (f"{survey.stem}_answers.yaml", f"{survey.stem}_answers_suggested.yaml"):
        target = survey.with_name(name)
        try:
            check_output_path(target, inputs)
        except OutputError:
            continue
        with atomic_path(target) as tmp:
            tmp.write_text(
                suggest_answer_map(error.wordings, lang, source=survey.name), encoding="utf-8"
            )
        return target
    return None
