//! Opening what the screens show: a text as a reading [`Session`], the library with its rows
//! and cached figures. Files are read here, never in the screens' state.

use super::dictionary::DictionarySetup;
use super::library::figures::{FiguresJob, load_cache};
use super::library::{LibraryState, Row, Target};
use super::session::Session;
use crate::glossary::GlossarySetup;
use crate::learner::library::{bundled_key, now_secs};
use crate::learner::{Library, Progress, Store, text_key};
use crate::text::Document;
use ratatui::layout::Size;
use std::path::PathBuf;

/// What every screen opens things with: the data dir, the glossary flag, the dictionaries.
#[derive(Debug, Clone)]
pub struct Opener {
    pub data_dir: PathBuf,
    /// `--glossary FILE`.
    pub glossary: Option<PathBuf>,
    pub dictionaries: Option<DictionarySetup>,
}

impl Opener {
    /// The text read last, if it is still there; else the bundled article.
    pub fn last_target(&self) -> Target {
        let Ok(library) = Library::open(&self.data_dir) else {
            return Target::Bundled;
        };
        match library.last() {
            Some(key) if !key.starts_with("bundled:") && std::path::Path::new(key).is_file() => {
                Target::File(PathBuf::from(key))
            }
            _ => Target::Bundled,
        }
    }

    /// A reading session on a text, noted in the library as opened now. `dictionaries`: open
    /// them (in the background) for this session.
    pub fn session(&self, target: &Target, dictionaries: bool) -> anyhow::Result<Session> {
        let setup = GlossarySetup::load(self.glossary.as_deref(), &self.data_dir)
            .map_err(|e| anyhow::anyhow!("{e}"))?;
        let path = match target {
            Target::Bundled => None,
            Target::File(p) => Some(p.as_path()),
        };
        let (doc, translation) = crate::cli::load_text(path)?;
        let store = Store::open(&self.data_dir).map_err(|e| anyhow::anyhow!("{e}"))?;
        let text_key = text_key(&doc, path);
        // The library remembers the text read last; a library that cannot be written is no
        // reason not to read.
        if let Ok(mut library) = Library::open(&self.data_dir) {
            let _ = library.mark_opened(&text_key);
        }
        Ok(Session {
            doc,
            translation,
            setup,
            store,
            text_key,
            dictionaries: if dictionaries {
                self.dictionaries.clone()
            } else {
                None
            },
        })
    }

    /// The library screen, with last time's figures, and the job that counts them again.
    pub fn library(&self, viewport: Size) -> anyhow::Result<(LibraryState, FiguresJob)> {
        let (rows, progress) = self.rows()?;
        let state = LibraryState::new(rows, progress, viewport, now_secs());
        // The rows on top first.
        let texts = state
            .visible()
            .map(|r| (r.key.clone(), r.target.clone()))
            .collect();
        let glossary = GlossarySetup::load(self.glossary.as_deref(), &self.data_dir)
            .map_err(|e| anyhow::anyhow!("{e}"))?
            .glossary;
        let job = FiguresJob::spawn(texts, glossary, self.data_dir.clone());
        Ok((state, job))
    }

    /// The library's texts (the bundled article first) with last time's figures, and the
    /// reading over the days.
    pub fn rows(&self) -> anyhow::Result<(Vec<Row>, Progress)> {
        let library = Library::open(&self.data_dir)?;
        let store = Store::open(&self.data_dir).map_err(|e| anyhow::anyhow!("{e}"))?;
        let cache = load_cache(&self.data_dir);
        let read_share = |key: &str, body: [usize; 2]| {
            let offset = store.position(key)?;
            let len = body[1].saturating_sub(body[0]).max(1);
            Some((offset.saturating_sub(body[0]) as f64 / len as f64).clamp(0.0, 1.0))
        };
        let bundled = Document::bundled();
        let key = bundled_key();
        let mut rows = vec![Row {
            read: read_share(&key, [bundled.body.start, bundled.body.end]),
            figures: cache.get(&key).copied(),
            opened: library.opened(&key),
            target: Target::Bundled,
            file: None,
            title: bundled.title().to_string(),
            author: bundled.meta.author.clone(),
            words: crate::learner::library::count_words(&bundled),
            chapters: bundled.chapters().len(),
            key,
        }];
        for entry in library.entries() {
            let path = library.path_of(entry);
            let doc_key = std::fs::canonicalize(&path)
                .unwrap_or_else(|_| path.clone())
                .display()
                .to_string();
            rows.push(Row {
                read: read_share(&doc_key, entry.body),
                figures: cache.get(&doc_key).copied(),
                opened: library.opened(&doc_key),
                target: Target::File(path),
                file: Some(entry.file.clone()),
                title: entry.title.clone(),
                author: entry.author.clone(),
                words: entry.words,
                chapters: entry.chapters,
                key: doc_key,
            });
        }
        Ok((rows, store.progress()))
    }

    /// Takes a text out of the library (its statuses stay).
    pub fn remove(&self, file: &str) -> anyhow::Result<Option<String>> {
        let mut library = Library::open(&self.data_dir)?;
        Ok(library.remove(file)?.map(|e| e.title))
    }
}
