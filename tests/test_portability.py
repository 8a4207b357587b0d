"""The llama.cpp we build runs on CPUs older than the build machine: a real generation on an
emulated Haswell (AVX2, no AVX-512) under qemu-user, with llama.cpp choosing its kernels."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest
from test_llm_runtime import shared_model_path

from engine.llm import backends

GENERATE = """
import json, sys
from engine.llm.runtime import ChatModel, ModelSettings
model = ChatModel(sys.argv[1], ModelSettings(n_ctx=256, n_threads=2, prompt_cache_mb=0))
text = model.chat([{"role": "user", "content": "Say OK."}], max_tokens=3, temperature=0.0)
print(json.dumps({"variant": model.cpu_variant, "text": text}))
"""


@pytest.mark.slow  # software-emulated CPU: a few minutes for load, prompt and three tokens
def test_generation_on_an_emulated_haswell_cpu():
    assert backends.build_info().flavour == "portable", "run scripts/build_llama.sh"
    qemu = shutil.which("qemu-x86_64")
    if qemu is None:
        pytest.fail("qemu-x86_64 (Debian's qemu-user) is needed; scripts/setup.sh installs it")
    out = subprocess.run([qemu, "-cpu", "Haswell", sys.executable, "-c", GENERATE,
                          str(shared_model_path())],
                         capture_output=True, text=True, timeout=1500)
    assert out.returncode == 0, out.stderr[-2000:]
    report = json.loads(out.stdout.strip().splitlines()[-1])
    assert report["variant"] == "haswell"  # the best variant that CPU can run, not the host's
    assert report["text"].strip()
