"""Let ggml's Vulkan backend build with Debian 12's Vulkan headers (1.3.239).

ggml fills a VkLayerSettingsCreateInfoEXT (VK_EXT_layer_settings, headers 1.3.261 and later)
to turn on the validation layer's best-practice checks, which only debug runs with that layer
use. This guards that block with the extension's macro, as ggml already does for every other
newer extension, so older headers build the backend without it. A source that already has the
guard, or no longer has the block, is left as it is.

Usage: llama_vulkan_compat.py LLAMA_CPP_SOURCE_DIR
"""

from __future__ import annotations

import sys
from pathlib import Path

BLOCK_START = "    VkBool32 enable_best_practice = layer_settings;\n"
CREATE = ("    vk::InstanceCreateInfo instance_create_info(vk::InstanceCreateFlags{}, &app_info, "
          "layers, extensions")
BLOCK_END = CREATE + ", &layer_setting_info);\n"
WITHOUT = CREATE + ");\n"


def patch(source: str) -> str:
    start = source.find(BLOCK_START)
    end = source.find(BLOCK_END, start)
    if start < 0 or end < 0 or "#ifdef VK_EXT_layer_settings" in source[start - 40:start]:
        return source
    end += len(BLOCK_END)
    return (source[:start] + "#ifdef VK_EXT_layer_settings\n" + source[start:end] + "#else\n"
            + WITHOUT + "#endif\n" + source[end:])


def main(root: str) -> None:
    path = Path(root) / "ggml" / "src" / "ggml-vulkan" / "ggml-vulkan.cpp"
    text = path.read_text(encoding="utf-8")
    patched = patch(text)
    if patched != text:
        path.write_text(patched, encoding="utf-8")
        print(f"guarded VK_EXT_layer_settings in {path.name}")


if __name__ == "__main__":
    main(sys.argv[1])
