//! What the learner did: a status per term, a reading position per text, and what is made
//! from them (statistics, an Anki export). The only code that writes the learner's data.

pub mod apkg;
pub mod export;
pub mod library;
pub mod progress;
pub mod stats;
pub mod status;
pub mod store;

pub use apkg::{NoteRecord, PackageSummary, write_apkg};
pub use export::{ExportSelection, Note, TextNotes, anki_notes, anki_tsv, notes};
pub use library::{Imported, Library, LibraryEntry, LibraryError};
pub use progress::{Day, Progress};
pub use stats::{
    Figures, TextStats, Vocabulary, mark_new_known, new_terms, set_term_statuses, term_of,
    term_statuses, text_stats, vocabulary,
};
pub use status::{ParseStatusError, Status};
pub use store::{
    DATA_DIR_ENV, Store, StoreError, UNDO_STEPS, Undone, path_key, resolve_data_dir, text_key,
};
