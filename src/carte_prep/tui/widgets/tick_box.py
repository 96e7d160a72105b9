"""A checkbox whose unticked box is empty.

Textual draws both states as ``▐X▌`` and tells them apart by colour alone, so in a plain
capture, a screen reader or a colour-blind reader's eyes every box looked ticked. Here the
X is drawn only when the box is ticked.
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Checkbox


class TickBox(Checkbox):
    """A :class:`~textual.widgets.Checkbox` showing ``▐X▌`` ticked and ``▐ ▌`` unticked."""

    def render(self) -> Content:
        self.BUTTON_INNER = "X" if self.value else " "
        return super().render()
