"""The model worker process through the real 0.5B model: native crashes and kills never take the
app down, the next message gets a fresh worker, and the start-up probe steps down to a safe CPU
mode when the defaults crash.

Native crashes are real: the worker's test-only hook (``AISLE_TEST_WORKER_CRASH``) calls
``abort()`` or reads address 0 through ctypes at the first generated token.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import link_model
from test_llm_runtime import GREETING

from engine.assistant import Assistant, Conversation
from engine.errors import ModelCrashed
from engine.llm import backends
from engine.llm.host import ModelHost
from engine.llm.model_files import QWEN_05B, assembled_path
from engine.llm.registry import ModelRegistry
from engine.llm.runtime import ModelSettings
from engine.llm.worker import CRASH_HOOK_ENV
from engine.llm.worker_client import WORKER_PREFIX_ENV, WorkerModel
from engine.llm.worker_factory import PROBE_FILE, ProbeStore

STORY = [{"role": "user", "content": "Write a long story about a market."}]
SMALL = ModelSettings(n_ctx=512, prompt_cache_mb=0)


def registry_with_model(data_dir: Path, model_file: Path) -> ModelRegistry:
    """A data dir whose active model is the shared 0.5B GGUF (hard-linked, as a user adds one)."""
    registry = ModelRegistry(data_dir, gpu=False, cores=2)
    linked = data_dir / "qwen-test.gguf"
    os.link(model_file, linked)
    registry.use(registry.add(linked).name)
    return registry


def test_sigkill_mid_answer_is_a_model_crash_not_ours(model_file):
    model = WorkerModel(model_file, SMALL)
    pieces = []
    with pytest.raises(ModelCrashed, match="stopped unexpectedly .SIGKILL") as err:
        for piece in model.stream_chat(STORY, max_tokens=200):
            if not pieces:
                os.kill(model.pid, signal.SIGKILL)
            pieces.append(piece)
    assert err.value.cause == "SIGKILL" and not model.alive
    model.close()


def test_the_worker_runs_under_the_program_its_prefix_names(monkeypatch, tmp_path, model_file):
    """AISLE_WORKER_PREFIX wraps the worker's command (the installer test runs it under qemu on
    an older CPU); here ``env`` with a variable the worker can see, through a real answer."""
    monkeypatch.setenv(WORKER_PREFIX_ENV, f"env AISLE_CACHE_DIR={tmp_path}")
    model = WorkerModel(model_file, SMALL)
    assert model.chat(GREETING, max_tokens=4).strip()
    cmdline = Path(f"/proc/{model.pid}/cmdline").read_bytes().split(b"\0")
    assert b"engine.llm.worker" in cmdline
    environ = Path(f"/proc/{model.pid}/environ").read_bytes().split(b"\0")
    assert f"AISLE_CACHE_DIR={tmp_path}".encode() in environ
    model.close()


@pytest.mark.parametrize(("mode", "signal_name"), [("abort", "SIGABRT"), ("segv", "SIGSEGV")])
def test_native_crash_in_the_worker_is_reported_with_its_signal(monkeypatch, mode, signal_name,
                                                                model_file):
    monkeypatch.setenv(CRASH_HOOK_ENV, mode)
    model = WorkerModel(model_file, SMALL)
    with pytest.raises(ModelCrashed, match=signal_name):
        model.chat(GREETING, max_tokens=8)
    assert not model.alive
    model.close()


def test_the_app_process_never_loads_llama_cpp(model_file):
    code = (
        "import sys, json\n"
        "from engine.llm.worker_client import WORKER_PREFIX_ENV, WorkerModel\n"
        f"m = WorkerModel({str(model_file)!r})\n"
        "text = m.chat([{'role': 'user', 'content': 'hi'}], max_tokens=4)\n"
        "m.close()\n"
        "print(json.dumps({'text': text, 'llama_cpp': 'llama_cpp' in sys.modules}))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=300, check=True)
    report = json.loads(out.stdout.strip().splitlines()[-1])
    assert report["text"] and report["llama_cpp"] is False


def test_assistant_answers_from_search_when_the_worker_dies_and_recovers(catalog, tmp_path,
                                                                          model_file):
    host = ModelHost(registry_with_model(tmp_path / "data", model_file), SMALL)
    assistant = Assistant(catalog, host)
    conversation = Conversation()
    first_pid = host().pid
    events = []
    for event in assistant.ask("wireless headphones for travel", conversation):
        if event.kind == "token" and not any(e.kind == "token" for e in events):
            os.kill(first_pid, signal.SIGKILL)  # mid-answer: the worker is generating
        events.append(event)
    kinds = [e.kind for e in events]
    assert "model_stopped" in kinds and kinds[-1] == "final"
    result = events[-1].result
    assert result.mode == "retrieval-only" and "stopped unexpectedly" in result.reason
    assert result.products and len(conversation.turns) == 2  # the turn is kept: nothing lost

    _, again = list(assistant.ask("a cast iron skillet", conversation))[-2:]
    assert again.result.mode == "model" and host().pid != first_pid
    assert len(conversation.turns) == 4
    host.close()


def test_probe_switches_to_safe_cpu_mode_when_the_defaults_crash(monkeypatch, tmp_path,
                                                                 model_file):
    # "segv-unless-safe" crashes only with llama.cpp's extra buffer types on: AMX's failure mode.
    monkeypatch.setenv(CRASH_HOOK_ENV, "segv-unless-safe")
    monkeypatch.setenv("AISLE_CACHE_DIR", str(tmp_path / "cache"))  # a probe of its own
    registry = registry_with_model(tmp_path / "data", model_file)
    host = ModelHost(registry, SMALL)
    model = host()
    assert host.cpu_mode is not None and host.cpu_mode.config == "no-extra-buffers"
    assert "SIGSEGV" in host.cpu_mode.reason
    assert host.cpu_mode.describe().startswith("Using safe CPU mode because the default")
    assert model.chat(GREETING, max_tokens=4)  # the safe mode really answers
    host.close()

    record = json.loads((tmp_path / "cache" / PROBE_FILE).read_text())
    assert [r["config"] for r in record.values() if "config" in r] == ["no-extra-buffers"]
    again = ModelHost(registry, SMALL)  # a later start goes straight to what worked
    assert again().chat(GREETING, max_tokens=4) and again.cpu_mode.safe
    again.close()


def test_probe_keeps_the_defaults_when_they_work(tmp_path, model_file):
    host = ModelHost(registry_with_model(tmp_path / "data", model_file), SMALL)
    host()
    assert host.cpu_mode is not None and not host.cpu_mode.safe
    assert host.cpu_mode.variant == (host().cpu_variant)
    host.close()


def probe_logs(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.getMessage().startswith("probe: ")]


def test_a_second_data_dir_with_the_same_model_starts_without_a_probe(monkeypatch, tmp_path,
                                                                      model_file, caplog):
    """The record is per machine and model content: a shopper's second data folder holding
    the same model (a hard link here) goes straight to what the first one's probe found."""
    monkeypatch.setenv("AISLE_CACHE_DIR", str(tmp_path / "cache"))  # a first probe of its own
    caplog.set_level(logging.INFO, logger="engine.llm.worker_factory")
    first = ModelHost(registry_with_model(tmp_path / "one", model_file), SMALL)
    first()
    first.close()
    probed = json.loads((tmp_path / "cache" / PROBE_FILE).read_text())
    assert len(probe_logs(caplog)) == 1 and len(probed) == 1

    caplog.clear()
    second = ModelHost(registry_with_model(tmp_path / "two", model_file), SMALL)
    assert second().chat(GREETING, max_tokens=4)
    assert second.cpu_mode == first.cpu_mode
    second.close()
    # One record, its checked_at untouched: the second start read it and made no test generation.
    assert json.loads((tmp_path / "cache" / PROBE_FILE).read_text()) == probed
    assert probe_logs(caplog) == []
    assert not list(tmp_path.rglob(f"models/{PROBE_FILE}"))  # nothing kept per data dir


def test_the_probe_record_follows_the_model_files_content_not_its_path(tmp_path):
    store = ProbeStore(tmp_path / "cache")
    content = bytes(range(256)) * 12_289  # about 3 MiB: a head, a middle and a tail
    original = tmp_path / "one" / "model.gguf"
    original.parent.mkdir()
    original.write_bytes(content)
    (tmp_path / "two").mkdir()
    linked = tmp_path / "two" / "linked.gguf"
    os.link(original, linked)
    copied = shutil.copy2(original, tmp_path / "two" / "copied.gguf")
    os.utime(copied, (0, 0))  # a copy made another day is still the same model
    key = store.model_key(original)
    assert store.model_key(linked) == key and store.model_key(Path(copied)) == key

    others = {"last byte": content[:-1] + b"x", "first byte": b"x" + content[1:],
              "one byte longer": content + b"x"}
    keys = {key}
    for name, changed in others.items():
        path = tmp_path / "two" / f"{name}.gguf"
        path.write_bytes(changed)
        keys.add(store.model_key(path))
    assert len(keys) == 1 + len(others)


@pytest.fixture
def cli_data_dir(tmp_path, catalog_data, model_file):
    """A data dir with the test catalog and the default model, whose probe already passed."""
    data = tmp_path / "cli-data"
    shutil.copytree(catalog_data, data)
    link_model(model_file, assembled_path(data / "models", QWEN_05B))
    host = ModelHost(ModelRegistry(data), SMALL)
    host()
    host.close()
    return data


def test_cli_native_crash_prints_one_line_and_exits_non_zero(cli_data_dir):
    env = dict(os.environ, **{CRASH_HOOK_ENV: "segv"})
    out = subprocess.run(
        [sys.executable, "-m", "engine.cli", "--data-dir", str(cli_data_dir), "ask",
         "wireless headphones for travel"],
        capture_output=True, text=True, timeout=300, env=env)
    assert out.returncode == 1
    errors = [line for line in out.stderr.splitlines() if line.strip()]
    assert errors == [errors[0]] and errors[0].startswith(
        "Error: The chat model stopped unexpectedly (SIGSEGV)")
    assert "Traceback" not in out.stderr


def test_no_amx_tile_instructions_in_the_shipped_llama_libraries():
    info = backends.build_info()
    assert info.flavour == "portable", "llama-cpp-python must come from scripts/build_llama.sh"
    if shutil.which("objdump") is None:
        pytest.fail("objdump (binutils) is needed; scripts/setup.sh installs it")
    libraries = sorted(backends.lib_dir().glob("libggml*.so"))
    assert any(p.name.startswith(backends.VARIANT_PREFIX) for p in libraries)
    assert "sapphirerapids" not in info.variants
    for library in libraries:
        listing = subprocess.run(["objdump", "-d", "--no-show-raw-insn", str(library)],
                                 capture_output=True, text=True, check=True).stdout
        assert "ldtilecfg" not in listing and "tdpbssd" not in listing, library.name
