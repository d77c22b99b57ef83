"""Peak memory of one dtmarkup command on a generated hostile document, in a subprocess.

    python bench/memory.py xml 4     # validate 4 MB of empty <em/> (one DT214 each)
    python bench/memory.py json 4    # convert a 4 MB JSON array of zeros (refused, DT303)

Prints the document size, the exit status, the child's peak resident memory
(resource.getrusage) and its ratio to the document size. SECURITY.md's figures come
from here.
"""

from __future__ import annotations

import resource
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "torshavn-fisheries-wire-brief.xml"


def main(argv: list[str]) -> int:
    kind, megabytes = argv[0], float(argv[1])
    size = int(megabytes * 1024 * 1024)
    with tempfile.TemporaryDirectory() as directory:
        if kind == "xml":
            unit = b"<em/>"
            body = b"<body><p>" + unit * (size // len(unit)) + b"x</p>"
            data = SAMPLE.read_bytes().replace(b"<body>", body, 1)
            path = Path(directory) / "flood.xml"
            command = ["validate", "--format", "json", str(path)]
        elif kind == "json":
            data = b"[" + b"0," * (size // 2) + b"0]"
            path = Path(directory) / "zeros.json"
            command = ["convert", "--from", "json", "--to", "dtm", str(path)]
        else:
            print("kind: xml or json", file=sys.stderr)
            return 2
        path.write_bytes(data)
        run = subprocess.run(
            [sys.executable, "-c", "from dtmarkup.cli import main; main()", *command],
            capture_output=True,
            check=False,
            cwd=directory,
        )
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
    print(
        f"{kind}: {len(data)} bytes, exit {run.returncode}, peak {peak // 2**20} MB, "
        f"{peak / len(data):.1f} x the document"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
