//! Searching the text: the prompt, and jumping from match to match.

use super::ReaderState;
use crate::tui::action::Action;
use crate::tui::find::find_all;
use crate::tui::keymap::Mode;
use crate::tui::strings;
use std::ops::Range;

impl ReaderState {
    /// What is typed at the search prompt.
    pub fn query(&self) -> &str {
        &self.query
    }

    pub(super) fn apply_search(&mut self, action: &Action) {
        match action {
            Action::SearchInput(c) => self.query.push(*c),
            Action::SearchBackspace => {
                self.query.pop();
            }
            Action::SearchSubmit => {
                self.mode = Mode::Normal;
                let typed = std::mem::take(&mut self.query);
                if !typed.is_empty() {
                    self.last_query = Some(typed);
                }
                self.search_last(true);
            }
            Action::Cancel => {
                self.mode = Mode::Normal;
                self.query.clear();
            }
            _ => {}
        }
    }

    /// Jumps to the next (or previous) match of the last search, wrapping around the text.
    pub(super) fn search_last(&mut self, forward: bool) {
        let Some(query) = self.last_query.clone() else {
            self.message = Some(strings::NO_PREVIOUS_SEARCH.to_string());
            return;
        };
        let body = self.doc.body.clone();
        let matches: Vec<Range<usize>> = find_all(&self.text[body.clone()], &query)
            .into_iter()
            .map(|m| body.start + m.start..body.start + m.end)
            .collect();
        if matches.is_empty() {
            self.message = Some(strings::no_match(&query));
            return;
        }
        let pos = self.selection_start();
        let (index, wrapped) = match pos {
            None => (0, false),
            Some(pos) if forward => matches
                .iter()
                .position(|m| m.start > pos)
                .map_or((0, true), |i| (i, false)),
            Some(pos) => matches
                .iter()
                .rposition(|m| m.start < pos)
                .map_or((matches.len() - 1, true), |i| (i, false)),
        };
        self.select_in(matches[index].clone());
        let mut message = strings::match_position(&query, index + 1, matches.len());
        if wrapped {
            message.push_str(strings::SEARCH_WRAPPED);
        }
        self.message = Some(message);
    }

    /// Selects the linked term overlapping a range, else the first word in it (or after it).
    pub(super) fn select_in(&mut self, range: Range<usize>) {
        self.link_to(range.start);
        let tokens = &self.analysis.tokens;
        let first = tokens.partition_point(|t| t.end <= range.start);
        let overlapping = first
            ..tokens[first..]
                .iter()
                .position(|t| t.start >= range.end)
                .map_or(tokens.len(), |n| first + n);
        let linked = overlapping
            .clone()
            .find(|&t| self.analysis.token_link[t].is_some());
        let word = || self.words.iter().copied().find(|&t| t >= first);
        if let Some(t) = linked.or_else(word) {
            self.selected = Some(t);
            self.ensure_selection_visible();
        }
    }
}

#[cfg(test)]
mod tests {

    use crate::tui::reader::testing::*;

    use crate::tui::action::Action;

    use crate::tui::keymap::Mode;
    use crate::tui::strings;

    #[test]
    fn search_selects_the_term_at_the_next_match() {
        let mut s = state(40, 10);
        search(&mut s, "treffen");
        assert_eq!(s.mode(), Mode::Normal);
        assert_eq!(selected_text(&s), "Treffen");
        let first = s.selected_token().unwrap();
        assert!(selection_on_screen(&s));
        s.update(Action::SearchNext);
        let second = s.selected_token().unwrap();
        assert!(second > first);
        assert!(selection_on_screen(&s));
        s.update(Action::SearchPrev);
        assert_eq!(s.selected_token(), Some(first));
    }

    #[test]
    fn search_selects_a_plain_word_when_no_term_is_there() {
        let mut s = state(120, 40);
        search(&mut s, "HAUSE");
        assert_eq!(selected_text(&s), "Hause");
        assert!(s.message().unwrap().contains("match 1 of 12"));
    }

    #[test]
    fn search_wraps_around_the_end() {
        let mut s = state(120, 40);
        s.update(Action::End);
        search(&mut s, "Absatz 0");
        assert_eq!(selected_text(&s), "Absatz");
        assert!(s.message().unwrap().contains(strings::SEARCH_WRAPPED));
    }

    #[test]
    fn empty_search_repeats_the_last_one() {
        let mut s = state(120, 40);
        search(&mut s, "rat");
        let first = s.selected_token();
        search(&mut s, "");
        assert!(s.selected_token() > first);
        assert_eq!(selected_text(&s), "Rat");
    }

    #[test]
    fn failed_search_says_so_and_keeps_the_selection() {
        let mut s = state(120, 40);
        let before = s.selected_token();
        search(&mut s, "xyz");
        assert_eq!(s.selected_token(), before);
        assert_eq!(s.message(), Some(strings::no_match("xyz").as_str()));
        s.update(Action::NextTerm);
        assert_eq!(s.message(), None, "the next key clears the message");
    }

    #[test]
    fn escape_cancels_the_search() {
        let mut s = state(120, 40);
        let before = s.selected_token();
        s.update(Action::SearchStart);
        s.update(Action::SearchInput('R'));
        assert_eq!(s.query(), "R");
        s.update(Action::Cancel);
        assert_eq!(s.mode(), Mode::Normal);
        assert_eq!(s.query(), "");
        assert_eq!(s.selected_token(), before);
        s.update(Action::SearchNext);
        assert_eq!(s.message(), Some(strings::NO_PREVIOUS_SEARCH));
    }
}
