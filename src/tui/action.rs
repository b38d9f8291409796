//! What the reader can be asked to do. Keys, mouse and resize events all become an [`Action`].

use serde::{Deserialize, Serialize};

/// One step for [`crate::tui::state::AppState::update`]. The `snake_case` names are the ones a
/// key configuration file uses (`next_term`, `search_start`, ...).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// Select the next linked term.
    NextTerm,
    /// Select the previous linked term.
    PrevTerm,
    /// Select the next word, linked or not.
    NextWord,
    /// Select the previous word, linked or not.
    PrevWord,
    /// Scroll one line down (the help overlay, when it is open).
    ScrollDown,
    /// Scroll one line up (the help overlay, when it is open).
    ScrollUp,
    PageDown,
    PageUp,
    /// Go to the start of the text.
    Start,
    /// Go to the end of the text.
    End,
    /// Open the search prompt.
    SearchStart,
    /// Add a character to the search prompt.
    SearchInput(char),
    /// Remove the last character of the search prompt.
    SearchBackspace,
    /// Find the typed text (or the last search, when nothing was typed).
    SearchSubmit,
    /// Jump to the next match of the last search.
    SearchNext,
    /// Jump to the previous match of the last search.
    SearchPrev,
    /// Switch the side pane between the glossary card and the translation.
    ToggleTranslation,
    /// Open or close the key help.
    ToggleHelp,
    /// Close an overlay, cancel a search, or clear a message.
    Cancel,
    Quit,
    /// The terminal has a new size.
    Resize {
        width: u16,
        height: u16,
    },
    /// A mouse click at a screen cell.
    Click {
        column: u16,
        row: u16,
    },
    /// The mouse wheel turned over a screen cell.
    Wheel {
        down: bool,
        column: u16,
        row: u16,
    },
}

/// Work that `update` asks the event loop to do, because state does no I/O.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effect {
    Quit,
}
