//! What the reader can be asked to do. Keys, mouse and resize events all become an [`Action`];
//! so do the results of the work the event loop did for the state (saved, failed).

use super::dictionary::{DictQuery, Looked, SharedDictionaries};
use super::preview::SharedWhole;
use crate::glossary::{Entry, Glossary};
use crate::learner::Status;
use crate::terms::{FormKey, Found};
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

/// One step for [`crate::tui::reader::ReaderState::update`]. The `snake_case` names are the ones a
/// key configuration file uses (`next_term`, `search_start`, ...).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// Select the next linked term.
    NextTerm,
    /// Select the previous linked term.
    PrevTerm,
    /// Select the next word, linked or not (in a span: move the cursor).
    NextWord,
    /// Select the previous word, linked or not (in a span: move the cursor).
    PrevWord,
    /// Scroll one line down (the help overlay, when it is open).
    ScrollDown,
    /// Scroll one line up (the help overlay, when it is open).
    ScrollUp,
    PageDown,
    PageUp,
    /// Go to the start of the text.
    Start,
    /// Go to the end of the text.
    End,
    /// Open the search prompt.
    SearchStart,
    /// Add a character to the search prompt.
    SearchInput(char),
    /// Remove the last character of the search prompt.
    SearchBackspace,
    /// Find the typed text (or the last search, when nothing was typed).
    SearchSubmit,
    /// Jump to the next match of the last search.
    SearchNext,
    /// Jump to the previous match of the last search.
    SearchPrev,
    /// Switch the side pane between the glossary card and the translation.
    ToggleTranslation,
    /// Open or close the key help.
    ToggleHelp,
    /// Close an overlay, cancel a search, a span, a form or a question, or clear a message.
    Cancel,
    Quit,
    /// Give the selected term a status.
    SetStatus(Status),
    /// Ask whether to mark every term of the text that is still new as known.
    MarkAllKnown,
    /// Ask whether to mark the terms on screen that are still new as known ("page done").
    MarkScreenKnown,
    /// Take back the last status change (all terms of a bulk one).
    Undo,
    /// Yes to the question in the status bar.
    Confirm,
    /// Start a span of words at the selection, for a new entry.
    SpanStart,
    /// Add the word after the span's last word.
    SpanExtend,
    /// Take the span's last word out of it.
    SpanShrink,
    /// Put the word at the span cursor into the span, or take it out.
    SpanToggle,
    /// Open the form for a new entry: for the span, the selected word or term.
    AddEntry,
    /// Open the form on the selected term's entry.
    EditEntry,
    /// Type a character into the form's field.
    FormInput(char),
    /// Delete the character before the form's cursor.
    FormBackspace,
    /// Empty the form's field.
    FormClear,
    FormNextField,
    FormPrevField,
    /// Save the form's entry.
    FormSubmit,
    /// Show the dictionaries' answers on a glossary entry's card, or fold them to one line.
    ToggleDictionary,
    /// Scroll the side pane (a long card) one line down.
    CardScrollDown,
    /// Scroll the side pane one line up.
    CardScrollUp,
    /// Text pasted into the terminal (bracketed paste): it goes into the search prompt or the
    /// form that is open, and is otherwise ignored.
    #[serde(skip)]
    Paste(String),
    /// Leave the text for the library screen.
    OpenLibrary,
    /// Show the table of contents (a book's chapters).
    TableOfContents,
    /// Speak the selected term (a split verb as its headword), stopping what is being spoken.
    Speak,
    /// Speak the sentence of the selection.
    SpeakSentence,
    /// The terminal has a new size.
    Resize {
        width: u16,
        height: u16,
    },
    /// A mouse click at a screen cell.
    Click {
        column: u16,
        row: u16,
    },
    /// The mouse wheel turned over a screen cell.
    Wheel {
        down: bool,
        column: u16,
        row: u16,
    },
    /// The learner's statuses for this text, as saved (after a change or a refresh).
    #[serde(skip)]
    Statuses(Box<StatusSnapshot>),
    /// An entry was saved; this is the glossary read again.
    #[serde(skip)]
    EntrySaved(Box<SavedEntry>),
    /// Work for the state failed; the message says what, and nothing the learner typed is lost.
    #[serde(skip)]
    Failed(String),
    /// Something the learner should read (a store warning, what was done).
    #[serde(skip)]
    Notice(String),
    /// A dictionary's index is being built: how far it is.
    #[serde(skip)]
    DictionaryProgress {
        name: String,
        percent: u8,
    },
    /// The dictionaries are open (none, when none is installed).
    #[serde(skip)]
    DictionariesReady(SharedDictionaries),
    /// What the dictionaries answered.
    #[serde(skip)]
    LookedUp(Box<LookedUp>),
    /// The dictionaries' headwords for some of the text's word forms.
    #[serde(skip)]
    TermsResolved(Vec<(FormKey, Option<Found>)>),
    /// IPA worked out in the background: each text with its IPA (`None`: espeak-ng gave none).
    #[serde(skip)]
    Pronounced(Vec<(String, Option<String>)>),
    /// Nothing is being spoken any more.
    #[serde(skip)]
    SpeechEnded,
    /// A long text, linked whole on a thread.
    #[serde(skip)]
    WholeText(SharedWhole),
}

impl Action {
    /// Results of the event loop's work, as opposed to what the learner asked for.
    pub fn is_feedback(&self) -> bool {
        matches!(
            self,
            Action::Statuses(_)
                | Action::EntrySaved(_)
                | Action::Failed(_)
                | Action::Notice(_)
                | Action::DictionaryProgress { .. }
                | Action::DictionariesReady(_)
                | Action::LookedUp(_)
                | Action::TermsResolved(_)
                | Action::Pronounced(_)
                | Action::SpeechEnded
                | Action::WholeText(_)
        )
    }
}

/// The statuses of the terms and words of one text, and its counts, as the store has them.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct StatusSnapshot {
    /// Status by term (a headword, or a lowercased word); terms that are new are left out.
    pub statuses: FxHashMap<String, Status>,
    /// The text's word forms the learner filed under a headword: filing key → headword.
    pub filed: FxHashMap<String, String>,
}

/// What a saved entry changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SavedEntry {
    /// The session's glossary, read again with the saved entry in it.
    pub glossary: Glossary,
    pub headword: String,
    /// The file it was saved to.
    pub path: String,
}

/// A dictionary lookup and its result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LookedUp {
    pub query: DictQuery,
    pub looked: Looked,
}

/// Work that `update` asks the event loop to do, because state does no I/O.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    Quit,
    /// Save a term's status.
    SetStatus {
        term: String,
        status: Status,
    },
    /// Save the terms that are still new as known, in one write: those of these tokens, or
    /// of the whole text.
    MarkNewKnown(Option<std::ops::Range<usize>>),
    /// Ask the dictionaries for the headwords of these forms, in the background.
    ResolveTerms(Vec<FormKey>),
    /// Take back the last status change saved.
    Undo,
    /// Save the reading position: the selected token's byte offset.
    SavePosition(usize),
    /// Save an entry to the learner's glossary; `original` is the headword of the entry being
    /// edited, `None` for a new entry.
    SaveEntry {
        original: Option<String>,
        entry: Entry,
    },
    /// Link the whole of a long text on a thread, with the glossary as it is now (it changed
    /// while only part of the text was linked again).
    LinkWhole,
    /// Read the statuses again (the text's terms changed).
    LoadStatuses,
    /// Ask the dictionaries about the selection.
    LookUp(DictQuery),
    /// Speak a text, stopping what is being spoken.
    Speak(String),
    /// Stop speaking.
    StopSpeech,
    /// Work out the IPA of these texts.
    Pronounce(Vec<String>),
}
