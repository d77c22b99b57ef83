"""Write docs/rules.md from the code table (``make docs``); ``--check`` fails when it is
out of date."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from dtmarkup.codes.catalogue import as_markdown

DOC_PATH = Path(__file__).resolve().parent.parent / "docs" / "rules.md"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write docs/rules.md from the code table.")
    parser.add_argument("--check", action="store_true", help="only check it is up to date")
    parser.add_argument("--output", type=Path, default=DOC_PATH)
    args = parser.parse_args(argv)
    text = as_markdown()
    current = args.output.read_text(encoding="utf-8") if args.output.exists() else ""
    if args.check:
        if current != text:
            print(f"{args.output} is out of date: run make docs")
            return 1
        return 0
    if current != text:
        args.output.write_text(text, encoding="utf-8")
        print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
