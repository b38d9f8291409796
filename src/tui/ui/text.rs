//! The text pane: the wrapped paragraphs, terms marked by status, the selection highlighted on
//! every part (a split verb's two parts may stand on different lines).

use super::theme;
use crate::tui::state::AppState;
use crate::tui::wrap::Wrapped;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use std::borrow::Cow;
use std::ops::Range;

pub fn render(state: &AppState, frame: &mut Frame, area: Rect) {
    if area.is_empty() {
        return;
    }
    // The state wraps for its viewport; a frame of another size (a test backend) gets its own.
    let width = usize::from(area.width);
    let wrapped = if state.wrapped().width == width {
        Cow::Borrowed(state.wrapped())
    } else {
        Cow::Owned(Wrapped::new(state.text(), &state.doc().paragraphs, width))
    };
    let selection = selection_marks(state);
    let lines: Vec<Line> = wrapped
        .lines
        .iter()
        .skip(state.scroll())
        .take(usize::from(area.height))
        .map(|range| styled_line(state, range.clone(), &selection))
        .collect();
    frame.render_widget(Paragraph::new(lines), area);
}

/// The selection's pieces and their styles: the selected term or word, or while a span is
/// chosen, its words and the cursor.
pub fn selection_marks(state: &AppState) -> Vec<(Range<usize>, Style)> {
    let spans = state.selected_spans();
    let Some(cursor) = state.span_cursor() else {
        let selected = state.palette().selected();
        return spans.into_iter().map(|s| (s, selected)).collect();
    };
    let mut marks: Vec<_> = spans
        .iter()
        .filter(|s| **s != cursor)
        .map(|s| (s.clone(), state.palette().selected()))
        .collect();
    let style = if spans.contains(&cursor) {
        theme::SPAN_CURSOR_IN
    } else {
        theme::SPAN_CURSOR
    };
    marks.push((cursor, style));
    marks.sort_by_key(|(r, _)| r.start);
    marks
}

/// One screen line, cut into plain, marked and selected pieces. The selection's style replaces
/// a term's own where they overlap.
pub fn styled_line<'a>(
    state: &'a AppState,
    line: Range<usize>,
    selection: &[(Range<usize>, Style)],
) -> Line<'a> {
    let text = state.text();
    let selected_link = state.selected_link();
    let mut marks: Vec<(Range<usize>, Style)> = Vec::new();
    for (span, link) in state.link_spans_in(line.clone()) {
        if Some(*link) != selected_link {
            let style = state.palette().status_style(state.link_status(*link), true);
            marks.push((span.clone(), style));
        }
    }
    for (token, range) in state.unlinked_tokens_in(line.clone()) {
        let status = state.token_status(token);
        let style = state.palette().status_style(status, false);
        if style != Style::new() {
            marks.push((range, style));
        }
    }
    let selected: Vec<_> = selection
        .iter()
        .filter(|(r, _)| r.start < line.end && r.end > line.start)
        .cloned()
        .collect();
    // A term's own mark is left out where the selection covers it.
    marks.retain(|(r, _)| {
        !selected
            .iter()
            .any(|(s, _)| s.start < r.end && s.end > r.start)
    });
    marks.extend(selected);
    marks.sort_by_key(|(r, _)| r.start);
    let mut spans = Vec::new();
    let mut at = line.start;
    for (range, style) in marks {
        let start = range.start.clamp(at, line.end);
        let end = range.end.clamp(start, line.end);
        if start == end {
            continue;
        }
        if at < start {
            spans.push(Span::raw(&text[at..start]));
        }
        spans.push(Span::styled(&text[start..end], style));
        at = end;
    }
    if at < line.end {
        spans.push(Span::raw(&text[at..line.end]));
    }
    Line::from(spans)
}
