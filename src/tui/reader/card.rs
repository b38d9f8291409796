//! The card in the side pane: how far it is scrolled.

use super::ReaderState;
use crate::tui::ui;

impl ReaderState {
    /// The first card line on screen.
    pub fn card_scroll(&self) -> usize {
        self.card_scroll
    }

    pub(super) fn scroll_card(&mut self, lines: usize, down: bool) {
        self.card_scroll = if down {
            (self.card_scroll + lines).min(ui::card::max_scroll(self))
        } else {
            self.card_scroll.saturating_sub(lines)
        };
    }
}
