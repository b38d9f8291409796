//! The text pane's viewport: the wrapped lines, scrolling, keeping the selection in view,
//! resizing and the mouse.

use super::ReaderState;
use super::help;
use crate::de::token::TokenKind;
use crate::link::Link;
use crate::tui::action::Effect;
use crate::tui::layout::{AppLayout, layout};
use crate::tui::wrap::Wrapped;
use ratatui::layout::{Rect, Size};
use std::ops::Range;
use unicode_width::UnicodeWidthChar;

/// Lines the mouse wheel scrolls at a time.
pub(super) const WHEEL_LINES: usize = 3;
/// Context lines kept between the selection and the pane's edge when the view follows it.
pub(super) const SCROLL_MARGIN: usize = 2;
/// Screens of wrapped lines kept above and below the screen in a long text.
const LINES_AROUND_SCREENS: usize = 4;
/// The fewest lines kept around the screen, however small it is.
const MIN_LINES_AROUND: usize = 100;

impl ReaderState {
    /// Selects the token at a byte offset saved earlier (or the next word after it) and scrolls
    /// it into view, a third of the way down the pane. Returns the work that asks for (the
    /// headwords of words newly linked in a long text).
    pub fn resume_at(&mut self, offset: usize) -> Vec<Effect> {
        let effects = self.link_around(offset);
        let Some(token) = self.token_at_or_after(offset) else {
            return effects;
        };
        self.selected = Some(token);
        self.cover_selection();
        if let Some((first, _)) = self.selection_lines() {
            self.scroll = first
                .saturating_sub(self.text_height() / 3)
                .min(self.max_scroll());
        }
        self.ensure_selection_visible();
        self.needs_redraw = true;
        effects
    }

    pub fn viewport(&self) -> Size {
        self.viewport
    }

    pub fn area(&self) -> Rect {
        Rect::from(self.viewport)
    }

    pub fn layout(&self) -> AppLayout {
        layout(self.area())
    }

    /// The text wrapped to the text pane's width.
    pub fn wrapped(&self) -> &Wrapped {
        &self.wrapped
    }

    /// The first wrapped line on screen.
    pub fn scroll(&self) -> usize {
        self.scroll
    }

    pub(super) fn text_height(&self) -> usize {
        usize::from(self.layout().text.height)
    }

    /// A page keeps two lines of the last screen in view, for context.
    pub(super) fn page_lines(&self) -> usize {
        self.text_height().saturating_sub(2).max(1)
    }

    pub(super) fn max_scroll(&self) -> usize {
        self.wrapped.len().saturating_sub(self.text_height())
    }

    /// Lines of the selection's first and last part.
    pub(super) fn selection_lines(&self) -> Option<(usize, usize)> {
        let spans = self.focus_spans();
        let first = self.wrapped.line_of(spans.first()?.start);
        let end = spans.last()?;
        let last = self
            .wrapped
            .line_of(end.end.saturating_sub(1).max(end.start));
        Some((first, last))
    }

    pub(super) fn line_in_view(&self, line: usize) -> bool {
        line >= self.scroll && line < self.scroll + self.text_height()
    }

    /// Scrolls so that the selection is on screen, all its parts when they fit, with a margin
    /// of context lines above and below when there is room.
    pub(super) fn ensure_selection_visible(&mut self) {
        self.cover_selection();
        let height = self.text_height();
        let Some((first, last)) = self.selection_lines() else {
            return;
        };
        if height == 0 {
            return;
        }
        let low = if last - first < height { last } else { first };
        let margin = SCROLL_MARGIN.min((height - 1 - (low - first)) / 2);
        let bottom = (low + margin).min(self.wrapped.len().saturating_sub(1));
        if bottom >= self.scroll + height {
            self.scroll = bottom + 1 - height;
        }
        let top = first.saturating_sub(margin);
        if top < self.scroll {
            self.scroll = top;
        }
    }

    /// Scrolls by whole lines; a selection that leaves the screen moves to the first (scrolling
    /// down) or last (scrolling up) term on screen, or word when no term is on screen.
    /// Wraps the lines around the selection when they do not hold it (a long text is wrapped a
    /// window at a time).
    pub(super) fn cover_selection(&mut self) {
        let Some(offset) = self.selection_start() else {
            return;
        };
        if self.wrapped.holds(offset) {
            return;
        }
        self.wrapped = Wrapped::around(&self.text, &self.doc, self.wrapped.width, offset);
        self.scroll = self
            .wrapped
            .line_of(offset)
            .saturating_sub(self.text_height() / 3)
            .min(self.max_scroll());
    }

    /// Keeps a few screens of wrapped lines above and below the screen, where the text has
    /// them, by wrapping the window around the screen again.
    pub(super) fn keep_lines_around(&mut self) {
        if self.wrapped.whole {
            return;
        }
        let height = self.text_height();
        let margin = (height * LINES_AROUND_SCREENS).max(MIN_LINES_AROUND);
        let below = self.wrapped.len().saturating_sub(self.scroll + height);
        let short_above = self.scroll < margin && self.wrapped.more_above();
        let short_below = below < margin && self.wrapped.more_below(&self.doc);
        if !short_above && !short_below {
            return;
        }
        let Some(anchor) = self.wrapped.lines.get(self.scroll).map(|l| l.start) else {
            return;
        };
        self.wrapped = Wrapped::around(&self.text, &self.doc, self.wrapped.width, anchor);
        self.scroll = self.wrapped.line_of(anchor).min(self.max_scroll());
    }

    pub(super) fn scroll_by(&mut self, lines: usize, down: bool) {
        let target = if down {
            (self.scroll + lines).min(self.max_scroll())
        } else {
            self.scroll.saturating_sub(lines)
        };
        if target == self.scroll {
            return;
        }
        self.scroll = target;
        let visible = self
            .selection_lines()
            .is_some_and(|(first, _)| self.line_in_view(first));
        if !visible {
            self.select_on_screen(down);
        }
    }

    pub(super) fn select_on_screen(&mut self, first: bool) {
        let on_screen = |start: usize| self.line_in_view(self.wrapped.line_of(start));
        let mut links = self
            .analysis
            .links
            .iter()
            .filter(|l| on_screen(first_start(l)));
        let link = if first {
            links.next()
        } else {
            links.next_back()
        };
        let token = link.and_then(|l| l.tokens.first().copied()).or_else(|| {
            let mut words = self
                .words
                .iter()
                .copied()
                .filter(|&t| on_screen(self.analysis.tokens[t].start));
            if first {
                words.next()
            } else {
                words.next_back()
            }
        });
        if token.is_some() {
            self.selected = token;
        }
    }

    pub(super) fn resize(&mut self, viewport: Size) {
        let anchor = self.wrapped.lines.get(self.scroll).map(|l| l.start);
        self.viewport = viewport;
        let width = usize::from(self.layout().text.width).max(1);
        if width != self.wrapped.width {
            let at = anchor.unwrap_or(self.doc.body.start);
            self.wrapped = Wrapped::around(&self.text, &self.doc, width, at);
        }
        self.scroll = anchor
            .map_or(0, |a| self.wrapped.line_of(a))
            .min(self.max_scroll());
        self.ensure_selection_visible();
        self.help_scroll = self
            .help_scroll
            .min(help::max_scroll(&self.keymap, self.area()));
    }

    /// Selects the word under a click in the text pane.
    pub(super) fn click(&mut self, column: u16, row: u16) {
        let pane = self.layout().text;
        if !pane.contains((column, row).into()) {
            return;
        }
        let Some(line) = self
            .wrapped
            .lines
            .get(self.scroll + usize::from(row - pane.y))
        else {
            return;
        };
        let wanted = usize::from(column - pane.x);
        // Columns as the line is drawn: a join of lines is one space.
        let joins = crate::tui::wrap::joins(&self.doc().source, line.clone());
        let mut col = 0;
        let mut offset = None;
        for (i, c) in self.text[line.clone()].char_indices() {
            let at = line.start + i;
            col += match joins.iter().find(|j| j.contains(&at)) {
                Some(j) => usize::from(j.start == at),
                None => c.width().unwrap_or(0),
            };
            if col > wanted {
                offset = Some(line.start + i);
                break;
            }
        }
        let Some(offset) = offset else { return };
        let tokens = &self.analysis.tokens;
        let t = tokens.partition_point(|t| t.end <= offset);
        let selectable = tokens.get(t).is_some_and(|tok| {
            tok.start <= offset
                && (self.analysis.token_link[t].is_some()
                    || matches!(
                        tok.kind,
                        TokenKind::Word | TokenKind::Number | TokenKind::Abbreviation
                    ))
        });
        if selectable {
            self.selected = Some(t);
        }
    }

    /// The tokens of the lines on screen.
    pub(super) fn tokens_on_screen(&self) -> Range<usize> {
        let lines = &self.wrapped.lines;
        let first = lines.get(self.scroll).map_or(0, |r| r.start);
        let last = lines
            .get(
                (self.scroll + self.text_height())
                    .min(lines.len())
                    .saturating_sub(1),
            )
            .map_or(0, |r| r.end);
        let tokens = &self.analysis.tokens;
        let start = tokens.partition_point(|t| t.end <= first);
        let end = tokens.partition_point(|t| t.start < last);
        start..end.max(start)
    }

    /// The first token on screen.
    pub(super) fn first_token_on_screen(&self) -> Option<usize> {
        let range = self.tokens_on_screen();
        (range.start < self.analysis.tokens.len()).then_some(range.start)
    }
}

fn first_start(link: &Link) -> usize {
    link.spans.first().map_or(0, |s| s.start)
}

#[cfg(test)]
mod tests {
    use crate::tui::reader::testing::*;

    use crate::tui::action::Action;

    #[test]
    fn scrolling_keeps_the_selection_on_screen() {
        let mut s = state(40, 10);
        assert!(s.wrapped().len() > 3 * usize::from(s.layout().text.height));
        for action in [
            Action::ScrollDown,
            Action::PageDown,
            Action::ScrollUp,
            Action::PageUp,
        ] {
            for _ in 0..40 {
                s.update(action.clone());
                assert!(
                    selection_on_screen(&s),
                    "after {action:?} at scroll {}",
                    s.scroll()
                );
            }
        }
        assert_eq!(s.scroll(), 0);
    }

    #[test]
    fn scrolling_down_selects_the_first_term_on_screen() {
        let mut s = state(40, 10);
        let before = s.selected_token();
        s.update(Action::PageDown);
        assert_ne!(s.selected_token(), before);
        let link = s.selected_link().expect("a term is on screen");
        let first_on_screen = s
            .analysis()
            .links
            .iter()
            .position(|l| s.wrapped().line_of(l.spans[0].start) >= s.scroll());
        assert_eq!(Some(link), first_on_screen);
    }

    #[test]
    fn end_and_start_jump_and_scroll() {
        let mut s = state(40, 10);
        s.update(Action::End);
        assert_eq!(selected_text(&s), "Hause");
        assert!(s.scroll() > 0);
        assert!(selection_on_screen(&s));
        s.update(Action::Start);
        assert_eq!(selected_text(&s), "Absatz");
        assert_eq!(s.scroll(), 0);
    }

    #[test]
    fn resize_reflows_and_keeps_the_selection() {
        let mut s = state(120, 40);
        for _ in 0..20 {
            s.update(Action::NextTerm);
        }
        let selected = s.selected_token();
        for (w, h) in [(40, 10), (60, 20), (200, 60), (30, 6), (1, 1), (95, 12)] {
            s.update(Action::Resize {
                width: w,
                height: h,
            });
            assert_eq!(s.selected_token(), selected);
            assert_eq!(s.wrapped().width, usize::from(s.layout().text.width).max(1));
            if s.layout().text.height > 0 {
                assert!(selection_on_screen(&s), "{w}x{h}");
            }
        }
    }

    #[test]
    fn click_selects_the_word_under_the_mouse() {
        let mut s = state(120, 40);
        let pane = s.layout().text;
        let target = s
            .analysis()
            .words()
            .find(|&t| s.analysis().tokens[t].text(s.text()) == "gingen")
            .unwrap();
        let start = s.analysis().tokens[target].start;
        let line = s.wrapped().line_of(start);
        let before: &str = &s.text()[s.wrapped().lines[line].start..start];
        let column = pane.x + unicode_width::UnicodeWidthStr::width(before) as u16 + 2;
        let row = pane.y + (line - s.scroll()) as u16;
        s.update(Action::Click { column, row });
        assert_eq!(s.selected_token(), Some(target));
        // A click outside the text changes nothing.
        s.update(Action::Click {
            column: 119,
            row: 0,
        });
        assert_eq!(s.selected_token(), Some(target));
    }

    #[test]
    fn a_hanging_indent_is_drawn_and_clicked_as_one_space() {
        use crate::tui::reader::ReaderState;
        let source = "Man bewirft ihn mit Tomaten, bis er rot ist, malt ihn blau an, und\n   erschießt ihn mit dem Elefantengewehr.\n";
        let doc = crate::text::Document::parse("elefanten.txt", source.into()).unwrap();
        let linker = crate::link::Linker::new(crate::glossary::Glossary::default());
        let mut s = ReaderState::new(doc, None, linker, ratatui::layout::Size::new(240, 20));
        let line = s.wrapped().lines[0].clone();
        let drawn: String = crate::tui::ui::text::styled_line(&s, line, &[])
            .spans
            .iter()
            .map(|span| span.content.as_ref())
            .collect();
        assert_eq!(
            drawn,
            "Man bewirft ihn mit Tomaten, bis er rot ist, malt ihn blau an, und erschießt ihn mit dem Elefantengewehr."
        );
        // A click on the word after the join, at the column where it is drawn.
        let before = drawn.find("Elefantengewehr").unwrap();
        assert!(s.text()[..s.wrapped().lines[0].end].contains("und    erschießt"));
        let column = unicode_width::UnicodeWidthStr::width(&drawn[..before]) as u16;
        let pane = s.layout().text;
        s.update(Action::Click {
            column: pane.x + column + 1,
            row: pane.y,
        });
        let token = s.selected_token().unwrap();
        assert_eq!(s.analysis().tokens[token].text(s.text()), "Elefantengewehr");
    }

    #[test]
    fn resuming_selects_the_token_at_the_offset_and_shows_it() {
        let mut s = state(40, 10);
        let target = s.analysis().links.last().unwrap().tokens[0];
        let offset = s.analysis().tokens[target].start;
        s.resume_at(offset);
        assert_eq!(s.selected_token(), Some(target));
        assert!(selection_on_screen(&s));
        // An offset between tokens (the text changed) goes to the next word.
        let space = s.analysis().tokens[target].start - 1;
        s.resume_at(space);
        assert_eq!(s.selected_token(), Some(target));
    }
}
