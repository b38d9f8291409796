//! A reading session: the text, the glossary setup and the learner's store, and the work
//! (saving, reading back) that the state asks for as [`Effect`]s. The terminal is `app`'s.

use super::action::{Action, Effect, LookedUp, SavedEntry};
use super::dictionary::{DictionaryJob, DictionarySetup, Progress, SharedDictionaries, look_up};
use super::keymap::Keymap;
use super::preview::{SharedWhole, WholeJob, WholePoll, preview_window};
use super::pronounce::Speech;
use super::reader::ReaderState;
use super::strings;
use super::ui::theme::Palette;
use crate::glossary::save::save_entry;
use crate::glossary::{Entry, GlossarySetup};
use crate::learner::library::{day_of, now_secs};
use crate::learner::{Day, Status, Store, mark_new_known, set_term_statuses, term_statuses};
use crate::link::Linker;
use crate::speech::{Espeak, IpaWorker, Speaker, SpeechEvent, SpeechSetup};
use crate::terms::{FormKey, Found, Sources, ask_dictionaries};
use crate::text::Document;
use ratatui::layout::Size;
use rustc_hash::FxHashSet;
use std::collections::VecDeque;
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, TryRecvError};

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
    /// Speech and IPA through espeak-ng; `None` for none.
    pub speech: Option<SpeechSetup>,
    /// The keys and colours to read with (`config.toml`'s, else the defaults).
    pub keymap: Keymap,
    pub palette: Palette,
}

impl Session {
    /// The reader's state, resumed where the learner stopped, with the statuses read, and the
    /// worker that saves what the learner does from then on.
    pub fn start(self, viewport: Size, colors: bool) -> (ReaderState, Worker) {
        let Session {
            doc,
            translation,
            mut setup,
            store,
            text_key,
            dictionaries,
            speech,
            keymap,
            palette,
        } = self;
        // The state's linker owns the glossary; the setup keeps only where it comes from.
        let glossary = std::mem::take(&mut setup.glossary);
        let linker = Linker::new(glossary);
        let position = store.position(&text_key);
        // A long text is linked around the reading position first, the whole on a thread.
        let window = preview_window(&doc, position.unwrap_or(doc.body.start));
        let doc = Arc::new(doc);
        let whole_job = window.as_ref().map(|_| {
            WholeJob::new(
                Arc::clone(&doc),
                translation.clone(),
                linker.clone(),
                Sources::default(),
            )
        });
        let mut state = ReaderState::open(doc, translation, linker, viewport, window);
        state.set_colors(colors);
        state.set_keys_and_colors(keymap, palette);
        if let Some(offset) = position {
            // No dictionaries are open yet: nothing to ask them.
            let _ = state.resume_at(offset);
        }
        let dictionary_job = dictionaries.map(|d| {
            state.expect_dictionaries();
            DictionaryJob::spawn(d)
        });
        let at = state
            .selected_token()
            .and_then(|t| state.analysis().tokens.get(t))
            .map_or(state.doc().body.start, |t| t.start);
        let reading = Reading::new(at);
        let (speaker, ipa) = match speech.map(|s| (Espeak::find(s.rate), s.cache_dir)) {
            Some((Ok(espeak), cache_dir)) => {
                state.set_speech(Speech::Ready);
                let ipa = IpaWorker::spawn(espeak.clone(), cache_dir);
                (Some(Speaker::spawn(espeak)), Some(ipa))
            }
            Some((Err(_), _)) => {
                state.set_speech(Speech::Missing);
                (None, None)
            }
            None => (None, None),
        };
        let mut worker = Worker {
            setup,
            store,
            text_key,
            dictionary_job,
            term_job: None,
            whole_job,
            reading,
            speaker,
            ipa,
            sound_failure_told: false,
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
    /// The dictionaries being asked for the text's headwords, until they have answered.
    term_job: Option<TermJob>,
    /// A long text being linked whole, until it is.
    whole_job: Option<WholeJob>,
    /// Today's reading in this session.
    reading: Reading,
    speaker: Option<Speaker>,
    ipa: Option<IpaWorker>,
    /// Whether the learner was told that speech failed (once a session is enough).
    sound_failure_told: bool,
}

/// Forms asked of the dictionaries in the first batch: about a screen's worth, so the words in
/// view get their terms first.
const FIRST_BATCH: usize = 400;
/// Forms in each later batch.
const BATCH: usize = 4000;

/// Asks the dictionaries for the headwords of word forms on a thread of its own, sending the
/// answers back in batches. Dropping it stops the thread at the next batch.
#[derive(Debug)]
struct TermJob {
    answers: Receiver<Headwords>,
}

/// A batch of forms and the headwords the dictionaries gave them.
type Headwords = Vec<(FormKey, Option<Found>)>;

impl TermJob {
    fn spawn(dicts: Arc<crate::dict::Dictionaries>, forms: Vec<FormKey>) -> TermJob {
        let (tx, answers) = mpsc::channel();
        std::thread::spawn(move || {
            let mut rest = forms.as_slice();
            let mut size = FIRST_BATCH;
            while !rest.is_empty() {
                let (batch, later) = rest.split_at(size.min(rest.len()));
                if tx.send(ask_dictionaries(&dicts, batch)).is_err() {
                    return;
                }
                rest = later;
                size = BATCH;
            }
        });
        TermJob { answers }
    }

    /// The batches answered so far, and whether the job is over.
    fn poll(&self) -> (Vec<Headwords>, bool) {
        let mut out = Vec::new();
        loop {
            match self.answers.try_recv() {
                Ok(batch) => out.push(batch),
                Err(TryRecvError::Empty) => return (out, false),
                Err(TryRecvError::Disconnected) => return (out, true),
            }
        }
    }
}

/// A move forward of more words than this is a jump (the end of the text, a search), not
/// reading.
const MAX_READING_STEP: usize = 400;

/// What this session has read today: kept in the store as one record per session and day.
#[derive(Debug)]
struct Reading {
    /// Names this session's records (process and start time).
    session: String,
    day: Day,
    /// Where the learner was: reading is the words between here and the next position.
    offset: usize,
    /// New terms met today, each counted once.
    met: FxHashSet<String>,
}

impl Reading {
    fn new(offset: usize) -> Reading {
        let now = now_secs();
        Reading {
            session: format!("{}-{now}", std::process::id()),
            day: Day {
                day: day_of(now),
                ..Day::default()
            },
            offset,
            met: FxHashSet::default(),
        }
    }

    /// Today's record, started afresh on a new day.
    fn today(&mut self) -> &mut Day {
        let today = day_of(now_secs());
        if self.day.day != today {
            self.day = Day {
                day: today,
                ..Day::default()
            };
            self.met.clear();
        }
        &mut self.day
    }

    /// The position moved to `offset`: the words passed on the way forward are read, and
    /// those still new are met.
    fn moved(&mut self, offset: usize, state: &ReaderState) {
        let from = std::mem::replace(&mut self.offset, offset);
        if offset <= from {
            return;
        }
        let analysis = state.analysis();
        let tokens = &analysis.tokens;
        let first = tokens.partition_point(|t| t.start < from);
        let last = tokens.partition_point(|t| t.start < offset);
        let passed: Vec<usize> = (first..last).filter(|&t| tokens[t].is_word()).collect();
        if passed.is_empty() || passed.len() > MAX_READING_STEP {
            return;
        }
        let mut new_met = 0;
        for &t in &passed {
            if state.token_status(t) == Status::New
                && let Some(key) = state.terms().term_of_token(t)
                && !self.met.contains(key)
            {
                self.met.insert(key.to_string());
                new_met += 1;
            }
        }
        let day = self.today();
        day.words_read += passed.len() as u64;
        day.new_met += new_met;
    }
}

/// Applies an action, does the work it asks for and feeds the results back, until nothing is
/// left to do. Returns whether the reader should quit.
pub fn dispatch(state: &mut ReaderState, worker: &mut Worker, action: Action) -> bool {
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

    /// Whether work is going on in the background (the dictionaries opening, speech, IPA),
    /// so that the event loop must look for its results as well as for keys.
    pub fn busy(&self) -> bool {
        self.dictionary_job.is_some()
            || self.term_job.is_some()
            || self.whole_job.is_some()
            || self.speaker.as_ref().is_some_and(Speaker::busy)
            || self.ipa.as_ref().is_some_and(IpaWorker::busy)
    }

    /// What the background work has brought since the last call, as actions for the state.
    pub fn background(&mut self) -> Vec<Action> {
        let mut out = self.speech_results();
        if let Some(job) = &mut self.whole_job {
            match job.poll() {
                WholePoll::Working => {}
                WholePoll::Done(whole) => {
                    out.push(Action::WholeText(SharedWhole(Arc::new(*whole))));
                    self.whole_job = None;
                }
                WholePoll::Failed => {
                    out.push(Action::Failed(strings::LINKING_FAILED.to_string()));
                    self.whole_job = None;
                }
            }
        }
        if let Some(job) = &self.term_job {
            let (batches, over) = job.poll();
            out.extend(batches.into_iter().map(Action::TermsResolved));
            if over {
                self.term_job = None;
            }
        }
        out.extend(self.dictionary_results());
        out
    }

    /// Waits until the dictionaries have answered every headword asked for (tests and benches:
    /// the reader never waits).
    pub fn wait_for_terms(&mut self) -> Vec<Action> {
        let Some(job) = self.term_job.take() else {
            return Vec::new();
        };
        job.answers.iter().map(Action::TermsResolved).collect()
    }

    /// Waits until a long text is linked whole (tests and benches: the reader never waits).
    pub fn wait_for_whole_text(&mut self) -> Vec<Action> {
        let Some(job) = self.whole_job.take() else {
            return Vec::new();
        };
        job.wait()
            .map(|w| Action::WholeText(SharedWhole(Arc::new(w))))
            .into_iter()
            .collect()
    }

    /// IPA received, and the end of speaking (with what went wrong, once).
    fn speech_results(&mut self) -> Vec<Action> {
        let mut out = Vec::new();
        if let Some(ipa) = &mut self.ipa {
            let results = ipa.poll();
            if !results.is_empty() {
                out.push(Action::Pronounced(results));
            }
        }
        if let Some(speaker) = &mut self.speaker {
            let events = speaker.poll();
            for event in &events {
                if let SpeechEvent::Failed(why) = event
                    && !std::mem::replace(&mut self.sound_failure_told, true)
                {
                    out.push(Action::Notice(strings::speech_failed(why)));
                }
            }
            if !events.is_empty() && !speaker.busy() {
                out.push(Action::SpeechEnded);
            }
        }
        out
    }

    fn dictionary_results(&mut self) -> Vec<Action> {
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
    pub fn perform(&mut self, effect: Effect, state: &ReaderState) -> Vec<Action> {
        match effect {
            Effect::Quit => Vec::new(),
            Effect::SetStatus { term, status } => {
                // Another reader's changes first, so the counts shown are the true ones.
                let mut out = self.refresh();
                let was_known = self.store.status(&term) == Status::Known;
                let mut changes = vec![(term.clone(), status)];
                // A status kept under the word itself (before it had a headword) gives way.
                if let Some(word) = state
                    .selected_token()
                    .and_then(|t| state.terms().form_of_token(t))
                    .map(|f| f.word.to_lowercase())
                    && word != term
                    && self.store.status(&word) != Status::New
                {
                    changes.push((word, Status::New));
                }
                if let Err(e) = set_term_statuses(state.terms(), &mut self.store, &changes) {
                    out.push(Action::Failed(e.to_string()));
                } else if status == Status::Known && !was_known {
                    self.reading.today().marked_known += 1;
                    out.extend(self.save_reading());
                }
                out.extend(self.statuses(state));
                out
            }
            Effect::MarkNewKnown(tokens) => {
                let mut out = self.refresh();
                let terms = state.terms();
                let statuses = term_statuses(terms, |t| self.store.status(t));
                match mark_new_known(terms, &statuses, tokens.as_ref(), &mut self.store) {
                    Ok(terms) => {
                        self.reading.today().marked_known += terms.len() as u64;
                        out.extend(self.save_reading());
                        out.push(Action::Notice(strings::marked_known(terms.len())));
                    }
                    Err(e) => out.push(Action::Failed(e.to_string())),
                }
                out.extend(self.statuses(state));
                out
            }
            Effect::ResolveTerms(forms) => {
                if let Some(dicts) = state.dictionaries() {
                    self.term_job = Some(TermJob::spawn(Arc::clone(&dicts.0), forms));
                }
                Vec::new()
            }
            Effect::Undo => {
                let mut out = self.refresh();
                match self.store.undo() {
                    Ok(Some(undone)) => out.push(Action::Notice(strings::undone(
                        &undone.restored,
                        undone.skipped,
                    ))),
                    Ok(None) => out.push(Action::Notice(strings::NOTHING_TO_UNDO.to_string())),
                    Err(e) => out.push(Action::Failed(e.to_string())),
                }
                out.extend(self.statuses(state));
                out
            }
            Effect::SavePosition(offset) => {
                self.reading.moved(offset, state);
                let mut out = self.save_reading();
                if let Err(e) = self.store.set_position(&self.text_key, offset) {
                    out.push(Action::Failed(e.to_string()));
                }
                out
            }
            Effect::SaveEntry { original, entry } => {
                match self.save_entry(original.as_deref(), &entry) {
                    Ok(action) => vec![action],
                    Err(message) => vec![Action::Failed(message)],
                }
            }
            Effect::LinkWhole => {
                // A job still linking with the glossary as it was is dropped with its answer.
                self.whole_job = Some(WholeJob::new(
                    state.shared_doc(),
                    state.translation().map(|t| t.doc.clone()),
                    state.linker().clone(),
                    Sources::default(),
                ));
                Vec::new()
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
            Effect::Speak(text) => {
                if let Some(speaker) = &mut self.speaker {
                    speaker.say(&text);
                }
                Vec::new()
            }
            Effect::StopSpeech => {
                if let Some(speaker) = &mut self.speaker {
                    speaker.stop();
                }
                Vec::new()
            }
            Effect::Pronounce(texts) => match &mut self.ipa {
                // From the cache at once, else from the thread at the next poll.
                Some(ipa) => match ipa.cached(&texts) {
                    Some(found) => vec![Action::Pronounced(found)],
                    None => {
                        ipa.request(texts);
                        Vec::new()
                    }
                },
                None => Vec::new(),
            },
        }
    }

    /// Saves today's reading (nothing is written when it has not changed).
    fn save_reading(&mut self) -> Vec<Action> {
        let Reading { session, day, .. } = &self.reading;
        match self.store.set_reading(session, day) {
            Ok(()) => Vec::new(),
            Err(e) => vec![Action::Failed(e.to_string())],
        }
    }

    fn refresh(&mut self) -> Vec<Action> {
        match self.store.refresh() {
            Ok(()) => Vec::new(),
            Err(e) => vec![Action::Failed(e.to_string())],
        }
    }

    /// The text's statuses as the store has them, and any warning it has for the learner.
    fn statuses(&mut self, state: &ReaderState) -> Vec<Action> {
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
        // An entry of the bundled glossary is not in the learner's file: their version is
        // added there and laid over it.
        let add_if_missing = !self.setup.replaces_bundled;
        save_entry(path, original, entry, add_if_missing).map_err(|e| e.to_string())?;
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
        session_with(dir, TEXT)
    }

    fn session_with(dir: &Path, text: &str) -> Session {
        let path = dir.join("mine.toml");
        if !path.exists() {
            std::fs::write(&path, GLOSSARY).unwrap();
        }
        Session {
            doc: Document::parse("t.txt", text.to_string()).unwrap(),
            translation: None,
            setup: GlossarySetup::load(Some(&path), dir).unwrap(),
            store: Store::open(dir).unwrap(),
            text_key: "t".to_string(),
            dictionaries: None,
            speech: None,
            keymap: Keymap::default(),
            palette: Palette::default(),
        }
    }

    fn selected_text(s: &ReaderState) -> String {
        s.selected_spans()
            .iter()
            .map(|r| &s.text()[r.clone()])
            .collect::<Vec<_>>()
            .join(" ")
    }

    fn run(state: &mut ReaderState, worker: &mut Worker, actions: &[Action]) {
        for a in actions {
            assert!(!dispatch(state, worker, a.clone()));
        }
    }

    #[test]
    fn a_status_is_saved_and_shown() {
        let dir = tempfile::tempdir().unwrap();
        let (mut state, mut worker) = session(dir.path()).start(Size::new(120, 40), true);
        let new = state.stats().unwrap().new;
        assert!(new > 5, "every word is a term: {new}");
        run(
            &mut state,
            &mut worker,
            &[Action::NextWord, Action::SetStatus(Status::Learning(2))],
        );
        assert_eq!(state.selected_status(), Some(Status::Learning(2)));
        assert_eq!(
            state.stats().map(|s| (s.new, s.learning)),
            Some((new - 1, 1))
        );
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
        let mut actions = vec![Action::NextWord, Action::EditEntry, Action::FormClear];
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
            &[Action::NextWord, Action::NextWord, Action::NextWord],
        );
        let before = state.selected_token();
        assert_eq!(selected_text(&state), "ersatzweise");
        drop((state, worker));
        let (state, _) = session(dir.path()).start(Size::new(120, 40), true);
        assert_eq!(state.selected_token(), before);
    }

    #[test]
    fn a_long_text_resumes_at_once_and_is_linked_whole_in_the_background() {
        use crate::tui::preview::LONG_TEXT_BYTES;
        use std::fmt::Write;
        let mut text = String::new();
        let mut i = 0;
        while text.len() < LONG_TEXT_BYTES * 2 {
            writeln!(
                text,
                "Absatz {i}: Er gab mir das Buch, und sie gibt es zurück.\n"
            )
            .unwrap();
            i += 1;
        }
        let dir = tempfile::tempdir().unwrap();
        let far = text.find("Absatz 9000:").unwrap();
        let (mut state, mut worker) =
            session_with(dir.path(), &text).start(Size::new(120, 40), true);
        let jump = state.resume_at(far);
        assert!(jump.is_empty(), "no dictionaries to ask");
        run(&mut state, &mut worker, &[Action::NextWord]);
        let at = state.selected_spans()[0].clone();
        drop((state, worker));
        // Reopened: the saved word is on the first screen, linked, before the whole text is.
        let (mut state, mut worker) =
            session_with(dir.path(), &text).start(Size::new(120, 40), true);
        assert!(state.linking());
        assert_eq!(state.selected_spans()[0], at);
        let words = state.position().1;
        for action in worker.wait_for_whole_text() {
            assert!(!dispatch(&mut state, &mut worker, action));
        }
        assert!(!state.linking());
        assert_eq!(
            state.selected_spans()[0],
            at,
            "the same word once the whole is linked"
        );
        assert!(state.position().1 > words * 5);
    }

    #[test]
    fn an_entry_added_in_a_book_links_the_book_whole_in_the_background() {
        use crate::tui::preview::LONG_TEXT_BYTES;
        use std::fmt::Write;
        let mut text = String::new();
        let mut i = 0;
        while text.len() < LONG_TEXT_BYTES * 2 {
            writeln!(text, "Absatz {i}: Er gab mir das Buch zurück.\n").unwrap();
            i += 1;
        }
        let dir = tempfile::tempdir().unwrap();
        let (mut state, mut worker) =
            session_with(dir.path(), &text).start(Size::new(120, 40), true);
        for action in worker.wait_for_whole_text() {
            assert!(!dispatch(&mut state, &mut worker, action));
        }
        assert!(!state.linking());
        let entry = crate::glossary::parse(
            "[[term]]\nde = \"Buch\"\nen = [\"book\"]\npos = \"noun\"\ngender = \"n\"\n",
            "mine.toml",
        )
        .unwrap()
        .entries
        .remove(0);
        for action in worker.perform(
            Effect::SaveEntry {
                original: None,
                entry,
            },
            &state,
        ) {
            assert!(!dispatch(&mut state, &mut worker, action));
        }
        let books = |state: &ReaderState| {
            state
                .analysis()
                .links
                .iter()
                .filter(|l| state.entry(l.entry).is_some_and(|e| e.de == "Buch"))
                .count()
        };
        assert!(state.linking(), "only the part on screen linked at once");
        let near = books(&state);
        assert!(near > 0);
        for action in worker.wait_for_whole_text() {
            assert!(!dispatch(&mut state, &mut worker, action));
        }
        assert!(!state.linking());
        assert_eq!(books(&state), i, "every paragraph's Buch");
    }

    #[test]
    fn the_worker_looks_up_the_selected_word_once_the_dictionaries_are_open() {
        use crate::tui::dictionary::testing::fixture_dictionaries;
        use crate::tui::reader::card::{CardBody, DictionarySection, card_view};
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
    fn reading_forward_counts_words_and_new_terms_met_and_marks() {
        let dir = tempfile::tempdir().unwrap();
        let (mut state, mut worker) = session(dir.path()).start(Size::new(120, 40), true);
        // From "Diplomat" to "mit": three words passed.
        run(
            &mut state,
            &mut worker,
            &[Action::NextWord, Action::NextWord, Action::NextWord],
        );
        let day = worker.reading.day;
        assert_eq!(day.words_read, 3);
        assert_eq!(day.new_met, 3, "Diplomat, sprach, ersatzweise");
        run(&mut state, &mut worker, &[Action::SetStatus(Status::Known)]);
        drop((state, worker));
        let progress = Store::open(dir.path()).unwrap().progress();
        assert_eq!(progress.days.len(), 1);
        assert_eq!(progress.days[0].words_read, 3);
        assert_eq!(progress.days[0].marked_known, 1);
        assert_eq!(progress.known_now, 1);
    }

    #[test]
    fn marking_all_known_asks_first_and_saves_once_confirmed() {
        let dir = tempfile::tempdir().unwrap();
        let (mut state, mut worker) = session(dir.path()).start(Size::new(120, 40), true);
        let new = state.stats().unwrap().new;
        run(&mut state, &mut worker, &[Action::MarkAllKnown]);
        assert_eq!(state.confirm_count(), new);
        run(&mut state, &mut worker, &[Action::Confirm]);
        assert_eq!(worker.store().status("Diplomat"), Status::Known);
        assert_eq!(worker.store().status("ersatzweise"), Status::Known);
        assert_eq!(state.stats().map(|s| s.new), Some(0));
        assert_eq!(state.message(), Some(strings::marked_known(new).as_str()));
    }

    #[test]
    fn a_status_on_a_form_belongs_to_its_headword_and_stays_without_dictionaries() {
        use crate::tui::dictionary::testing::fixture_dictionaries;
        let dir = tempfile::tempdir().unwrap();
        let text = "Sie gab ihm den Rat. Er gibt nichts.";
        let (mut state, mut worker) =
            session_with(dir.path(), text).start(Size::new(120, 40), true);
        run(
            &mut state,
            &mut worker,
            &[Action::DictionariesReady(fixture_dictionaries())],
        );
        for action in worker.wait_for_terms() {
            run(&mut state, &mut worker, &[action]);
        }
        let token = |state: &ReaderState, word: &str| {
            state
                .analysis()
                .tokens
                .iter()
                .position(|t| t.text(state.text()) == word)
                .unwrap()
        };
        assert_eq!(
            state.terms().term_of_token(token(&state, "gab")),
            Some("geben")
        );
        assert_eq!(
            state.terms().term_of_token(token(&state, "gibt")),
            Some("geben")
        );
        let mut actions = vec![Action::SearchStart];
        actions.extend("gab".chars().map(Action::SearchInput));
        actions.extend([Action::SearchSubmit, Action::SetStatus(Status::Learning(1))]);
        run(&mut state, &mut worker, &actions);
        assert_eq!(worker.store().status("geben"), Status::Learning(1));
        assert_eq!(
            state.token_status(token(&state, "gibt")),
            Status::Learning(1)
        );
        assert_eq!(state.stats().map(|s| s.learning), Some(1));
        drop((state, worker));

        // Reopened with no dictionary at hand: the filed forms still find their headword.
        let (state, _) = session_with(dir.path(), text).start(Size::new(120, 40), true);
        assert_eq!(
            state.terms().term_of_token(token(&state, "gibt")),
            Some("geben")
        );
        assert_eq!(
            state.token_status(token(&state, "gab")),
            Status::Learning(1)
        );
    }

    #[test]
    fn undo_takes_back_a_bulk_mark_then_a_single_status() {
        let dir = tempfile::tempdir().unwrap();
        let (mut state, mut worker) = session(dir.path()).start(Size::new(120, 40), true);
        let new = state.stats().unwrap().new;
        run(
            &mut state,
            &mut worker,
            &[
                Action::NextWord,
                Action::NextWord,
                Action::SetStatus(Status::Learning(2)),
                Action::MarkAllKnown,
                Action::Confirm,
            ],
        );
        assert_eq!(selected_text(&state), "sprach");
        assert_eq!(worker.store().status("Diplomat"), Status::Known);
        assert_eq!(worker.store().status("sprach"), Status::Learning(2));
        run(&mut state, &mut worker, &[Action::Undo]);
        assert_eq!(worker.store().status("Diplomat"), Status::New);
        assert_eq!(worker.store().status("sprach"), Status::Learning(2));
        assert_eq!(state.stats().map(|s| s.new), Some(new - 1));
        assert!(
            state.message().is_some_and(|m| m.starts_with("Undone")),
            "{:?}",
            state.message()
        );
        run(&mut state, &mut worker, &[Action::Undo, Action::Undo]);
        assert_eq!(worker.store().status("sprach"), Status::New);
        assert_eq!(state.message(), Some(strings::NOTHING_TO_UNDO));
        assert_eq!(Store::open(dir.path()).unwrap().statuses().count(), 0);
    }
}
