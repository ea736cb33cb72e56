"""Look and feel: Fusion everywhere, light or dark following the OS, a little type scale."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

STYLE = """
QLabel#viewHeading { font-size: 17pt; font-weight: 600; padding: 4px 0 2px 0; }
QLabel#viewSummary { color: palette(placeholder-text); padding-bottom: 6px; }
QLabel#emptyState { color: palette(placeholder-text); font-size: 12pt; padding: 24px; }
QListWidget#sidebar { border: 2px solid transparent; padding-top: 8px; font-size: 11pt;
                      outline: 0; background: palette(alternate-base); }
QListWidget#sidebar:focus { border: 2px solid palette(highlight); }
QListWidget#sidebar::item { padding: 8px 10px; border-radius: 6px; margin: 1px 6px; }
QListWidget#sidebar::item:selected { background: palette(highlight);
                                     color: palette(highlighted-text); }
QTreeView, QTableView { border: 1px solid palette(mid); }
QTreeView:focus, QTableView:focus, QListWidget:focus, QPlainTextEdit:focus, QTextEdit:focus
    { border: 2px solid palette(highlight); }
QLabel#sectionHeading { font-size: 12pt; font-weight: 600; padding-top: 4px; }
QLabel#caughtUp { font-size: 12pt; padding: 8px 2px; }
QListWidget#searchResults { font-size: 10.5pt; }
QTreeView, QTableView { font-size: 10.5pt; }
QTreeView::item { padding: 3px 0; }
QFrame#boardColumn QListView { background: palette(alternate-base); border: 1px solid palette(mid);
                               border-radius: 6px; }
QListWidget#timeline::item { padding: 4px 2px; border-bottom: 1px solid palette(midlight); }
QLabel#boardHeading { font-weight: 600; padding: 2px 4px; }
"""

# The colours the window says things with (hex), so each is chosen once. Most come in a
# pair: one for the light palette, one that reads on the dark one.
ERROR = "#c62828"  # an error's text: a message, a count over its limit, a failed send
ERROR_ON_DARK = "#ef9a9a"
ALARM_ON_DARK = "#ff8a80"  # overdue, and an error that must be seen, on the dark palette
OVERDUE = "#c0392b"
WARNING = "#a86b00"  # a warning in the composer's checklist
CAUTION_TEXT = "#8a5a00"  # a note of caution under a field (the keyring's)
ERROR_UNDERLINE = "#d32f2f"  # the composer's wavy underlines
WARNING_UNDERLINE = "#e39b00"
MUTED = "#777777"  # a finding that was dismissed
PROBLEM_ROW_BACKGROUND = "#fbdada"  # an import row with a problem
PROBLEM_ROW_TEXT = "#7a1010"
SKIPPED_TEXT = "#6b6b6b"  # an import row left out
FIELD_ERROR = "#d32f2f"  # the message under a form's field
FIELD_CHIP_RGBA = (61, 123, 217, 60)  # a template field's chip: the highlight, translucent

SCHEMES = {
    "auto": Qt.ColorScheme.Unknown,
    "light": Qt.ColorScheme.Light,
    "dark": Qt.ColorScheme.Dark,
}


def saved_appearance(data_dir: Path) -> str:
    """System, light or dark as chosen in View ▸ Appearance (kept beside the window's state)."""
    from desktop.ui.window_state import window_state

    state = window_state(data_dir)
    scheme = str(state.value("appearance", "auto"))
    return scheme if scheme in SCHEMES else "auto"


def apply_theme(app: QApplication, scheme: str = "auto") -> None:
    """Fusion style (the same on every OS) in the OS's light or dark scheme, or a forced one."""
    app.setStyle("Fusion")
    hints = app.styleHints()
    if hasattr(hints, "setColorScheme"):
        hints.setColorScheme(SCHEMES.get(scheme, Qt.ColorScheme.Unknown))
    dark = scheme == "dark" or (scheme == "auto" and hints.colorScheme() == Qt.ColorScheme.Dark)
    # Fusion draws from the palette; the OS theme is not consulted on every platform.
    app.setPalette(dark_palette() if dark else app.style().standardPalette())
    app.setStyleSheet(STYLE)


def dark_palette() -> QPalette:
    """A calm dark palette for Fusion, used when the OS asks for dark or the user does."""
    palette = QPalette()
    colors = {
        QPalette.ColorRole.Window: "#1f2125",
        QPalette.ColorRole.WindowText: "#e6e6e6",
        QPalette.ColorRole.Base: "#17181b",
        QPalette.ColorRole.AlternateBase: "#25272c",
        QPalette.ColorRole.ToolTipBase: "#2b2d31",
        QPalette.ColorRole.ToolTipText: "#e6e6e6",
        QPalette.ColorRole.PlaceholderText: "#8b8f98",
        QPalette.ColorRole.Text: "#e6e6e6",
        QPalette.ColorRole.Button: "#2b2d31",
        QPalette.ColorRole.ButtonText: "#e6e6e6",
        QPalette.ColorRole.BrightText: "#ff6b6b",
        QPalette.ColorRole.Link: "#6cb4ff",
        QPalette.ColorRole.Highlight: "#3d7bd9",
        QPalette.ColorRole.HighlightedText: "#ffffff",
    }
    for role, color in colors.items():
        palette.setColor(role, QColor(color))
    for role in (
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
        QPalette.ColorRole.WindowText,
    ):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#6b6f78"))
    return palette
