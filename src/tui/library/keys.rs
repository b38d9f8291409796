//! Keys of the library screen, as data: each with the action and a description.

use super::state::{LibraryAction, LibraryMode};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

/// (key, action, what it does) while browsing.
pub const BROWSE: &[(KeyCode, LibraryAction, &str)] = &[
    (KeyCode::Down, LibraryAction::Down, "next text"),
    (KeyCode::Char('j'), LibraryAction::Down, "next text"),
    (KeyCode::Up, LibraryAction::Up, "previous text"),
    (KeyCode::Char('k'), LibraryAction::Up, "previous text"),
    (KeyCode::PageDown, LibraryAction::PageDown, "page down"),
    (KeyCode::PageUp, LibraryAction::PageUp, "page up"),
    (KeyCode::Char('g'), LibraryAction::Top, "first text"),
    (KeyCode::Home, LibraryAction::Top, "first text"),
    (KeyCode::Char('G'), LibraryAction::Bottom, "last text"),
    (KeyCode::End, LibraryAction::Bottom, "last text"),
    (
        KeyCode::Enter,
        LibraryAction::Open,
        "open the text where you stopped",
    ),
    (
        KeyCode::Char('s'),
        LibraryAction::CycleSort,
        "sort by last opened, title, known share",
    ),
    (
        KeyCode::Char('/'),
        LibraryAction::FilterStart,
        "filter by title or author",
    ),
    (
        KeyCode::Char('d'),
        LibraryAction::Remove,
        "remove the text (asks first)",
    ),
    (
        KeyCode::Char('i'),
        LibraryAction::ImportStart,
        "import a file (Tab completes the path)",
    ),
    (KeyCode::Esc, LibraryAction::Cancel, "clear the filter"),
    (KeyCode::Char('q'), LibraryAction::Quit, "quit"),
];

/// The action for a key in a mode.
pub fn resolve(mode: LibraryMode, key: &KeyEvent) -> Option<LibraryAction> {
    if key.kind == KeyEventKind::Release {
        return None;
    }
    if key.modifiers.contains(KeyModifiers::CONTROL) && key.code == KeyCode::Char('c') {
        return Some(LibraryAction::Quit);
    }
    match mode {
        LibraryMode::Browse => BROWSE
            .iter()
            .find(|(code, _, _)| *code == key.code)
            .map(|(_, action, _)| action.clone()),
        LibraryMode::Filter => match key.code {
            KeyCode::Enter => Some(LibraryAction::FilterDone),
            KeyCode::Esc => Some(LibraryAction::Cancel),
            KeyCode::Backspace => Some(LibraryAction::FilterBackspace),
            KeyCode::Down => Some(LibraryAction::Down),
            KeyCode::Up => Some(LibraryAction::Up),
            KeyCode::Char(c) => Some(LibraryAction::FilterInput(c)),
            _ => None,
        },
        LibraryMode::Import => match key.code {
            KeyCode::Enter => Some(LibraryAction::ImportSubmit),
            KeyCode::Esc => Some(LibraryAction::Cancel),
            KeyCode::Backspace => Some(LibraryAction::ImportBackspace),
            KeyCode::Tab => Some(LibraryAction::ImportComplete),
            KeyCode::Char(c) => Some(LibraryAction::ImportInput(c)),
            _ => None,
        },
        LibraryMode::ConfirmRemove => Some(match key.code {
            KeyCode::Char('y' | 'Y') | KeyCode::Enter => LibraryAction::Confirm,
            _ => LibraryAction::Cancel,
        }),
    }
}
