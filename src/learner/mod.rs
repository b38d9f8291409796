//! What the learner did: a status per term, a reading position per text, and what is made
//! from them (statistics, an Anki export). The only code that writes the learner's data.

pub mod apkg;
pub mod export;
pub mod stats;
pub mod status;
pub mod store;

pub use apkg::{NoteRecord, PackageSummary, write_apkg};
pub use export::{ExportSelection, anki_notes, anki_tsv};
pub use stats::{TextStats, mark_all_new_known, new_terms, term_of, text_stats};
pub use status::{ParseStatusError, Status};
pub use store::{DATA_DIR_ENV, Store, StoreError, resolve_data_dir, text_key};
