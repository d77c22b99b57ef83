"""The articles every renderer and writer is checked on: the samples and our own inputs."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "tests" / "golden"
INPUTS = sorted((ROOT / "samples").glob("*.xml")) + sorted((GOLDEN / "input").glob("*.xml"))
REFERENCE = ROOT / "samples" / "diplomatic-times-blinken-lavrov.xml"
