"""Choose which of ggml's x86 CPU variants a llama.cpp build compiles, and say what each cost.

Used by ``scripts/build_llama.sh``:

    python scripts/llama_variants.py select SRC x64 sse42 haswell ...
        keep only these variants in the unpacked llama-cpp-python sdist at SRC (ggml builds all
        14 with GGML_CPU_ALL_VARIANTS and has no option to pick some);
    python scripts/llama_variants.py times BUILD_DIR OUT.json
        sum the compile and link time of each variant from ninja's log in BUILD_DIR, write them
        as JSON and print one line each.
"""

from __future__ import annotations

import json
import re
import sys
from collections import defaultdict
from pathlib import Path

CMAKE_LISTS = Path("vendor/llama.cpp/ggml/src/CMakeLists.txt")
X86_VARIANTS = ("x64", "sse42", "sandybridge", "ivybridge", "piledriver", "haswell", "skylakex",
                "cannonlake", "cascadelake", "icelake", "cooperlake", "zen4", "alderlake",
                "sapphirerapids")
VARIANT_LINE = re.compile(r"^(\s*)ggml_add_cpu_backend_variant\((\w+)\b")
VARIANT_OUTPUT = re.compile(r"ggml-cpu-(\w+?)(?:-feats)?(?:\.dir/|\.so)")


def select(source: Path, keep: list[str]) -> None:
    """Comment out every x86 variant not in ``keep``; fail if the list is not what we expect."""
    unknown = sorted(set(keep) - set(X86_VARIANTS))
    if unknown:
        raise SystemExit(f"unknown CPU variants: {', '.join(unknown)}")
    path = source / CMAKE_LISTS
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    found: list[str] = []
    for i, line in enumerate(lines):
        match = VARIANT_LINE.match(line)
        if not match or match.group(2) not in X86_VARIANTS:
            continue
        found.append(match.group(2))
        if match.group(2) not in keep:
            lines[i] = match.group(1) + "# (not built, scripts/build_llama.sh) " + line.lstrip()
    if sorted(found) != sorted(X86_VARIANTS):
        raise SystemExit(f"ggml's x86 variant list changed ({', '.join(found)}): "
                         "review scripts/build_llama.sh's choice")
    path.write_text("".join(lines), encoding="utf-8")
    print(f"llama.cpp CPU variants built: {' '.join(keep)}")


def times(build_dir: Path, out: Path) -> None:
    """Seconds of compile + link per variant (summed over jobs), and the whole build's."""
    log = build_dir / ".ninja_log"
    if not log.exists():
        raise SystemExit(f"no ninja log in {build_dir}")
    spans: dict[str, tuple[int, int]] = {}
    for line in log.read_text(encoding="utf-8").splitlines():
        fields = line.split("\t")
        if line.startswith("#") or len(fields) < 4:
            continue
        spans[fields[3]] = (int(fields[0]), int(fields[1]))
    per_variant: dict[str, float] = defaultdict(float)
    other = 0.0
    for output, (start, end) in spans.items():
        match = VARIANT_OUTPUT.search(output)
        if match:
            per_variant[match.group(1)] += (end - start) / 1000
        else:
            other += (end - start) / 1000
    wall = (max(e for _, e in spans.values()) - min(s for s, _ in spans.values())) / 1000
    report = {"variants_s": {k: round(v, 1) for k, v in sorted(per_variant.items())},
              "shared_s": round(other, 1), "wall_s": round(wall, 1)}
    out.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    for name, seconds in report["variants_s"].items():
        print(f"  CPU variant {name}: {seconds:.0f} s of compile time")
    print(f"  llama.cpp's shared code: {other:.0f} s; the build: {wall:.0f} s on the clock")


def main(argv: list[str]) -> None:
    if len(argv) >= 3 and argv[0] == "select":
        select(Path(argv[1]), argv[2:])
    elif len(argv) == 3 and argv[0] == "times":
        times(Path(argv[1]), Path(argv[2]))
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
