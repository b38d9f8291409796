//! The selection: what is selected (a term, a word, a span's cursor) and stepping from term
//! to term and word to word.

use super::ReaderState;
use crate::de::token::TokenKind;
use crate::learner::Status;
use std::ops::Range;

impl ReaderState {
    pub fn selected_token(&self) -> Option<usize> {
        self.selected
    }

    /// The link the selection belongs to, if it is a linked term (never while a span is
    /// chosen: the span is the selection then).
    pub fn selected_link(&self) -> Option<usize> {
        if self.span.is_some() {
            return None;
        }
        self.analysis
            .token_link
            .get(self.selected?)
            .copied()
            .flatten()
    }

    /// The byte spans of the selection: the words of a span being chosen, every part of a
    /// linked term, or the selected word.
    pub fn selected_spans(&self) -> Vec<Range<usize>> {
        if let Some(span) = &self.span {
            return self.token_ranges(span.tokens());
        }
        if let Some(link) = self.selected_link().and_then(|l| self.link(l)) {
            return link.spans.clone();
        }
        self.selected
            .and_then(|t| self.analysis.tokens.get(t))
            .map(|t| std::iter::once(t.start..t.end).collect())
            .unwrap_or_default()
    }

    pub(super) fn token_ranges(&self, tokens: &[usize]) -> Vec<Range<usize>> {
        tokens
            .iter()
            .filter_map(|&t| self.analysis.tokens.get(t))
            .map(|t| t.start..t.end)
            .collect()
    }

    /// Tokens that overlap `range` and belong to no link, in text order: (token, its range).
    pub fn unlinked_tokens_in(
        &self,
        range: Range<usize>,
    ) -> impl Iterator<Item = (usize, Range<usize>)> + '_ {
        let tokens = &self.analysis.tokens;
        let first = tokens.partition_point(|t| t.end <= range.start);
        tokens[first..]
            .iter()
            .enumerate()
            .take_while(move |(_, t)| t.start < range.end)
            .map(move |(i, t)| (first + i, t.start..t.end))
            .filter(|(i, _)| {
                self.analysis
                    .token_link
                    .get(*i)
                    .copied()
                    .flatten()
                    .is_none()
                    && self.terms.term_id(*i).is_some()
            })
    }

    /// The span cursor's byte range, while a span is chosen.
    pub fn span_cursor(&self) -> Option<Range<usize>> {
        self.span.as_ref()?;
        self.token_ranges(&[self.selected?]).pop()
    }

    /// What the view must keep on screen: the span cursor, else the selection.
    pub(super) fn focus_spans(&self) -> Vec<Range<usize>> {
        match self.span_cursor() {
            Some(cursor) => vec![cursor],
            None => self.selected_spans(),
        }
    }

    /// Link spans that overlap `range`, in text order: (span, link).
    pub fn link_spans_in(
        &self,
        range: Range<usize>,
    ) -> impl Iterator<Item = &(Range<usize>, usize)> {
        let first = self
            .link_spans
            .partition_point(|(s, _)| s.end <= range.start);
        self.link_spans[first..]
            .iter()
            .take_while(move |(s, _)| s.start < range.end)
    }

    /// The sentence the selection stands in.
    pub fn selected_sentence(&self) -> Option<usize> {
        match self.selected_link().and_then(|l| self.link(l)) {
            Some(link) => Some(link.sentence),
            None => self.analysis.sentence_of_token(self.selected?),
        }
    }

    /// (1-based number of the word at or before the selection, number of words, percent read).
    pub fn position(&self) -> (Option<usize>, usize, usize) {
        let words = self.words.len();
        let Some(span) = self.selected_spans().first().cloned() else {
            return (None, words, 0);
        };
        let tokens = &self.analysis.tokens;
        let word = self
            .words
            .partition_point(|&t| tokens[t].start <= span.start);
        let body = self.doc.body.clone();
        let read = span.end.saturating_sub(body.start) * 100 / body.len().max(1);
        ((word > 0).then_some(word), words, read.min(100))
    }

    pub(super) fn first_link_token(&self) -> Option<usize> {
        self.analysis.links.first()?.tokens.first().copied()
    }

    /// Byte offset of the selection's start.
    pub(super) fn selection_start(&self) -> Option<usize> {
        Some(self.analysis.tokens.get(self.selected?)?.start)
    }

    /// Moves to the next (or previous) word whose term is new or being learnt: the words the
    /// learner has work to do on. A term of several words is one stop, at its first word.
    pub(super) fn step_term(&mut self, forward: bool) {
        let current_link = self.selected_link();
        let stop = |t: usize| {
            let first_of_link = match self.analysis.token_link.get(t).copied().flatten() {
                Some(l) => {
                    Some(l) != current_link && self.analysis.links[l].tokens.first() == Some(&t)
                }
                None => true,
            };
            first_of_link
                && self.terms.term_id(t).is_some()
                && matches!(self.token_status(t), Status::New | Status::Learning(_))
        };
        let target = self.next_word(forward, stop);
        self.select_token(target);
    }

    /// The next (or previous) word after the selection that `stop` accepts; with no
    /// selection, the first such word.
    fn next_word(&self, forward: bool, stop: impl Fn(usize) -> bool) -> Option<usize> {
        match self.selected {
            None => self.words.iter().copied().find(|&t| stop(t)),
            // The words are in order: only those past the selection are looked at.
            Some(cur) if forward => {
                let after = self.words.partition_point(|&t| t <= cur);
                self.words[after..].iter().copied().find(|&t| stop(t))
            }
            Some(cur) => {
                let before = self.words.partition_point(|&t| t < cur);
                self.words[..before]
                    .iter()
                    .rev()
                    .copied()
                    .find(|&t| stop(t))
            }
        }
    }

    /// Selects a word found by a move (none: the selection stays).
    fn select_token(&mut self, target: Option<usize>) {
        if let Some(token) = target {
            self.selected = Some(token);
            self.ensure_selection_visible();
        }
    }

    /// Moves to the next word, stepping over the other words of the selected term
    /// (`zur Kenntnis genommen` is one stop).
    pub(super) fn step_word(&mut self, forward: bool) {
        let current_link = self.selected_link();
        let differs = |t: usize| {
            current_link.is_none()
                || self.analysis.token_link.get(t).copied().flatten() != current_link
        };
        let target = self.next_word(forward, differs);
        self.select_token(target);
    }

    /// The token that holds a byte offset, or the next word after it.
    pub(super) fn token_at_or_after(&self, offset: usize) -> Option<usize> {
        let tokens = &self.analysis.tokens;
        let t = tokens.partition_point(|t| t.end <= offset);
        let selectable = |i: usize| {
            self.analysis.token_link.get(i).copied().flatten().is_some()
                || tokens.get(i).is_some_and(|tok| {
                    matches!(
                        tok.kind,
                        TokenKind::Word | TokenKind::Number | TokenKind::Abbreviation
                    )
                })
        };
        (t..tokens.len()).find(|&i| selectable(i))
    }

    /// Whether a token opens its sentence (see [`crate::de::sentence::opens_sentence`]).
    pub(super) fn starts_sentence(&self, token: usize) -> bool {
        let Some(sentence) = self
            .analysis
            .sentence_of_token(token)
            .and_then(|s| self.analysis.sentences.get(s))
        else {
            return false;
        };
        crate::de::sentence::opens_sentence(
            self.doc.source.as_str(),
            &self.analysis.tokens,
            sentence.tokens.clone(),
            token,
        )
    }
}

#[cfg(test)]
mod tests {

    use crate::tui::reader::testing::*;

    use crate::tui::action::{Action, Effect};

    use crate::learner::Status;

    #[test]
    fn opens_on_the_first_word() {
        let s = opened(120, 40);
        assert_eq!(s.selected_link(), None);
        assert_eq!(selected_text(&s), "Absatz");
    }

    #[test]
    fn next_and_previous_term_visit_the_new_and_learning_words_in_text_order() {
        let mut s = state(120, 40);
        let snapshot = known_but(
            &s,
            &[("Rat", Status::Learning(1)), ("Treffen", Status::New)],
        );
        s.update(snapshot);
        let mut seen = Vec::new();
        for _ in 0..4 {
            s.update(Action::NextTerm);
            seen.push(selected_text(&s));
        }
        assert_eq!(seen, ["Rat", "Treffen", "Rat", "Treffen"]);
        s.update(Action::PrevTerm);
        assert_eq!(selected_text(&s), "Rat");
        s.update(Action::End);
        let last = s.selected_token();
        s.update(Action::NextTerm);
        assert_eq!(s.selected_token(), last, "nothing after the last one");
    }

    #[test]
    fn next_word_visits_every_word_then_previous_goes_back() {
        let mut s = state(120, 40);
        s.update(Action::Start);
        let mut visited = vec![s.selected_token().unwrap()];
        loop {
            s.update(Action::NextWord);
            let t = s.selected_token().unwrap();
            if t == *visited.last().unwrap() {
                break;
            }
            visited.push(t);
        }
        assert!(visited.windows(2).all(|w| w[0] < w[1]));
        assert!(visited.iter().all(|&t| s.analysis().tokens[t].is_word()));
        let words = s.analysis().words().count();
        assert!(visited.len() > words / 2, "{} of {words}", visited.len());
        s.update(Action::PrevWord);
        assert_eq!(s.selected_token(), Some(visited[visited.len() - 2]));
    }

    #[test]
    fn word_selection_that_is_no_term_has_no_link() {
        let mut s = state(120, 40);
        // "Diplomat" is linked; the word after it ("sprach") is not.
        s.update(Action::NextWord);
        assert_eq!(selected_text(&s), "sprach");
        assert_eq!(s.selected_link(), None);
    }

    #[test]
    fn sentence_of_the_selection_has_its_translation() {
        let s = state(120, 40);
        let sentence = s.selected_sentence().unwrap();
        let tr = s.translation().unwrap();
        let range = tr.alignment.target(sentence).unwrap();
        assert!(tr.text[range].contains("diplomat"));
    }

    #[test]
    fn moving_to_another_word_saves_the_position() {
        let mut s = state(120, 40);
        let effects = s.update(Action::NextWord);
        let start = s.analysis().tokens[s.selected_token().unwrap()].start;
        assert_eq!(effects, [Effect::SavePosition(start)]);
        // No move, nothing to save.
        assert!(s.update(Action::ToggleTranslation).is_empty());
    }
}
