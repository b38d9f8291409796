//! The glossary card for the selected term: the rows [`card_rows`] makes, scrolled.

use crate::tui::reader::ReaderState;
use crate::tui::reader::card::card_rows;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

pub fn render(state: &ReaderState, frame: &mut Frame, area: Rect) {
    if area.is_empty() {
        return;
    }
    let rows = card_rows(state, usize::from(area.width));
    let max = rows.len().saturating_sub(usize::from(area.height));
    let scroll = state.card_scroll().min(max);
    let shown: Vec<Line<'static>> = rows
        .into_iter()
        .skip(scroll)
        .take(usize::from(area.height))
        .collect();
    frame.render_widget(Paragraph::new(shown), area);
}
