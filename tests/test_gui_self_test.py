"""`aisle-gui --self-test` from source: headless, demo catalog, default model, a search and an
answer, a JSON report, exit status 0."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from test_gui_support import link_default_model

from engine.paths import resource_path

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_self_test_installs_the_demo_catalog_and_answers(tmp_path, model_file):
    """First run on an empty data dir: the demo catalog is installed (embedding 2,500
    products is what makes this slow), the default model loads, the assistant answers."""
    if not resource_path("demo", "catalog.jsonl").exists():
        pytest.skip("resources/demo/catalog.jsonl has not been generated")
    data_dir = tmp_path / "data"
    link_default_model(model_file, data_dir)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HF_HUB_OFFLINE="1")
    done = subprocess.run(
        [sys.executable, "-m", "desktop_app.main", "--self-test", "--data-dir", str(data_dir)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=1800)
    assert done.returncode == 0, done.stdout + done.stderr
    report = json.loads(done.stdout)
    assert report["ok"] is True
    assert report["catalog"]["name"] == "Aisle demo catalog"
    assert report["catalog"]["products"] >= 1000
    assert report["search"]["total"] > 0
    assert report["model"]["loaded"] is True and report["model"]["name"] == "qwen2.5-coder-0.5b"
    assert report["assistant"]["answered"] and report["assistant"]["mode"] == "model"
    assert report["network_attempts"] == 0
    assert "Traceback" not in done.stderr
