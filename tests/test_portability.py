"""What we build natively runs on CPUs older than the build machine, under qemu-user on an
emulated CPU: a real llama.cpp generation on a Haswell (AVX2, no AVX-512), with llama.cpp
choosing its kernels, and the search index (hnswlib, which builds with -march=native unless
told otherwise) on the same CPU (NumPy itself needs more than the x86-64 baseline)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

from engine.llm import backends

GENERATE = """
import json, sys
from engine.llm.runtime import ChatModel, ModelSettings
model = ChatModel(sys.argv[1], ModelSettings(n_ctx=256, n_threads=2, prompt_cache_mb=0))
text = model.chat([{"role": "user", "content": "Say OK."}], max_tokens=3, temperature=0.0)
print(json.dumps({"variant": model.cpu_variant, "text": text}))
"""


SEARCH = """
import hnswlib, numpy as np
rng = np.random.default_rng(0)
vectors = rng.standard_normal((500, 384)).astype(np.float32)
index = hnswlib.Index(space="ip", dim=384)
index.init_index(max_elements=500, ef_construction=64, M=16)
index.add_items(vectors)
labels, _ = index.knn_query(vectors[:5], k=1)
print(labels.ravel().tolist())
"""


def qemu_user() -> str:
    qemu = shutil.which("qemu-x86_64")
    if qemu is None:
        pytest.fail("qemu-x86_64 (Debian's qemu-user) is needed; scripts/setup.sh installs it")
    return qemu


def test_the_llama_build_ships_the_five_cpu_variants_setup_chose():
    # scripts/build_llama.sh says why these five; the probe's fallbacks need haswell and x64.
    assert backends.build_info().variants == ("haswell", "icelake", "skylakex", "sse42", "x64")


def test_the_search_index_runs_on_an_older_cpu():
    out = subprocess.run([qemu_user(), "-cpu", "Haswell", sys.executable, "-c", SEARCH],
                         capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, (f"exit {out.returncode} (-4: SIGILL, hnswlib built for this "
                                 f"machine's CPU; run scripts/build_hnswlib.sh)\n"
                                 + out.stderr[-2000:])
    assert out.stdout.split() == ["[0,", "1,", "2,", "3,", "4]"]


@pytest.mark.slow  # software-emulated CPU: a few minutes for load, prompt and three tokens
def test_generation_on_an_emulated_haswell_cpu(model_file):
    assert backends.build_info().flavour == "portable", "run scripts/build_llama.sh"
    out = subprocess.run([qemu_user(), "-cpu", "Haswell", sys.executable, "-c", GENERATE,
                          str(model_file)],
                         capture_output=True, text=True, timeout=1500)
    assert out.returncode == 0, out.stderr[-2000:]
    report = json.loads(out.stdout.strip().splitlines()[-1])
    assert report["variant"] == "haswell"  # the best variant that CPU can run, not the host's
    assert report["text"].strip()
