//! Choosing the words of a new entry: the span, its cursor, adding and removing words.

use super::ReaderState;
use crate::tui::action::Action;
use crate::tui::form::EntryForm;
use crate::tui::keymap::Mode;

/// The words chosen for a new entry, and the cursor that adds or removes them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    /// Word tokens, in text order; never empty.
    tokens: Vec<usize>,
}

impl Span {
    /// A span of these tokens; `None` for none.
    pub(super) fn of(mut tokens: Vec<usize>) -> Option<Span> {
        tokens.sort_unstable();
        tokens.dedup();
        (!tokens.is_empty()).then_some(Span { tokens })
    }

    pub fn tokens(&self) -> &[usize] {
        &self.tokens
    }

    fn contains(&self, token: usize) -> bool {
        self.tokens.binary_search(&token).is_ok()
    }

    fn insert(&mut self, token: usize) {
        if let Err(i) = self.tokens.binary_search(&token) {
            self.tokens.insert(i, token);
        }
    }

    /// Takes a token out, unless it is the last one left.
    fn remove(&mut self, token: usize) -> bool {
        match self.tokens.binary_search(&token) {
            Ok(i) if self.tokens.len() > 1 => {
                self.tokens.remove(i);
                true
            }
            _ => false,
        }
    }
}

impl ReaderState {
    pub fn span(&self) -> Option<&Span> {
        self.span.as_ref()
    }

    pub(super) fn apply_span(&mut self, action: &Action) {
        match action {
            Action::NextWord => self.move_cursor(true),
            Action::PrevWord => self.move_cursor(false),
            Action::SpanToggle => {
                if let (Some(span), Some(cursor)) = (self.span.as_mut(), self.selected) {
                    if span.contains(cursor) {
                        span.remove(cursor);
                    } else {
                        span.insert(cursor);
                    }
                }
            }
            Action::SpanExtend => {
                let last = self.span.as_ref().and_then(|s| s.tokens.last().copied());
                let next = last.and_then(|l| self.words.iter().copied().find(|&t| t > l));
                if let (Some(span), Some(next)) = (self.span.as_mut(), next) {
                    span.insert(next);
                    self.selected = Some(next);
                    self.ensure_selection_visible();
                }
            }
            Action::SpanShrink => {
                if let Some(span) = self.span.as_mut()
                    && let Some(&last) = span.tokens.last()
                    && span.remove(last)
                {
                    self.selected = span.tokens.last().copied();
                    self.ensure_selection_visible();
                }
            }
            Action::AddEntry => {
                let tokens = self.span.as_ref().map(|s| s.tokens.clone());
                if let Some(tokens) = tokens {
                    let suggestion = self.suggest(&tokens);
                    self.form = Some(EntryForm::suggested(&suggestion));
                    self.mode = Mode::Form;
                }
            }
            Action::Cancel => {
                self.span = None;
                self.mode = Mode::Normal;
            }
            _ => {}
        }
    }

    pub(super) fn start_span(&mut self) {
        let Some(selected) = self.selected else {
            return;
        };
        let tokens = match self.selected_link().and_then(|l| self.link(l)) {
            Some(link) => link.tokens.clone(),
            None => vec![selected],
        };
        self.span = Some(Span { tokens });
        self.mode = Mode::Span;
    }

    /// Moves the span's cursor to the next (or previous) word.
    pub(super) fn move_cursor(&mut self, forward: bool) {
        let Some(cur) = self.selected else { return };
        let target = if forward {
            self.words.iter().copied().find(|&t| t > cur)
        } else {
            self.words.iter().rev().copied().find(|&t| t < cur)
        };
        if let Some(t) = target {
            self.selected = Some(t);
            self.ensure_selection_visible();
        }
    }
}

#[cfg(test)]
mod tests {

    use crate::tui::reader::testing::*;

    use crate::tui::action::Action;
    use crate::tui::form::Field;
    use crate::tui::keymap::Mode;

    #[test]
    fn a_span_extends_shrinks_and_takes_a_word_further_on() {
        let mut s = state(120, 40);
        s.update(Action::NextWord);
        assert_eq!(selected_text(&s), "sprach");
        s.update(Action::SpanStart);
        assert_eq!(s.mode(), Mode::Span);
        s.update(Action::SpanExtend);
        s.update(Action::SpanExtend);
        assert_eq!(selected_text(&s), "sprach mit dem");
        s.update(Action::SpanShrink);
        s.update(Action::SpanShrink);
        assert_eq!(selected_text(&s), "sprach");
        s.update(Action::SpanShrink);
        assert_eq!(selected_text(&s), "sprach", "a span keeps one word");
        // The cursor walks to "Rat"; Space takes it in without the words between.
        for _ in 0..3 {
            s.update(Action::NextWord);
        }
        assert_eq!(&s.text()[s.span_cursor().unwrap()], "Rat");
        s.update(Action::SpanToggle);
        assert_eq!(selected_text(&s), "sprach Rat");
        s.update(Action::SpanToggle);
        assert_eq!(selected_text(&s), "sprach");
        s.update(Action::SpanToggle);
        // A capitalized word inside the sentence keeps its capital; the form starts with it.
        s.update(Action::AddEntry);
        assert_eq!(s.mode(), Mode::Form);
        let form = s.form().unwrap();
        assert_eq!(form.value(Field::German), "sprach Rat");
        assert_eq!(form.focus(), Field::German, "the headword is checked first");
    }

    #[test]
    fn escape_leaves_a_span_and_the_selection_is_a_term_again() {
        let mut s = state(120, 40);
        s.update(Action::SpanStart);
        assert_eq!(s.selected_link(), None, "the span is the selection");
        assert_eq!(selected_text(&s), "Diplomat");
        s.update(Action::Cancel);
        assert_eq!(s.mode(), Mode::Normal);
        assert_eq!(s.span(), None);
        assert_eq!(s.selected_link(), Some(0));
    }
}
