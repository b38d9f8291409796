//! The offline dictionaries in the reader: what is looked up for a selection, the lookup
//! itself, and opening the dictionaries on a background thread while the reader runs.

pub use crate::dict::query::{DictQuery, Looked, look_up};
use crate::dict::{Answer, Dictionaries, find_sources};
use std::cell::RefCell;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, TryRecvError};

/// The open dictionaries, shared between the reader's state and the work it asks for. Two are
/// equal when they are the same dictionaries.
#[derive(Debug, Clone)]
pub struct SharedDictionaries(pub Arc<Dictionaries>);

impl PartialEq for SharedDictionaries {
    fn eq(&self, other: &SharedDictionaries) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl Eq for SharedDictionaries {}

/// How the dictionaries mark an answer for a part of a compound: `part of Spionageaktivitäten
/// (Spionage + Aktivität)`.
const COMPOUND_PART: &str = "part of ";

/// Whether an answer is for a part of the word (a compound's), not for the word itself.
pub fn is_compound_part(answer: &Answer) -> bool {
    answer.how.starts_with(COMPOUND_PART)
}

/// Which dictionaries the reader opens: those at Debian's paths, plus these, with their
/// indexes cached in `cache_dir` (`None`: built in memory each time).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DictionarySetup {
    pub extra: Vec<PathBuf>,
    pub cache_dir: Option<PathBuf>,
}

/// What the opening thread reports.
#[derive(Debug)]
pub enum Progress {
    /// Building `name`'s index: whole percent done.
    Indexing { name: String, percent: u8 },
    /// Opened; `errors` are the dictionaries that could not be, one line each.
    Done {
        dicts: Dictionaries,
        errors: Vec<String>,
    },
}

/// The dictionaries being opened on a thread of their own.
#[derive(Debug)]
pub struct DictionaryJob {
    receiver: Receiver<Progress>,
}

impl DictionaryJob {
    /// Starts opening (and, the first time, indexing) the dictionaries.
    pub fn spawn(setup: DictionarySetup) -> DictionaryJob {
        let (sender, receiver) = mpsc::channel();
        std::thread::spawn(move || {
            let (sources, find_errors) = find_sources(&setup.extra);
            // Only whole-percent changes are sent: each one is a redraw.
            let last: RefCell<Option<(String, u8)>> = RefCell::new(None);
            let dicts = Dictionaries::open(&sources, setup.cache_dir.as_deref(), &|name, f| {
                let percent = (f.clamp(0.0, 1.0) * 100.0) as u8;
                let mut last = last.borrow_mut();
                if last
                    .as_ref()
                    .is_some_and(|(n, p)| n == name && *p == percent)
                {
                    return;
                }
                *last = Some((name.to_string(), percent));
                // The reader may have quit; nothing is lost then.
                let _ = sender.send(Progress::Indexing {
                    name: name.to_string(),
                    percent,
                });
            });
            let errors = find_errors
                .iter()
                .chain(dicts.errors())
                .map(ToString::to_string)
                .chain(dicts.warnings())
                .collect();
            let _ = sender.send(Progress::Done { dicts, errors });
        });
        DictionaryJob { receiver }
    }

    /// What has arrived since the last call, and whether the job is over (done, or its thread
    /// gone without a word).
    pub fn poll(&self) -> (Vec<Progress>, bool) {
        let mut out = Vec::new();
        loop {
            match self.receiver.try_recv() {
                Ok(p) => {
                    let done = matches!(p, Progress::Done { .. });
                    out.push(p);
                    if done {
                        return (out, true);
                    }
                }
                Err(TryRecvError::Empty) => return (out, false),
                Err(TryRecvError::Disconnected) => return (out, true),
            }
        }
    }
}

#[cfg(test)]
pub(crate) mod testing {
    //! The fixture dictionary (`tests/fixtures/dict/ding-de-en.txt`), and a way to run the
    //! state's lookups without a worker.

    use super::{SharedDictionaries, look_up};
    use crate::dict::{Dictionaries, Dictionary, Source};
    use crate::tui::action::{Action, Effect, LookedUp};
    use crate::tui::reader::ReaderState;
    use std::path::Path;
    use std::sync::Arc;

    /// The fixture dictionary, its index built in memory.
    pub fn fixture_dictionaries() -> SharedDictionaries {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/dict/ding-de-en.txt");
        let source = Source::from_path(&path).expect("the Ding fixture");
        let dict = Dictionary::open(&source, None, &|_| {}).expect("the fixture opens");
        SharedDictionaries(Arc::new(Dictionaries::from_dictionaries(vec![dict])))
    }

    /// Applies an action and answers the lookups it asks for, as the worker would.
    pub fn apply(state: &mut ReaderState, action: Action) -> Vec<Effect> {
        let mut queue = vec![action];
        let mut rest = Vec::new();
        while let Some(action) = queue.pop() {
            for effect in state.update(action) {
                match effect {
                    Effect::LookUp(query) => {
                        let dicts = state.dictionaries().expect("looked up only when open");
                        let looked = look_up(&dicts.0, &query);
                        queue.push(Action::LookedUp(Box::new(LookedUp { query, looked })));
                    }
                    other => rest.push(other),
                }
            }
        }
        rest
    }
}

#[cfg(test)]
mod tests {
    use super::testing::fixture_dictionaries;
    use super::*;

    fn query(word: &str, particle: Option<&str>) -> DictQuery {
        DictQuery {
            word: word.into(),
            particle: particle.map(Into::into),
            pos: None,
            sentence_start: false,
        }
    }

    #[test]
    fn a_split_verb_is_the_particle_verb() {
        let dicts = fixture_dictionaries();
        let looked = look_up(&dicts.0, &query("kündigte", Some("an")));
        assert!(looked.with_particle);
        assert_eq!(looked.answers[0].lemma, "ankündigen");
        let plain = look_up(&dicts.0, &query("kündigte", None));
        assert!(!plain.with_particle);
        assert_eq!(plain.answers[0].lemma, "kündigen");
    }

    #[test]
    fn a_particle_that_leads_nowhere_is_dropped() {
        let dicts = fixture_dictionaries();
        let looked = look_up(&dicts.0, &query("auszuweisen", Some("auf")));
        assert!(!looked.with_particle);
        assert_eq!(looked.answers[0].lemma, "ausweisen");
    }

    #[test]
    fn a_compound_is_answered_by_its_parts_even_with_a_particle_at_the_clause_end() {
        let dicts = fixture_dictionaries();
        let looked = look_up(&dicts.0, &query("Spionageaktivitäten", Some("an")));
        let lemmas: Vec<&str> = looked.answers.iter().map(|a| a.lemma.as_str()).collect();
        assert!(lemmas.contains(&"Spionage"), "{lemmas:?}");
    }
}
