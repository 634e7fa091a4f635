"""The device choice: CTranslate2's GPU count and compute types stubbed, as this machine has no GPU (our logic, not the model's)."""

from __future__ import annotations

from pathlib import Path

import ctranslate2
import numpy as np
import pytest
from faster_whisper import BatchedInferencePipeline

from subtitler.asr import engine
from subtitler.asr.device import Device, choose_device, cpu_decoders
from subtitler.asr.engine import TranscribeOptions, _even_batch, transcribe
from subtitler.cli import main
from subtitler.core.errors import ModelError
from subtitler.media.audio import decode_audio

SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "samples" / "sample.mp4"
CPU_TYPES = {"int8", "int8_float32", "float32"}
GPU_TYPES = {"int8", "int8_float16", "int8_float32", "float16", "float32"}
OLD_GPU_TYPES = {"int8", "int8_float32", "float32"}


def machine(monkeypatch: pytest.MonkeyPatch, gpus: int, gpu_types: set[str] = GPU_TYPES) -> None:
    """CTranslate2 reports ``gpus`` CUDA devices that compute in ``gpu_types``."""
    monkeypatch.setattr(ctranslate2, "get_cuda_device_count", lambda: gpus)

    def supported(device: str) -> set[str]:
        if device == "cuda" and not gpus:
            raise RuntimeError("CUDA driver version is insufficient for CUDA runtime version")
        return gpu_types if device == "cuda" else CPU_TYPES

    monkeypatch.setattr(ctranslate2, "get_supported_compute_types", supported)


def test_auto_without_a_gpu_is_the_cpu_with_int8(monkeypatch: pytest.MonkeyPatch) -> None:
    machine(monkeypatch, gpus=0)
    chosen = choose_device()
    assert (chosen.device, chosen.compute_type, chosen.batch_size) == ("cpu", "int8", 4)
    assert chosen.describe() == "CPU, int8"


def test_auto_with_a_gpu_is_cuda_with_float16_and_bigger_batches(monkeypatch: pytest.MonkeyPatch) -> None:
    machine(monkeypatch, gpus=1)
    chosen = choose_device()
    assert (chosen.device, chosen.compute_type, chosen.batch_size) == ("cuda", "float16", 8)
    assert chosen.describe() == "CUDA GPU, float16"


def test_a_gpu_without_float16_falls_back_to_int8(monkeypatch: pytest.MonkeyPatch) -> None:
    machine(monkeypatch, gpus=1, gpu_types={"int8_float16", "int8", "float32"})
    assert choose_device().compute_type == "int8_float16"
    machine(monkeypatch, gpus=1, gpu_types=OLD_GPU_TYPES)
    assert choose_device().compute_type == "int8"


def test_the_cpu_can_be_chosen_on_a_gpu_machine(monkeypatch: pytest.MonkeyPatch) -> None:
    machine(monkeypatch, gpus=2)
    assert choose_device("cpu").device == "cpu"
    assert choose_device("cpu", "float32").compute_type == "float32"


def test_cuda_without_a_gpu_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    machine(monkeypatch, gpus=0)
    with pytest.raises(ModelError, match="No CUDA GPU"):
        choose_device("cuda")


def test_a_compute_type_the_device_cannot_do_is_refused_with_those_it_can(monkeypatch: pytest.MonkeyPatch) -> None:
    machine(monkeypatch, gpus=0)
    with pytest.raises(ModelError, match="cannot compute in float16; it can in float32, int8, int8_float32"):
        choose_device("auto", "float16")
    with pytest.raises(ModelError, match="Unknown compute type"):
        choose_device("cpu", "int3")
    with pytest.raises(ModelError, match="Unknown device"):
        choose_device("tpu")


def test_an_unusable_cuda_runtime_counts_as_no_gpu(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken() -> int:
        raise RuntimeError("CUDA driver version is insufficient")

    machine(monkeypatch, gpus=0)
    monkeypatch.setattr(ctranslate2, "get_cuda_device_count", broken)
    assert choose_device().device == "cpu"


def test_batch_size_follows_the_device_unless_given(monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[int] = []
    real = BatchedInferencePipeline.transcribe

    def spy(self, audio, *args, batch_size: int, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
        asked.append(batch_size)
        return real(self, audio, *args, batch_size=batch_size, **kwargs)

    monkeypatch.setattr(BatchedInferencePipeline, "transcribe", spy)
    monkeypatch.setattr(engine, "choose_device", lambda device, compute_type: Device("cpu", "int8", 6))
    audio = np.tile(decode_audio(SAMPLE), 8)  # 181 s: 6 windows of speech
    transcribe(audio, TranscribeOptions(model="tiny.en", language="en", cpu_threads=1))
    transcribe(audio, TranscribeOptions(model="tiny.en", language="en", cpu_threads=1, batch_size=2))
    assert asked == [6, 2, 2, 2]


def test_batches_are_as_even_as_the_largest_allows() -> None:
    assert [_even_batch(n, 4) for n in range(1, 11)] == [1, 2, 3, 4, 3, 3, 4, 4, 3, 4]
    assert _even_batch(6, 8) == 6 and _even_batch(1, 1) == 1


def test_batches_keep_every_decoder_busy() -> None:
    assert [_even_batch(n, 4, workers=2) for n in range(1, 11)] == [1, 1, 2, 2, 3, 3, 4, 4, 3, 3]
    assert _even_batch(6, 8, workers=2) == 3


def test_a_cpu_decodes_two_batches_at_once_on_its_share_of_the_threads() -> None:
    assert cpu_decoders(2) == (2, 1)
    assert cpu_decoders(8) == (2, 4)
    assert cpu_decoders(1) == (1, 1)
    assert Device("cpu", "int8", 4).decoders(2) == (2, 1)
    assert Device("cuda", "float16", 8).decoders(2) == (1, 2)


def test_two_decoders_give_the_words_and_times_of_one() -> None:
    audio = np.tile(decode_audio(SAMPLE), 8)  # 6 windows: two batches of three, at once or one after the other
    one, two = (transcribe(audio, TranscribeOptions(model="tiny.en", language="en", cpu_threads=threads))
                for threads in (1, 2))
    assert len(one.words) > 300
    assert one.words == two.words


def test_cli_refuses_cuda_before_any_work(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    machine(monkeypatch, gpus=0)
    out = tmp_path / "never.srt"
    assert main(["transcribe", str(SAMPLE), "--device", "cuda", "-o", str(out)]) == 2
    assert "No CUDA GPU" in capsys.readouterr().err and not out.exists()
