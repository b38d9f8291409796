//! The library's known shares and new words, computed on a thread (linking a book takes a
//! while) and cached in the data dir, so that the library shows last time's figures at once.

use super::state::{LibraryAction, Target};
use crate::glossary::Glossary;
use crate::learner::library::write_atomic;
use crate::learner::{Figures, Store, vocabulary};
use crate::link::Linker;
use crate::text::Document;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, TryRecvError, channel};

/// The cache of figures, by text key.
pub const CACHE_FILE: &str = "library-figures.json";

/// The figures cached last time.
pub fn load_cache(data_dir: &Path) -> BTreeMap<String, Figures> {
    std::fs::read(data_dir.join(CACHE_FILE))
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok())
        .unwrap_or_default()
}

/// A text's figures, as the reader would count them.
pub fn text_figures(doc: &Document, linker: &Linker, store: &Store) -> Figures {
    let analysis = linker.analyze(doc);
    vocabulary(&doc.source, &analysis, linker.glossary()).figures(store)
}

/// The thread that computes the figures.
#[derive(Debug)]
pub struct FiguresJob {
    rx: Receiver<(String, Figures)>,
}

impl FiguresJob {
    /// Computes the figures of `texts`, in the order given, and writes the cache when done.
    pub fn spawn(
        texts: Vec<(String, Target)>,
        glossary: Glossary,
        data_dir: PathBuf,
    ) -> FiguresJob {
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let Ok(store) = Store::open(&data_dir) else {
                return;
            };
            let linker = Linker::new(glossary);
            let mut cache = load_cache(&data_dir);
            for (key, target) in texts {
                let doc = match &target {
                    Target::Bundled => Document::bundled(),
                    Target::File(path) => match Document::load(path) {
                        Ok(doc) => doc,
                        Err(_) => continue,
                    },
                };
                let figures = text_figures(&doc, &linker, &store);
                cache.insert(key.clone(), figures);
                if tx.send((key, figures)).is_err() {
                    break;
                }
            }
            if let Ok(json) = serde_json::to_vec(&cache) {
                let _ = write_atomic(&data_dir.join(CACHE_FILE), &json);
            }
        });
        FiguresJob { rx }
    }

    /// What has come in since the last call, and whether the job is over.
    pub fn poll(&self) -> (Vec<LibraryAction>, bool) {
        let mut out = Vec::new();
        loop {
            match self.rx.try_recv() {
                Ok((key, figures)) => out.push(LibraryAction::Figures { key, figures }),
                Err(TryRecvError::Empty) => return (out, false),
                Err(TryRecvError::Disconnected) => return (out, true),
            }
        }
    }
}
