"""The hostile-input catalogue and 1,000 mutated articles through the API: the codes the
CLI gives, no 500, no file read, no connection opened, nothing of them in the log.

The catalogue is tests/security/hostile.py's (CASES); tests/security/test_catalogue.py
shows the CLI ends each case in exactly ``case.code``. The mutants come from
fuzz/mutations.py and are compared with one ``dtmarkup validate --format json`` run.
"""

from __future__ import annotations

import gzip
import json
import random
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from security.conftest import Listener, make_bait  # the catalogue's bait and listener
from security.hostile import CANARY, CASES, Case, dtmarkup_command

from .conftest import ROOT, Server

sys.path.insert(0, str(ROOT / "fuzz"))
from mutations import mutate, seeds

MUTANTS = 1000


@pytest.fixture(scope="module")
def listener() -> Iterator[Listener]:
    server = Listener()
    yield server
    server.sock.close()


@pytest.fixture(scope="module")
def roomy(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A server whose body limit is above the gate's 50 MB, so that every case reaches the
    same gate as the CLI (DT005 included) instead of being stopped at 413."""
    log = tmp_path_factory.mktemp("hostile") / "server.log"
    running = Server(log, "--max-body", str(64 * 1024 * 1024), "--timeout", "30")
    yield running
    running.stop()


@pytest.mark.parametrize("gzipped", [False, True], ids=["plain", "gzip"])
@pytest.mark.parametrize("case", CASES, ids=str)
def test_catalogue_through_the_api(
    case: Case, gzipped: bool, roomy: Server, listener: Listener, tmp_path: Path
) -> None:
    listener.connections()
    bait = make_bait(tmp_path / "bait", listener.url, fifo=True)  # opening the FIFO would hang
    data = case.build(bait)
    headers = {"Content-Encoding": "gzip"} if gzipped else {}
    body = gzip.compress(data, compresslevel=1) if gzipped else data
    response = roomy.validate(body, **headers)
    assert response.status_code == 422, response.text[:500]
    report = response.json()
    assert {d["code"] for d in report["files"][0]["diagnostics"]} == {case.code}
    assert CANARY not in response.text
    for endpoint in ("/v1/convert?to=json&from=dtm", "/v1/render?format=html"):
        refused = roomy.client.post(
            endpoint, content=body, headers={"Content-Type": "application/xml", **headers}
        )
        assert refused.status_code == 422, endpoint
        assert CANARY not in refused.text
        if endpoint.startswith("/v1/convert"):  # --from dtm: the gate's code, as the CLI
            assert {d["code"] for d in refused.json()["files"][0]["diagnostics"]} == {case.code}
    assert listener.connections() == 0, "a payload made the service open a connection"
    log = roomy.log_path.read_text(encoding="utf-8")
    assert CANARY not in log
    assert "Traceback" not in log


def test_mutated_articles_get_the_clis_findings(roomy: Server, tmp_path: Path) -> None:
    rng = random.Random(15)
    pool = seeds()
    folder = tmp_path / "mutants"
    folder.mkdir()
    for index in range(MUTANTS):
        (folder / f"m{index:04d}.xml").write_bytes(mutate(rng.choice(pool), rng))
    result = subprocess.run(
        [*dtmarkup_command(), "validate", "--format", "json", "--jobs", "1", str(folder)],
        capture_output=True,
        check=False,
        timeout=600,
    )
    assert result.returncode in (0, 1), result.stderr[-2000:]
    cli = {Path(f["path"]).name: f for f in json.loads(result.stdout)["files"]}
    assert len(cli) == MUTANTS
    statuses: dict[int, int] = {}
    for path in sorted(folder.iterdir()):
        response = roomy.validate(path.read_bytes())
        statuses[response.status_code] = statuses.get(response.status_code, 0) + 1
        assert response.status_code in (200, 422), (path.name, response.text[:300])
        api = response.json()["files"][0]
        expected = cli[path.name]
        assert api["diagnostics"] == expected["diagnostics"], path.name
        assert api["valid"] == expected["valid"]
        unreadable = any(
            d["source"] == "input" and d["severity"] == "error" for d in api["diagnostics"]
        )
        assert response.status_code == (422 if unreadable else 200), path.name
    # The mutations reach every outcome, not only the gate.
    assert statuses.get(200, 0) > 100 and statuses.get(422, 0) > 100, statuses
