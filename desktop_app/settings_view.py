"""Settings: chat model, catalog (import a feed, install a bundle, updates), language."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop_app import bundle_flow, model_bridge
from desktop_app.catalog_updates import CatalogUpdatesBox
from desktop_app.context import AppContext
from desktop_app.errors import show_error
from desktop_app.i18n import LANGUAGES, Retranslatable
from desktop_app.import_flow import import_feed
from desktop_app.layout import scrolling_column

FEED_FILTER = "Product feeds (*.jsonl *.json *.csv *.tsv *.txt *.xml);;All files (*)"


class SettingsView(Retranslatable, QWidget):
    model_settings_changed = Signal()
    language_changed = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.model_box, self.catalog_box, self.language_box = QGroupBox(), QGroupBox(), QGroupBox()
        self._build_model()
        self._build_catalog()
        self._build_language()
        self.updates = CatalogUpdatesBox(ctx)
        scrolling_column(self, (self.model_box, self.catalog_box, self.updates,
                                self.language_box))
        self.retranslate()
        ctx.model_status_changed.connect(lambda *_: self._refresh_models())

    # ----- model ----------------------------------------------------------------------------

    def _build_model(self) -> None:
        self.model_combo = QComboBox(objectName="modelCombo")
        # long model names must not widen the page past a small window
        self.model_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.model_combo.setMinimumContentsLength(16)
        self.pick_model_button = QPushButton(objectName="pickModel")
        self.pick_model_button.clicked.connect(self._pick_model)
        self.threads = QSpinBox(objectName="threads", minimum=0, maximum=256)
        self.gpu_layers = QSpinBox(objectName="gpuLayers", minimum=-2, maximum=1000)
        self.context_size = QSpinBox(objectName="contextSize", minimum=512, maximum=131072,
                                     singleStep=512)
        settings = self.ctx.settings
        self.threads.setValue(settings.model_threads)
        self.gpu_layers.setValue(settings.model_gpu_layers)
        self.context_size.setValue(settings.model_context)
        self.apply_model_button = QPushButton(objectName="applyModel")
        self.apply_model_button.clicked.connect(self._apply_model)
        self.model_note = QLabel(objectName="modelNote", wordWrap=True)
        self.cpu_mode_note = QLabel(objectName="cpuModeNote", wordWrap=True)
        self.model_picker = QHBoxLayout()
        self.model_picker.addWidget(self.model_combo, 1)
        self.model_picker.addWidget(self.pick_model_button)
        self.model_labels = [QLabel() for _ in range(4)]
        self.model_form = QFormLayout(self.model_box)
        self.model_form.addRow(self.model_labels[0], self.model_picker)
        for label, widget in zip(self.model_labels[1:],
                                 (self.threads, self.gpu_layers, self.context_size),
                                 strict=True):
            self.model_form.addRow(label, widget)
        self.model_form.addRow(self.model_note)
        self.model_form.addRow(self.cpu_mode_note)
        self.model_form.addRow(self.apply_model_button)
        self._build_load_at_start()

    def _build_load_at_start(self) -> None:
        self.load_at_start = QCheckBox(objectName="loadModelAtStart")
        self.load_at_start.setChecked(self.ctx.settings.load_model_at_start)
        self.load_at_start.clicked.connect(self._load_at_start_chosen)
        self.load_at_start_note = QLabel(objectName="loadAtStartNote", wordWrap=True)
        self.model_form.addRow(self.load_at_start)
        self.model_form.addRow(self.load_at_start_note)

    def _refresh_models(self) -> None:
        entries = model_bridge.list_models(self.ctx)
        self.model_combo.blockSignals(True)
        self.model_combo.clear()
        for entry in entries:
            self.model_combo.addItem(model_bridge.describe(entry), entry.name)
            if entry.active:
                self.model_combo.setCurrentIndex(self.model_combo.count() - 1)
        self.model_combo.blockSignals(False)
        self.cpu_mode_note.setText(model_bridge.cpu_mode(self.ctx))
        self.model_combo.setEnabled(bool(entries))

    def _pick_model(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Choose a GGUF model file"), str(Path.home()),
            self.tr("GGUF models (*.gguf);;All files (*)"))
        if path:
            self.use_model_file(Path(path))

    def use_model_file(self, path: Path) -> None:
        """Register ``path`` as a model, make it active and reload (errors shown readably)."""
        model_bridge.add_and_use(self, self.ctx, path, self._model_chosen)

    def _model_chosen(self, _entry: object) -> None:
        self._refresh_models()
        self.model_settings_changed.emit()

    def _apply_model(self) -> None:
        try:
            self.ctx.update_settings(
                model_threads=self.threads.value(), model_gpu_layers=self.gpu_layers.value(),
                model_context=self.context_size.value())
        except Exception as err:  # noqa: BLE001 - shown to the user, never raised
            show_error(self, err)
            return
        name = self.model_combo.currentData()
        if name:
            model_bridge.use(self, self.ctx, name, self._model_chosen)
        else:
            self.model_settings_changed.emit()

    def _load_at_start_chosen(self, on: bool) -> None:
        """Remember the choice; it takes effect at the next start."""
        try:
            self.ctx.update_settings(load_model_at_start=on)
        except Exception as err:  # noqa: BLE001 - shown to the user, never raised
            show_error(self, err)
            self.load_at_start.setChecked(self.ctx.settings.load_model_at_start)

    # ----- catalog --------------------------------------------------------------------------

    def _build_catalog(self) -> None:
        self.import_button = QPushButton(objectName="importFeed")
        self.import_button.clicked.connect(self._pick_feed)
        self.bundle_source = QLineEdit(objectName="bundleSource")
        self.bundle_button = QPushButton(objectName="installBundle")
        self.bundle_button.clicked.connect(self._install_bundle)
        self.bundle_note = QLabel(objectName="bundleNote", wordWrap=True)
        self.catalog_note = QLabel(wordWrap=True)
        bundle_row = QHBoxLayout()
        bundle_row.addWidget(self.bundle_source, 1)
        bundle_row.addWidget(self.bundle_button)
        column = QVBoxLayout(self.catalog_box)
        column.addWidget(self.catalog_note)
        column.addWidget(self.import_button, 0, Qt.AlignmentFlag.AlignLeft)
        column.addLayout(bundle_row)
        column.addWidget(self.bundle_note)

    def _pick_feed(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Import a product feed"), str(Path.home()), self.tr(FEED_FILTER))
        if path:
            self.import_file(Path(path))

    def import_file(self, path: Path) -> object:
        """Import ``path`` with a progress dialog; returns that dialog."""
        return import_feed(self, self.ctx, path)

    def _install_bundle(self) -> None:
        source = self.bundle_source.text().strip()
        if source:
            bundle_flow.install_bundle(self, self.ctx, source)

    # ----- language -------------------------------------------------------------------------

    def _build_language(self) -> None:
        self.language_combo = QComboBox(objectName="languageCombo")
        for code, name in LANGUAGES.items():
            self.language_combo.addItem(name, code)
        self.language_combo.setCurrentIndex(max(0, self.language_combo.findData(
            self.ctx.languages.current)))
        self.language_combo.currentIndexChanged.connect(self._language_chosen)
        self.theme_note = QLabel(wordWrap=True)
        self.language_label = QLabel()
        self.language_form = QFormLayout(self.language_box)
        self.language_form.addRow(self.language_label, self.language_combo)
        self.language_form.addRow(self.theme_note)

    def _language_chosen(self) -> None:
        code = self.language_combo.currentData()
        self.set_language(code)

    def set_language(self, code: str) -> None:
        """Switch the UI language now and remember it."""
        if not self.ctx.languages.apply(code):
            code = "en"
        try:
            self.ctx.update_settings(language=code)
        except Exception as err:  # noqa: BLE001 - shown to the user, never raised
            show_error(self, err)
        self.language_changed.emit(code)
        self.ctx.language_changed.emit(code)

    # ----- texts ----------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.model_box.setTitle(self.tr("Chat model"))
        self.catalog_box.setTitle(self.tr("Catalog"))
        self.language_box.setTitle(self.tr("Language and appearance"))
        self.pick_model_button.setText(self.tr("Choose a GGUF file…"))
        labels = (self.tr("Model"), self.tr("CPU threads"), self.tr("GPU layers"),
                  self.tr("Context size (tokens)"))
        for label, text in zip(self.model_labels, labels, strict=True):
            label.setText(text)
        self.threads.setSpecialValueText(self.tr("Automatic"))
        self.gpu_layers.setSpecialValueText(self.tr("Detect"))
        self.model_note.setText(model_bridge.explanation())
        self.apply_model_button.setText(self.tr("Apply and reload the model"))
        self.load_at_start.setText(self.tr("Load the chat model when Aisle starts"))
        self.load_at_start_note.setText(self.tr(
            "When this is off, the model loads at your first question, and Aisle uses less "
            "memory until then."))
        self.catalog_note.setText(self.tr(
            "Importing a feed replaces the products of the current catalog. Your history and "
            "saved items are kept."))
        self.import_button.setText(self.tr("Import a feed file…"))
        self.bundle_source.setPlaceholderText(self.tr("Catalog bundle URL or file"))
        self.bundle_button.setText(self.tr("Download and install"))
        self.bundle_note.setText(bundle_flow.explanation())
        self.language_label.setText(self.tr("Language"))
        self.theme_note.setText(self.tr(
            "The theme follows your system's light or dark setting."))
        self._refresh_models()
