"""Where Whisper runs: a CUDA GPU when CTranslate2 sees one, else the CPU; with which weights, how many windows at once."""

from __future__ import annotations

import os
from dataclasses import dataclass

from ..core.errors import ModelError

__all__ = [
    "COMPUTE_TYPES", "DEVICES", "Device", "all_threads", "choose_device", "cpu_decoders", "cuda_device_count",
    "supported_compute_types",
]

DEVICES = ("auto", "cpu", "cuda")
COMPUTE_TYPES = ("auto", "int8", "int8_float16", "int8_float32", "int8_bfloat16", "float16", "bfloat16", "float32")
_GPU_PREFERENCE = ("float16", "int8_float16", "int8", "float32")
_CPU_BATCH = 4  # fastest for base on 2 cores (benchmarks/batched.py); memory grows ~70 MB a window
_GPU_BATCH = 8  # a GPU decodes a batch in about the time of one window; each window takes GPU memory
_CPU_DECODERS = 2
"""Batches a CPU decodes at once, each on its share of the threads. On 2 cores, base decoded the 181 s
sample's 6 windows in 6.6 s as two batches at once on one thread each, against 9.8 s as two batches one
after the other on both threads, with the same words (in one process, median of 3). A second thread inside
one batch adds almost nothing (one window: 2.46 s on one thread, 2.49 s on two); a second batch beside it does."""


@dataclass(frozen=True)
class Device:
    """The device, compute type and windows per batch a transcription uses."""

    device: str
    """"cpu" or "cuda"."""
    compute_type: str
    batch_size: int

    def decoders(self, cpu_threads: int) -> tuple[int, int]:
        """How many batches run at once on this device, and the CPU threads each one gets."""
        return cpu_decoders(cpu_threads) if self.device == "cpu" else (1, cpu_threads)

    def describe(self) -> str:
        """What is in use, for people: "CPU, int8" or "CUDA GPU, float16"."""
        return f"{'CUDA GPU' if self.device == 'cuda' else 'CPU'}, {self.compute_type}"


def all_threads() -> int:
    """Every core: the CPU threads a transcription or an alignment uses unless told otherwise."""
    return os.cpu_count() or 2


def cpu_decoders(cpu_threads: int) -> tuple[int, int]:
    """Batches decoded at once on a CPU with ``cpu_threads`` threads, and the threads of each."""
    workers = max(1, min(_CPU_DECODERS, cpu_threads))
    return workers, max(1, cpu_threads // workers)


def cuda_device_count() -> int:
    """How many CUDA GPUs CTranslate2 can use (0 without a GPU, a driver or CUDA's libraries)."""
    import ctranslate2

    try:
        return ctranslate2.get_cuda_device_count()
    except RuntimeError:
        return 0


def supported_compute_types(device: str) -> set[str]:
    """The compute types CTranslate2 can use on "cpu" or "cuda" here."""
    import ctranslate2

    return set(ctranslate2.get_supported_compute_types(device))


def choose_device(device: str = "auto", compute_type: str = "auto") -> Device:
    """The device to use: "auto" takes a CUDA GPU when CTranslate2 sees one (float16, else int8_float16),
    else the CPU with int8; a compute type the device cannot do is refused with the ones it can."""
    if device not in DEVICES:
        raise ModelError(f"Unknown device '{device}': use {', '.join(DEVICES)}.")
    if compute_type not in COMPUTE_TYPES:
        raise ModelError(f"Unknown compute type '{compute_type}': use {', '.join(COMPUTE_TYPES)}.")
    gpus = 0 if device == "cpu" else cuda_device_count()
    if device == "cuda" and not gpus:
        raise ModelError(
            "No CUDA GPU is visible to CTranslate2 (it needs an NVIDIA driver, CUDA 12 and cuDNN 9); "
            "choose the CPU or automatic."
        )
    kind = "cuda" if gpus else "cpu"
    supported = supported_compute_types(kind)
    if compute_type == "auto":
        compute_type = next((t for t in _GPU_PREFERENCE if t in supported), "float32") if gpus else "int8"
    elif compute_type not in supported:
        raise ModelError(
            f"The {'GPU' if gpus else 'CPU'} here cannot compute in {compute_type}; it can in {', '.join(sorted(supported))}."
        )
    return Device(kind, compute_type, _GPU_BATCH if gpus else _CPU_BATCH)
