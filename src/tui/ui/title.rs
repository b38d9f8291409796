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
    // A web page's first heading is often its title again: named once.
    if let Some(chapter) = Document::chapter_at(&chapters, offset)
        .and_then(|i| chapters.get(i))
        .filter(|c| c.title.trim() != doc.title().trim())
    {
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

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    fn bar(state: &ReaderState) -> String {
        let mut terminal = Terminal::new(TestBackend::new(60, 1)).unwrap();
        terminal.draw(|f| render(state, f, f.area())).unwrap();
        let buffer = terminal.backend().buffer();
        let line: String = buffer
            .content()
            .iter()
            .map(ratatui::buffer::Cell::symbol)
            .collect();
        line.trim_end().to_string()
    }

    #[test]
    fn a_chapter_named_as_the_text_is_named_once() {
        let source = "+++\ntitle = \"Kapitel 5\"\n+++\n# Kapitel 5\n\nDer Text.\n\n# Kapitel 6\n\nMehr Text.\n";
        let doc = Document::parse("k.md", source.into()).unwrap();
        let linker = crate::link::Linker::new(crate::glossary::Glossary::default());
        let mut s = ReaderState::new(doc, None, linker, ratatui::layout::Size::new(60, 20));
        assert!(bar(&s).starts_with("Kapitel 5 "), "{}", bar(&s));
        assert!(!bar(&s).contains(strings::CHAPTER_SEPARATOR));
        let offset = s.text().find("Mehr").unwrap();
        s.resume_at(offset);
        assert!(bar(&s).starts_with("Kapitel 5 › Kapitel 6 "), "{}", bar(&s));
    }
}
