//! The reader's styles. Marks stay readable without colour: links are underlined, the
//! selection is reversed.

use ratatui::style::{Color, Modifier, Style};

pub const LINK: Style = Style::new()
    .fg(Color::Cyan)
    .add_modifier(Modifier::UNDERLINED);
pub const SELECTED: Style = Style::new().add_modifier(Modifier::REVERSED.union(Modifier::BOLD));
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
