"""Coverage-guided fuzzing of the gate, the validator and the reader with atheris.

atheris is not a dependency of dtmarkup; install it in a virtualenv to fuzz:

    .venv/bin/pip install atheris
    mkdir -p /tmp/corpus && cp samples/*.xml /tmp/corpus/
    .venv/bin/python fuzz/atheris_validate.py /tmp/corpus -dict=fuzz/xml.dict \\
        -max_len=65536 -timeout=2 -rss_limit_mb=2048 -max_total_time=3600

libFuzzer options follow the corpus directory (-fork does not work with this harness:
every forked job fails at start; run without it). A crash is an exception that
fuzz/targets.py does not allow (or a broken promise); libFuzzer saves the input as
crash-<sha1> for replay: ``.venv/bin/python fuzz/atheris_validate.py crash-<sha1>``.
"""

from __future__ import annotations

import sys
from pathlib import Path

import atheris

sys.path.insert(0, str(Path(__file__).resolve().parent))

with atheris.instrument_imports():
    from targets import exercise

    import dtmarkup  # noqa: F401  (instrumented for coverage)


def test_one_input(data: bytes) -> None:
    exercise(data)


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
