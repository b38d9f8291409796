//! The library's known shares and new words, computed on a thread (linking a book takes a
//! while) and cached in the data dir, so that the library shows last time's figures at once.
//! Each text's vocabulary (its terms and how often each occurs) is cached too, in the cache
//! dir: counting the figures again then only looks the terms' statuses up.

use super::state::{LibraryAction, Target};
use crate::glossary::Glossary;
use crate::import::fingerprint;
use crate::learner::library::write_atomic;
use crate::learner::{Figures, Store, Vocabulary, vocabulary};
use crate::link::Linker;
use crate::text::Document;
use std::collections::BTreeMap;
use std::io::Write as _;
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
    text_vocabulary(doc, linker).figures(store)
}

/// Counted by the words' terms as the reader files them without dictionaries: glossary
/// entries, the core lexicon, else the word itself.
fn text_vocabulary(doc: &Document, linker: &Linker) -> Vocabulary {
    let analysis = linker.analyze(doc);
    let terms = crate::terms::Terms::build(
        &doc.source,
        &analysis,
        linker.glossary(),
        &crate::terms::Sources::default(),
    );
    vocabulary(&terms)
}

/// What decides a text's vocabulary besides its words: the glossary's entries (headword, part
/// of speech, forms, particles), as a fingerprint.
fn glossary_print(glossary: &Glossary) -> String {
    let mut bytes = Vec::new();
    for e in &glossary.entries {
        let _ = writeln!(
            bytes,
            "{}|{:?}|{:?}|{}|{:?}",
            e.de,
            e.pos,
            e.gender,
            e.forms.join(","),
            e.separable
        );
    }
    fingerprint(&bytes)
}

/// Raised whenever a word's term may come out differently, so cached counts are not reused.
const VOCABULARY_VERSION: u32 = 2;

/// Where a text's vocabulary is cached: by its path, size and time of change, and the
/// glossary's fingerprint; a changed text or glossary is counted again.
fn vocabulary_path(cache_dir: &Path, target: &Target, glossary: &str) -> Option<PathBuf> {
    let name = match target {
        Target::Bundled => format!("bundled-{}", fingerprint(crate::text::BUNDLED.as_bytes())),
        Target::File(path) => {
            let meta = std::fs::metadata(path).ok()?;
            let modified = meta
                .modified()
                .ok()?
                .duration_since(std::time::UNIX_EPOCH)
                .ok()?
                .as_nanos();
            let id = format!("{}|{}|{modified}", path.display(), meta.len());
            fingerprint(id.as_bytes())
        }
    };
    // The version names how words are counted (by their terms, core lexicon included).
    Some(cache_dir.join(format!("{name}-{glossary}-{VOCABULARY_VERSION}.json")))
}

#[derive(serde::Serialize, serde::Deserialize)]
struct CachedVocabulary {
    words: usize,
    terms: Vec<(String, u32)>,
}

/// A text's vocabulary from the cache, else counted (and cached).
fn cached_vocabulary(
    cache_dir: Option<&Path>,
    target: &Target,
    glossary: &str,
    linker: &Linker,
) -> Option<Vocabulary> {
    let path = cache_dir.and_then(|d| vocabulary_path(d, target, glossary));
    if let Some(cached) = path
        .as_ref()
        .and_then(|p| std::fs::read(p).ok())
        .and_then(|b| serde_json::from_slice::<CachedVocabulary>(&b).ok())
    {
        return Some(Vocabulary {
            words: cached.words,
            terms: cached.terms,
        });
    }
    let doc = match target {
        Target::Bundled => Document::bundled(),
        Target::File(path) => Document::load(path).ok()?,
    };
    let vocabulary = text_vocabulary(&doc, linker);
    if let Some(path) = path {
        let cached = CachedVocabulary {
            words: vocabulary.words,
            terms: vocabulary.terms,
        };
        if let Some(dir) = path.parent()
            && std::fs::create_dir_all(dir).is_ok()
            && let Ok(json) = serde_json::to_vec(&cached)
        {
            let _ = write_atomic(&path, &json);
        }
        return Some(Vocabulary {
            words: cached.words,
            terms: cached.terms,
        });
    }
    Some(vocabulary)
}

/// The thread that computes the figures.
#[derive(Debug)]
pub struct FiguresJob {
    rx: Receiver<(String, Figures)>,
}

impl FiguresJob {
    /// Computes the figures of `texts`, in the order given, and writes the cache when done.
    /// Each text's vocabulary is kept in `vocabulary_dir`, so that only the statuses need
    /// counting next time.
    pub fn spawn(
        texts: Vec<(String, Target)>,
        glossary: Glossary,
        data_dir: PathBuf,
        vocabulary_dir: Option<PathBuf>,
    ) -> FiguresJob {
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let Ok(store) = Store::open(&data_dir) else {
                return;
            };
            let print = glossary_print(&glossary);
            let linker = Linker::new(glossary);
            let mut cache = load_cache(&data_dir);
            for (key, target) in texts {
                let Some(vocabulary) =
                    cached_vocabulary(vocabulary_dir.as_deref(), &target, &print, &linker)
                else {
                    continue;
                };
                let figures = vocabulary.figures(&store);
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::learner::Status;

    #[test]
    fn a_vocabulary_is_counted_once_and_then_read_from_the_cache() {
        let dir = tempfile::tempdir().unwrap();
        let text = dir.path().join("t.txt");
        std::fs::write(&text, "Der Rat tagte. Der Rat ging.").unwrap();
        let target = Target::File(text.clone());
        let cache = dir.path().join("vocabulary");
        let linker = Linker::new(Glossary::bundled());
        let print = glossary_print(linker.glossary());
        let first = cached_vocabulary(Some(&cache), &target, &print, &linker).unwrap();
        assert_eq!(first.words, 6);
        assert!(first.terms.contains(&("Rat".to_string(), 2)), "{first:?}");
        assert_eq!(std::fs::read_dir(&cache).unwrap().count(), 1);
        // Read back, not counted: a linker with no glossary would not link "Rat".
        let empty = Linker::new(Glossary::default());
        let again = cached_vocabulary(Some(&cache), &target, &print, &empty).unwrap();
        assert_eq!(again, first);
        let mut store = Store::open(dir.path()).unwrap();
        store.set_status("Rat", Status::Known).unwrap();
        let figures = again.figures(&store);
        assert_eq!((figures.known_words, figures.words), (2, 6));
        // A changed text is counted again.
        std::fs::write(&text, "Ein neuer Text.").unwrap();
        let changed = cached_vocabulary(Some(&cache), &target, &print, &linker).unwrap();
        assert_eq!(changed.words, 3);
    }
}
