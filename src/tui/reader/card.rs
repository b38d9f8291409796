//! The card in the side pane: what it says about the selection, as data ([`CardView`]) and as
//! styled lines wrapped to the pane's width, and how far it scrolls. The state scrolls by the
//! same rows that `ui::card` draws.

use super::{DictionaryState, ReaderState};
use crate::de::core;
use crate::dict::Answer;
use crate::learner::Status;
use crate::tui::action::Action;
use crate::tui::keymap::Mode;
use crate::tui::strings;
use crate::tui::theme::{self, Palette};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// What the card says about the selection.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CardView {
    /// The term as it stands in the text, parts joined: `kündigte … an`.
    pub surface: String,
    /// The learner's status of the term (or word); none for a span being chosen.
    pub status: Option<Status>,
    /// The headword the status is kept under, when it is not the word as it stands.
    pub status_term: Option<String>,
    pub body: CardBody,
    /// How it sounds, once espeak-ng has said; none without espeak-ng.
    pub pronunciation: Option<Pronunciation>,
}

/// The IPA on a card, stress marked: the headword's, and the form's when it sounds different.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pronunciation {
    pub ipa: String,
    /// The form as the text has it, and its IPA: `Bündnisses`, `ˈbyndnɪsəs`.
    pub form: Option<(String, String)>,
}

/// The pronunciation of the selection, as far as it has been worked out.
fn pronunciation(state: &ReaderState) -> Option<Pronunciation> {
    let texts = crate::tui::pronounce::card_texts(state);
    let known = state.pronunciations();
    let ipa = known.ipa(texts.headword.as_deref()?)?.to_string();
    let form = texts.form.and_then(|form| {
        let form_ipa = known.ipa(&form)?;
        (form_ipa != ipa).then(|| (form.clone(), form_ipa.to_string()))
    });
    Some(Pronunciation { ipa, form })
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CardBody {
    Entry(Box<EntryCard>),
    /// A word the glossary does not know.
    Unknown {
        /// What the offline dictionaries say about the word.
        dictionary: DictionarySection,
    },
    /// Words being chosen for a new entry, and the headword it would start with.
    Span {
        headword: String,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryCard {
    /// With its article for a noun: `der Diplomat`.
    pub headword: String,
    pub plural: Option<String>,
    /// `noun`, `verb`, `expression`, ...
    pub pos: Option<&'static str>,
    pub senses: Vec<String>,
    /// How the form in the text relates to the headword: `Rates: genitive singular`.
    pub form: Option<String>,
    /// The parts of a compound: `Spionage + Aktivität`.
    pub parts: Option<String>,
    pub note: Option<String>,
    pub example: Option<String>,
    pub example_en: Option<String>,
    /// How many times the entry is linked in this text.
    pub occurrences: usize,
    /// What the dictionaries say about the headword, below the glossary's own.
    pub dictionary: DictionarySection,
}

/// The dictionaries' part of a card.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DictionarySection {
    /// Nothing to show: no dictionaries were asked for; or, on a glossary entry's card, none
    /// is open or none answers.
    Nothing,
    /// Still opening.
    Opening,
    /// None installed: how to get them.
    NotInstalled,
    NoAnswer,
    /// A glossary entry's answers folded to one line: how many, and the key that unfolds them.
    Folded {
        answers: usize,
        key: String,
    },
    Answers {
        /// On a glossary entry's card, the key that folds them again.
        fold_key: Option<String>,
        answers: Vec<AnswerView>,
        /// Answers for phrases with the word's verb (`Aa machen` for `macht`) left out, and
        /// the key that shows them.
        phrases_folded: Option<(usize, String)>,
    },
}

/// One dictionary answer, cleaned for reading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnswerView {
    /// As the dictionary gives it, with the article of a noun: `das Bündnis`.
    pub headword: String,
    /// `pl. Bündnisse`, `kündigte an`.
    pub forms: Vec<String>,
    /// How the word in the text relates to the headword: `zu-infinitive of ausweisen`.
    pub how: Option<String>,
    pub senses: Vec<SenseView>,
    /// `Ding de-en`.
    pub dictionary: String,
    /// A core lexicon answer in one line, in two parts: what the form is (`dem: dative
    /// singular of der (masculine or neuter): `, `im = in + dem: `) and the English (`the, to
    /// the`).
    pub summary: Option<(String, String)>,
    /// A core lexicon answer's note: `+ dative`.
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SenseView {
    /// The English, placeholders kept: `to expel sb. (from a country)`.
    pub text: String,
    /// The German of this sense when it says more than the headword:
    /// `jdn. ausweisen (aus einem Land)`.
    pub de: Option<String>,
    /// `transitive`; the part of speech too when the answer's senses differ in it.
    pub grammar: Vec<String>,
    /// Subject fields and registers, shown dimmed: `pol.`, `ugs.`.
    pub labels: Vec<String>,
}

/// The card for the current selection; `None` when nothing is selected.
pub fn card_view(state: &ReaderState) -> Option<CardView> {
    let text = state.text();
    let spans = state.selected_spans();
    if spans.is_empty() {
        return None;
    }
    let mut surface = spans
        .iter()
        .map(|s| &text[s.clone()])
        .collect::<Vec<_>>()
        .join(strings::SPLIT_PARTS_JOINER);
    if let Some(span) = state.span() {
        return Some(CardView {
            surface,
            status: None,
            status_term: None,
            body: CardBody::Span {
                headword: state.suggest(span.tokens()).headword,
            },
            pronunciation: None,
        });
    }
    let status = state.selected_status();
    let status_term = state
        .selected_term()
        .filter(|t| t.to_lowercase() != surface.to_lowercase());
    let Some((link, entry)) = state
        .selected_link()
        .and_then(|l| state.link(l))
        .and_then(|link| Some((link, state.entry(link.entry)?)))
    else {
        // A split verb the dictionaries found through its particle reads as one.
        let query = state.dictionary_query();
        if let Some(q) = &query
            && let Some(particle) = &q.particle
            && state.looked_up(q).is_some_and(|l| l.with_particle)
        {
            surface = format!("{surface}{}{particle}", strings::SPLIT_PARTS_JOINER);
        }
        return Some(CardView {
            surface,
            status,
            status_term,
            body: CardBody::Unknown {
                dictionary: dictionary_section(state, false),
            },
            pronunciation: pronunciation(state),
        });
    };
    let form = (!link.form.is_empty() && link.form != "headword")
        .then(|| format!("{surface}{}{}", strings::CARD_FORM_SEPARATOR, link.form));
    let parts = (!link.parts.is_empty()).then(|| {
        link.parts
            .iter()
            .map(|p| p.text.as_str())
            .collect::<Vec<_>>()
            .join(strings::PARTS_JOINER)
    });
    // The entry's headword heads the card: the status is on it.
    let _ = status_term;
    Some(CardView {
        surface,
        status,
        status_term: None,
        body: CardBody::Entry(Box::new(EntryCard {
            headword: entry.display_headword(),
            plural: entry.plural.clone(),
            pos: entry.pos.map(crate::glossary::Pos::describe),
            senses: entry.en.clone(),
            form,
            parts,
            note: entry.note.clone(),
            example: entry.example.clone(),
            example_en: entry.example_en.clone(),
            occurrences: state.analysis().occurrences(link.entry),
            dictionary: dictionary_section(state, true),
        })),
        pronunciation: pronunciation(state),
    })
}

/// What the dictionaries add to the selection's card. A glossary entry's card says nothing
/// about dictionaries that are missing, opening or silent: the glossary has answered.
fn dictionary_section(state: &ReaderState, for_entry: bool) -> DictionarySection {
    let unless_entry = |section| {
        if for_entry {
            DictionarySection::Nothing
        } else {
            section
        }
    };
    // The core lexicon needs no dictionary: a function word is answered before any is open,
    // and when none is installed.
    let core_or = |section| match state.dictionary_query() {
        Some(q) if !for_entry => {
            let answers = core::with_core_answers(
                &q.word,
                q.particle.as_deref(),
                q.pos.as_deref(),
                Vec::new(),
            );
            if answers.is_empty() {
                unless_entry(section)
            } else {
                DictionarySection::Answers {
                    fold_key: None,
                    answers: answers.iter().map(|a| answer_view(a, &q.word)).collect(),
                    phrases_folded: None,
                }
            }
        }
        _ => unless_entry(section),
    };
    let dicts = match state.dictionary_state() {
        DictionaryState::Off => return core_or(DictionarySection::Nothing),
        DictionaryState::Opening(_) => return core_or(DictionarySection::Opening),
        DictionaryState::Ready(dicts) => dicts,
    };
    if dicts.0.is_empty() {
        return core_or(DictionarySection::NotInstalled);
    }
    // Not asked yet: the answer is on its way (the lookup follows the move that needs it).
    let Some((query, looked)) = state
        .dictionary_query()
        .and_then(|q| Some((q.word.clone(), state.looked_up(&q).cloned()?)))
    else {
        return DictionarySection::Nothing;
    };
    if looked.answers.is_empty() {
        return unless_entry(DictionarySection::NoAnswer);
    }
    let key = || {
        state
            .keymap()
            .key_for(Mode::Normal, &Action::ToggleDictionary)
            .unwrap_or_default()
    };
    if for_entry && !state.dictionary_unfolded() {
        return DictionarySection::Folded {
            answers: looked.answers.len(),
            key: key(),
        };
    }
    // An unknown word's phrases wait for the same key.
    let phrases = looked.answers.iter().filter(|a| a.is_phrase()).count();
    let fold_phrases = !for_entry && !state.dictionary_unfolded() && phrases > 0;
    DictionarySection::Answers {
        fold_key: for_entry.then(key),
        answers: looked
            .answers
            .iter()
            .filter(|a| !(fold_phrases && a.is_phrase()))
            .map(|a| answer_view(a, &query))
            .collect(),
        phrases_folded: fold_phrases.then(|| (phrases, key())),
    }
}

/// An answer for the card; `word` is the word looked up, which a core answer's line starts
/// with.
fn answer_view(answer: &Answer, word: &str) -> AnswerView {
    let is_core = core::is_core(answer);
    let mut kinds: Vec<&str> = answer
        .senses
        .iter()
        .map(|s| s.pos.as_str())
        .filter(|p| !p.is_empty())
        .collect();
    kinds.dedup();
    let mixed_pos = kinds.len() > 1;
    let senses = answer
        .senses
        .iter()
        .map(|s| SenseView {
            text: s.text.clone(),
            de: (!s.de.is_empty() && s.de != answer.headword && s.de != answer.lemma)
                .then(|| s.de.clone()),
            grammar: mixed_pos
                .then(|| s.pos.clone())
                .filter(|p| !p.is_empty())
                .into_iter()
                .chain(s.tags.iter().cloned())
                .collect(),
            labels: s.labels.clone(),
        })
        .collect();
    AnswerView {
        headword: answer.headword.clone(),
        forms: answer.forms.clone(),
        how: (!answer.how.is_empty()).then(|| answer.how.clone()),
        senses,
        dictionary: answer.dictionary.clone(),
        summary: is_core.then(|| core::summary_parts(word, answer)),
        note: core::note(answer).filter(|_| is_core).map(str::to_string),
    }
}

/// The card's lines, for a pane of any width (the paragraph wraps them).
pub fn card_lines(view: &CardView, palette: &Palette) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    match &view.body {
        CardBody::Span { headword } => {
            lines.push(Line::styled(view.surface.clone(), palette.headword()));
            lines.push(Line::raw(""));
            lines.push(labelled(strings::CARD_NEW_ENTRY, headword));
            lines.push(Line::styled(strings::CARD_SPAN_HINT, theme::DIM));
        }
        CardBody::Unknown { dictionary } => {
            lines.push(Line::styled(view.surface.clone(), palette.headword()));
            lines.extend(view.pronunciation.as_ref().map(pronunciation_line));
            lines.extend(
                view.status
                    .map(|s| status_line(s, view.status_term.as_deref(), palette)),
            );
            lines.push(Line::styled(strings::NO_ENTRY, theme::DIM));
            dictionary_lines(dictionary, &mut lines);
        }
        CardBody::Entry(card) => {
            lines.push(Line::styled(card.headword.clone(), palette.headword()));
            lines.extend(view.pronunciation.as_ref().map(pronunciation_line));
            let grammar: Vec<String> = card
                .pos
                .map(str::to_string)
                .into_iter()
                .chain(
                    card.plural
                        .as_ref()
                        .map(|p| format!("{} {p}", strings::CARD_PLURAL)),
                )
                .collect();
            if !grammar.is_empty() {
                lines.push(Line::styled(
                    grammar.join(strings::TITLE_SEPARATOR),
                    theme::DIM,
                ));
            }
            lines.extend(
                view.status
                    .map(|s| status_line(s, view.status_term.as_deref(), palette)),
            );
            lines.push(Line::raw(""));
            if card.senses.len() == 1 {
                lines.extend(card.senses.iter().map(|s| Line::raw(s.clone())));
            } else {
                lines.extend(
                    card.senses
                        .iter()
                        .enumerate()
                        .map(|(i, s)| Line::raw(format!("{}. {s}", i + 1))),
                );
            }
            if card.form.is_some() || card.parts.is_some() {
                lines.push(Line::raw(""));
            }
            if let Some(form) = &card.form {
                lines.push(Line::styled(form.clone(), theme::LABEL));
            }
            if let Some(parts) = &card.parts {
                lines.push(labelled(strings::CARD_PARTS, parts));
            }
            if let Some(note) = &card.note {
                lines.push(Line::raw(""));
                lines.push(labelled(strings::CARD_NOTE, note));
            }
            if let Some(example) = &card.example {
                lines.push(Line::raw(""));
                lines.push(labelled(strings::CARD_EXAMPLE, example));
                if let Some(en) = &card.example_en {
                    lines.push(Line::styled(en.clone(), theme::DIM));
                }
            }
            lines.push(Line::raw(""));
            lines.push(Line::styled(
                strings::occurrences(card.occurrences),
                theme::DIM,
            ));
            dictionary_lines(&card.dictionary, &mut lines);
        }
    }
    lines
}

/// The dictionaries' part of the card, after a blank line.
fn dictionary_lines(section: &DictionarySection, lines: &mut Vec<Line<'static>>) {
    let note = match section {
        DictionarySection::Nothing => return,
        DictionarySection::Opening => strings::DICT_STILL_OPENING,
        DictionarySection::NotInstalled => strings::DICT_NONE_INSTALLED,
        DictionarySection::NoAnswer => strings::DICT_NO_ANSWER,
        DictionarySection::Folded { answers, key } => {
            lines.push(Line::raw(""));
            lines.push(Line::styled(
                strings::dict_folded(*answers, key),
                theme::LABEL,
            ));
            return;
        }
        DictionarySection::Answers {
            fold_key,
            answers,
            phrases_folded,
        } => {
            if let Some(key) = fold_key {
                lines.push(Line::raw(""));
                lines.push(Line::styled(strings::dict_unfolded(key), theme::LABEL));
            }
            for (i, answer) in answers.iter().enumerate() {
                let previous = i.checked_sub(1).and_then(|p| answers.get(p));
                let next = answers.get(i + 1);
                if let Some(summary) = &answer.summary {
                    // The core lexicon's answers are one line each, its name after the last.
                    if previous.is_none_or(|p| p.summary.is_none()) {
                        lines.push(Line::raw(""));
                    }
                    core_answer_lines(summary, answer, lines);
                    if next.is_none_or(|n| n.summary.is_none()) {
                        lines.push(Line::styled(answer.dictionary.clone(), theme::DIM));
                    }
                    continue;
                }
                lines.push(Line::raw(""));
                answer_lines(answer, lines);
            }
            if let Some((phrases, key)) = phrases_folded {
                lines.push(Line::raw(""));
                lines.push(Line::styled(
                    strings::phrases_folded(*phrases, key),
                    theme::LABEL,
                ));
            }
            return;
        }
    };
    lines.push(Line::raw(""));
    lines.push(Line::styled(note, theme::DIM));
}

/// A core lexicon answer: what the form is (in italics) and its English on one line, its note
/// dimmed below.
fn core_answer_lines(
    (what, english): &(String, String),
    answer: &AnswerView,
    lines: &mut Vec<Line<'static>>,
) {
    lines.push(Line::from(vec![
        Span::styled(what.clone(), theme::LABEL),
        Span::raw(english.clone()),
    ]));
    if let Some(note) = &answer.note {
        lines.push(Line::styled(
            format!("{}{note}", strings::SENSE_INDENT),
            theme::DIM,
        ));
    }
}

/// An answer: its headword and forms, how the word relates to it, its senses numbered with
/// their labels dimmed, and the dictionary it comes from.
fn answer_lines(answer: &AnswerView, lines: &mut Vec<Line<'static>>) {
    let mut head = vec![Span::styled(answer.headword.clone(), theme::TITLE)];
    if !answer.forms.is_empty() {
        head.push(Span::styled(
            format!(" ({})", answer.forms.join(", ")),
            theme::DIM,
        ));
    }
    lines.push(Line::from(head));
    if let Some(how) = &answer.how {
        lines.push(Line::styled(how.clone(), theme::LABEL));
    }
    for (i, sense) in answer.senses.iter().enumerate() {
        let mut spans = vec![Span::raw(format!("{}. {}", i + 1, sense.text))];
        if !sense.grammar.is_empty() {
            spans.push(Span::styled(
                format!(" ({})", sense.grammar.join(", ")),
                theme::DIM,
            ));
        }
        for label in &sense.labels {
            spans.push(Span::styled(format!(" [{label}]"), theme::DIM));
        }
        lines.push(Line::from(spans));
        // The headword as this sense uses it (`jdn./etw. tragen`), dimmed under the English.
        if let Some(de) = &sense.de {
            lines.push(Line::styled(
                format!("{}{de}", strings::SENSE_INDENT),
                theme::DIM,
            ));
        }
    }
    lines.push(Line::styled(answer.dictionary.clone(), theme::DIM));
}

/// Breaks styled lines into rows of at most `width` columns at spaces (a word longer than a
/// row is cut), keeping each piece's style. The card draws these rows, so that it knows its
/// own height and can scroll by rows. Spaces that start a line are kept (an indent); spaces
/// where a line breaks are dropped.
pub fn wrap_lines(lines: &[Line<'static>], width: usize) -> Vec<Line<'static>> {
    let width = width.max(1);
    let mut rows = Vec::new();
    for line in lines {
        let mut wrapper = RowWrapper {
            width,
            rows: Vec::new(),
            row: Vec::new(),
            used: 0,
            spaces: Vec::new(),
        };
        for span in &line.spans {
            let style = line.style.patch(span.style);
            for piece in pieces(&span.content) {
                if piece.starts_with(' ') {
                    wrapper.spaces.push(Span::styled(piece.to_string(), style));
                } else {
                    wrapper.word(piece, style);
                }
            }
        }
        wrapper.finish();
        rows.extend(wrapper.rows.into_iter().map(|spans| {
            let mut row = Line::from(spans);
            row.alignment = line.alignment;
            row
        }));
    }
    rows
}

/// Runs of spaces and runs of other characters, in order.
fn pieces(s: &str) -> impl Iterator<Item = &str> {
    let mut rest = s;
    std::iter::from_fn(move || {
        let first = rest.chars().next()?;
        let space = first == ' ';
        let end = rest
            .char_indices()
            .find(|(_, c)| (*c == ' ') != space)
            .map_or(rest.len(), |(i, _)| i);
        let (piece, tail) = rest.split_at(end);
        rest = tail;
        Some(piece)
    })
}

struct RowWrapper {
    width: usize,
    rows: Vec<Vec<Span<'static>>>,
    row: Vec<Span<'static>>,
    used: usize,
    /// Spaces before the next word, placed only if the word goes on the same row.
    spaces: Vec<Span<'static>>,
}

impl RowWrapper {
    fn word(&mut self, word: &str, style: Style) {
        let w = word.width();
        let spaces = std::mem::take(&mut self.spaces);
        let spaces_width: usize = spaces.iter().map(|s| s.content.width()).sum();
        let starts_line = self.rows.is_empty() && self.row.is_empty();
        if !self.row.is_empty() && self.used + spaces_width + w > self.width {
            // The spaces at the break are dropped.
            self.break_row();
        } else if (!self.row.is_empty() && self.used + spaces_width + w <= self.width)
            || (starts_line && spaces_width < self.width)
        {
            self.used += spaces_width;
            self.row.extend(spaces);
        }
        if self.used + w <= self.width {
            self.used += w;
            self.row.push(Span::styled(word.to_string(), style));
            return;
        }
        // Longer than a row: cut it.
        let mut part = String::new();
        for c in word.chars() {
            let cw = c.width().unwrap_or(0);
            if self.used + cw > self.width && self.used > 0 {
                if !part.is_empty() {
                    self.row
                        .push(Span::styled(std::mem::take(&mut part), style));
                }
                self.break_row();
            }
            self.used += cw;
            part.push(c);
        }
        if !part.is_empty() {
            self.row.push(Span::styled(part, style));
        }
    }

    fn break_row(&mut self) {
        self.rows.push(std::mem::take(&mut self.row));
        self.used = 0;
        self.spaces.clear();
    }

    fn finish(&mut self) {
        self.rows.push(std::mem::take(&mut self.row));
    }
}

/// The card's rows for a pane `width` columns wide.
pub fn card_rows(state: &ReaderState, width: usize) -> Vec<Line<'static>> {
    let lines = match card_view(state) {
        Some(view) => card_lines(&view, state.palette()),
        None => vec![Line::styled(strings::NOTHING_SELECTED, theme::DIM)],
    };
    wrap_lines(&lines, width)
}

/// How far the card can scroll: its rows beyond the pane's height.
pub fn max_scroll(state: &ReaderState) -> usize {
    let area = state.layout().side_inner();
    if area.is_empty() {
        return 0;
    }
    card_rows(state, usize::from(area.width))
        .len()
        .saturating_sub(usize::from(area.height))
}

/// `/ˈbyndnɪs/ · Bündnisses /ˈbyndnɪsəs/`: the form's only when it sounds different.
fn pronunciation_line(p: &Pronunciation) -> Line<'static> {
    let ipa = |s: &str| format!("{}{s}{}", strings::IPA_OPEN, strings::IPA_CLOSE);
    let mut spans = vec![Span::styled(ipa(&p.ipa), theme::LABEL)];
    if let Some((form, form_ipa)) = &p.form {
        spans.push(Span::styled(strings::TITLE_SEPARATOR, theme::DIM));
        spans.push(Span::styled(format!("{form} "), theme::DIM));
        spans.push(Span::styled(ipa(form_ipa), theme::LABEL));
    }
    Line::from(spans)
}

/// "status: learning 2", the status in its text colour.
/// With the headword it is kept under, when that is not the word in the text: "status: known
/// · every form of gehen".
fn status_line(status: Status, term: Option<&str>, palette: &Palette) -> Line<'static> {
    let mut spans = vec![
        Span::styled(
            format!("{}{}", strings::CARD_STATUS, strings::CARD_FORM_SEPARATOR),
            theme::LABEL,
        ),
        Span::styled(status.to_string(), palette.status_style(status, false)),
    ];
    if let Some(term) = term {
        spans.push(Span::styled(strings::status_on(term), theme::DIM));
    }
    Line::from(spans)
}

fn labelled(label: &str, value: &str) -> Line<'static> {
    Line::from(vec![
        Span::styled(
            format!("{label}{}", strings::CARD_FORM_SEPARATOR),
            theme::LABEL,
        ),
        Span::raw(value.to_string()),
    ])
}

impl ReaderState {
    /// The first card line on screen.
    pub fn card_scroll(&self) -> usize {
        self.card_scroll
    }

    pub(super) fn scroll_card(&mut self, lines: usize, down: bool) {
        self.card_scroll = if down {
            (self.card_scroll + lines).min(max_scroll(self))
        } else {
            self.card_scroll.saturating_sub(lines)
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::glossary::parse;
    use crate::link::Linker;
    use crate::text::Document;
    use crate::tui::action::Effect;
    use crate::tui::dictionary::testing::{apply, fixture_dictionaries};
    use crate::tui::dictionary::{DictQuery, SharedDictionaries};
    use crate::tui::form::Field;
    use ratatui::layout::Size;
    use std::sync::Arc;

    const GLOSSARY: &str = r#"
[[term]]
de = "Diplomat"
en = "diplomat"
pos = "noun"
gender = "m"
plural = "Diplomaten"
"#;

    const TEXT: &str = "Im Monat kündigte die NATO an, acht Diplomaten auszuweisen. \
        Er hob die Arme. Die arme Frau ging. Der Kreml baue ersatzweise Beziehungen zu Staaten auf. \
        Die Spionageaktivitäten waren alt. Ein Mann macht das.\n";

    /// The reader on TEXT, the dictionaries still opening.
    fn opening(width: u16, height: u16) -> ReaderState {
        let glossary = parse(GLOSSARY, "test.toml").unwrap();
        let doc = Document::parse("t.txt", TEXT.to_string()).unwrap();
        let mut s = ReaderState::new(doc, None, Linker::new(glossary), Size::new(width, height));
        s.expect_dictionaries();
        s
    }

    /// The reader on TEXT with the fixture dictionary open.
    fn reader(width: u16, height: u16) -> ReaderState {
        let mut s = opening(width, height);
        apply(&mut s, Action::DictionariesReady(fixture_dictionaries()));
        s
    }

    fn select(s: &mut ReaderState, word: &str) {
        apply(s, Action::SearchStart);
        for c in word.chars() {
            apply(s, Action::SearchInput(c));
        }
        apply(s, Action::SearchSubmit);
        let selected = &s.text()[s.selected_spans()[0].clone()];
        assert_eq!(selected, word);
    }

    fn unknown(s: &ReaderState) -> (String, DictionarySection) {
        let view = card_view(s).unwrap();
        match view.body {
            CardBody::Unknown { dictionary } => (view.surface, dictionary),
            other => panic!("not an unknown word's card: {other:?}"),
        }
    }

    fn answers(section: DictionarySection) -> Vec<AnswerView> {
        match section {
            DictionarySection::Answers { answers, .. } => answers,
            other => panic!("no answers: {other:?}"),
        }
    }

    fn entry(s: &ReaderState) -> EntryCard {
        match card_view(s).unwrap().body {
            CardBody::Entry(card) => *card,
            other => panic!("not an entry's card: {other:?}"),
        }
    }

    /// The card's rows as plain text, one string a row.
    fn rows(s: &ReaderState, width: usize) -> Vec<String> {
        card_rows(s, width)
            .iter()
            .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
            .collect()
    }

    #[test]
    fn an_unknown_word_shows_the_dictionary_s_answer_and_how_it_relates() {
        let mut s = reader(120, 40);
        select(&mut s, "auszuweisen");
        let (surface, section) = unknown(&s);
        assert_eq!(surface, "auszuweisen");
        let a = &answers(section)[0];
        assert_eq!(a.headword, "ausweisen");
        assert_eq!(a.how.as_deref(), Some("zu-infinitive of ausweisen"));
        assert_eq!(a.dictionary, "Ding ding-de-en.txt");
        assert!(a.forms.contains(&"wies aus".to_string()), "{:?}", a.forms);
        let sense = &a.senses[0];
        assert_eq!(sense.text, "to expel sb. (from a country)");
        assert_eq!(sense.de.as_deref(), Some("jdn. ausweisen (aus einem Land)"));
        assert_eq!(sense.labels, ["adm."]);
        assert_eq!(sense.grammar, ["transitive"]);
        let shown = rows(&s, 60).join("\n");
        assert!(shown.contains("no glossary entry"), "{shown}");
        assert!(
            shown.contains("1. to expel sb. (from a country) (transitive) [adm.]"),
            "{shown}"
        );
        assert!(shown.contains("Ding ding-de-en.txt"), "{shown}");
    }

    #[test]
    fn a_noun_s_answer_has_its_article_and_plural() {
        let mut s = reader(120, 40);
        select(&mut s, "Staaten");
        let a = &answers(unknown(&s).1)[0];
        assert_eq!(a.headword, "der Staat");
        assert_eq!(a.senses[0].text, "state; country");
    }

    #[test]
    fn a_finite_verb_with_its_particle_at_the_clause_end_is_the_particle_verb() {
        let mut s = reader(120, 40);
        select(&mut s, "kündigte");
        let (surface, section) = unknown(&s);
        assert_eq!(surface, "kündigte … an");
        let a = &answers(section)[0];
        assert_eq!(a.headword, "ankündigen");
        assert!(
            a.how.as_deref().unwrap().contains("ankündigen"),
            "{:?}",
            a.how
        );
        assert_eq!(a.senses[0].text, "to announce sth.; to proclaim sth.");
    }

    #[test]
    fn a_particle_that_makes_no_verb_is_left_alone() {
        // "baue ersatzweise … auf": the clause ends with auf. A noun takes no particle; a
        // word that makes no verb with it is answered as itself.
        let mut s = reader(120, 40);
        select(&mut s, "Staaten");
        let q = s.dictionary_query().unwrap();
        assert_eq!(q.particle, None, "a noun takes no particle");
        assert_eq!(q.pos.as_deref(), Some("noun"));
        select(&mut s, "ersatzweise");
        let q = s.dictionary_query().unwrap();
        assert_eq!(q.particle.as_deref(), Some("auf"));
        assert!(!s.looked_up(&q).unwrap().with_particle);
        assert_eq!(unknown(&s).0, "ersatzweise");
    }

    #[test]
    fn the_word_s_part_of_speech_decides_which_senses_come_first() {
        let mut s = reader(120, 40);
        // Capitalized inside the sentence: a noun.
        select(&mut s, "Arme");
        let nouns = answers(unknown(&s).1);
        assert_ne!(nouns[0].headword, "arm", "{nouns:#?}");
        assert!(nouns.iter().any(|a| a.headword == "arm"), "{nouns:#?}");
        select(&mut s, "arme");
        let adjectives = answers(unknown(&s).1);
        assert_eq!(adjectives[0].headword, "arm", "{adjectives:#?}");
    }

    #[test]
    fn a_compound_is_answered_through_its_parts() {
        let mut s = reader(120, 40);
        select(&mut s, "Spionageaktivitäten");
        let parts = answers(unknown(&s).1);
        let heads: Vec<&str> = parts.iter().map(|a| a.headword.as_str()).collect();
        assert!(heads.contains(&"die Spionage"), "{heads:?}");
        assert!(heads.contains(&"die Aktivität"), "{heads:?}");
        // A part is no headword for the word's own entry.
        apply(&mut s, Action::AddEntry);
        assert_eq!(
            s.form().unwrap().value(Field::German),
            "Spionageaktivitäten"
        );
        assert_eq!(s.form().unwrap().value(Field::English), "");
    }

    #[test]
    fn a_function_word_is_answered_by_the_core_lexicon_first() {
        let mut s = reader(120, 40);
        select(&mut s, "Im");
        let answers = answers(unknown(&s).1);
        let im = &answers[0];
        assert_eq!(
            im.summary,
            Some(("Im = in + dem: ".to_string(), "in the".to_string()))
        );
        assert_eq!(im.dictionary, core::DICTIONARY);
        let shown = rows(&s, 60);
        let at = shown
            .iter()
            .position(|r| r == "Im = in + dem: in the")
            .unwrap_or_else(|| panic!("{shown:#?}"));
        assert_eq!(
            shown[at + 1],
            format!("{}dative: where; im Mai: in May", strings::SENSE_INDENT)
        );
        assert_eq!(shown[at + 2], core::DICTIONARY);
        // What the form is reads in italics, the English plain.
        let line = &card_rows(&s, 60)[at];
        let style_of = |word: &str| {
            line.spans
                .iter()
                .find(|s| s.content == word)
                .map(|s| s.style)
        };
        assert_eq!(style_of("dem:"), Some(theme::LABEL));
        assert_eq!(style_of("the"), Some(Style::default()));
    }

    #[test]
    fn a_function_word_has_its_core_answer_without_any_dictionary() {
        let mut s = opening(120, 40);
        // Before the dictionaries are open …
        select(&mut s, "Er");
        let section = unknown(&s).1;
        let first = &answers(section)[0];
        assert_eq!(
            first.summary,
            Some((
                "Er: personal pronoun, 3rd person singular masculine (nominative): ".to_string(),
                "he; it".to_string()
            ))
        );
        assert_eq!(
            first.note.as_deref(),
            Some("also for masculine things: der Tisch … er (it)")
        );
        // … and when none is installed.
        apply(
            &mut s,
            Action::DictionariesReady(SharedDictionaries(Arc::default())),
        );
        select(&mut s, "Im");
        let shown = rows(&s, 60);
        assert!(
            shown.iter().any(|r| r == "Im = in + dem: in the"),
            "{shown:#?}"
        );
        assert!(
            !shown.iter().any(|r| r.contains("apt install")),
            "{shown:#?}"
        );
        select(&mut s, "auszuweisen");
        assert_eq!(unknown(&s).1, DictionarySection::NotInstalled);
    }

    #[test]
    fn a_word_no_dictionary_knows_says_so() {
        let mut s = reader(120, 40);
        select(&mut s, "Kreml");
        assert_eq!(unknown(&s).1, DictionarySection::NoAnswer);
        assert!(rows(&s, 60).iter().any(|r| r == strings::DICT_NO_ANSWER));
    }

    #[test]
    fn without_dictionaries_the_card_says_how_to_get_them() {
        let mut s = opening(120, 40);
        apply(
            &mut s,
            Action::DictionariesReady(SharedDictionaries(Arc::default())),
        );
        select(&mut s, "auszuweisen");
        assert_eq!(unknown(&s).1, DictionarySection::NotInstalled);
        let shown = rows(&s, 200).join(" ");
        assert!(
            shown.contains("apt install trans-de-en dict-freedict-deu-eng"),
            "{shown}"
        );
        // A glossary entry's card does not nag.
        select(&mut s, "Diplomaten");
        assert_eq!(entry(&s).dictionary, DictionarySection::Nothing);
    }

    #[test]
    fn while_the_dictionaries_open_the_status_bar_shows_progress_and_the_card_waits() {
        let mut s = opening(120, 40);
        assert_eq!(
            s.dictionary_status().as_deref(),
            Some(strings::DICT_OPENING)
        );
        apply(
            &mut s,
            Action::DictionaryProgress {
                name: "Ding de-en".into(),
                percent: 45,
            },
        );
        assert_eq!(
            s.dictionary_status().as_deref(),
            Some("indexing Ding de-en 45%")
        );
        assert!(s.take_redraw());
        select(&mut s, "auszuweisen");
        assert_eq!(unknown(&s).1, DictionarySection::Opening);
        // Once open, the selected word is looked up without a key being pressed.
        apply(&mut s, Action::DictionariesReady(fixture_dictionaries()));
        assert_eq!(answers(unknown(&s).1)[0].headword, "ausweisen");
        // Then the words' headwords are asked for, in the background.
        assert_eq!(
            s.dictionary_status().as_deref(),
            Some(strings::finding_headwords(0).as_str())
        );
    }

    #[test]
    fn a_glossary_card_folds_the_dictionary_to_one_line_and_d_unfolds_it() {
        let mut s = reader(120, 40);
        select(&mut s, "Diplomaten");
        let card = entry(&s);
        assert_eq!(card.senses, ["diplomat"]);
        assert_eq!(
            card.dictionary,
            DictionarySection::Folded {
                answers: 1,
                key: "d".into()
            }
        );
        assert!(
            rows(&s, 60)
                .iter()
                .any(|r| r == "Dictionary: 1 answer (press d)")
        );
        apply(&mut s, Action::ToggleDictionary);
        let DictionarySection::Answers {
            fold_key, answers, ..
        } = entry(&s).dictionary
        else {
            panic!("unfolded");
        };
        assert_eq!(fold_key.as_deref(), Some("d"));
        assert_eq!(answers[0].headword, "der Diplomat");
        assert_eq!(answers[0].senses[0].text, "diplomat");
        // Unfolded stays unfolded on the next card, for the session.
        select(&mut s, "auszuweisen");
        select(&mut s, "Diplomaten");
        assert!(matches!(
            entry(&s).dictionary,
            DictionarySection::Answers { .. }
        ));
        apply(&mut s, Action::ToggleDictionary);
        assert!(matches!(
            entry(&s).dictionary,
            DictionarySection::Folded { .. }
        ));
    }

    #[test]
    fn each_query_is_looked_up_once() {
        let mut s = reader(120, 40);
        select(&mut s, "auszuweisen");
        let query = s.dictionary_query().unwrap();
        apply(&mut s, Action::PrevWord);
        // Back on a word already asked about: no lookup.
        let effects = s.update(Action::NextWord);
        assert!(
            !effects.iter().any(|e| matches!(e, Effect::LookUp(_))),
            "{effects:?}"
        );
        assert_eq!(s.dictionary_query(), Some(query));
        // A new word is asked about once.
        let effects = s.update(Action::NextWord);
        let asked: Vec<&DictQuery> = effects
            .iter()
            .filter_map(|e| match e {
                Effect::LookUp(q) => Some(q),
                _ => None,
            })
            .collect();
        assert_eq!(asked.len(), 1);
        assert_eq!(asked[0].word, "Er");
    }

    #[test]
    fn the_form_for_a_word_starts_with_the_dictionary_s_headword_and_english() {
        let mut s = reader(120, 40);
        select(&mut s, "auszuweisen");
        apply(&mut s, Action::AddEntry);
        let form = s.form().unwrap();
        assert_eq!(form.value(Field::German), "ausweisen");
        assert_eq!(form.value(Field::English), "to expel sb. (from a country)");
        assert_eq!(form.value(Field::Pos), "verb");
        assert_eq!(form.value(Field::Gender), "", "a verb has none");
        assert_eq!(form.focus(), Field::German);
        apply(&mut s, Action::Cancel);
        // Only the first alternative of a sense: "state; country" gives "state". A noun comes
        // with its gender and plural.
        select(&mut s, "Staaten");
        apply(&mut s, Action::AddEntry);
        let form = s.form().unwrap();
        assert_eq!(form.value(Field::German), "Staat");
        assert_eq!(form.value(Field::English), "state");
        assert_eq!(form.value(Field::Pos), "noun");
        assert_eq!(form.value(Field::Gender), "m");
        assert_eq!(form.value(Field::Plural), "Staaten");
        apply(&mut s, Action::Cancel);
        // A sentence's first word is not taken for a noun's form: `Ein` is no `Ei`.
        select(&mut s, "Ein");
        apply(&mut s, Action::AddEntry);
        let form = s.form().unwrap();
        assert_eq!(form.value(Field::German), "ein");
        assert_eq!(form.value(Field::English), "a, an");
    }

    #[test]
    fn phrases_with_a_verb_are_folded_to_a_count_until_d() {
        let mut s = reader(120, 40);
        select(&mut s, "macht");
        let DictionarySection::Answers {
            answers: folded,
            phrases_folded,
            ..
        } = unknown(&s).1
        else {
            panic!("answers");
        };
        assert_eq!(folded[0].headword, "machen");
        assert_eq!(folded[0].senses[0].text, "to do sth.");
        assert!(folded.iter().all(|a| a.headword != "Aa machen"));
        assert_eq!(phrases_folded, Some((1, "d".to_string())));
        assert!(
            rows(&s, 60)
                .iter()
                .any(|r| r == "1 phrase with this verb (press d)")
        );
        apply(&mut s, Action::ToggleDictionary);
        let shown = answers(unknown(&s).1);
        assert_eq!(shown.last().map(|a| a.headword.as_str()), Some("Aa machen"));
    }

    #[test]
    fn a_long_card_scrolls_and_a_new_selection_starts_at_its_top() {
        // A short side pane: the answers for kündigte do not fit.
        let mut s = reader(120, 8);
        select(&mut s, "kündigte");
        let max = max_scroll(&s);
        assert!(max > 0, "the card is longer than the pane");
        apply(&mut s, Action::CardScrollDown);
        assert_eq!(s.card_scroll(), 1);
        for _ in 0..max + 5 {
            apply(&mut s, Action::CardScrollDown);
        }
        assert_eq!(s.card_scroll(), max, "no further than the card's last row");
        apply(&mut s, Action::CardScrollUp);
        assert_eq!(s.card_scroll(), max - 1);
        // The wheel over the side pane scrolls the card, not the text.
        let side = s.layout().side_inner();
        let text_scroll = s.scroll();
        apply(
            &mut s,
            Action::Wheel {
                down: false,
                column: side.x,
                row: side.y,
            },
        );
        assert_eq!(s.card_scroll(), (max - 1).saturating_sub(3));
        assert_eq!(s.scroll(), text_scroll);
        apply(&mut s, Action::NextWord);
        assert_eq!(s.card_scroll(), 0);
    }

    #[test]
    fn card_lines_wrap_at_spaces_and_keep_their_styles() {
        let line = Line::from(vec![
            Span::raw("1. to expel sb."),
            Span::styled(" [adm.]", theme::DIM),
        ]);
        let rows = wrap_lines(&[line], 10);
        let text: Vec<String> = rows
            .iter()
            .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
            .collect();
        assert_eq!(text, ["1. to", "expel sb.", "[adm.]"]);
        let last = &rows[2].spans;
        assert!(last.iter().all(|s| s.style == theme::DIM), "{last:?}");
        // An indent stays; a word longer than the row is cut; an empty line is one row.
        let rows = wrap_lines(&[Line::raw("   Spionageaktivitäten"), Line::raw("")], 8);
        let text: Vec<String> = rows
            .iter()
            .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
            .collect();
        assert_eq!(text, ["   Spion", "ageaktiv", "itäten", ""]);
        for row in &text {
            assert!(row.width() <= 8, "{row:?}");
        }
    }
}
