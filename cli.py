"""The `kano` command: a thin Typer layer over the `kano` and `satisfaction` libraries.

Every command is registered with :func:`command`, which turns the library's
:class:`~kano.errors.KanoError` into one line on stderr and exit code 1, and any
other exception (a bug) into one line plus a log file with the traceback and
exit code 2.
"""

from __future__ import annotations

import functools
import tempfile
import traceback
from pathlib import Path

import click
import typer

from kano.errors import KanoError

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="KANO surveys and customer-satisfaction analysis.",
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
)


def fail(message: str, code: int = 1) -> None:
    """Print ``message`` as one line on stderr and exit with ``code``."""
    typer.echo(f"Error: {' '.join(str(message).split())}", err=True)
    raise typer.Exit(code)


def command(*args, **kwargs):
    """``app.command`` with the toolkit's error conventions."""

    def decorate(fn):
        @functools.wraps(fn)
        def wrapper(*a, **k):
            try:
                return fn(*a, **k)
            except KanoError as exc:
                fail(str(exc))
            except (typer.Exit, typer.Abort, click.exceptions.ClickException, KeyboardInterrupt):
                raise
            except Exception as exc:  # a bug: keep the traceback for the report
                log = Path(tempfile.gettempdir()) / "kano-error.log"
                log.write_text(traceback.format_exc(), encoding="utf-8")
                fail(f"internal error {type(exc).__name__}: {exc} (traceback in {log})", code=2)

        return app.command(*args, **kwargs)(wrapper)

    return decorate


def main() -> None:
    """Console-script entry point."""
    app()


if __name__ == "__main__":
    main()
