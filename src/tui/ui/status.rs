//! The status bar: the search prompt or a message on the left, key hints on the right.

use super::{theme, truncate};
use crate::tui::keymap::Mode;
use crate::tui::state::AppState;
use crate::tui::strings;
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

const HINT_GAP: &str = "  ";

pub fn render(state: &AppState, frame: &mut Frame, area: Rect) {
    if area.is_empty() {
        return;
    }
    let width = usize::from(area.width);
    let (left, style) = match state.mode() {
        Mode::Search => (
            format!("{}{}", strings::SEARCH_PROMPT, state.query()),
            theme::TITLE,
        ),
        _ => (
            state.message().unwrap_or_default().to_string(),
            theme::MESSAGE,
        ),
    };
    let hints = hint_spans(state);
    let hints_width: usize = hints.iter().map(|s| s.content.width()).sum();
    let mut spans = vec![Span::styled(truncate(&left, width).into_owned(), style)];
    let left_width = spans[0].content.width();
    // Hints only when they fit beside what the left side says.
    if left_width + HINT_GAP.len() + hints_width <= width {
        spans.push(Span::raw(" ".repeat(width - left_width - hints_width)));
        spans.extend(hints);
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
    if state.mode() == Mode::Search {
        let x = area.x + (left_width as u16).min(area.width.saturating_sub(1));
        frame.set_cursor_position(Position::new(x, area.y));
    }
}

/// "→ next  ← prev  / search ...", from the keymap's hints for the current mode.
fn hint_spans(state: &AppState) -> Vec<Span<'static>> {
    let mut spans = Vec::new();
    for (i, (key, word)) in state.keymap().hints(state.mode()).into_iter().enumerate() {
        if i > 0 {
            spans.push(Span::raw(HINT_GAP));
        }
        spans.push(Span::styled(key, theme::KEY));
        spans.push(Span::styled(format!(" {word}"), theme::DIM));
    }
    spans
}
