"""Safe output files: never over an input, always atomic.

A workbook is first written to a temporary file in the target folder and then
renamed into place, so that a crash or a kill leaves either the previous output
or none, never a half-written file.
"""

from __future__ import annotations

import contextlib
import csv
import glob
import json
import os
import re
import tempfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from kano.shared.errors import OutputError


def check_output_path(output: str | os.PathLike, inputs: Iterable[str | os.PathLike]) -> Path:
    """Return ``output`` as a Path after refusing paths that are inputs or have no folder.

    Raises
    ------
    OutputError
        When ``output`` is (or links to) one of ``inputs``, or its folder is missing.
    """
    out = Path(output)
    out_resolved = out.resolve()
    for src in inputs:
        src_path = Path(src)
        if src_path.resolve() == out_resolved or (
            out.exists() and src_path.exists() and os.path.samefile(out, src_path)
        ):
            raise OutputError(f"{out}: refusing to write the output over the input file {src}")
    if not out_resolved.parent.is_dir():
        raise OutputError(f"{out}: the folder {out_resolved.parent} does not exist")
    if out.is_dir():
        raise OutputError(f"{out}: is a folder; give a file name")
    return out


@contextlib.contextmanager
def atomic_path(target: str | os.PathLike) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; rename it onto ``target`` on success.

    On any exception the temporary file is removed and ``target`` is untouched.
    A run that was killed cannot clean up after itself, so its leftover
    (``.NAME.<pid>.*.tmp``, whose process is gone) is removed by the next write.
    """
    target = Path(target)
    folder = target.resolve().parent
    _remove_orphans(folder, target.name)
    fd, tmp_name = tempfile.mkstemp(
        prefix=f".{target.name}.{os.getpid()}.", suffix=".tmp", dir=folder
    )
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        yield tmp
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; outputs get the usual mode
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise


def _remove_orphans(folder: Path, name: str) -> None:
    for leftover in folder.glob(f".{glob.escape(name)}.*.tmp"):
        pid = leftover.name[len(name) + 2 :].split(".", 1)[0]
        if pid.isdigit() and not _alive(int(pid)):
            with contextlib.suppress(OSError):
                leftover.unlink()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process
        return True
    return True


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_AFTER_BREAK = re.compile(r"([\r\n])([=+\-@\t])")


def safe_csv_text(value: object) -> object:
    """Neutralise text that a spreadsheet would run as a formula when it opens a CSV.

    OWASP's rule for CSV injection: prefix a cell that starts with ``= + - @``,
    tab or carriage return with a single quote, and do the same after every line
    break inside the text (Excel starts a new row there). Numbers are left alone.
    :func:`write_csv` quotes every field that holds a line break, quote or comma.
    """
    if not isinstance(value, str):
        return value
    text = _AFTER_BREAK.sub(r"\1'\2", value)
    return "'" + text if text[:1] in _TRIGGERS else text


def write_csv(path: str | os.PathLike, frame: pd.DataFrame) -> Path:
    """Write ``frame`` as CSV for Excel: UTF-8 with BOM, text neutralised (:func:`safe_csv_text`),
    every field holding CR, LF, a quote or the delimiter quoted; atomically."""
    path = Path(path)
    out = frame.map(safe_csv_text)
    with atomic_path(path) as tmp:
        # "\r\n" makes the csv module quote fields with a lone CR as well as LF
        out.to_csv(tmp, index=False, encoding="utf-8-sig", lineterminator="\r\n",
                   quoting=csv.QUOTE_MINIMAL)  # fmt: skip
    return path


def write_json(path: str | os.PathLike, payload: object) -> Path:
    """Write ``payload`` as indented UTF-8 JSON (numpy scalars as numbers), atomically."""
    path = Path(path)
    text = json.dumps(payload, ensure_ascii=False, indent=2, default=_jsonable)
    with atomic_path(path) as tmp:
        tmp.write_text(text, encoding="utf-8")
    return path


def _jsonable(value: object) -> object:
    if isinstance(value, np.generic):
        return value.item()
    if hasattr(value, "text"):  # a Note
        return value.text("en")
    return str(value)


def output_kind(path: str | os.PathLike, kinds: Sequence[str], what: Mapping[str, str]) -> str:
    """The suffix of an output path, checked against ``kinds`` before any work is done.

    ``what`` says what each kind holds (for the message).

    Raises
    ------
    OutputError
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in kinds:
        return suffix
    allowed = ", ".join(f"{k} ({what[k]})" if k in what else k for k in kinds)
    shown = f"unknown output type {suffix!r}" if suffix else "no file type"
    raise OutputError(f"{path}: {shown}; use {allowed}")
