//! The library's known shares and new words, computed on a thread (linking a book takes a
//! while) and cached in the data dir, so that the library shows last time's figures at once.
//! The words are counted by their terms as the reader finds them (glossary, the learner's
//! filings, core lexicon, dictionaries), so the library and the reader's status bar agree.
//! Each text's vocabulary (its terms and how often each occurs) is cached too, in the cache
//! dir: counting the figures again then only looks the terms' statuses up.

use super::state::{LibraryAction, Target};
use crate::dict::{Dictionaries, Source, find_sources};
use crate::glossary::Glossary;
use crate::import::fingerprint;
use crate::learner::library::write_atomic;
use crate::learner::{Figures, Store, Vocabulary, vocabulary};
use crate::link::Linker;
use crate::text::Document;
use crate::tui::dictionary::DictionarySetup;
use rustc_hash::FxHashMap;
use std::collections::BTreeMap;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, TryRecvError, channel};

/// The folder of the cache dir that keeps each text's vocabulary.
const VOCABULARY_DIR: &str = "vocabulary";

/// The cache of figures, by text key.
pub const CACHE_FILE: &str = "library-figures.json";

/// The figures cached last time.
pub fn load_cache(data_dir: &Path) -> BTreeMap<String, Figures> {
    std::fs::read(data_dir.join(CACHE_FILE))
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok())
        .unwrap_or_default()
}

/// What decides a text's terms besides its words: the glossary (in the linker), the forms
/// the learner filed and the dictionaries.
pub struct Counting<'a> {
    pub linker: &'a Linker,
    /// Filing key → headword, as the store keeps them.
    pub filed: &'a FxHashMap<String, String>,
    pub dicts: &'a Dictionaries,
}

impl Counting<'_> {
    /// A text's figures, as the reader counts them.
    pub fn figures(&self, doc: &Document, store: &Store) -> Figures {
        self.vocabulary(doc).figures(store)
    }

    /// The text's terms and how often each occurs.
    fn vocabulary(&self, doc: &Document) -> Vocabulary {
        let analysis = self.linker.analyze(doc);
        let terms = crate::terms::text_terms(
            &doc.source,
            &analysis,
            self.linker.glossary(),
            self.filed.clone(),
            self.dicts,
        );
        vocabulary(&terms)
    }

    /// A fingerprint of all that decides the terms besides the text: the glossary's entries,
    /// the filings and the dictionaries (by file, size and time of change).
    fn print(&self, sources: &[Source]) -> String {
        let mut bytes = glossary_print(self.linker.glossary()).into_bytes();
        let mut filed: Vec<(&String, &String)> = self.filed.iter().collect();
        filed.sort_unstable();
        for (form, term) in filed {
            let _ = writeln!(bytes, "{form}|{term}");
        }
        if !self.dicts.is_empty() {
            for source in sources {
                for path in std::iter::once(&source.path).chain(&source.data) {
                    let meta = std::fs::metadata(path).ok();
                    let modified = meta
                        .as_ref()
                        .and_then(|m| m.modified().ok())
                        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                        .map(|d| d.as_nanos());
                    let len = meta.map(|m| m.len());
                    let _ = writeln!(bytes, "{}|{len:?}|{modified:?}", path.display());
                }
            }
        }
        fingerprint(&bytes)
    }
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

/// Raised whenever a word's term may come out differently, so cached counts are not reused;
/// leser's own version is part of the name too, as its dictionary answers may change.
const VOCABULARY_VERSION: u32 = 3;

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
    let leser = env!("CARGO_PKG_VERSION");
    Some(cache_dir.join(format!(
        "{name}-{glossary}-{VOCABULARY_VERSION}-{leser}.json"
    )))
}

/// A text's vocabulary from the cache, else counted (and cached).
fn cached_vocabulary(
    cache_dir: Option<&Path>,
    target: &Target,
    print: &str,
    counting: &Counting<'_>,
) -> Option<Vocabulary> {
    let glossary = print;
    let path = cache_dir.and_then(|d| vocabulary_path(d, target, glossary));
    if let Some(cached) = path
        .as_ref()
        .and_then(|p| std::fs::read(p).ok())
        .and_then(|b| serde_json::from_slice::<Vocabulary>(&b).ok())
    {
        return Some(cached);
    }
    let doc = match target {
        Target::Bundled => Document::bundled(),
        Target::File(path) => Document::load(path).ok()?,
    };
    let vocabulary = counting.vocabulary(&doc);
    if let Some(path) = path
        && let Some(dir) = path.parent()
        && std::fs::create_dir_all(dir).is_ok()
        && let Ok(json) = serde_json::to_vec(&vocabulary)
    {
        let _ = write_atomic(&path, &json);
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
    /// counting next time. The dictionaries of `dictionaries` are opened on the thread (their
    /// indexes are the reader's: built by the first of the two to need them).
    pub fn spawn(
        texts: Vec<(String, Target)>,
        glossary: Glossary,
        data_dir: PathBuf,
        dictionaries: Option<DictionarySetup>,
    ) -> FiguresJob {
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let Ok(store) = Store::open(&data_dir) else {
                return;
            };
            let (sources, dicts) = match &dictionaries {
                Some(setup) => {
                    let (sources, _) = find_sources(&setup.extra);
                    let dicts =
                        Dictionaries::open(&sources, setup.cache_dir.as_deref(), &|_, _| {});
                    (sources, dicts)
                }
                None => (Vec::new(), Dictionaries::default()),
            };
            let vocabulary_dir = dictionaries
                .as_ref()
                .and_then(|d| d.cache_dir.as_ref())
                .map(|d| d.join(VOCABULARY_DIR));
            let filed = store
                .filings()
                .map(|(f, t)| (f.to_string(), t.to_string()))
                .collect();
            let linker = Linker::new(glossary);
            let counting = Counting {
                linker: &linker,
                filed: &filed,
                dicts: &dicts,
            };
            let print = counting.print(&sources);
            let mut cache = load_cache(&data_dir);
            for (key, target) in texts {
                let Some(vocabulary) =
                    cached_vocabulary(vocabulary_dir.as_deref(), &target, &print, &counting)
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

    /// The fixture dictionary, its index built in memory.
    fn fixture_dictionaries() -> Dictionaries {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/dict/ding-de-en.txt");
        let source = Source::from_path(&path).expect("the Ding fixture");
        let dict =
            crate::dict::Dictionary::open(&source, None, &|_| {}).expect("the fixture opens");
        Dictionaries::from_dictionaries(vec![dict])
    }

    #[test]
    fn a_vocabulary_is_counted_once_and_then_read_from_the_cache() {
        let dir = tempfile::tempdir().unwrap();
        let text = dir.path().join("t.txt");
        std::fs::write(&text, "Der Rat tagte. Der Rat ging.").unwrap();
        let target = Target::File(text.clone());
        let cache = dir.path().join("vocabulary");
        let linker = Linker::new(Glossary::bundled());
        let (filed, dicts) = (FxHashMap::default(), Dictionaries::default());
        let counting = Counting {
            linker: &linker,
            filed: &filed,
            dicts: &dicts,
        };
        let print = counting.print(&[]);
        let first = cached_vocabulary(Some(&cache), &target, &print, &counting).unwrap();
        assert_eq!(first.words, 6);
        assert!(first.terms.contains(&("Rat".to_string(), 2)), "{first:?}");
        assert_eq!(std::fs::read_dir(&cache).unwrap().count(), 1);
        // Read back, not counted: a linker with no glossary would not link "Rat".
        let empty = Linker::new(Glossary::default());
        let unlinked = Counting {
            linker: &empty,
            ..counting
        };
        let again = cached_vocabulary(Some(&cache), &target, &print, &unlinked).unwrap();
        assert_eq!(again, first);
        let mut store = Store::open(dir.path()).unwrap();
        store.set_status("Rat", Status::Known).unwrap();
        let figures = again.figures(&store);
        assert_eq!((figures.known_words, figures.words), (2, 6));
        // A changed text is counted again.
        std::fs::write(&text, "Ein neuer Text.").unwrap();
        let changed = cached_vocabulary(Some(&cache), &target, &print, &counting).unwrap();
        assert_eq!(changed.words, 3);
    }

    #[test]
    fn words_are_counted_by_headword_as_the_reader_counts_them() {
        let doc = Document::parse(
            "t.txt",
            "Er gab ihr Weine. Sie gibt ihm die Räte.".to_string(),
        )
        .unwrap();
        let linker = Linker::new(Glossary::default());
        let none = FxHashMap::default();
        let no_dicts = Dictionaries::default();
        let dicts = fixture_dictionaries();
        let count = |filed: &FxHashMap<String, String>, dicts: &Dictionaries| {
            let mut terms = Counting {
                linker: &linker,
                filed,
                dicts,
            }
            .vocabulary(&doc)
            .terms;
            terms.sort();
            terms
        };
        // Without dictionaries or filings each form is a term of its own.
        let plain = count(&none, &no_dicts);
        assert!(plain.contains(&("gab".to_string(), 1)), "{plain:?}");
        assert!(plain.contains(&("räte".to_string(), 1)), "{plain:?}");
        // With the dictionaries, as in the reader: by headword.
        let answered = count(&none, &dicts);
        assert!(answered.contains(&("geben".to_string(), 2)), "{answered:?}");
        assert!(answered.contains(&("Wein".to_string(), 1)), "{answered:?}");
        assert!(answered.contains(&("Rat".to_string(), 1)), "{answered:?}");
        assert!(!answered.iter().any(|(t, _)| t == "gab"), "{answered:?}");
        // The learner's filings count where no dictionary is installed.
        let filed: FxHashMap<String, String> = [("gab", "geben"), ("gibt", "geben")]
            .map(|(f, t)| (f.to_string(), t.to_string()))
            .into_iter()
            .collect();
        let by_filing = count(&filed, &no_dicts);
        assert!(
            by_filing.contains(&("geben".to_string(), 2)),
            "{by_filing:?}"
        );
        // Each of these counts is cached apart.
        let print = |filed: &FxHashMap<String, String>, dicts: &Dictionaries| {
            Counting {
                linker: &linker,
                filed,
                dicts,
            }
            .print(&[])
        };
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/dict/ding-de-en.txt");
        let fixture = [Source::from_path(&path).unwrap()];
        let with_dicts = Counting {
            linker: &linker,
            filed: &none,
            dicts: &dicts,
        }
        .print(&fixture);
        assert_ne!(print(&none, &no_dicts), print(&filed, &no_dicts));
        assert_ne!(print(&none, &no_dicts), with_dicts);
    }
}
