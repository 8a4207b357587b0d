"""Bytes a product image adds to a catalog bundle, and the time to make its thumbnail.

    .venv/bin/python bench/thumbnail_size.py [--images 40]

Synthetic photo-like images (noisy gradients, 800-1600 px, JPEG q90; harder to compress than
product shots on white), through the builder's own ``thumbnail()``. Writes
bench/results/thumbnail_size.json.
"""

from __future__ import annotations

import argparse
import io
import random
import statistics
import time

from _common import write_result


def photo(rng: random.Random) -> bytes:
    from PIL import Image, ImageFilter

    width, height = rng.choice([(1200, 1200), (1600, 1200), (800, 1000)])
    noise = Image.effect_noise((width // 8, height // 8), 60).convert("RGB")
    noise = noise.resize((width, height), Image.Resampling.BICUBIC)
    gradient = Image.linear_gradient("L").convert("RGB").resize((width, height))
    image = Image.blend(noise, gradient, 0.5).filter(ImageFilter.DETAIL)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=90)
    return out.getvalue()


def main() -> None:
    from engine.bundles.thumbnails import THUMB_PIXELS, thumbnail

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--images", type=int, default=40)
    args = parser.parse_args()
    rng = random.Random(1)
    sizes, seconds = [], []
    for _ in range(args.images):
        data = photo(rng)
        started = time.perf_counter()
        sizes.append(len(thumbnail(data)))
        seconds.append(time.perf_counter() - started)
    result = {"images": args.images, "thumb_pixels": THUMB_PIXELS,
              "mean_bytes": round(statistics.mean(sizes)), "max_bytes": max(sizes),
              "ms_per_image": round(1000 * statistics.mean(seconds), 2)}
    print(result)
    print(f"wrote {write_result('thumbnail_size', result)}")


if __name__ == "__main__":
    main()
