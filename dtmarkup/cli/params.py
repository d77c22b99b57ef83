"""Click parameter types: a flag is parsed and checked where click parses it."""

from __future__ import annotations

import click

from dtmarkup.workspace.config import check_code
from dtmarkup.workspace.selection import parse_codes


class CodeList(click.ParamType):  # type: ignore[type-arg]  # generic from click 8.3
    """``DT1,DT203`` -> ``("DT1", "DT203")``: codes or prefixes, comma-separated, each
    one that matches a code (else a usage error naming the flag, exit 2)."""

    name = "codes"

    def get_metavar(self, param: click.Parameter, ctx: click.Context | None = None) -> str:
        return "DTnnn,DTn,..."

    def convert(
        self, value: object, param: click.Parameter | None, ctx: click.Context | None
    ) -> tuple[str, ...]:
        if isinstance(value, tuple):  # a default, already parsed
            return value
        codes = parse_codes(str(value))
        for code in codes:
            problem = check_code(code)
            if problem is not None:
                self.fail(problem, param, ctx)
        return codes
