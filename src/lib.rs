//! leser: read German in the terminal, with a glossary that follows the cursor.
//!
//! The language core (`de`, `text`, `glossary`, `link`) has no terminal code; `tui` is the
//! reader, `cli` the subcommands that print, `speech` pronunciation through espeak-ng.

pub mod cli;
pub mod config;
pub mod de;
pub mod dict;
pub mod gloss;
pub mod glossary;
pub mod import;
pub mod learner;
pub mod link;
pub mod speech;
pub mod terms;
pub mod text;
pub mod tui;
