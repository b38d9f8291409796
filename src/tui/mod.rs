//! The terminal reader: the text on the left, the glossary card or the translation on the right.
//!
//! `app` is the only code that touches the terminal; `state` holds everything the reader knows
//! and changes only through [`state::AppState::update`]; `ui` draws a pure view of the state.

pub mod action;
mod app;
mod find;
pub mod keymap;
pub mod layout;
pub mod state;
pub mod strings;
pub mod ui;
pub mod wrap;

pub use action::{Action, Effect};
pub use app::run;
pub use keymap::{Keymap, Mode};
pub use state::AppState;
