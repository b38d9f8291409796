//! The reader's styles. Marks stay readable without colour (`NO_COLOR`): new linked terms are
//! underlined, terms being learnt bold and underlined, ignored ones dim, the selection reversed.

use crate::learner::Status;
use ratatui::style::{Color, Modifier, Style};

pub const LINK: Style = Style::new()
    .fg(Color::Cyan)
    .add_modifier(Modifier::UNDERLINED);
pub const SELECTED: Style = Style::new().add_modifier(Modifier::REVERSED.union(Modifier::BOLD));
/// The span cursor on a word outside the span.
pub const SPAN_CURSOR: Style =
    Style::new().add_modifier(Modifier::REVERSED.union(Modifier::UNDERLINED));
/// The span cursor on a word of the span.
pub const SPAN_CURSOR_IN: Style = Style::new().add_modifier(
    Modifier::REVERSED
        .union(Modifier::BOLD)
        .union(Modifier::UNDERLINED),
);
/// A heading in the text.
pub const HEADING: Style = Style::new().add_modifier(Modifier::BOLD);
/// Code in the text (not linked).
pub const CODE: Style = Style::new().add_modifier(Modifier::DIM);
pub const EMPHASIS: Style = Style::new().add_modifier(Modifier::ITALIC);
pub const STRONG: Style = Style::new().add_modifier(Modifier::BOLD);
pub const TITLE: Style = Style::new().add_modifier(Modifier::BOLD);
pub const DIM: Style = Style::new().add_modifier(Modifier::DIM);
pub const HEADWORD: Style = Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD);
pub const LABEL: Style = Style::new().add_modifier(Modifier::ITALIC);
pub const MARKED_ENGLISH: Style = Style::new()
    .fg(Color::Yellow)
    .add_modifier(Modifier::BOLD.union(Modifier::UNDERLINED));
pub const MESSAGE: Style = Style::new().fg(Color::Yellow);
pub const KEY: Style = Style::new().add_modifier(Modifier::BOLD);
pub const PANE_TITLE: Style = Style::new().add_modifier(Modifier::BOLD);
/// The form field being typed into.
pub const FIELD_FOCUS: Style = Style::new().add_modifier(Modifier::REVERSED);

/// Learning levels 1 to 4, from yellow (just met) to green (nearly known), in the 256-colour
/// palette.
pub const LEARNING: [Color; 4] = [
    Color::Indexed(220),
    Color::Indexed(184),
    Color::Indexed(148),
    Color::Indexed(76),
];
const LEARNING_MARK: Modifier = Modifier::BOLD.union(Modifier::UNDERLINED);

/// A new word with no glossary entry: it stands out, but less than one with a card of the
/// learner's glossary.
pub const NEW_WORD: Style = Style::new()
    .fg(Color::LightBlue)
    .add_modifier(Modifier::UNDERLINED);

/// How a term of this status is drawn in the text. `linked` says whether it has a glossary
/// entry.
pub fn status_style(status: Status, linked: bool) -> Style {
    match status {
        Status::New if linked => LINK,
        Status::New => NEW_WORD,
        Status::Known => Style::new(),
        Status::Learning(level) => {
            let color = LEARNING[usize::from(level.clamp(1, 4) - 1)];
            Style::new().fg(color).add_modifier(LEARNING_MARK)
        }
        Status::Ignored => DIM,
    }
}
