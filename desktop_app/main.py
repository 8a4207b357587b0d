"""`aisle-gui`: start the desktop app (or, with --self-test, check the install headlessly)."""

from __future__ import annotations

import argparse
import logging
import sys

from desktop_app.i18n import LanguageSwitcher


def _parse(argv: list[str]) -> tuple[argparse.Namespace, list[str]]:
    parser = argparse.ArgumentParser(prog="aisle-gui", description="Aisle desktop app")
    parser.add_argument("--data-dir", default=None, help="where Aisle keeps its data")
    parser.add_argument("--self-test", action="store_true",
                        help="open the catalog, search, ask the assistant; print a JSON report")
    parser.add_argument("--theme", choices=("system", "light", "dark"), default="system")
    parser.add_argument("--language", choices=("en", "zh_CN"), default=None)
    parser.add_argument("-v", "--verbose", action="store_true")
    return parser.parse_known_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Run the app; returns the process exit status."""
    args, qt_args = _parse(sys.argv[1:] if argv is None else argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING)
    if args.self_test:
        from desktop_app.self_test import run_self_test

        return run_self_test(args.data_dir)
    window, app = build_app(args.data_dir, args.theme, args.language, qt_args)
    window.show()
    window.start()
    return app.exec()


def build_app(data_dir: str | None, theme: str = "system", language: str | None = None,
              qt_args: list[str] | None = None):  # type: ignore[no-untyped-def]
    """Create the QApplication (if needed) and the main window, not yet started."""
    from PySide6.QtWidgets import QApplication

    from desktop_app.context import AppContext
    from desktop_app.errors import install_excepthook
    from desktop_app.main_window import MainWindow
    from desktop_app.theme import apply_theme
    from engine.app import Aisle

    app = QApplication.instance() or QApplication(["aisle-gui", *(qt_args or [])])
    app.setApplicationName("Aisle")
    app.setOrganizationName("Aisle")
    apply_theme(app, theme)
    install_excepthook()
    aisle = Aisle(data_dir)
    languages = LanguageSwitcher()
    languages.apply(language or aisle.settings.language)
    window = MainWindow(AppContext(aisle, languages))
    return window, app


if __name__ == "__main__":
    sys.exit(main())
