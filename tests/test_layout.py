"""The layout's import rule holds: no stage imports flows or another stage, no circle."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
RULE = ROOT.parent / "shared" / "tools" / "imports_one_way.py"


@pytest.mark.skipif(not RULE.exists(), reason="needs ../shared/tools beside the checkout")
def test_stages_import_one_way():
    done = subprocess.run([sys.executable, str(RULE)], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_contract_imports_no_stage():
    """contract/ is what the stages share: it must not lean on any of them."""
    stages = ("flows", "spiders", "models", "warehouse", "digest", "demo")
    for path in (ROOT / "contract").glob("*.py"):
        for line in path.read_text(encoding="utf-8").splitlines():
            words = line.split()
            if words[:1] in (["import"], ["from"]) and len(words) > 1:
                assert words[1].split(".")[0] not in stages, f"{path.name}: {line}"
