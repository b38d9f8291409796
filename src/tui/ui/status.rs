//! The status bar: the search prompt, a question, a message or the text's counts on the left,
//! key hints on the right.

use super::{theme, truncate};
use crate::learner::TextStats;
use crate::tui::keymap::Mode;
use crate::tui::reader::ReaderState;
use crate::tui::strings;
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

const HINT_GAP: &str = "  ";

/// What the left side says, and how: the search prompt, a question, a message, the span being
/// chosen, or the text's counts (after the dictionaries' progress while they open).
fn left_side(state: &ReaderState) -> (String, Style) {
    match state.mode() {
        Mode::Search => (
            format!("{}{}", strings::SEARCH_PROMPT, state.query()),
            theme::TITLE,
        ),
        Mode::Confirm => (
            strings::confirm_mark_known(state.confirm_count(), state.confirm_whole_text()),
            theme::TITLE,
        ),
        _ => {
            if let Some(message) = state.message() {
                return (message.to_string(), state.palette().message());
            }
            if let Some(span) = state.span() {
                let text = state
                    .selected_spans()
                    .iter()
                    .map(|r| &state.text()[r.clone()])
                    .collect::<Vec<_>>()
                    .join(" ");
                return (
                    strings::span_status(span.tokens().len(), &text),
                    theme::TITLE,
                );
            }
            let counts = if state.linking() {
                strings::LINKING.to_string()
            } else {
                state.stats().map(TextStats::status_bar).unwrap_or_default()
            };
            match state.dictionary_status() {
                Some(opening) if counts.is_empty() => (opening, theme::DIM),
                Some(opening) => (
                    format!("{opening}{}{counts}", strings::TITLE_SEPARATOR),
                    theme::DIM,
                ),
                None => (counts, theme::DIM),
            }
        }
    }
}

pub fn render(state: &ReaderState, frame: &mut Frame, area: Rect) {
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

/// "→ next  ← prev  / search ...  q quit", from the keymap's hints for the current mode, in
/// `room` columns: when not all fit, the first ones that do, and the last (quit, close, cancel).
fn hint_spans(state: &ReaderState, room: usize) -> Vec<Span<'static>> {
    let hints: Vec<(String, String)> = state
        .keymap()
        .hints(state.mode())
        .into_iter()
        .map(|(key, word)| (key, format!(" {word}")))
        .collect();
    let width = |h: &(String, String)| h.0.width() + h.1.width();
    let total = |shown: &[&(String, String)]| {
        shown.iter().map(|h| width(h)).sum::<usize>()
            + HINT_GAP.len() * shown.len().saturating_sub(1)
    };
    let mut shown: Vec<&(String, String)> = hints.iter().collect();
    while !shown.is_empty() && total(&shown) > room {
        // Drop the last but one, keeping the way out.
        let at = shown.len().saturating_sub(2);
        shown.remove(at);
    }
    let mut spans = Vec::new();
    for (i, (key, word)) in shown.into_iter().enumerate() {
        if i > 0 {
            spans.push(Span::raw(HINT_GAP));
        }
        spans.push(Span::styled(key.clone(), theme::KEY));
        spans.push(Span::styled(word.clone(), theme::DIM));
    }
    spans
}
