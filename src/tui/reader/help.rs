//! The help overlay: its lines, generated from the keymap (a heading a mode, a row a binding),
//! its box on the screen, how far it scrolls, and its keys. `ui::help` draws what this lays out.

use super::ReaderState;
use super::view::WHEEL_LINES;
use crate::tui::action::Action;
use crate::tui::keymap::{Keymap, Mode};
use crate::tui::strings;
use crate::tui::theme;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

/// Columns between the keys and their description.
const KEY_GAP: usize = 2;
/// Narrowest column a description wraps to, however small the screen.
const MIN_DESC_WIDTH: usize = 12;

fn section(mode: Mode) -> (&'static str, Option<(&'static str, &'static str)>) {
    match mode {
        Mode::Normal => (
            strings::HELP_SECTION_READING,
            Some((strings::HELP_MOUSE_KEYS, strings::HELP_MOUSE_DESC)),
        ),
        Mode::Search => (
            strings::HELP_SECTION_SEARCH,
            Some((strings::HELP_TYPE_KEYS, strings::HELP_TYPE_DESC)),
        ),
        Mode::Span => (strings::HELP_SECTION_SPAN, None),
        Mode::Form => (
            strings::HELP_SECTION_FORM,
            Some((strings::HELP_TYPE_KEYS, strings::HELP_FORM_TYPE_DESC)),
        ),
        Mode::Confirm => (
            strings::HELP_SECTION_CONFIRM,
            Some((
                strings::HELP_CONFIRM_OTHER_KEYS,
                strings::HELP_CONFIRM_OTHER_DESC,
            )),
        ),
        Mode::Help => (strings::HELP_SECTION_HELP, None),
    }
}

/// The help's lines, fitted to `max_width` columns: a heading a mode, then one row an action;
/// a description too long for the row continues below it, under itself.
pub fn help_lines(keymap: &Keymap, max_width: usize) -> Vec<Line<'static>> {
    let sections: Vec<(&str, Vec<(String, &str)>)> = Mode::ALL
        .into_iter()
        .map(|mode| {
            let (heading, extra) = section(mode);
            let mut rows = keymap.help_rows(mode);
            rows.extend(extra.map(|(k, d)| (k.to_string(), d)));
            (heading, rows)
        })
        .collect();
    let key_width = sections
        .iter()
        .flat_map(|(_, rows)| rows.iter().map(|(k, _)| k.width()))
        .max()
        .unwrap_or(0);
    let indent = 1 + key_width + KEY_GAP;
    let desc_width = max_width.saturating_sub(indent).max(MIN_DESC_WIDTH);
    let mut lines = Vec::new();
    for (i, (heading, rows)) in sections.into_iter().enumerate() {
        if i > 0 {
            lines.push(Line::raw(""));
        }
        lines.push(Line::styled(heading, theme::TITLE));
        for (keys, desc) in rows {
            let pad = " ".repeat(key_width - keys.width() + KEY_GAP);
            let mut parts = textwrap::wrap(desc, desc_width).into_iter();
            let first = parts.next().unwrap_or_default();
            lines.push(Line::from(vec![
                Span::styled(format!(" {keys}"), theme::KEY),
                Span::raw(format!("{pad}{first}")),
            ]));
            lines.extend(parts.map(|p| Line::raw(format!("{}{p}", " ".repeat(indent)))));
        }
    }
    lines
}

/// The overlay's box: as big as its lines, centred, never bigger than the screen.
pub fn help_area(keymap: &Keymap, area: Rect) -> Rect {
    let lines = help_lines(keymap, inner_width(area));
    let content_width = lines.iter().map(Line::width).max().unwrap_or(0) + 1;
    let width = (content_width + 2).min(usize::from(area.width)) as u16;
    let height = (lines.len() + 2).min(usize::from(area.height)) as u16;
    Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    }
}

/// Columns for the help's text inside its border, with one column to spare on the right.
pub fn inner_width(area: Rect) -> usize {
    usize::from(area.width).saturating_sub(3)
}

/// How far the help can scroll in a screen of this size.
pub fn max_scroll(keymap: &Keymap, area: Rect) -> usize {
    let visible = usize::from(help_area(keymap, area).height.saturating_sub(2));
    help_lines(keymap, inner_width(area))
        .len()
        .saturating_sub(visible)
}

impl ReaderState {
    pub fn help_scroll(&self) -> usize {
        self.help_scroll
    }

    pub(super) fn apply_help(&mut self, action: &Action) {
        let max = max_scroll(&self.keymap, self.area());
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
        let shown = help_area(&self.keymap, self.area()).height;
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
