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

/// How a term of this status is drawn in the text, in the default colours. `linked` says
/// whether it has a glossary entry.
pub fn status_style(status: Status, linked: bool) -> Style {
    Palette::default().status_style(status, linked)
}

/// The colours the learner can choose (`[colors]` in `config.toml`). The marks that carry
/// meaning without colour (underline, bold, dim, reverse) stay whatever the colours.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Palette {
    /// New terms with a glossary entry.
    pub new: Color,
    /// New words without one.
    pub new_word: Color,
    /// Learning levels 1 to 4.
    pub learning: [Color; 4],
    /// Known terms: the text's own colour unless one is chosen.
    pub known: Option<Color>,
    /// Ignored terms (dim in any case).
    pub ignored: Option<Color>,
    /// The selection's background.
    pub selection: Option<Color>,
    /// Messages in the status bar.
    pub message: Color,
    /// The headword on a card.
    pub headword: Color,
    /// The selected term's English in the translation.
    pub translation: Color,
}

impl Default for Palette {
    fn default() -> Palette {
        Palette {
            new: Color::Cyan,
            new_word: Color::LightBlue,
            learning: LEARNING,
            known: None,
            ignored: None,
            selection: None,
            message: Color::Yellow,
            headword: Color::Cyan,
            translation: Color::Yellow,
        }
    }
}

impl Palette {
    /// The names `[colors]` takes, in the order the README lists them.
    pub const NAMES: [&'static str; 11] = [
        "new",
        "learning_1",
        "learning_2",
        "learning_3",
        "learning_4",
        "known",
        "ignored",
        "selection",
        "message",
        "headword",
        "translation",
    ];

    /// Sets the colour of one of [`Palette::NAMES`]; `false` for another name.
    pub fn set(&mut self, name: &str, color: Color) -> bool {
        match name {
            "new" => self.new = color,
            "new_word" => self.new_word = color,
            "known" => self.known = Some(color),
            "ignored" => self.ignored = Some(color),
            "selection" => self.selection = Some(color),
            "message" => self.message = color,
            "headword" => self.headword = color,
            "translation" => self.translation = color,
            _ => match name
                .strip_prefix("learning_")
                .and_then(|n| n.parse::<usize>().ok())
                .filter(|n| (1..=4).contains(n))
            {
                Some(n) => self.learning[n - 1] = color,
                None => return false,
            },
        }
        true
    }

    /// How a term of this status is drawn in the text; `linked` as for [`status_style`].
    pub fn status_style(&self, status: Status, linked: bool) -> Style {
        let with = |style: Style, color: Option<Color>| match color {
            Some(c) => style.fg(c),
            None => style,
        };
        match status {
            Status::New if linked => LINK.fg(self.new),
            // A new word with no glossary entry stands out, a little less than one with a card.
            Status::New => Style::new()
                .fg(self.new_word)
                .add_modifier(Modifier::UNDERLINED),
            Status::Known => with(Style::new(), self.known),
            Status::Learning(level) => {
                let color = self.learning[usize::from(level.clamp(1, 4) - 1)];
                Style::new().fg(color).add_modifier(LEARNING_MARK)
            }
            Status::Ignored => with(DIM, self.ignored),
        }
    }

    /// The selection: reversed and bold, on the chosen colour.
    pub fn selected(&self) -> Style {
        match self.selection {
            // Reversed: the foreground colour is what fills the cell.
            Some(c) => SELECTED.fg(c),
            None => SELECTED,
        }
    }

    pub fn message(&self) -> Style {
        MESSAGE.fg(self.message)
    }

    pub fn headword(&self) -> Style {
        HEADWORD.fg(self.headword)
    }

    pub fn translation(&self) -> Style {
        MARKED_ENGLISH.fg(self.translation)
    }
}
