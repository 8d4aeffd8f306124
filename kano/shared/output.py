"""Safe output files: never over an input, always atomic.

A workbook is first written to a temporary file in the target folder and then
renamed into place, so that a crash or a kill leaves either the previous output
or none, never a half-written file.
"""

from __future__ import annotations

import contextlib
import glob
import os
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

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


def safe_csv_text(value: object) -> object:
    """Neutralise text that a spreadsheet would run as a formula when it opens a CSV.

    OWASP's rule for CSV injection: prefix a cell that starts with ``= + - @``,
    tab or carriage return with a single quote. Numbers are left alone.
    """
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value
