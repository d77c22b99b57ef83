"""dtmarkup lsp: a Language Server Protocol server (the lsp extra, on pygls)."""
