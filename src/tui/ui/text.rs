//! The text pane: the wrapped paragraphs, terms marked by status, the selection highlighted on
//! every part (a split verb's two parts may stand on different lines).

use super::theme;
use crate::text::{BlockKind, InlineStyle};
use crate::tui::reader::ReaderState;
use crate::tui::wrap::{self, Wrapped};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use std::borrow::Cow;
use std::ops::Range;

pub fn render(state: &ReaderState, frame: &mut Frame, area: Rect) {
    if area.is_empty() {
        return;
    }
    // The state wraps for its viewport; a frame of another size (a test backend) gets its own.
    let width = usize::from(area.width);
    let wrapped = if state.wrapped().width == width {
        Cow::Borrowed(state.wrapped())
    } else {
        let paragraphs = state.wrapped().paragraphs.clone();
        Cow::Owned(Wrapped::window(
            state.text(),
            state.doc(),
            width,
            paragraphs,
        ))
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
pub fn selection_marks(state: &ReaderState) -> Vec<(Range<usize>, Style)> {
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
    state: &'a ReaderState,
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
    let mut pieces = Vec::new();
    let mut at = line.start;
    for (range, style) in marks {
        let start = range.start.clamp(at, line.end);
        let end = range.end.clamp(start, line.end);
        if start == end {
            continue;
        }
        if at < start {
            pieces.push((at..start, Style::new()));
        }
        pieces.push((start..end, style));
        at = end;
    }
    if at < line.end {
        pieces.push((at..line.end, Style::new()));
    }
    let joins = wrap::joins(&state.doc().source, line.clone());
    let base = base_styles(state, line);
    let mut spans = Vec::with_capacity(pieces.len());
    for (range, style) in pieces {
        let mut at = range.start;
        for (b, b_style) in base
            .iter()
            .filter(|(b, _)| b.start < range.end && b.end > range.start)
        {
            let start = b.start.max(at);
            let end = b.end.min(range.end);
            if at < start {
                push_drawn(&mut spans, text, at..start, style, &joins);
            }
            push_drawn(&mut spans, text, start..end, b_style.patch(style), &joins);
            at = end;
        }
        if at < range.end {
            push_drawn(&mut spans, text, at..range.end, style, &joins);
        }
    }
    Line::from(spans)
}

/// `text[range]` as drawn: each of the line's joins ([`wrap::joins`]) as one space, in the
/// piece where it starts.
fn push_drawn<'a>(
    spans: &mut Vec<Span<'a>>,
    text: &'a str,
    range: Range<usize>,
    style: Style,
    joins: &[Range<usize>],
) {
    let mut at = range.start;
    for j in joins
        .iter()
        .filter(|j| j.start < range.end && j.end > range.start)
    {
        let start = j.start.max(range.start);
        if at < start {
            spans.push(Span::styled(&text[at..start], style));
        }
        if j.start >= range.start {
            spans.push(Span::styled(" ", style));
        }
        at = j.end.min(range.end);
    }
    if at < range.end {
        spans.push(Span::styled(&text[at..range.end], style));
    }
}

/// How the document sets the stretches of a line, under the marks: headings, code, emphasis.
fn base_styles(state: &ReaderState, line: Range<usize>) -> Vec<(Range<usize>, Style)> {
    let doc = state.doc();
    let mut out = Vec::new();
    // The paragraph the line is in (lines never cross paragraphs).
    let p = doc.paragraphs.partition_point(|p| p.end < line.start);
    if let Some(range) = doc.paragraphs.get(p).filter(|r| r.start <= line.start) {
        let style = match doc.kind(p) {
            BlockKind::Heading(_) => Some(theme::HEADING),
            BlockKind::Code => Some(theme::CODE),
            _ => None,
        };
        if let Some(style) = style {
            out.push((range.clone(), style));
            return out;
        }
    }
    let first = doc.styles.partition_point(|(r, _)| r.end <= line.start);
    for (r, s) in doc.styles[first..]
        .iter()
        .take_while(|(r, _)| r.start < line.end)
    {
        let style = match s {
            InlineStyle::Emphasis => theme::EMPHASIS,
            InlineStyle::Strong => theme::STRONG,
            InlineStyle::Code => theme::CODE,
        };
        out.push((r.start.max(line.start)..r.end.min(line.end), style));
    }
    // Nested styles (strong inside emphasis) are drawn as the outer one.
    let mut last_end = 0;
    out.retain(|(r, _)| {
        let keep = r.start >= last_end && r.start < r.end;
        if keep {
            last_end = r.end;
        }
        keep
    });
    out
}
