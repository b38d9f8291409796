//! The title bar: the text's title and date on the left, the reading position on the right.

use super::{theme, truncate};
use crate::text::Document;
use crate::tui::reader::ReaderState;
use crate::tui::strings;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

pub fn render(state: &ReaderState, frame: &mut Frame, area: Rect) {
    if area.is_empty() {
        return;
    }
    let (term, terms, percent) = state.position();
    let position = if state.linking() {
        strings::position_linking(percent)
    } else {
        strings::position(term, terms, percent)
    };
    let doc = state.doc();
    let mut title = doc.title().replace(['\n', '\r', '\t'], " ");
    if let Some(date) = &doc.meta.date {
        title.push_str(strings::TITLE_SEPARATOR);
        title.push_str(date);
    }
    // In a book, the chapter the selection is in.
    let chapters = doc.chapters();
    let offset = state
        .selected_spans()
        .first()
        .map_or(doc.body.start, |s| s.start);
    if let Some(chapter) = Document::chapter_at(&chapters, offset).and_then(|i| chapters.get(i)) {
        title.push_str(strings::CHAPTER_SEPARATOR);
        title.push_str(&chapter.title);
    }
    let width = usize::from(area.width);
    // The position wins when the bar is too narrow for both.
    let position = truncate(&position, width);
    let room = width.saturating_sub(position.width() + 1);
    let title = truncate(&title, room);
    let gap = width.saturating_sub(title.width() + position.width());
    let line = Line::from(vec![
        Span::styled(title, theme::TITLE),
        Span::raw(" ".repeat(gap)),
        Span::styled(position, theme::DIM),
    ]);
    frame.render_widget(Paragraph::new(line), area);
}
