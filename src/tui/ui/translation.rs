//! The translation pane: the English sentence the selected term stands in, with the term's
//! English marked where it can be found, and under it the sentence word by word (a text
//! without a translation has only that).

use super::gloss::gloss_lines;
use super::theme;
use crate::tui::find::find_all;
use crate::tui::gloss::sentence_gloss;
use crate::tui::reader::ReaderState;
use crate::tui::reader::card::wrap_lines;
use crate::tui::strings;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use std::ops::Range;

/// Shortest word of a sense that is looked for as a word prefix (`expel` finds `expelled`).
const MIN_PREFIX_LETTERS: usize = 4;

/// What the translation pane shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TranslationView<'a> {
    NoTranslation,
    NoSentence,
    Sentence {
        /// The English sentence (or paragraph, when the sentences could not be paired).
        text: &'a str,
        /// Byte ranges in `text` of the term's English.
        marks: Vec<Range<usize>>,
    },
}

pub fn translation_view(state: &ReaderState) -> TranslationView<'_> {
    let Some(translation) = state.translation() else {
        return TranslationView::NoTranslation;
    };
    let Some(range) = state
        .selected_sentence()
        .and_then(|s| translation.alignment.target(s))
        .filter(|r| translation.text.get(r.clone()).is_some())
    else {
        return TranslationView::NoSentence;
    };
    let text = &translation.text[range];
    let entry = state
        .selected_link()
        .and_then(|l| state.link(l))
        .and_then(|l| state.entry(l.entry));
    let marks = entry.map(|e| mark_english(text, &e.en)).unwrap_or_default();
    TranslationView::Sentence { text, marks }
}

/// Where a term's English stands in a sentence: each sense (without a leading "to ") as a whole
/// phrase first; failing that, each sense's longest word as the start of a word, so that
/// "to expel" finds "expelled". Case is ignored.
pub fn mark_english(sentence: &str, senses: &[String]) -> Vec<Range<usize>> {
    let phrases = senses.iter().map(|s| {
        let s = s.trim();
        s.strip_prefix("to ").unwrap_or(s).trim()
    });
    for phrase in phrases.clone() {
        let found: Vec<_> = find_all(sentence, phrase)
            .into_iter()
            .filter(|m| starts_word(sentence, m.start) && ends_word(sentence, m.end))
            .collect();
        if !found.is_empty() {
            return found;
        }
    }
    for phrase in phrases {
        let Some(longest) = phrase
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.chars().count() >= MIN_PREFIX_LETTERS)
            .max_by_key(|w| w.chars().count())
        else {
            continue;
        };
        let found: Vec<_> = find_all(sentence, longest)
            .into_iter()
            .filter(|m| starts_word(sentence, m.start))
            .map(|m| m.start..word_end(sentence, m.end))
            .collect();
        if !found.is_empty() {
            return found;
        }
    }
    Vec::new()
}

fn starts_word(s: &str, at: usize) -> bool {
    !s[..at]
        .chars()
        .next_back()
        .is_some_and(char::is_alphanumeric)
}

fn ends_word(s: &str, at: usize) -> bool {
    !s[at..].chars().next().is_some_and(char::is_alphanumeric)
}

fn word_end(s: &str, from: usize) -> usize {
    s[from..]
        .char_indices()
        .find(|(_, c)| !c.is_alphanumeric())
        .map_or(s.len(), |(i, _)| from + i)
}

/// The translation pane's rows for a pane `width` columns wide.
#[derive(Debug, Default)]
pub struct PaneLines {
    /// The English sentence, or why there is none: it stays at the top.
    pub head: Vec<Line<'static>>,
    /// The sentence word by word, and where a translation would go when there is none.
    pub body: Vec<Line<'static>>,
    /// The rows of `body` that hold the selected word's gloss.
    pub selected: Option<Range<usize>>,
}

pub fn pane_lines(state: &ReaderState, width: usize) -> PaneLines {
    let mut head: Vec<Line<'static>> = Vec::new();
    let mut tail: Vec<Line<'static>> = Vec::new();
    match translation_view(state) {
        TranslationView::NoTranslation => {
            let doc = state.doc();
            let looked_for: Vec<String> = doc
                .translation_candidates(std::path::Path::new(&doc.name))
                .iter()
                .map(|p| p.display().to_string())
                .collect();
            let hint = strings::no_translation(doc.meta.translation.is_some(), &looked_for);
            // The gloss is what the learner came for; where a translation would go, after it.
            tail.push(Line::styled(hint, theme::DIM));
        }
        TranslationView::NoSentence => {
            head.push(Line::styled(strings::NO_ALIGNED_SENTENCE, theme::DIM));
        }
        TranslationView::Sentence { text, marks } => {
            let mut spans = Vec::new();
            let mut at = 0;
            for m in marks {
                spans.push(Span::raw(text[at..m.start].to_string()));
                spans.push(Span::styled(
                    text[m.clone()].to_string(),
                    state.palette().translation(),
                ));
                at = m.end;
            }
            spans.push(Span::raw(text[at..].to_string()));
            head.push(Line::from(spans));
        }
    }
    let mut pane = PaneLines {
        head: wrap_lines(&head, width),
        ..PaneLines::default()
    };
    if let Some(gloss) = sentence_gloss(state) {
        let (rows, selected) = gloss_lines(&gloss, state.selected_token(), width, state.palette());
        pane.body = rows;
        pane.selected = selected;
    }
    if !tail.is_empty() {
        if !pane.body.is_empty() {
            pane.body.push(Line::raw(""));
        }
        pane.body.extend(wrap_lines(&tail, width));
    }
    pane
}

pub fn render(state: &ReaderState, frame: &mut Frame, area: Rect) {
    if area.is_empty() {
        return;
    }
    let pane = pane_lines(state, usize::from(area.width));
    // The English keeps the top (at most half a short pane), a blank row under it.
    let head_rows = u16::try_from(pane.head.len()).unwrap_or(u16::MAX);
    let head_height = if pane.body.is_empty() {
        area.height
    } else {
        head_rows.min(area.height / 2)
    };
    let gap = u16::from(head_height > 0 && !pane.body.is_empty());
    let [head, _, body] = Layout::vertical([
        Constraint::Length(head_height),
        Constraint::Length(gap),
        Constraint::Fill(1),
    ])
    .areas(area);
    frame.render_widget(Paragraph::new(pane.head), head);
    // The selected word's column stays in view: a long sentence scrolls under the English.
    let height = usize::from(body.height);
    let scroll = pane
        .selected
        .map_or(0, |rows| rows.end.saturating_sub(height).min(rows.start));
    let scroll = u16::try_from(scroll).unwrap_or(u16::MAX);
    frame.render_widget(Paragraph::new(pane.body).scroll((scroll, 0)), body);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marked<'a>(sentence: &'a str, senses: &[&str]) -> Vec<&'a str> {
        let senses: Vec<String> = senses.iter().map(ToString::to_string).collect();
        mark_english(sentence, &senses)
            .into_iter()
            .map(|r| &sentence[r])
            .collect()
    }

    #[test]
    fn whole_phrase_ignoring_case() {
        let s = "a meeting of the NATO-Russia Council is still relevant";
        assert_eq!(marked(s, &["NATO-Russia council"]), ["NATO-Russia Council"]);
    }

    #[test]
    fn leading_to_is_dropped() {
        let s = "they demanded that the Council be convened";
        assert_eq!(marked(s, &["to demand"]), ["demanded"]);
        assert_eq!(marked(s, &["to convene"]), ["convened"]);
    }

    #[test]
    fn longest_word_finds_an_inflected_form() {
        let s = "NATO announced that it would expel eight Russian diplomats";
        assert_eq!(marked(s, &["to expel", "to deport"]), ["expel"]);
        assert_eq!(marked(s, &["diplomat"]), ["diplomats"]);
    }

    #[test]
    fn a_phrase_inside_a_longer_word_is_not_whole() {
        let s = "the Council convened";
        // "cil" is too short to be a prefix and is not a whole word.
        assert!(marked(s, &["cil"]).is_empty());
        assert_eq!(marked(s, &["council"]), ["Council"]);
    }

    #[test]
    fn a_later_sense_may_match_the_phrase() {
        let s = "they only wanted to lecture us";
        assert_eq!(marked(s, &["to instruct", "to lecture"]), ["lecture"]);
    }
}
