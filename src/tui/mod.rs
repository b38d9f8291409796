//! The terminal reader: the text on the left, the glossary card or the translation on the right.
//!
//! `app` is the only code that touches the terminal; `reader` holds everything the reader knows
//! and changes only through [`reader::ReaderState::update`]; `session` does the saving and reading
//! back that `update` asks for; `ui` draws a pure view of the state (the card's and the help's
//! lines are laid out in `reader`, so that the state scrolls them without calling `ui`);
//! `library` is the other screen, with its own state, update and view.

pub mod action;
mod app;
pub mod dictionary;
mod find;
pub mod form;
pub mod gloss;
pub mod keymap;
pub mod layout;
pub mod library;
pub mod open;
mod paste;
pub mod preview;
pub mod pronounce;
pub mod reader;
pub mod session;
pub mod strings;
pub mod theme;
pub mod toc;
pub mod ui;
pub mod wrap;

pub use action::{Action, Effect, LookedUp, SavedEntry, StatusSnapshot};
pub use app::{App, First, run};
pub use dictionary::{DictQuery, DictionarySetup, SharedDictionaries};
pub use keymap::{Keymap, Mode};
pub use open::Opener;
pub use reader::ReaderState;
pub use session::{Session, Worker, dispatch};
