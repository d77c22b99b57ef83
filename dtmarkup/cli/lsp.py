"""``dtmarkup lsp``: the language server, on standard input and output."""

from __future__ import annotations

import click

from dtmarkup.errors import UsageError


@click.command("lsp")
@click.option("--stdio", is_flag=True, help="Talk over standard input and output (the default).")
def lsp_command(stdio: bool) -> None:
    """Run the dtmarkup language server for an editor (LSP over standard input/output).

    Needs the lsp extra: pip install 'dtmarkup[lsp]'. See the README for VS Code, Neovim
    and Emacs.
    """
    try:
        from dtmarkup.lsp.server import run
    except ImportError as exc:
        raise UsageError(
            f"the language server needs pygls ({exc.name} is missing); "
            "install it with: pip install 'dtmarkup[lsp]'"
        ) from None
    run()
