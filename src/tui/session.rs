//! A reading session: the text, the glossary setup and the learner's store, and the work
//! (saving, reading back) that the state asks for as [`Effect`]s. The terminal is `app`'s.

use super::action::{Action, Effect, LookedUp, SavedEntry};
use super::dictionary::{DictionaryJob, DictionarySetup, Progress, SharedDictionaries, look_up};
use super::state::AppState;
use super::strings;
use crate::glossary::save::{SaveError, add_entry, update_entry};
use crate::glossary::{Entry, GlossarySetup};
use crate::learner::{Store, mark_all_new_known};
use crate::link::Linker;
use crate::text::Document;
use ratatui::layout::Size;
use std::collections::VecDeque;
use std::sync::Arc;

/// What the reader opens: a text, the glossary it is linked with and where added entries go,
/// and the store that keeps statuses and reading positions.
#[derive(Debug)]
pub struct Session {
    pub doc: Document,
    pub translation: Option<Document>,
    pub setup: GlossarySetup,
    pub store: Store,
    /// The key the text's reading position is kept under ([`crate::learner::text_key`]).
    pub text_key: String,
    /// The offline dictionaries to open in the background; `None` opens none.
    pub dictionaries: Option<DictionarySetup>,
}

impl Session {
    /// The reader's state, resumed where the learner stopped, with the statuses read, and the
    /// worker that saves what the learner does from then on.
    pub fn start(self, viewport: Size, colors: bool) -> (AppState, Worker) {
        let Session {
            doc,
            translation,
            mut setup,
            store,
            text_key,
            dictionaries,
        } = self;
        // The state's linker owns the glossary; the setup keeps only where it comes from.
        let glossary = std::mem::take(&mut setup.glossary);
        let mut state = AppState::new(doc, translation, Linker::new(glossary), viewport);
        state.set_colors(colors);
        if let Some(offset) = store.position(&text_key) {
            state.resume_at(offset);
        }
        let dictionary_job = dictionaries.map(|d| {
            state.expect_dictionaries();
            DictionaryJob::spawn(d)
        });
        let mut worker = Worker {
            setup,
            store,
            text_key,
            dictionary_job,
        };
        for action in worker.perform(Effect::LoadStatuses, &state) {
            dispatch(&mut state, &mut worker, action);
        }
        (state, worker)
    }
}

/// Does the state's I/O: statuses, positions and entries saved, and read back; dictionaries
/// opened and looked up.
#[derive(Debug)]
pub struct Worker {
    setup: GlossarySetup,
    store: Store,
    text_key: String,
    /// The dictionaries being opened, until they are.
    dictionary_job: Option<DictionaryJob>,
}

/// Applies an action, does the work it asks for and feeds the results back, until nothing is
/// left to do. Returns whether the reader should quit.
pub fn dispatch(state: &mut AppState, worker: &mut Worker, action: Action) -> bool {
    let mut queue = VecDeque::from([action]);
    while let Some(action) = queue.pop_front() {
        for effect in state.update(action) {
            if effect == Effect::Quit {
                return true;
            }
            queue.extend(worker.perform(effect, state));
        }
    }
    false
}

impl Worker {
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// Whether work is going on in the background (the dictionaries opening), so that the
    /// event loop must look for its results as well as for keys.
    pub fn busy(&self) -> bool {
        self.dictionary_job.is_some()
    }

    /// What the background work has brought since the last call, as actions for the state.
    pub fn background(&mut self) -> Vec<Action> {
        let Some(job) = &self.dictionary_job else {
            return Vec::new();
        };
        let (messages, over) = job.poll();
        let mut out = Vec::new();
        let mut ready = false;
        for message in messages {
            match message {
                Progress::Indexing { name, percent } => {
                    out.push(Action::DictionaryProgress { name, percent });
                }
                Progress::Done { dicts, errors } => {
                    ready = true;
                    out.push(Action::DictionariesReady(SharedDictionaries(Arc::new(
                        dicts,
                    ))));
                    if !errors.is_empty() {
                        out.push(Action::Notice(strings::dict_errors(&errors)));
                    }
                }
            }
        }
        if over {
            self.dictionary_job = None;
            if !ready {
                // The thread ended without its answer: the reader goes on without dictionaries.
                out.push(Action::DictionariesReady(
                    SharedDictionaries(Arc::default()),
                ));
                out.push(Action::Notice(strings::DICT_FAILED.to_string()));
            }
        }
        out
    }

    /// Does one piece of work; what came of it, as actions for the state.
    pub fn perform(&mut self, effect: Effect, state: &AppState) -> Vec<Action> {
        match effect {
            Effect::Quit => Vec::new(),
            Effect::SetStatus { term, status } => {
                // Another reader's changes first, so the counts shown are the true ones.
                let mut out = self.refresh();
                if let Err(e) = self.store.set_status(&term, status) {
                    out.push(Action::Failed(e.to_string()));
                }
                out.extend(self.statuses(state));
                out
            }
            Effect::MarkAllNewKnown => {
                let mut out = self.refresh();
                match mark_all_new_known(state.analysis(), state.glossary(), &mut self.store) {
                    Ok(terms) => out.push(Action::Notice(strings::marked_known(terms.len()))),
                    Err(e) => out.push(Action::Failed(e.to_string())),
                }
                out.extend(self.statuses(state));
                out
            }
            Effect::SavePosition(offset) => match self.store.set_position(&self.text_key, offset) {
                Ok(()) => Vec::new(),
                Err(e) => vec![Action::Failed(e.to_string())],
            },
            Effect::SaveEntry { original, entry } => {
                match self.save_entry(original.as_deref(), &entry) {
                    Ok(action) => vec![action],
                    Err(message) => vec![Action::Failed(message)],
                }
            }
            Effect::LoadStatuses => {
                let mut out = self.refresh();
                out.extend(self.statuses(state));
                out
            }
            Effect::LookUp(query) => match state.dictionaries() {
                Some(dicts) => {
                    let looked = look_up(&dicts.0, &query);
                    vec![Action::LookedUp(Box::new(LookedUp { query, looked }))]
                }
                None => Vec::new(),
            },
        }
    }

    fn refresh(&mut self) -> Vec<Action> {
        match self.store.refresh() {
            Ok(()) => Vec::new(),
            Err(e) => vec![Action::Failed(e.to_string())],
        }
    }

    /// The text's statuses as the store has them, and any warning it has for the learner.
    fn statuses(&mut self, state: &AppState) -> Vec<Action> {
        let mut out = vec![Action::Statuses(Box::new(state.read_statuses(&self.store)))];
        let warnings = self.store.take_warnings();
        if !warnings.is_empty() {
            out.push(Action::Notice(warnings.join(" · ")));
        }
        out
    }

    /// Saves an entry to the learner's glossary and reads the glossary again.
    fn save_entry(&mut self, original: Option<&str>, entry: &Entry) -> Result<Action, String> {
        let path = &self.setup.user_path;
        let saved = match original {
            Some(headword) if path.exists() => match update_entry(path, headword, entry) {
                // An entry of the bundled glossary: the learner's version is laid over it.
                Err(SaveError::NotFound { .. }) if !self.setup.replaces_bundled => {
                    add_entry(path, entry)
                }
                other => other,
            },
            _ => add_entry(path, entry),
        };
        saved.map_err(|e| e.to_string())?;
        let glossary = self.setup.reload().map_err(|e| e.to_string())?;
        Ok(Action::EntrySaved(Box::new(SavedEntry {
            glossary,
            headword: entry.de.clone(),
            path: path.display().to_string(),
        })))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::learner::Status;
    use std::path::Path;

    const GLOSSARY: &str = "# the learner's own\n[[term]]\nde = \"Diplomat\"\nen = \"diplomat\"\npos = \"noun\"\ngender = \"m\"\n";
    const TEXT: &str = "Der Diplomat sprach ersatzweise mit dem Rat.\n\nDer Diplomat ging.\n";

    fn session(dir: &Path) -> Session {
        let path = dir.join("mine.toml");
        if !path.exists() {
            std::fs::write(&path, GLOSSARY).unwrap();
        }
        Session {
            doc: Document::parse("t.txt", TEXT.to_string()).unwrap(),
            translation: None,
            setup: GlossarySetup::load(Some(&path), dir).unwrap(),
            store: Store::open(dir).unwrap(),
            text_key: "t".to_string(),
            dictionaries: None,
        }
    }

    fn selected_text(s: &AppState) -> String {
        s.selected_spans()
            .iter()
            .map(|r| &s.text()[r.clone()])
            .collect::<Vec<_>>()
            .join(" ")
    }

    fn run(state: &mut AppState, worker: &mut Worker, actions: &[Action]) {
        for a in actions {
            assert!(!dispatch(state, worker, a.clone()));
        }
    }

    #[test]
    fn a_status_is_saved_and_shown() {
        let dir = tempfile::tempdir().unwrap();
        let (mut state, mut worker) = session(dir.path()).start(Size::new(120, 40), true);
        assert_eq!(state.stats().map(|s| s.new), Some(1));
        run(
            &mut state,
            &mut worker,
            &[Action::SetStatus(Status::Learning(2))],
        );
        assert_eq!(state.selected_status(), Some(Status::Learning(2)));
        assert_eq!(state.stats().map(|s| (s.new, s.learning)), Some((0, 1)));
        let reopened = Store::open(dir.path()).unwrap();
        assert_eq!(reopened.status("Diplomat"), Status::Learning(2));
    }

    #[test]
    fn an_added_entry_links_at_once_and_keeps_the_file_s_comments() {
        let dir = tempfile::tempdir().unwrap();
        let (mut state, mut worker) = session(dir.path()).start(Size::new(120, 40), true);
        let mut actions = vec![Action::SearchStart];
        actions.extend("ersatzweise".chars().map(Action::SearchInput));
        actions.extend([
            Action::SearchSubmit,
            Action::AddEntry,
            Action::FormNextField,
        ]);
        actions.extend("as a substitute".chars().map(Action::FormInput));
        actions.push(Action::FormSubmit);
        run(&mut state, &mut worker, &actions);
        assert_eq!(state.form(), None, "the form closes once saved");
        assert_eq!(selected_text(&state), "ersatzweise");
        let link = state.selected_link().expect("ersatzweise is linked now");
        let entry = state.entry(state.link(link).unwrap().entry).unwrap();
        assert_eq!(entry.en, ["as a substitute"]);
        let saved = std::fs::read_to_string(dir.path().join("mine.toml")).unwrap();
        assert!(saved.starts_with("# the learner's own\n"), "{saved}");
        assert!(saved.contains("de = \"ersatzweise\""), "{saved}");
    }

    #[test]
    fn a_failed_save_keeps_the_form_and_says_why() {
        let dir = tempfile::tempdir().unwrap();
        let (mut state, mut worker) = session(dir.path()).start(Size::new(120, 40), true);
        // The file breaks while the reader runs.
        std::fs::write(dir.path().join("mine.toml"), "[[term]\n").unwrap();
        let mut actions = vec![Action::NextWord, Action::AddEntry, Action::FormNextField];
        actions.extend("spoke".chars().map(Action::FormInput));
        actions.push(Action::FormSubmit);
        run(&mut state, &mut worker, &actions);
        let form = state.form().expect("the form stays open");
        assert_eq!(form.value(crate::tui::form::Field::English), "spoke");
        assert!(state.message().unwrap().contains("mine.toml"));
    }

    #[test]
    fn editing_an_entry_updates_it_in_place() {
        let dir = tempfile::tempdir().unwrap();
        let (mut state, mut worker) = session(dir.path()).start(Size::new(120, 40), true);
        let mut actions = vec![Action::EditEntry, Action::FormClear];
        actions.extend("envoy".chars().map(Action::FormInput));
        actions.push(Action::FormSubmit);
        run(&mut state, &mut worker, &actions);
        let saved = std::fs::read_to_string(dir.path().join("mine.toml")).unwrap();
        assert_eq!(saved.matches("[[term]]").count(), 1, "{saved}");
        assert!(saved.contains("en = \"envoy\""), "{saved}");
    }

    #[test]
    fn reopening_resumes_at_the_saved_position() {
        let dir = tempfile::tempdir().unwrap();
        let (mut state, mut worker) = session(dir.path()).start(Size::new(120, 40), true);
        run(
            &mut state,
            &mut worker,
            &[Action::NextWord, Action::NextWord],
        );
        let before = state.selected_token();
        assert_eq!(selected_text(&state), "ersatzweise");
        drop((state, worker));
        let (state, _) = session(dir.path()).start(Size::new(120, 40), true);
        assert_eq!(state.selected_token(), before);
    }

    #[test]
    fn the_worker_looks_up_the_selected_word_once_the_dictionaries_are_open() {
        use crate::tui::dictionary::testing::fixture_dictionaries;
        use crate::tui::ui::card::{CardBody, DictionarySection, card_view};
        let dir = tempfile::tempdir().unwrap();
        let (mut state, mut worker) = session(dir.path()).start(Size::new(120, 40), true);
        let mut actions = vec![Action::SearchStart];
        actions.extend("Rat".chars().map(Action::SearchInput));
        actions.extend([
            Action::SearchSubmit,
            Action::DictionariesReady(fixture_dictionaries()),
        ]);
        run(&mut state, &mut worker, &actions);
        let body = card_view(&state).unwrap().body;
        let CardBody::Unknown {
            dictionary: DictionarySection::Answers { answers, .. },
        } = body
        else {
            panic!("{body:?}");
        };
        assert_eq!(answers[0].headword, "der Rat");
    }

    #[test]
    fn marking_all_known_asks_first_and_saves_once_confirmed() {
        let dir = tempfile::tempdir().unwrap();
        let (mut state, mut worker) = session(dir.path()).start(Size::new(120, 40), true);
        run(&mut state, &mut worker, &[Action::MarkAllKnown]);
        assert_eq!(state.confirm_count(), 1);
        run(&mut state, &mut worker, &[Action::Confirm]);
        assert_eq!(worker.store().status("Diplomat"), Status::Known);
        assert_eq!(state.stats().map(|s| s.new), Some(0));
        assert_eq!(state.message(), Some(strings::marked_known(1).as_str()));
    }
}
