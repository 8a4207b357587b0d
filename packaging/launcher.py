"""Entry point of the frozen app: one executable is both `aisle-gui` and, by name, the `aisle` CLI.

Linux and macOS install a symlink ``aisle -> aisle-gui``; dispatching on the program name keeps one
copy of the (large) frozen archive instead of two. Windows builds a second, console executable
named ``aisle.exe`` from this same script (see aisle.spec).
"""

from __future__ import annotations

import multiprocessing
import os
import sys

CLI_NAMES = {"aisle"}


def main() -> int:
    """Run the CLI when invoked as ``aisle``, else the desktop app; return the exit status."""
    multiprocessing.freeze_support()
    if len(sys.argv) > 2 and sys.argv[1] == "--aisle-model-worker":  # engine.llm.worker_client
        from engine.llm import worker

        worker.main(sys.argv[2:])
        return 0
    name = os.path.splitext(os.path.basename(sys.argv[0]))[0].lower()
    if name in CLI_NAMES:
        from engine.cli import main as cli_main

        cli_main()
        return 0
    from desktop_app.main import main as gui_main

    return gui_main()


if __name__ == "__main__":
    sys.exit(main())
