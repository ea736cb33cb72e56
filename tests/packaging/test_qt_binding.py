"""The Qt binding itself must not corrupt the interpreter (a real crash we met)."""

from __future__ import annotations

import sys


def test_qt_calls_returning_nothing_keep_nones_reference_count(qapp):
    # PySide6 6.12.0 dropped a reference to None on each such call; on Python 3.11 the
    # app died with "deallocating None" after a few thousand (a card, a window repaint).
    from PySide6.QtGui import QFont, QPen

    font, pen = QFont(), QPen()
    before = sys.getrefcount(None)
    for _ in range(500):
        font.setPointSizeF(12.0)
        pen.setWidthF(1.0)
    assert abs(sys.getrefcount(None) - before) < 50
