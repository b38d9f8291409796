//! The help overlay's keys: scrolling it and closing it.

use super::ReaderState;
use super::view::WHEEL_LINES;
use crate::tui::action::Action;
use crate::tui::keymap::Mode;
use crate::tui::ui;

impl ReaderState {
    pub fn help_scroll(&self) -> usize {
        self.help_scroll
    }

    pub(super) fn apply_help(&mut self, action: &Action) {
        let max = ui::help::max_scroll(&self.keymap, self.area());
        match action {
            Action::ScrollDown => self.help_scroll = (self.help_scroll + 1).min(max),
            Action::ScrollUp => self.help_scroll = self.help_scroll.saturating_sub(1),
            Action::PageDown => self.help_scroll = (self.help_scroll + self.help_page()).min(max),
            Action::PageUp => self.help_scroll = self.help_scroll.saturating_sub(self.help_page()),
            Action::Start => self.help_scroll = 0,
            Action::End => self.help_scroll = max,
            Action::Wheel { down: true, .. } => {
                self.help_scroll = (self.help_scroll + WHEEL_LINES).min(max);
            }
            Action::Wheel { down: false, .. } => {
                self.help_scroll = self.help_scroll.saturating_sub(WHEEL_LINES);
            }
            Action::Cancel | Action::ToggleHelp => self.mode = Mode::Normal,
            _ => {}
        }
    }

    /// Lines the help scrolls by a page: those it shows, less one kept for context.
    pub(super) fn help_page(&self) -> usize {
        let shown = ui::help::help_area(&self.keymap, self.area()).height;
        usize::from(shown.saturating_sub(3)).max(1)
    }
}

#[cfg(test)]
mod tests {

    use crate::tui::reader::testing::*;

    use crate::tui::action::{Action, Effect};

    use crate::tui::keymap::Mode;

    #[test]
    fn help_takes_the_keys_until_closed() {
        let mut s = state(120, 40);
        let before = s.selected_token();
        s.update(Action::ToggleHelp);
        assert_eq!(s.mode(), Mode::Help);
        s.update(Action::NextTerm);
        assert_eq!(s.selected_token(), before);
        s.update(Action::Cancel);
        assert_eq!(s.mode(), Mode::Normal);
        assert_eq!(s.update(Action::Quit), [Effect::Quit]);
    }
}
