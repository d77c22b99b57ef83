"""``dtmarkup lsp``: the language server, on standard input and output."""

from __future__ import annotations

import sys

import click


@click.command("lsp")
@click.option("--stdio", is_flag=True, help="Talk over standard input and output (the default).")
def lsp_command(stdio: bool) -> None:
    """Run the dtmarkup language server for an editor (LSP over standard input/output).

    Needs the lsp extra: pip install 'dtmarkup[lsp]'. See the README for VS Code, Neovim
    and Emacs.
    """
    from dtmarkup.cli import EXIT_USAGE

    try:
        from dtmarkup.lsp.server import run
    except ImportError as exc:
        click.echo(
            f"dtmarkup: the language server needs pygls ({exc.name} is missing); "
            "install it with: pip install 'dtmarkup[lsp]'",
            err=True,
        )
        sys.exit(EXIT_USAGE)
    run()
