//! Drawing: one pure view of `&ReaderState` a pane. Nothing here changes state or does I/O.

pub mod card;
pub mod form;
pub mod gloss;
pub mod help;
pub mod status;
pub mod text;

pub mod title;
pub mod toc;
pub mod translation;

use super::keymap::Mode;
use super::layout::{SIDE_PADDING, layout};
use super::reader::{ReaderState, SidePane};
use super::strings;
/// The styles drawn with; they live outside `ui` because the state keeps the learner's palette.
pub use super::theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Color;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Padding};
use std::borrow::Cow;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Draws the whole screen.
pub fn render(state: &ReaderState, frame: &mut Frame) {
    let area = frame.area();
    let l = layout(area);
    title::render(state, frame, l.title);
    text::render(state, frame, l.text);
    let (title, side): (&str, fn(&ReaderState, &mut Frame, Rect)) = match state.side() {
        SidePane::Card => (strings::CARD_TITLE, card::render),
        SidePane::Translation if state.translation().is_none() => {
            (strings::GLOSS_TITLE, translation::render)
        }
        SidePane::Translation => (strings::TRANSLATION_TITLE, translation::render),
    };
    let block = side_block(l.stacked, title);
    let inner = block.inner(l.side);
    frame.render_widget(block, l.side);
    side(state, frame, inner);
    status::render(state, frame, l.status);
    match state.mode() {
        Mode::Help => help::render(state, frame, area),
        Mode::Form => form::render(state, frame, area),
        _ => {}
    }
    if !state.colors() {
        strip_colors(frame);
    }
}

/// The side pane's frame: a line between it and the text, and its title.
fn side_block(stacked: bool, title: &str) -> Block<'static> {
    let borders = if stacked { Borders::TOP } else { Borders::LEFT };
    Block::new()
        .borders(borders)
        .padding(Padding::horizontal(SIDE_PADDING))
        .title(Line::styled(format!(" {title} "), theme::PANE_TITLE))
        .border_style(theme::DIM)
}

/// Takes every colour off the frame (for `NO_COLOR`); underline, bold, dim and reverse stay,
/// and carry every mark.
fn strip_colors(frame: &mut Frame) {
    let area = frame.area();
    let buffer = frame.buffer_mut();
    for y in area.top()..area.bottom() {
        for x in area.left()..area.right() {
            buffer[(x, y)].set_fg(Color::Reset).set_bg(Color::Reset);
        }
    }
}

/// Cuts `s` to at most `width` display columns, ending with an ellipsis when cut.
pub fn truncate(s: &str, width: usize) -> Cow<'_, str> {
    if s.width() <= width {
        return Cow::Borrowed(s);
    }
    if width == 0 {
        return Cow::Borrowed("");
    }
    let room = width - strings::ELLIPSIS.width();
    let mut used = 0;
    let mut out = String::new();
    for c in s.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > room {
            break;
        }
        used += w;
        out.push(c);
    }
    out.push_str(strings::ELLIPSIS);
    Cow::Owned(out)
}

/// Keeps the last `width` display columns of `s`, starting with an ellipsis when cut.
pub fn truncate_start(s: &str, width: usize) -> Cow<'_, str> {
    if s.width() <= width {
        return Cow::Borrowed(s);
    }
    if width == 0 {
        return Cow::Borrowed("");
    }
    let room = width - strings::ELLIPSIS.width();
    let mut used = 0;
    let mut start = s.len();
    for (i, c) in s.char_indices().rev() {
        let w = c.width().unwrap_or(0);
        if used + w > room {
            break;
        }
        used += w;
        start = i;
    }
    Cow::Owned(format!("{}{}", strings::ELLIPSIS, &s[start..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_side_frame_leaves_the_layout_s_side_inner_free() {
        for w in 0..=130 {
            for h in 0..=30 {
                let l = layout(Rect::new(0, 0, w, h));
                let inner = side_block(l.stacked, strings::CARD_TITLE).inner(l.side);
                assert_eq!(inner, l.side_inner(), "{w}x{h}");
            }
        }
    }

    #[test]
    fn truncate_counts_columns_and_adds_an_ellipsis() {
        assert_eq!(truncate("Außenminister", 20), "Außenminister");
        assert_eq!(truncate("Außenminister", 5), "Auße…");
        assert_eq!(truncate("Außenminister", 0), "");
    }

    #[test]
    fn truncate_start_keeps_the_end() {
        assert_eq!(truncate_start("as a substitute", 20), "as a substitute");
        assert_eq!(truncate_start("as a substitute", 6), "…itute");
        assert_eq!(truncate_start("Größe", 0), "");
    }
}
