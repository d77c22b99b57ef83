"""The dtmarkup benchmark: one command, every measurement side by side, bench/RESULTS.md.

    python bench/run.py --files 10000 --collection-mb 1024     # the full run
    python bench/run.py --files 200 --repeat 5                  # a quick one

It generates the corpus once (bench/generate.py, deterministic by --seed, kept in
bench/corpus/, which git ignores), then measures, each as a separate process:

- ``dtmarkup validate DIR`` (XSD + rules) with ``--jobs 1`` and ``--jobs 2``;
- ``xmllint --noout --schema`` on the same files (XSD only, many files per call);
- xmlschema (XSD only, one process, the schema built once);
- single-file latency, the median of --repeat runs: ``dtmarkup validate one.xml``,
  ``xmlschema-validate`` and ``python -c "import lxml.etree"`` (the floor);
- peak memory of each process tree (resident set, summed over the tree, sampled);
- a collection of --collection-mb MiB, streamed by ``dtmarkup validate big.xml``.

Wall times on a shared machine are noisy: CPU times (user + system, the whole process
tree) are reported next to them, and the load average before and after.
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import shutil
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402
import stages  # noqa: E402

VENV_BIN = Path(sys.executable).parent
SCHEMA = ROOT / "dtmarkup" / "schema" / "dtmarkup-1.xsd"
ONE = ROOT / "samples" / "diplomatic-times-blinken-lavrov.xml"

XMLSCHEMA_SCRIPT = """
import sys, xmlschema
schema = xmlschema.XMLSchema10(sys.argv[1])
invalid = 0
for line in open(sys.argv[2], encoding="utf-8"):
    errors = list(schema.iter_errors(line.rstrip("\\n")))
    invalid += bool(errors)
print(invalid, file=sys.stderr)
"""


@dataclass
class Run:
    """One measured command."""

    label: str
    wall: float
    cpu: float
    peak_tree_mb: float
    peak_one_mb: float
    returncode: int


def _tree_rss_kb(pid: int) -> int:
    """Resident memory of ``pid`` and all its descendants, from /proc."""
    total = 0
    todo = [pid]
    while todo:
        current = todo.pop()
        try:
            with open(f"/proc/{current}/status") as handle:
                for line in handle:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
                        break
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as handle:
                    todo.extend(int(c) for c in handle.read().split())
        except (OSError, ValueError):
            continue
    return total


def measure(label: str, command: list[str], stdin: Path | None = None) -> Run:
    """Run ``command``; wall time, CPU time and peak memory of its process tree."""
    peak = 0
    done = threading.Event()
    stdin_handle = open(stdin, "rb") if stdin else subprocess.DEVNULL  # noqa: SIM115
    start = time.perf_counter()
    process = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, stdin=stdin_handle
    )

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _tree_rss_kb(process.pid))
            done.wait(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    done.set()
    sampler.join()
    process.returncode = os.waitstatus_to_exitcode(status)
    if stdin:
        stdin_handle.close()  # type: ignore[union-attr]
    return Run(
        label,
        wall,
        usage.ru_utime + usage.ru_stime,
        peak / 1024,
        usage.ru_maxrss / 1024,
        process.returncode,
    )


def median_wall(command: list[str], repeat: int) -> tuple[float, float, float]:
    """Median and best wall time, and median CPU time, of ``repeat`` runs (after a warm-up)."""
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    walls, cpus = [], []
    for _ in range(repeat):
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _, _, usage = os.wait4(process.pid, 0)
        walls.append(time.perf_counter() - start)
        cpus.append(usage.ru_utime + usage.ru_stime)
    return statistics.median(walls), min(walls), statistics.median(cpus)


def xmllint_runs(files: list[str]) -> Run:
    """xmllint on every file, as few calls as the command-line length allows."""
    batches: list[list[str]] = [[]]
    size = 0
    for name in files:
        if size + len(name) > 1_000_000:
            batches.append([])
            size = 0
        batches[-1].append(name)
        size += len(name) + 1
    total = Run("xmllint", 0.0, 0.0, 0.0, 0.0, 0)
    for batch in batches:
        run = measure("xmllint", ["xmllint", "--noout", "--schema", str(SCHEMA), *batch])
        total.wall += run.wall
        total.cpu += run.cpu
        total.peak_tree_mb = max(total.peak_tree_mb, run.peak_tree_mb)
        total.peak_one_mb = max(total.peak_one_mb, run.peak_one_mb)
        total.returncode = max(total.returncode, run.returncode)
    return total


BURN = "x = 0\nfor i in range(15_000_000):\n    x += i\n"


def serve_section(path: Path) -> str:
    """The section bench/serve_load.py keeps in the same file, carried over unchanged."""
    begin, end = "<!-- serve_load: begin -->", "<!-- serve_load: end -->"
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    if begin not in old or end not in old:
        return ""
    return "\n" + begin + old.split(begin, 1)[1].split(end, 1)[0] + end + "\n"


def free_cpus() -> float:
    """How many CPUs this run can really use now: two CPU-bound processes side by side
    against one alone (2.0 on an idle two-CPU machine, about 1 when another job runs)."""

    def burn(count: int) -> float:
        start = time.perf_counter()
        processes = [subprocess.Popen([sys.executable, "-c", BURN]) for _ in range(count)]
        for process in processes:
            process.wait()
        return time.perf_counter() - start

    one = burn(1)
    return 2 * one / burn(2)


def machine() -> list[str]:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = "?"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory = f"{int(line.split()[1]) // 1024} MiB"
    except OSError:
        pass
    versions = subprocess.run(
        [
            sys.executable,
            "-c",
            "import lxml.etree as e, xmlschema; "
            "print('lxml', '.'.join(map(str, e.LXML_VERSION[:3])), '/ libxml2', "
            "'.'.join(map(str, e.LIBXML_VERSION)), '/ xmlschema', xmlschema.__version__)",
        ],
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    xmllint = subprocess.run(
        ["xmllint", "--version"], capture_output=True, text=True, check=False
    ).stderr.splitlines()[0]
    return [
        f"- CPU: {cpu}, {os.cpu_count()} logical CPUs; memory {memory}",
        f"- {platform.system()} {platform.release()}; Python {platform.python_version()}",
        f"- {versions}; {xmllint}",
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--files", type=int, default=10000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=15, help="runs for each latency median")
    parser.add_argument("--collection-mb", type=float, default=0, help="0: skip")
    parser.add_argument("--out", type=Path, default=HERE / "RESULTS.md")
    args = parser.parse_args(argv)

    # Bytecode caching on, as in any installed copy: with PYTHONDONTWRITEBYTECODE set (as
    # some sandboxes do) every start compiles dtmarkup's sources again, about 40 ms.
    bytecode_note = (
        "PYTHONDONTWRITEBYTECODE was set: unset for the runs"
        if os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
        else "bytecode caching on"
    )
    os.environ["PYTHONPYCACHEPREFIX"] = str(HERE / "out" / "pycache")
    dtmarkup = str(VENV_BIN / "dtmarkup")
    xmlschema_validate = str(VENV_BIN / "xmlschema-validate")
    load_before = os.getloadavg()
    cpus_before = free_cpus()
    started = datetime.datetime.now(datetime.UTC)

    print(f"corpus: {args.files} articles, seed {args.seed}", file=sys.stderr)
    corpus = generate.ensure_files(args.files, args.seed, 0.01)
    files = sorted(str(p.relative_to(ROOT)) for p in corpus.rglob("*.xml"))
    size = sum((ROOT / f).stat().st_size for f in files)
    os.chdir(ROOT)
    list_file = corpus / ".files"
    list_file.write_text("\n".join(files) + "\n", encoding="utf-8")
    subset = sorted(p for p in corpus.iterdir() if p.is_dir())[0]

    # One warm-up run: writes the bytecode cache and warms the disk cache for every tool.
    subprocess.run([dtmarkup, "validate", "--no-config", str(corpus)], capture_output=True)
    runs: dict[str, Run] = {}
    for jobs in (1, 2):
        print(f"dtmarkup --jobs {jobs}", file=sys.stderr)
        runs[f"j{jobs}"] = measure(
            f"dtmarkup validate --jobs {jobs} (XSD + rules)",
            [dtmarkup, "validate", "--no-config", "--jobs", str(jobs), str(corpus)],
        )
    small = len(list(subset.glob("*.xml")))
    runs["j1-small"] = measure(
        f"dtmarkup validate --jobs 1, first {small} files (memory check)",
        [dtmarkup, "validate", "--no-config", "--jobs", "1", str(subset)],
    )
    print("xmllint", file=sys.stderr)
    runs["xmllint"] = xmllint_runs(files)
    runs["xmllint"].label = "xmllint --noout --schema (XSD only)"
    print("xmlschema", file=sys.stderr)
    runs["xmlschema"] = measure(
        "xmlschema, one process, schema built once (XSD only)",
        [sys.executable, "-c", XMLSCHEMA_SCRIPT, str(SCHEMA), str(list_file)],
    )

    print("latency", file=sys.stderr)
    one = ONE if ONE.exists() else ROOT / files[len(files) // 2]
    latency = {
        "dtmarkup": median_wall([dtmarkup, "validate", str(one)], args.repeat),
        "xmlschema-validate": median_wall(
            [xmlschema_validate, "--schema", str(SCHEMA), str(one)], args.repeat
        ),
        "lxml": median_wall([sys.executable, "-c", "import lxml.etree"], args.repeat),
    }

    print("stages", file=sys.stderr)
    profile = stages.stages([ROOT / f for f in files[:1000]], rounds=3)

    collection: tuple[Path, Run] | None = None
    if args.collection_mb:
        print(f"collection: {args.collection_mb} MiB", file=sys.stderr)
        big = generate.ensure_collection(args.collection_mb, args.seed, 0.01)
        collection = (
            big,
            measure(
                "dtmarkup validate big.xml (collection, XSD + rules)",
                [dtmarkup, "validate", "--no-config", str(big)],
            ),
        )
    load_after = os.getloadavg()
    cpus_after = free_cpus()

    text = report(
        args, started, files, size, runs, latency, one, collection, load_before, load_after
    )
    note = (
        f"- Python bytecode cache: {bytecode_note}\n"
        f"- CPUs actually free for this run (two CPU-bound processes side by side vs one): "
        f"{cpus_before:.2f} before, {cpus_after:.2f} after; on a shared machine, "
        "`--jobs 2` cannot be faster than this allows, so the CPU-time projections below "
        "are the fair comparison\n"
    )
    text = text.replace("## Machine\n\n", "## Machine\n\n" + note, 1)
    text += profile_section(profile, runs, len(files))
    text += serve_section(args.out)
    args.out.write_text(text, encoding="utf-8")
    print(text)
    return 0


def report(
    args: argparse.Namespace,
    started: datetime.datetime,
    files: list[str],
    size: int,
    runs: dict[str, Run],
    latency: dict[str, tuple[float, float, float]],
    one: Path,
    collection: tuple[Path, Run] | None,
    load_before: tuple[float, float, float],
    load_after: tuple[float, float, float],
) -> str:
    n = len(files)
    small_count = int(runs["j1-small"].label.split("first ")[1].split()[0])
    xmllint = runs["xmllint"]
    xmlschema = runs["xmlschema"]
    j1, j2 = runs["j1"], runs["j2"]
    command = f"python bench/run.py --files {args.files} --seed {args.seed} --repeat {args.repeat}"
    if args.collection_mb:
        command += f" --collection-mb {args.collection_mb:g}"
    lines = [
        "# dtmarkup benchmark results",
        "",
        f"Measured {started:%Y-%m-%d %H:%M} UTC by `{command}` (run from the repository root",
        "with the project's virtual environment; it writes this file).",
        "",
        "## Machine",
        "",
        *machine(),
        f"- load average before / after: {load_before[0]:.2f} / {load_after[0]:.2f} "
        "(other work on the machine inflates wall times; CPU times are less affected)",
        "",
        f"## Throughput: {n} generated articles, {size / 1e6:.1f} MB "
        f"(median {statistics.median((ROOT / f).stat().st_size for f in files) / 1000:.1f} KB)",
        "",
        "| run | wall s | CPU s | files/s (wall) | peak RSS, process tree | exit |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for key in ("j1", "j2", "xmllint", "xmlschema", "j1-small"):
        run = runs[key]
        count = n if key != "j1-small" else int(run.label.split("first ")[1].split()[0])
        lines.append(
            f"| {run.label} | {run.wall:.2f} | {run.cpu:.2f} | {count / run.wall:,.0f} | "
            f"{run.peak_tree_mb:.0f} MB | {run.returncode} |"
        )
    lat_dt, lat_xs, lat_lxml = latency["dtmarkup"], latency["xmlschema-validate"], latency["lxml"]
    lines += [
        "",
        "(dtmarkup and xmllint exit 1 because about 1 % of the generated articles carry a "
        "deliberate schema error.)",
        "",
        f"## Single-file latency: `{one.relative_to(ROOT)}`, median of {args.repeat} runs",
        "",
        "| command | median wall ms | best wall ms | median CPU ms |",
        "|---|---:|---:|---:|",
        f"| `dtmarkup validate one.xml` (XSD + rules) | {lat_dt[0] * 1000:.0f} | "
        f"{lat_dt[1] * 1000:.0f} | {lat_dt[2] * 1000:.0f} |",
        f"| `xmlschema-validate --schema … one.xml` (XSD only) | {lat_xs[0] * 1000:.0f} | "
        f"{lat_xs[1] * 1000:.0f} | {lat_xs[2] * 1000:.0f} |",
        f'| `python -c "import lxml.etree"` (the floor) | {lat_lxml[0] * 1000:.0f} | '
        f"{lat_lxml[1] * 1000:.0f} | {lat_lxml[2] * 1000:.0f} |",
    ]
    if collection:
        big, run = collection
        megabytes = big.stat().st_size / 2**20
        lines += [
            "",
            f"## Collection: `{big.name}`, {megabytes:,.0f} MiB in one file",
            "",
            "| run | wall s | CPU s | MiB/s | peak RSS, process tree | exit |",
            "|---|---:|---:|---:|---:|---:|",
            f"| {run.label} | {run.wall:.1f} | {run.cpu:.1f} | {megabytes / run.wall:.1f} | "
            f"{run.peak_tree_mb:.0f} MB | {run.returncode} |",
        ]
    targets = [
        (
            "full check with 2 jobs vs xmllint XSD-only, wall time",
            j2.wall / xmllint.wall,
            "<= 1.0",
            j2.wall / xmllint.wall <= 1.0,
        ),
        (
            "same, CPU time (all of dtmarkup's processes vs xmllint)",
            j2.cpu / xmllint.cpu,
            "(for reference)",
            None,
        ),
        (
            "same, projected with 2 free CPUs (dtmarkup CPU / 2 vs xmllint CPU)",
            j2.cpu / 2 / xmllint.cpu,
            "(for reference)",
            None,
        ),
        (
            "throughput, dtmarkup --jobs 2 / xmlschema",
            xmlschema.wall / j2.wall,
            ">= 20",
            xmlschema.wall / j2.wall >= 20,
        ),
        (
            "throughput vs xmlschema, projected with 2 free CPUs (xmlschema CPU / "
            "(dtmarkup CPU / 2))",
            xmlschema.cpu / (j2.cpu / 2),
            "(for reference)",
            None,
        ),
        (
            "throughput, dtmarkup --jobs 1 / xmlschema",
            xmlschema.wall / j1.wall,
            "(for reference)",
            None,
        ),
        (
            "speed-up from 1 to 2 jobs (wall)",
            j1.wall / j2.wall,
            "(for reference)",
            None,
        ),
        (
            "single-file latency, dtmarkup / xmlschema-validate (medians)",
            lat_dt[0] / lat_xs[0],
            "<= 0.3",
            lat_dt[0] / lat_xs[0] <= 0.3,
        ),
        (
            "single-file latency, dtmarkup median wall (ms)",
            lat_dt[0] * 1000,
            "< 100",
            lat_dt[0] * 1000 < 100,
        ),
        (
            "single-file latency, dtmarkup best wall (ms)",
            lat_dt[1] * 1000,
            "(for reference)",
            None,
        ),
        (
            "single-file CPU, dtmarkup / xmlschema-validate (medians)",
            lat_dt[2] / lat_xs[2],
            "(for reference)",
            None,
        ),
        (
            f"peak memory, {n} files, --jobs 2 (MB)",
            j2.peak_tree_mb,
            "< 150",
            j2.peak_tree_mb < 150,
        ),
        (
            "peak memory growth per file, --jobs 1 (KB per file, "
            f"{n} files vs the first {small_count})",
            (j1.peak_tree_mb - runs["j1-small"].peak_tree_mb) * 1024 / max(1, n - small_count),
            "(for reference: the report list)",
            None,
        ),
    ]
    if collection:
        run = collection[1]
        targets.append(
            ("peak memory, collection (MB)", run.peak_tree_mb, "< 256", run.peak_tree_mb < 256)
        )
    lines += [
        "",
        "## Targets (issue 7)",
        "",
        "| measure | value | target | met |",
        "|---|---:|---|---|",
    ]
    for name, value, target, met in targets:
        verdict = "" if met is None else ("yes" if met else "**no**")
        lines.append(f"| {name} | {value:.2f} | {target} | {verdict} |")
    lines.append("")
    return "\n".join(lines)


def profile_section(profile: dict[str, float], runs: dict[str, Run], n: int) -> str:
    """Per-article CPU cost by stage, against what xmllint spends per file."""
    xmllint = runs["xmllint"].cpu / n * 1000
    per_file_j1 = runs["j1"].cpu / n * 1000
    parse = profile["libxml2 parse alone"]
    gate = profile["input gate (screen + parse + policy)"] - parse
    xsd = profile["XSD layer (check_schema)"]
    rules = profile["rules layer (check_rules), schema-valid documents"]
    base = parse + xsd
    other = per_file_j1 - base - gate - rules
    lines = [
        "",
        "## Where the time goes: CPU ms per article (bench/stages.py, first 1000 articles)",
        "",
        "| stage | ms |",
        "|---|---:|",
        *(f"| {name} | {value:.3f} |" for name, value in profile.items()),
        f"| whole `dtmarkup validate --jobs 1` run, CPU per file | {per_file_j1:.3f} |",
        f"| whole `xmllint --schema` run, CPU per file (parse + XSD) | {xmllint:.3f} |",
        "",
        f"For 2 workers to match xmllint's wall time, a file may cost at most "
        f"2 × {xmllint:.3f} = {2 * xmllint:.3f} ms of CPU, with both CPUs free. "
        f"libxml2's parse and XSD validation alone (the work xmllint does) cost {base:.3f} ms "
        f"here; the input gate's checks add {gate:.3f} ms, the editorial rules {rules:.3f} ms, "
        f"reading, reporting and the command {other:.3f} ms. So even with two free CPUs and "
        f"perfect scaling, the ratio dtmarkup --jobs 2 / xmllint cannot go below "
        f"{per_file_j1 / 2 / xmllint:.2f} today; the XSD-only part alone would be "
        f"{base / 2 / xmllint:.2f}. What bounds the ratio is the rules layer "
        f"({rules / per_file_j1:.0%} of a file's CPU), then the gate and the XSD.",
        "",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    if shutil.which("xmllint") is None:
        sys.exit("bench/run.py needs xmllint (apt-get install libxml2-utils)")
    sys.exit(main())
