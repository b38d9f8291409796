//! The glossary card for the selected term, built as a view model first (so it can be tested
//! without drawing), then drawn.

use super::theme;
use crate::learner::Status;
use crate::tui::state::AppState;
use crate::tui::strings;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

/// What the card says about the selection.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CardView {
    /// The term as it stands in the text, parts joined: `kündigte … an`.
    pub surface: String,
    /// The learner's status of the term (or word); none for a span being chosen.
    pub status: Option<Status>,
    pub body: CardBody,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CardBody {
    Entry(EntryCard),
    /// A word the glossary does not know.
    Unknown {
        /// What an offline dictionary says about the word, one line each; empty when there is
        /// no dictionary answer.
        dictionary: Vec<String>,
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
}

/// The card for the current selection; `None` when nothing is selected.
pub fn card_view(state: &AppState) -> Option<CardView> {
    let text = state.text();
    let spans = state.selected_spans();
    if spans.is_empty() {
        return None;
    }
    let surface = spans
        .iter()
        .map(|s| &text[s.clone()])
        .collect::<Vec<_>>()
        .join(strings::SPLIT_PARTS_JOINER);
    if let Some(span) = state.span() {
        return Some(CardView {
            surface,
            status: None,
            body: CardBody::Span {
                headword: state.suggest(span.tokens()).headword,
            },
        });
    }
    let status = state.selected_status();
    let Some((link, entry)) = state
        .selected_link()
        .and_then(|l| state.link(l))
        .and_then(|link| Some((link, state.entry(link.entry)?)))
    else {
        return Some(CardView {
            surface,
            status,
            body: CardBody::Unknown {
                dictionary: Vec::new(),
            },
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
    Some(CardView {
        surface,
        status,
        body: CardBody::Entry(EntryCard {
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
        }),
    })
}

/// The card's lines, for a pane of any width (the paragraph wraps them).
pub fn card_lines(view: &CardView) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    match &view.body {
        CardBody::Span { headword } => {
            lines.push(Line::styled(view.surface.clone(), theme::HEADWORD));
            lines.push(Line::raw(""));
            lines.push(labelled(strings::CARD_NEW_ENTRY, headword));
            lines.push(Line::styled(strings::CARD_SPAN_HINT, theme::DIM));
        }
        CardBody::Unknown { dictionary } => {
            lines.push(Line::styled(view.surface.clone(), theme::HEADWORD));
            lines.extend(view.status.map(status_line));
            if dictionary.is_empty() {
                lines.push(Line::styled(strings::NO_ENTRY, theme::DIM));
            }
            lines.extend(dictionary.iter().map(|d| Line::raw(d.clone())));
        }
        CardBody::Entry(card) => {
            lines.push(Line::styled(card.headword.clone(), theme::HEADWORD));
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
            lines.extend(view.status.map(status_line));
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
        }
    }
    lines
}

/// "status: learning 2", the status in its text colour.
fn status_line(status: Status) -> Line<'static> {
    Line::from(vec![
        Span::styled(
            format!("{}{}", strings::CARD_STATUS, strings::CARD_FORM_SEPARATOR),
            theme::LABEL,
        ),
        Span::styled(status.to_string(), theme::status_style(status, false)),
    ])
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

pub fn render(state: &AppState, frame: &mut Frame, area: Rect) {
    if area.is_empty() {
        return;
    }
    let lines = match card_view(state) {
        Some(view) => card_lines(&view),
        None => vec![Line::styled(strings::NOTHING_SELECTED, theme::DIM)],
    };
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), area);
}
