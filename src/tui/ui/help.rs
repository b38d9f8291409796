//! The `?` overlay: every binding with its description, generated from the keymap.

use super::theme;
use crate::tui::action::Action;
use crate::tui::keymap::{Keymap, Mode};
use crate::tui::reader::ReaderState;
use crate::tui::strings;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use unicode_width::UnicodeWidthStr;

/// Columns between the keys and their description.
const KEY_GAP: usize = 2;
/// Narrowest column a description wraps to, however small the screen.
const MIN_DESC_WIDTH: usize = 12;

fn section(mode: Mode) -> (&'static str, Option<(&'static str, &'static str)>) {
    match mode {
        Mode::Normal => (
            strings::HELP_SECTION_READING,
            Some((strings::HELP_MOUSE_KEYS, strings::HELP_MOUSE_DESC)),
        ),
        Mode::Search => (
            strings::HELP_SECTION_SEARCH,
            Some((strings::HELP_TYPE_KEYS, strings::HELP_TYPE_DESC)),
        ),
        Mode::Span => (strings::HELP_SECTION_SPAN, None),
        Mode::Form => (
            strings::HELP_SECTION_FORM,
            Some((strings::HELP_TYPE_KEYS, strings::HELP_FORM_TYPE_DESC)),
        ),
        Mode::Confirm => (
            strings::HELP_SECTION_CONFIRM,
            Some((
                strings::HELP_CONFIRM_OTHER_KEYS,
                strings::HELP_CONFIRM_OTHER_DESC,
            )),
        ),
        Mode::Help => (strings::HELP_SECTION_HELP, None),
    }
}

/// The help's lines, fitted to `max_width` columns: a heading a mode, then one row an action;
/// a description too long for the row continues below it, under itself.
pub fn help_lines(keymap: &Keymap, max_width: usize) -> Vec<Line<'static>> {
    let sections: Vec<(&str, Vec<(String, &str)>)> = Mode::ALL
        .into_iter()
        .map(|mode| {
            let (heading, extra) = section(mode);
            let mut rows = keymap.help_rows(mode);
            rows.extend(extra.map(|(k, d)| (k.to_string(), d)));
            (heading, rows)
        })
        .collect();
    let key_width = sections
        .iter()
        .flat_map(|(_, rows)| rows.iter().map(|(k, _)| k.width()))
        .max()
        .unwrap_or(0);
    let indent = 1 + key_width + KEY_GAP;
    let desc_width = max_width.saturating_sub(indent).max(MIN_DESC_WIDTH);
    let mut lines = Vec::new();
    for (i, (heading, rows)) in sections.into_iter().enumerate() {
        if i > 0 {
            lines.push(Line::raw(""));
        }
        lines.push(Line::styled(heading, theme::TITLE));
        for (keys, desc) in rows {
            let pad = " ".repeat(key_width - keys.width() + KEY_GAP);
            let mut parts = textwrap::wrap(desc, desc_width).into_iter();
            let first = parts.next().unwrap_or_default();
            lines.push(Line::from(vec![
                Span::styled(format!(" {keys}"), theme::KEY),
                Span::raw(format!("{pad}{first}")),
            ]));
            lines.extend(parts.map(|p| Line::raw(format!("{}{p}", " ".repeat(indent)))));
        }
    }
    lines
}

/// The overlay's box: as big as its lines, centred, never bigger than the screen.
pub fn help_area(keymap: &Keymap, area: Rect) -> Rect {
    let lines = help_lines(keymap, inner_width(area));
    let content_width = lines.iter().map(Line::width).max().unwrap_or(0) + 1;
    let width = (content_width + 2).min(usize::from(area.width)) as u16;
    let height = (lines.len() + 2).min(usize::from(area.height)) as u16;
    Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    }
}

/// Columns for the help's text inside its border, with one column to spare on the right.
fn inner_width(area: Rect) -> usize {
    usize::from(area.width).saturating_sub(3)
}

/// How far the help can scroll in a screen of this size.
pub fn max_scroll(keymap: &Keymap, area: Rect) -> usize {
    let visible = usize::from(help_area(keymap, area).height.saturating_sub(2));
    help_lines(keymap, inner_width(area))
        .len()
        .saturating_sub(visible)
}

pub fn render(state: &ReaderState, frame: &mut Frame, area: Rect) {
    let keymap = state.keymap();
    let rect = help_area(keymap, area);
    if rect.is_empty() {
        return;
    }
    let max = max_scroll(keymap, area);
    let close = keymap.key_for(Mode::Help, &Action::Cancel);
    let footer = strings::help_footer(close.as_deref().unwrap_or("Esc"), max > 0);
    let block = Block::new()
        .borders(Borders::ALL)
        .title(Line::styled(
            format!(" {} ", strings::HELP_TITLE),
            theme::PANE_TITLE,
        ))
        .title_bottom(Line::styled(format!(" {footer} "), theme::DIM).right_aligned());
    let scroll = state.help_scroll().min(max) as u16;
    frame.render_widget(Clear, rect);
    frame.render_widget(
        Paragraph::new(help_lines(keymap, inner_width(area)))
            .block(block)
            .scroll((scroll, 0)),
        rect,
    );
}
