//! The table of contents, drawn over the reader.

use super::{theme, truncate};
use crate::tui::strings;
use crate::tui::toc::TocState;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

pub fn render(toc: &TocState, frame: &mut Frame) {
    let area = frame.area();
    let width = area.width.saturating_sub(4).min(70);
    let height = (toc.chapters().len() as u16 + 2).min(area.height.saturating_sub(2));
    if width < 10 || height < 3 {
        return;
    }
    let popup = Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    };
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(theme::DIM)
        .title(Line::styled(
            format!(" {} ", strings::TOC_TITLE),
            theme::PANE_TITLE,
        ))
        .title_bottom(Line::styled(strings::TOC_FOOTER, theme::DIM));
    let inner = block.inner(popup);
    let rows = usize::from(inner.height);
    let first = toc.selected().saturating_sub(rows.saturating_sub(1));
    let lines: Vec<Line> = toc
        .chapters()
        .iter()
        .enumerate()
        .skip(first)
        .take(rows)
        .map(|(i, c)| {
            let text = truncate(&c.title, usize::from(inner.width)).into_owned();
            if i == toc.selected() {
                Line::styled(text, theme::SELECTED)
            } else {
                Line::raw(text)
            }
        })
        .collect();
    frame.render_widget(Clear, popup);
    frame.render_widget(block, popup);
    frame.render_widget(Paragraph::new(lines), inner);
}
