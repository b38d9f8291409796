//! The learner's statuses of the text's terms, their counts, and marking the new ones known
//! (the whole text, or the page).

use super::ReaderState;
use crate::learner::{Status, Store, TextStats, new_terms, term_of, term_statuses, text_stats};
use crate::terms::Terms;
use crate::tui::action::{Action, Effect, StatusSnapshot};
use crate::tui::keymap::Mode;
use crate::tui::strings;

impl ReaderState {
    /// The key the selection's status is kept under: its term's headword (an entry's, the
    /// one the word is filed under, or the word itself in lower case).
    pub fn selected_term(&self) -> Option<String> {
        match self.selected_link().and_then(|l| self.link(l)) {
            Some(link) => term_of(self.linker.glossary(), link).map(str::to_string),
            None => self.terms.term_of_token(self.selected?).map(str::to_string),
        }
    }

    /// Every word's term.
    pub fn terms(&self) -> &Terms {
        &self.terms
    }

    /// The statuses of this text's terms and the forms filed under headwords, read from the
    /// store (no I/O: the store keeps them in memory).
    /// Every status the store keeps is taken: a learner has far fewer than a book has forms,
    /// and a term that appears later (a headword found) needs no second read.
    pub fn read_statuses(&self, store: &Store) -> StatusSnapshot {
        let statuses = store.statuses().map(|(k, s)| (k.to_string(), s)).collect();
        let filed = store
            .filings()
            .map(|(f, t)| (f.to_string(), t.to_string()))
            .collect();
        StatusSnapshot { statuses, filed }
    }

    /// A term's status as last read.
    pub fn status(&self, term: &str) -> Status {
        self.statuses.get(term).copied().unwrap_or_default()
    }

    /// The status of a link's term.
    pub fn link_status(&self, link: usize) -> Status {
        let first = self.analysis.links.get(link).and_then(|l| l.tokens.first());
        first.map_or(Status::New, |&t| self.token_status(t))
    }

    /// The status of a token's term.
    pub fn token_status(&self, token: usize) -> Status {
        self.terms
            .term_id(token)
            .and_then(|i| self.term_status.get(i))
            .copied()
            .unwrap_or_default()
    }

    /// The status of the selection (its term, or its word).
    pub fn selected_status(&self) -> Option<Status> {
        self.selected_term().map(|t| self.status(&t))
    }

    pub fn stats(&self) -> Option<&TextStats> {
        self.stats.as_ref()
    }

    /// How many terms the open question would mark known.
    pub fn confirm_count(&self) -> usize {
        self.new_term_count()
    }

    /// Whether the open question is about the whole text (else the screen).
    pub fn confirm_whole_text(&self) -> bool {
        self.mark_scope.is_none()
    }

    /// Asks whether to mark the new terms known: those on screen, or the whole text's.
    pub(super) fn ask_mark_known(&mut self, on_screen: bool) -> Vec<Effect> {
        self.mark_scope = on_screen.then(|| self.tokens_on_screen());
        if self.new_term_count() == 0 {
            self.message = Some(strings::NO_NEW_TERMS.to_string());
            return Vec::new();
        }
        self.mode = Mode::Confirm;
        // The count asked about includes what another reader marked meanwhile.
        vec![Effect::LoadStatuses]
    }

    /// The answer to the question: yes marks them, any other key is no.
    pub(super) fn answer_mark_known(&mut self, action: &Action) -> Vec<Effect> {
        self.mode = Mode::Normal;
        if *action == Action::Confirm {
            return vec![Effect::MarkNewKnown(self.mark_scope.take())];
        }
        Vec::new()
    }

    /// Terms still new in what the question is about, each counted once.
    pub(super) fn new_term_count(&self) -> usize {
        new_terms(&self.terms, &self.term_status, self.mark_scope.as_ref()).len()
    }

    /// Resolves the words' terms again from the sources, keeping the analysis.
    pub(super) fn resolve_terms(&mut self) {
        self.terms.refresh(&self.sources);
    }

    /// Looks each term's status up once, so that drawing a token or link only indexes (a
    /// book's million tokens cost nothing when a status changes).
    pub(super) fn index_statuses(&mut self) {
        let statuses = &self.statuses;
        self.term_status = term_statuses(&self.terms, |k| {
            statuses.get(k).copied().unwrap_or_default()
        });
        if self.statuses_read {
            self.stats = Some(text_stats(&self.terms, &self.term_status));
        }
        self.data_version += 1;
    }
}

#[cfg(test)]
mod tests {

    use crate::tui::reader::testing::*;

    use crate::tui::action::{Action, Effect};

    use crate::tui::keymap::{Keymap, Mode};
    use crate::tui::strings;

    use crate::learner::Status;

    #[test]
    fn every_word_is_new_until_marked_and_a_status_colours_all_its_tokens() {
        let mut s = state(120, 40);
        let words: Vec<usize> = s.analysis().words().collect();
        assert!(words.iter().all(|&t| s.token_status(t) == Status::New));
        s.update(snapshot(&[("hause", Status::Learning(2))]));
        let hause: Vec<usize> = words
            .iter()
            .copied()
            .filter(|&t| s.analysis().tokens[t].text(s.text()) == "Hause")
            .collect();
        assert_eq!(hause.len(), 12);
        assert!(
            hause
                .iter()
                .all(|&t| s.token_status(t) == Status::Learning(2))
        );
        let stats = s.stats().unwrap();
        assert_eq!(stats.learning, 1);
        assert_eq!(stats.new, s.terms().keys().len() - 1);
    }

    #[test]
    fn status_keys_ask_to_save_the_selected_term() {
        let mut s = state(120, 40);
        assert_eq!(selected_text(&s), "Diplomat");
        assert_eq!(
            s.update(Action::SetStatus(Status::Learning(2))),
            [Effect::SetStatus {
                term: "Diplomat".into(),
                status: Status::Learning(2)
            }]
        );
        // A word with no entry is kept under the word in lower case.
        s.update(Action::PrevWord);
        assert_eq!(selected_text(&s), "Der");
        assert_eq!(s.selected_link(), None);
        assert_eq!(
            s.update(Action::SetStatus(Status::Ignored)),
            [Effect::SetStatus {
                term: "der".into(),
                status: Status::Ignored
            }]
        );
    }

    #[test]
    fn every_status_key_is_bound_to_its_status() {
        use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
        let map = Keymap::default();
        for (c, status) in [
            ('1', Status::Learning(1)),
            ('2', Status::Learning(2)),
            ('3', Status::Learning(3)),
            ('4', Status::Learning(4)),
            ('5', Status::Known),
            ('i', Status::Ignored),
            ('0', Status::New),
        ] {
            let key = KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
            assert_eq!(
                map.resolve(Mode::Normal, &key),
                Some(Action::SetStatus(status))
            );
        }
    }

    #[test]
    fn statuses_read_back_mark_every_link_of_the_term() {
        let mut s = state(120, 40);
        assert!(
            s.update(snapshot(&[("Diplomat", Status::Learning(3))]))
                .is_empty()
        );
        assert!(s.take_redraw());
        let diplomats: Vec<usize> = (0..s.analysis().links.len())
            .filter(|&l| s.entry(s.link(l).unwrap().entry).unwrap().de == "Diplomat")
            .collect();
        assert_eq!(diplomats.len(), 12);
        for l in 0..s.analysis().links.len() {
            let expected = if diplomats.contains(&l) {
                Status::Learning(3)
            } else {
                Status::New
            };
            assert_eq!(s.link_status(l), expected);
        }
        assert_eq!(s.selected_status(), Some(Status::Learning(3)));
    }

    #[test]
    fn a_word_s_status_marks_the_word_everywhere() {
        let mut s = state(120, 40);
        s.update(snapshot(&[("hause", Status::Ignored)]));
        let hause: Vec<usize> = s
            .analysis()
            .words()
            .filter(|&t| s.analysis().tokens[t].text(s.text()) == "Hause")
            .collect();
        assert_eq!(hause.len(), 12);
        assert!(hause.iter().all(|&t| s.token_status(t) == Status::Ignored));
        let absatz = s.analysis().words().next().unwrap();
        assert_eq!(s.token_status(absatz), Status::New);
    }

    #[test]
    fn marking_all_known_asks_first_with_the_count() {
        let mut s = state(120, 40);
        let snapshot = known_but(
            &s,
            &[
                ("Diplomat", Status::Learning(1)),
                ("Rat", Status::New),
                ("Treffen", Status::New),
            ],
        );
        s.update(snapshot);
        // Rat and Treffen are still new; the statuses are read again before asking.
        assert_eq!(s.update(Action::MarkAllKnown), [Effect::LoadStatuses]);
        assert_eq!(s.mode(), Mode::Confirm);
        assert!(s.confirm_whole_text());
        assert_eq!(s.confirm_count(), 2);
        // Another reader marked Rat meanwhile: the question counts one.
        let snapshot = known_but(
            &s,
            &[("Diplomat", Status::Learning(1)), ("Treffen", Status::New)],
        );
        s.update(snapshot);
        assert_eq!(s.mode(), Mode::Confirm);
        assert_eq!(s.confirm_count(), 1);
        assert_eq!(s.update(Action::Confirm), [Effect::MarkNewKnown(None)]);
        assert_eq!(s.mode(), Mode::Normal);
        // Anything else is no.
        s.update(Action::MarkAllKnown);
        assert!(s.update(Action::Cancel).is_empty());
        assert_eq!(s.mode(), Mode::Normal);
        // Nothing new left: nothing to ask.
        let snapshot = known_but(&s, &[("Treffen", Status::Ignored)]);
        s.update(snapshot);
        assert!(s.update(Action::MarkAllKnown).is_empty());
        assert_eq!(s.mode(), Mode::Normal);
        assert_eq!(s.message(), Some(strings::NO_NEW_TERMS));
    }

    #[test]
    fn page_done_asks_about_the_new_words_on_screen_only() {
        let mut s = state(60, 12);
        let on_screen = s.tokens_on_screen();
        assert!(
            on_screen.end < s.analysis().tokens.len(),
            "the text is longer than a screen"
        );
        assert_eq!(s.update(Action::MarkScreenKnown), [Effect::LoadStatuses]);
        assert!(!s.confirm_whole_text());
        let screen_new = s.confirm_count();
        assert!(screen_new > 0 && screen_new <= s.terms().keys().len());
        assert_eq!(
            s.update(Action::Confirm),
            [Effect::MarkNewKnown(Some(on_screen))]
        );
    }

    #[test]
    fn any_key_but_yes_answers_no() {
        use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
        let map = Keymap::default();
        let key = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
        assert_eq!(map.resolve(Mode::Confirm, &key('y')), Some(Action::Confirm));
        for c in ['n', 'q', 'K', '5'] {
            assert_eq!(map.resolve(Mode::Confirm, &key(c)), Some(Action::Cancel));
        }
    }
}
