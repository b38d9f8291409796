//! The `?` overlay: the help's lines in their box, scrolled; [`crate::tui::reader::help`] lays
//! them out.

use super::theme;
use crate::tui::action::Action;
use crate::tui::keymap::Mode;
use crate::tui::reader::ReaderState;
use crate::tui::reader::help::{help_area, help_lines, inner_width, max_scroll};
use crate::tui::strings;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

pub fn render(state: &ReaderState, frame: &mut Frame, area: Rect) {
    let keymap = state.keymap();
    let rect = help_area(keymap, area);
    if rect.is_empty() {
        return;
    }
    let max = max_scroll(keymap, area);
    let close = keymap.key_for(Mode::Help, &Action::Cancel);
    let footer = strings::help_footer(close.as_deref().unwrap_or("Esc"), max > 0);
    let block = Block::new()
        .borders(Borders::ALL)
        .title(Line::styled(
            format!(" {} ", strings::HELP_TITLE),
            theme::PANE_TITLE,
        ))
        .title_bottom(Line::styled(format!(" {footer} "), theme::DIM).right_aligned());
    let scroll = state.help_scroll().min(max) as u16;
    frame.render_widget(Clear, rect);
    frame.render_widget(
        Paragraph::new(help_lines(keymap, inner_width(area)))
            .block(block)
            .scroll((scroll, 0)),
        rect,
    );
}
