//! The terminal reader: the text on the left, the glossary card or the translation on the right.
//!
//! `app` is the only code that touches the terminal; `state` holds everything the reader knows
//! and changes only through [`state::AppState::update`]; `session` does the saving and reading
//! back that `update` asks for; `ui` draws a pure view of the state.

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
pub mod pronounce;
pub mod session;
pub mod state;
pub mod strings;
pub mod toc;
pub mod ui;
pub mod wrap;

pub use action::{Action, Effect, LookedUp, SavedEntry, StatusSnapshot};
pub use app::{App, First, run};
pub use dictionary::{DictQuery, DictionarySetup, SharedDictionaries};
pub use keymap::{Keymap, Mode};
pub use open::Opener;
pub use session::{Session, Worker, dispatch};
pub use state::AppState;
