//! A long text opens on the paragraphs around the reading position; this part takes the whole
//! text's analysis over once the thread that links it is done.

use super::ReaderState;
use super::span::Span;
use crate::tui::action::Effect;
use crate::tui::keymap::Mode;
use crate::tui::preview::{self, SharedWhole, WholeText};
use std::ops::Range;
use std::sync::Arc;

impl ReaderState {
    /// Whether only part of a long text is linked yet.
    pub fn linking(&self) -> bool {
        self.partial.is_some()
    }

    /// Whether the linked paragraphs hold a byte offset (all of them, once the whole text is
    /// linked).
    fn linked_holds(&self, offset: usize) -> bool {
        let Some(window) = &self.partial else {
            return true;
        };
        let paragraphs = &self.doc.paragraphs;
        match (
            paragraphs.get(window.start),
            paragraphs.get(window.end.wrapping_sub(1)),
        ) {
            (Some(first), Some(last)) => first.start <= offset && offset <= last.end,
            _ => false,
        }
    }

    /// While a long text is linked in part: links the paragraphs around `offset` instead, when
    /// they are not linked yet, and asks the dictionaries for their forms.
    pub(super) fn link_around(&mut self, offset: usize) -> Vec<Effect> {
        if self.linked_holds(offset) {
            return Vec::new();
        }
        let Some(window) = preview::preview_window(&self.doc, offset) else {
            return Vec::new();
        };
        let selected = self.selection_start();
        self.analysis = preview::analyze_window(&self.linker, &self.doc, &window);
        self.partial = Some(window);
        self.index_analysis();
        self.selected = selected
            .and_then(|o| self.token_at_or_after(o))
            .or_else(|| self.words.first().copied());
        // Tokens are numbered anew: a span being chosen is left.
        if self.span.take().is_some() && self.mode == Mode::Span {
            self.mode = Mode::Normal;
        }
        if self.mark_scope.is_some() {
            self.mark_scope = Some(self.tokens_on_screen());
        }
        self.index_statuses();
        self.ask_for_headwords()
    }

    /// Links the part of a long text around `offset` (see [`ReaderState::link_around`]); the
    /// work that asks for comes with the action's effects.
    pub(super) fn link_to(&mut self, offset: usize) {
        let effects = self.link_around(offset);
        self.asked.extend(effects);
    }

    /// Keeps the lines on screen linked while a long text is linked in part; a selection that
    /// scrolled off moves to the screen's first word.
    pub(super) fn keep_screen_linked(&mut self) -> Vec<Effect> {
        let lines = &self.wrapped.lines;
        let end = (self.scroll + self.text_height()).min(lines.len());
        let (Some(first), Some(last)) = (lines.get(self.scroll), lines.get(end.wrapping_sub(1)))
        else {
            return Vec::new();
        };
        let (first, last) = (first.start, last.end);
        if self.linked_holds(first) && self.linked_holds(last) {
            return Vec::new();
        }
        let effects = self.link_around(first);
        let visible = self
            .selection_lines()
            .is_some_and(|(line, _)| self.line_in_view(line));
        if !visible {
            self.select_on_screen(true);
        }
        effects
    }

    /// Asks the dictionaries for the headwords of the forms not asked yet, the screen's first.
    fn ask_for_headwords(&mut self) -> Vec<Effect> {
        match self.dictionaries() {
            Some(d) if !d.0.is_empty() => {
                let first = self.first_token_on_screen().unwrap_or(0);
                let forms = self.terms.unasked(&self.sources, first);
                if forms.is_empty() {
                    Vec::new()
                } else {
                    self.resolving = Some((0, forms.len()));
                    vec![Effect::ResolveTerms(forms)]
                }
            }
            _ => Vec::new(),
        }
    }

    /// Takes over the whole text's analysis, keeping the selection, the screen, a span being
    /// chosen and the statuses; asks the dictionaries for the forms not asked yet.
    pub(super) fn take_whole_text(&mut self, whole: SharedWhole) -> Vec<Effect> {
        if self.partial.is_none() {
            return Vec::new();
        }
        let WholeText {
            analysis,
            terms,
            alignment,
        } = Arc::unwrap_or_clone(whole.0);
        let offset = self.selection_start();
        let span = self.span.as_ref().map(|s| self.token_ranges(s.tokens()));
        let top = self.wrapped.lines.get(self.scroll).map(|l| l.start);
        self.analysis = analysis;
        self.partial = None;
        let (words, link_spans) = super::index(&self.analysis);
        self.words = words;
        self.link_spans = link_spans;
        self.terms = terms;
        if let (Some(t), Some(alignment)) = (self.translation.as_mut(), alignment) {
            t.alignment = alignment;
        }
        // What was learnt meanwhile (filings, headwords found) holds for the whole text too.
        self.resolve_terms();
        self.selected = offset
            .and_then(|o| self.token_at_or_after(o))
            .or_else(|| self.words.first().copied());
        if let Some(ranges) = span {
            self.span = self.tokens_at(&ranges).and_then(Span::of);
            if self.span.is_none() && self.mode == Mode::Span {
                self.mode = Mode::Normal;
            }
        }
        if self.mark_scope.is_some() {
            self.mark_scope = Some(self.tokens_on_screen());
        }
        self.index_statuses();
        if let Some(top) = top {
            self.scroll = self.wrapped.line_of(top).min(self.max_scroll());
        }
        self.ensure_selection_visible();
        self.ask_for_headwords()
    }

    /// The tokens that start at these byte ranges; `None` when one is no token's.
    fn tokens_at(&self, ranges: &[Range<usize>]) -> Option<Vec<usize>> {
        let tokens = &self.analysis.tokens;
        ranges
            .iter()
            .map(|r| {
                let t = tokens.partition_point(|t| t.start < r.start);
                (tokens.get(t)?.start == r.start).then_some(t)
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::super::ReaderState;
    use super::super::testing::{GLOSSARY, search, selected_text, selection_on_screen};
    use crate::glossary::parse;
    use crate::link::Linker;
    use crate::text::Document;
    use crate::tui::action::{Action, Effect, SavedEntry};
    use crate::tui::preview::{LONG_TEXT_BYTES, SharedWhole, WholeText, preview_window};
    use ratatui::layout::Size;
    use std::fmt::Write;
    use std::sync::Arc;

    /// A text longer than those linked whole at once: numbered paragraphs, each with terms.
    fn long_text() -> String {
        let mut s = String::new();
        let mut i = 0;
        while s.len() < LONG_TEXT_BYTES * 3 {
            write!(
                s,
                "Absatz {i}: Der Diplomat sprach mit dem Rat über das Treffen. Danach gingen alle nach Hause.\n\n"
            )
            .unwrap();
            i += 1;
        }
        s
    }

    fn opened_at(offset: usize, size: Size) -> (ReaderState, WholeText) {
        let glossary = parse(GLOSSARY, "test.toml").unwrap();
        let doc = Document::parse("long.txt", long_text()).unwrap();
        let linker = Linker::new(glossary);
        let window = preview_window(&doc, offset);
        assert!(window.is_some(), "a long text is linked a window first");
        let whole = WholeText::build(&doc, None, &linker, &crate::terms::Sources::default());
        let mut s = ReaderState::open(Arc::new(doc), None, linker, size, window);
        s.resume_at(offset);
        (s, whole)
    }

    /// The number in "Absatz N" of the paragraph the selection is in.
    fn paragraph_number(s: &ReaderState) -> usize {
        let at = s.selected_spans()[0].start;
        let end = (at + "Absatz ".len()).min(s.text().len());
        let head = s.text()[..end].rfind("Absatz ").unwrap() + "Absatz ".len();
        let digits: String = s.text()[head..]
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        digits.parse().unwrap()
    }

    #[test]
    fn a_long_text_opens_linked_around_the_position_and_wrapped_in_part() {
        let (s, _) = opened_at(LONG_TEXT_BYTES, Size::new(100, 30));
        assert!(s.linking());
        assert!(
            s.analysis().tokens.len() < s.text().len() / 20,
            "only a window is linked"
        );
        assert!(!s.wrapped().whole, "only a window is wrapped");
        assert!(selection_on_screen(&s));
        // The words on screen have their terms: the glossary's link is there.
        assert!(
            s.analysis()
                .links
                .iter()
                .any(|l| l.spans[0].start >= s.wrapped().lines[s.scroll()].start),
            "the screen's terms are linked"
        );
    }

    #[test]
    fn paging_runs_through_the_whole_text_across_windows() {
        let (mut s, _) = opened_at(0, Size::new(100, 30));
        let mut last = paragraph_number(&s);
        let mut pages = 0;
        loop {
            let before = s.selected_spans()[0].start;
            s.update(Action::PageDown);
            pages += 1;
            let now = paragraph_number(&s);
            assert!(now >= last, "page {pages}: paragraph {now} after {last}");
            assert!(selection_on_screen(&s));
            last = now;
            if s.selected_spans()[0].start == before || pages > 100_000 {
                break;
            }
        }
        // Paging stopped at the end of the linked window or of the text, never in between.
        let linked_end = s.analysis().tokens.last().unwrap().end;
        assert!(s.selected_spans()[0].start <= linked_end);
        assert!(
            s.wrapped().lines.len() < 20_000,
            "never the whole text wrapped"
        );
    }

    #[test]
    fn end_and_start_wrap_the_window_they_jump_to() {
        let (mut s, whole) = opened_at(0, Size::new(100, 30));
        s.update(Action::WholeText(SharedWhole(Arc::new(whole))));
        s.update(Action::End);
        assert_eq!(selected_text(&s), "Hause");
        assert!(selection_on_screen(&s));
        assert!(
            !s.wrapped().more_below(s.doc()),
            "the last lines are wrapped"
        );
        s.update(Action::Start);
        assert_eq!(paragraph_number(&s), 0);
        assert!(selection_on_screen(&s));
    }

    #[test]
    fn the_whole_analysis_keeps_the_selection_and_counts_every_word() {
        let (mut s, whole) = opened_at(LONG_TEXT_BYTES, Size::new(100, 30));
        s.update(Action::NextWord);
        let at = s.selected_spans()[0].clone();
        let top = s.wrapped().lines[s.scroll()].start;
        let words_before = s.position().1;
        s.update(Action::WholeText(SharedWhole(Arc::new(whole))));
        assert!(!s.linking());
        assert_eq!(s.selected_spans()[0], at, "same word selected");
        assert_eq!(s.wrapped().lines[s.scroll()].start, top, "same screen");
        assert!(s.position().1 > words_before * 5, "every word counted");
        // Paging now reaches the text's last line.
        for _ in 0..100_000 {
            let before = s.selected_spans()[0].start;
            s.update(Action::PageDown);
            if s.selected_spans()[0].start == before {
                break;
            }
        }
        assert!(
            !s.wrapped().more_below(s.doc()),
            "the last lines are wrapped"
        );
        let height = usize::from(s.layout().text.height);
        assert_eq!(
            s.scroll() + height,
            s.wrapped().len(),
            "the last line on screen"
        );
    }

    #[test]
    fn end_and_search_reach_parts_not_linked_yet() {
        let (mut s, _) = opened_at(0, Size::new(100, 30));
        s.update(Action::End);
        assert!(s.linking());
        assert_eq!(selected_text(&s), "Hause");
        assert!(!s.wrapped().more_below(s.doc()));
        assert!(selection_on_screen(&s));
        let last = paragraph_number(&s);
        s.update(Action::Start);
        assert_eq!(paragraph_number(&s), 0);
        let middle = format!("Absatz {}:", last / 2);
        search(&mut s, &middle);
        assert_eq!(paragraph_number(&s), last / 2, "the match is selected");
        assert!(selection_on_screen(&s));
    }

    #[test]
    fn a_saved_entry_relinks_a_book_around_the_selection_and_the_rest_on_a_thread() {
        let (mut s, whole) = opened_at(LONG_TEXT_BYTES, Size::new(100, 30));
        s.update(Action::WholeText(SharedWhole(Arc::new(whole))));
        assert!(!s.linking());
        s.update(Action::NextWord);
        let at = s.selected_spans()[0].clone();
        let mut glossary = s.glossary().clone();
        let treffen =
            "[[term]]\nde = \"Treffen\"\nen = [\"meeting\"]\npos = \"noun\"\ngender = \"n\"\n";
        glossary
            .entries
            .extend(parse(treffen, "mine.toml").unwrap().entries);
        let effects = s.update(Action::EntrySaved(Box::new(SavedEntry {
            glossary,
            headword: "Treffen".to_string(),
            path: "mine.toml".to_string(),
        })));
        // Only the part around the selection is linked again before the next frame.
        assert!(effects.contains(&Effect::LinkWhole), "{effects:?}");
        assert!(s.linking());
        assert!(s.analysis().tokens.len() < s.text().len() / 20);
        assert_eq!(s.selected_spans()[0], at, "same word selected");
        let links_treffen = |s: &ReaderState| {
            s.analysis()
                .links
                .iter()
                .filter(|l| s.entry(l.entry).is_some_and(|e| e.de == "Treffen"))
                .count()
        };
        let near = links_treffen(&s);
        assert!(near > 0, "the new entry links on screen at once");
        // The thread links the whole text with the new entry, and the reader takes it over.
        let relinked =
            WholeText::build(s.doc(), None, s.linker(), &crate::terms::Sources::default());
        s.update(Action::WholeText(SharedWhole(Arc::new(relinked))));
        assert!(!s.linking());
        assert!(links_treffen(&s) > near * 5, "every paragraph's Treffen");
        assert_eq!(s.selected_spans()[0], at, "same word selected");
    }

    #[test]
    fn a_resize_rewraps_only_a_window() {
        let (mut s, whole) = opened_at(LONG_TEXT_BYTES, Size::new(100, 30));
        s.update(Action::WholeText(SharedWhole(Arc::new(whole))));
        let at = s.selected_spans()[0].clone();
        s.update(Action::Resize {
            width: 60,
            height: 20,
        });
        assert!(!s.wrapped().whole);
        assert_eq!(s.selected_spans()[0], at);
        assert!(selection_on_screen(&s));
    }
}
