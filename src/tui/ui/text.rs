//! The text pane: the wrapped paragraphs, linked terms marked, the selection highlighted on
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
    let selection = state.selected_spans();
    let lines: Vec<Line> = wrapped
        .lines
        .iter()
        .skip(state.scroll())
        .take(usize::from(area.height))
        .map(|range| styled_line(state, range.clone(), &selection))
        .collect();
    frame.render_widget(Paragraph::new(lines), area);
}

/// One screen line, cut into plain, linked and selected pieces.
pub fn styled_line<'a>(
    state: &'a AppState,
    line: Range<usize>,
    selection: &[Range<usize>],
) -> Line<'a> {
    let text = state.text();
    let selected_link = state.selected_link();
    let mut marks: Vec<(Range<usize>, Style)> = state
        .link_spans_in(line.clone())
        .map(|(span, link)| {
            let style = if Some(*link) == selected_link {
                theme::SELECTED
            } else {
                theme::LINK
            };
            (span.clone(), style)
        })
        .collect();
    if selected_link.is_none() {
        marks.extend(selection.iter().map(|s| (s.clone(), theme::SELECTED)));
        marks.sort_by_key(|(r, _)| r.start);
    }
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
