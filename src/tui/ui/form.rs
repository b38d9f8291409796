//! The entry form, drawn over the text: one row a field, the focused one marked, what it
//! expects below, the keys in the bottom border.

use super::{theme, truncate_start};
use crate::tui::form::{EntryForm, Field};
use crate::tui::reader::ReaderState;
use crate::tui::strings::form as text;
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Padding, Paragraph};
use unicode_width::UnicodeWidthStr;

/// Widest the form gets, borders included.
const MAX_WIDTH: u16 = 72;
/// Columns between a label and its value.
const LABEL_GAP: usize = 2;

fn label_width() -> usize {
    Field::ALL
        .iter()
        .map(|f| f.label().width())
        .max()
        .unwrap_or(0)
        + LABEL_GAP
}

/// The form's lines for an inner width, and where the focused value ends (row, column), for
/// the cursor.
pub fn form_lines(form: &EntryForm, width: usize) -> (Vec<Line<'static>>, (usize, usize)) {
    let label_width = label_width();
    let value_width = width.saturating_sub(label_width + 1).max(1);
    let mut lines = Vec::new();
    let mut cursor = (0, 0);
    for (row, field) in Field::ALL.into_iter().enumerate() {
        let focused = field == form.focus();
        let label = format!("{:<label_width$}", field.label());
        // A long value shows its end, where the typing happens.
        let value = truncate_start(form.value(field), value_width).into_owned();
        if focused {
            cursor = (row, label_width + value.width());
        }
        let label_style = if focused {
            theme::FIELD_FOCUS
        } else {
            theme::LABEL
        };
        lines.push(Line::from(vec![
            Span::styled(label, label_style),
            Span::raw(value),
        ]));
    }
    lines.push(Line::raw(""));
    lines.extend(
        textwrap::wrap(form.focus().help(), width.max(1))
            .into_iter()
            .map(|l| Line::styled(l.into_owned(), theme::DIM)),
    );
    (lines, cursor)
}

/// The form's box: centred, as tall as its lines, never bigger than the screen.
pub fn form_area(form: &EntryForm, area: Rect) -> Rect {
    let width = area.width.min(MAX_WIDTH);
    let inner = usize::from(width.saturating_sub(4));
    let (lines, _) = form_lines(form, inner);
    let height = ((lines.len() + 2).min(usize::from(area.height))) as u16;
    Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    }
}

pub fn render(state: &ReaderState, frame: &mut Frame, area: Rect) {
    let Some(form) = state.form() else { return };
    let rect = form_area(form, area);
    if rect.width < 3 || rect.height < 3 {
        return;
    }
    let title = if form.is_edit() {
        text::EDIT_TITLE
    } else {
        text::ADD_TITLE
    };
    let block = Block::new()
        .borders(Borders::ALL)
        .padding(Padding::horizontal(1))
        .title(Line::styled(format!(" {title} "), theme::PANE_TITLE))
        .title_bottom(Line::styled(format!(" {} ", text::FOOTER), theme::DIM).right_aligned());
    let inner = block.inner(rect);
    let (lines, (row, column)) = form_lines(form, usize::from(inner.width));
    frame.render_widget(Clear, rect);
    frame.render_widget(Paragraph::new(lines).block(block), rect);
    if row < usize::from(inner.height) {
        let x = inner.x + (column as u16).min(inner.width.saturating_sub(1));
        frame.set_cursor_position(Position::new(x, inner.y + row as u16));
    }
}
