//! The status bar: the search prompt, a question, a message or the text's counts on the left,
//! key hints on the right.

use super::{theme, truncate};
use crate::learner::TextStats;
use crate::tui::keymap::Mode;
use crate::tui::state::AppState;
use crate::tui::strings;
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

const HINT_GAP: &str = "  ";

/// What the left side says, and how: the search prompt, a question, a message, the span being
/// chosen, or the text's counts.
fn left_side(state: &AppState) -> (String, Style) {
    match state.mode() {
        Mode::Search => (
            format!("{}{}", strings::SEARCH_PROMPT, state.query()),
            theme::TITLE,
        ),
        Mode::Confirm => (
            strings::confirm_mark_known(state.confirm_count()),
            theme::TITLE,
        ),
        _ => {
            if let Some(message) = state.message() {
                return (message.to_string(), theme::MESSAGE);
            }
            if let Some(span) = state.span() {
                let text = state
                    .selected_spans()
                    .iter()
                    .map(|r| &state.text()[r.clone()])
                    .collect::<Vec<_>>()
                    .join(" ");
                return (strings::span_status(span.tokens().len(), &text), theme::TITLE);
            }
            let counts = state.stats().map(TextStats::status_bar).unwrap_or_default();
            (counts, theme::DIM)
        }
    }
}

pub fn render(state: &AppState, frame: &mut Frame, area: Rect) {
    if area.is_empty() {
        return;
    }
    let width = usize::from(area.width);
    let (left, style) = left_side(state);
    let mut spans = vec![Span::styled(truncate(&left, width).into_owned(), style)];
    let left_width = spans[0].content.width();
    // As many hints as fit beside what the left side says, the first ones first.
    let hints = hint_spans(state, width.saturating_sub(left_width + HINT_GAP.len()));
    let hints_width: usize = hints.iter().map(|s| s.content.width()).sum();
    if !hints.is_empty() {
        spans.push(Span::raw(" ".repeat(width - left_width - hints_width)));
        spans.extend(hints);
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
    if matches!(state.mode(), Mode::Search | Mode::Confirm) {
        let x = area.x + (left_width as u16).min(area.width.saturating_sub(1));
        frame.set_cursor_position(Position::new(x, area.y));
    }
}

/// "→ next  ← prev  / search ...", from the keymap's hints for the current mode: as many as
/// fit in `room` columns.
fn hint_spans(state: &AppState, room: usize) -> Vec<Span<'static>> {
    let mut spans = Vec::new();
    let mut used = 0;
    for (i, (key, word)) in state.keymap().hints(state.mode()).into_iter().enumerate() {
        let gap = if i > 0 { HINT_GAP } else { "" };
        let word = format!(" {word}");
        let width = gap.len() + key.width() + word.width();
        if used + width > room {
            break;
        }
        used += width;
        if i > 0 {
            spans.push(Span::raw(HINT_GAP));
        }
        spans.push(Span::styled(key, theme::KEY));
        spans.push(Span::styled(word, theme::DIM));
    }
    spans
}
