//! The reader screen's state: everything the reader knows, and the one way it changes:
//! [`ReaderState::update`], which dispatches by mode to the part that handles the action. No I/O
//! here, and no drawing: `ui` draws a pure view of this state.
//!
//! The parts, each an `impl ReaderState` block with its tests: `view` (viewport, wrapped lines,
//! scrolling, resize, mouse), `select` (what is selected, stepping term to term and word to word),
//! `search`, `span` (choosing a new entry's words), `entry` (the entry form), `statuses` (terms,
//! statuses, mark known), `dictionary` (the dictionaries and what they answered), `card` (the
//! side card's content and scrolling), `help` (the help overlay's lines and scrolling),
//! `feedback` (what the event loop reports back).

use super::action::{Action, Effect};
use super::dictionary::{DictQuery, Looked};
use super::form::EntryForm;
use super::keymap::{Keymap, Mode};
use super::layout::layout;
use super::preview;
use super::pronounce::{self, Pronunciations, Speech};
use super::strings;
use super::theme::Palette;
use super::wrap::{Wrapped, flatten};
use crate::glossary::{Entry, Glossary};
use crate::learner::{Status, TextStats};
use crate::link::{Analysis, Link, Linker};
use crate::terms::{Sources, Terms};
use crate::text::{Alignment, Document};
use ratatui::layout::{Rect, Size};
use rustc_hash::FxHashMap;
use std::ops::Range;
use std::sync::Arc;

pub mod card;
mod dictionary;
mod entry;
mod feedback;
pub mod help;
mod search;
mod select;
mod span;
mod statuses;
#[cfg(test)]
mod testing;
mod view;
mod whole;

use view::WHEEL_LINES;

pub use dictionary::DictionaryState;
pub use entry::Suggestion;
pub use span::Span;

/// What the side pane shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SidePane {
    Card,
    Translation,
}

/// A text's translation and which of its sentences answers each sentence of the text.
#[derive(Debug, Clone)]
pub struct Translation {
    pub doc: Document,
    /// `doc.source` with line breaks made spaces (same byte offsets).
    pub text: String,
    pub alignment: Alignment,
}

/// The reader's state.
#[derive(Debug, Clone)]
pub struct ReaderState {
    /// Shared with the thread that links a long text whole.
    doc: Arc<Document>,
    /// `doc.source` with line breaks made spaces (same byte offsets): what is wrapped and searched.
    text: String,
    linker: Linker,
    analysis: Analysis,
    /// While a long text is linked on a thread: the paragraphs `analysis` holds so far.
    partial: Option<Range<usize>>,
    /// Work asked for while an action was applied (the headwords of a part newly linked).
    asked: Vec<Effect>,
    /// Word tokens, in order: the stops of next/previous word.
    words: Vec<usize>,
    /// Every span of every link, by start: (span, link).
    link_spans: Vec<(Range<usize>, usize)>,
    translation: Option<Translation>,
    keymap: Keymap,
    viewport: Size,
    wrapped: Wrapped,
    /// The first text line on screen.
    scroll: usize,
    /// The selected token; when it belongs to a link, the whole link is selected. While a span
    /// is chosen, the span's cursor.
    selected: Option<usize>,
    mode: Mode,
    side: SidePane,
    /// What is typed at the search prompt.
    query: String,
    last_query: Option<String>,
    message: Option<String>,
    help_scroll: usize,
    /// The learner's statuses of this text's terms, as last read from the store (new ones left
    /// out).
    statuses: FxHashMap<String, Status>,
    /// What the words no glossary entry links are filed under: the learner's filings and the
    /// dictionaries' headwords, as far as they are known.
    sources: Sources,
    /// Every word's term.
    terms: Terms,
    /// The status of each term (indexed like `terms.keys()`), from `statuses`.
    term_status: Vec<Status>,
    /// Whether the statuses have been read from the store.
    statuses_read: bool,
    /// While the dictionaries are asked for the words' headwords: forms answered, forms asked.
    resolving: Option<(usize, usize)>,
    /// What the question in the status bar would mark known: the tokens on screen, or the
    /// whole text (`None`).
    mark_scope: Option<Range<usize>>,
    /// The text's counts, once the store has been read.
    stats: Option<TextStats>,
    span: Option<Span>,
    form: Option<EntryForm>,
    /// Whether the screen may use colour (`NO_COLOR` unset).
    colors: bool,
    /// The colours drawn with, when colour is allowed.
    palette: Palette,
    dictionaries: DictionaryState,
    /// What the dictionaries answered, by query, for this session.
    looked_up: FxHashMap<DictQuery, Looked>,
    /// Whether a glossary entry's card shows the dictionaries' answers (or one folded line).
    dictionary_unfolded: bool,
    /// The first line of the card on screen.
    card_scroll: usize,
    /// IPA received, and whether espeak-ng speaks.
    pronunciations: Pronunciations,
    /// Raised whenever statuses or the glossary change, so that the screen is drawn again.
    data_version: u64,
    needs_redraw: bool,
}

/// What decides whether the screen must be drawn again.
#[derive(PartialEq, Eq)]
struct ViewKey {
    resolving: Option<(usize, usize)>,
    selected: Option<usize>,
    scroll: usize,
    wrapped_paragraphs: Range<usize>,
    linked_whole: bool,
    mode: Mode,
    side: SidePane,
    query: String,
    message: Option<String>,
    help_scroll: usize,
    viewport: Size,
    span: Option<Span>,
    form: Option<EntryForm>,
    dictionary_unfolded: bool,
    card_scroll: usize,
    data_version: u64,
}

/// Word tokens, and every link span by start.
fn index(analysis: &Analysis) -> (Vec<usize>, Vec<(Range<usize>, usize)>) {
    let words = analysis.words().collect();
    let mut link_spans: Vec<(Range<usize>, usize)> = analysis
        .links
        .iter()
        .enumerate()
        .flat_map(|(i, l)| l.spans.iter().map(move |s| (s.clone(), i)))
        .collect();
    link_spans.sort_by_key(|(s, _)| (s.start, s.end));
    (words, link_spans)
}

impl ReaderState {
    /// Analyzes the text (and its translation) and wraps it for a terminal of `viewport` size.
    /// The first linked term is selected. Every term is new until [`Action::Statuses`] says
    /// otherwise.
    pub fn new(
        doc: Document,
        translation: Option<Document>,
        linker: Linker,
        viewport: Size,
    ) -> ReaderState {
        ReaderState::open(Arc::new(doc), translation, linker, viewport, None)
    }

    /// Like [`ReaderState::new`], but with `partial` only those paragraphs are linked: the
    /// rest of a long text comes with [`Action::WholeText`].
    pub fn open(
        doc: Arc<Document>,
        translation: Option<Document>,
        linker: Linker,
        viewport: Size,
        partial: Option<Range<usize>>,
    ) -> ReaderState {
        let analysis = match &partial {
            Some(window) => preview::analyze_window(&linker, &doc, window),
            None => linker.analyze(&doc),
        };
        let translation = translation.map(|t| {
            let t_analysis = crate::link::segment(&t.source, &t.paragraphs);
            let alignment =
                Alignment::new(&analysis.sentences, &t_analysis.sentences, &t.paragraphs);
            Translation {
                text: flatten(&t.source),
                doc: t,
                alignment,
            }
        });
        let text = flatten(&doc.source);
        let (words, link_spans) = index(&analysis);
        let sources = Sources::default();
        let terms = Terms::build(&text, &analysis, linker.glossary(), &sources);
        let text_width = usize::from(layout(Rect::from(viewport)).text.width);
        let start = partial
            .as_ref()
            .and_then(|w| doc.paragraphs.get(w.start))
            .map_or(doc.body.start, |p| p.start);
        let wrapped = Wrapped::around(&text, &doc, text_width, start);
        let message = doc.notice.clone();
        let mut state = ReaderState {
            doc,
            text,
            linker,
            analysis,
            partial,
            asked: Vec::new(),
            words,
            link_spans,
            translation,
            keymap: Keymap::default(),
            viewport,
            wrapped,
            scroll: 0,
            selected: None,
            mode: Mode::Normal,
            side: SidePane::Card,
            query: String::new(),
            last_query: None,
            message,
            help_scroll: 0,
            statuses: FxHashMap::default(),
            sources,
            terms,
            term_status: Vec::new(),
            statuses_read: false,
            resolving: None,
            mark_scope: None,
            stats: None,
            span: None,
            form: None,
            colors: true,
            palette: Palette::default(),
            dictionaries: DictionaryState::Off,
            looked_up: FxHashMap::default(),
            dictionary_unfolded: false,
            card_scroll: 0,
            pronunciations: Pronunciations::default(),
            data_version: 0,
            needs_redraw: true,
        };
        state.index_statuses();
        state.selected = state.words.first().copied();
        state.ensure_selection_visible();
        state
    }

    /// Applies an action. Returns the work the event loop must do, in order.
    pub fn update(&mut self, action: Action) -> Vec<Effect> {
        let before = self.view_key();
        let position = self.selection_start();
        let resized = matches!(action, Action::Resize { .. });
        let cancel = action == Action::Cancel;
        // An answer coming back asks for nothing more: the others asked with it are on the way.
        let may_ask = !action.is_feedback() || matches!(action, Action::DictionariesReady(_));
        let mut effects = self.apply(action);
        effects.append(&mut self.asked);
        // Esc silences the reader, whatever else it does.
        if cancel {
            effects.extend(self.pronunciations.stop());
        }
        // Another card starts at its top; the same one, unfolded or folded, stays where it was
        // (the answers unfold below the line that said to press d).
        if self.selected != before.selected || self.span != before.span || self.side != before.side
        {
            self.card_scroll = 0;
        }
        self.keep_lines_around();
        effects.extend(self.keep_screen_linked());
        if resized || self.dictionary_unfolded != before.dictionary_unfolded {
            self.card_scroll = self.card_scroll.min(card::max_scroll(self));
        }
        if resized || self.view_key() != before {
            self.needs_redraw = true;
        }
        if let Some(query) = self.missing_lookup() {
            effects.push(Effect::LookUp(query));
        }
        if self.side == SidePane::Translation && may_ask {
            let asked = super::gloss::lookups(self).into_iter().map(Effect::LookUp);
            effects.extend(asked.filter(|e| !effects.contains(e)).collect::<Vec<_>>());
        }
        let texts = pronounce::card_texts(self);
        effects.extend(self.pronunciations.ask(&texts));
        // Every move is saved as it is made, so a reader killed mid-text resumes there.
        if let Some(offset) = self.selection_start()
            && Some(offset) != position
        {
            effects.push(Effect::SavePosition(offset));
        }
        effects
    }

    /// Whether something changed since the last call (the first call is always true).
    pub fn take_redraw(&mut self) -> bool {
        std::mem::take(&mut self.needs_redraw)
    }

    /// Whether espeak-ng speaks; when it is missing, the status bar says so once.
    pub fn set_speech(&mut self, speech: Speech) {
        self.pronunciations.set_speech(speech);
        if speech == Speech::Missing {
            self.add_notice(strings::SPEECH_MISSING);
        }
    }

    /// Puts a notice in the status bar, after the one already there.
    pub fn add_notice(&mut self, notice: &str) {
        self.message = Some(match self.message.take() {
            Some(m) if !m.is_empty() => format!("{m}{}{notice}", strings::TITLE_SEPARATOR),
            _ => notice.to_string(),
        });
        self.needs_redraw = true;
    }

    pub fn pronunciations(&self) -> &Pronunciations {
        &self.pronunciations
    }

    /// Draw without colour (for `NO_COLOR`): marks are then underline, bold, dim and reverse.
    pub fn set_colors(&mut self, colors: bool) {
        self.colors = colors;
        self.needs_redraw = true;
    }

    /// Keys and colours of the learner's own (`config.toml`), in place of the defaults.
    pub fn set_keys_and_colors(&mut self, keymap: Keymap, palette: Palette) {
        self.keymap = keymap;
        self.palette = palette;
        self.needs_redraw = true;
    }

    /// The colours drawn with.
    pub fn palette(&self) -> &Palette {
        &self.palette
    }

    fn view_key(&self) -> ViewKey {
        ViewKey {
            resolving: self.resolving,
            selected: self.selected,
            scroll: self.scroll,
            wrapped_paragraphs: self.wrapped.paragraphs.clone(),
            linked_whole: self.partial.is_none(),
            mode: self.mode,
            side: self.side,
            query: self.query.clone(),
            message: self.message.clone(),
            help_scroll: self.help_scroll,
            viewport: self.viewport,
            span: self.span.clone(),
            form: self.form.clone(),
            dictionary_unfolded: self.dictionary_unfolded,
            card_scroll: self.card_scroll,
            data_version: self.data_version,
        }
    }

    fn apply(&mut self, action: Action) -> Vec<Effect> {
        match action {
            Action::Quit => return vec![Effect::Quit],
            Action::Resize { width, height } => {
                self.resize(Size::new(width, height));
                return Vec::new();
            }
            a if a.is_feedback() => return self.apply_feedback(a),
            _ => {}
        }
        self.message = None;
        if let Action::Paste(text) = &action {
            self.paste(text);
            return Vec::new();
        }
        match self.mode {
            Mode::Normal => return self.apply_normal(&action),
            Mode::Search => self.apply_search(&action),
            Mode::Help => self.apply_help(&action),
            Mode::Span => self.apply_span(&action),
            Mode::Form => return self.apply_form(&action),
            Mode::Confirm => return self.answer_mark_known(&action),
        }
        Vec::new()
    }

    fn apply_normal(&mut self, action: &Action) -> Vec<Effect> {
        match action {
            Action::NextTerm => self.step_term(true),
            Action::PrevTerm => self.step_term(false),
            Action::NextWord => self.step_word(true),
            Action::PrevWord => self.step_word(false),
            Action::ScrollDown => self.scroll_by(1, true),
            Action::ScrollUp => self.scroll_by(1, false),
            Action::PageDown => self.scroll_by(self.page_lines(), true),
            Action::PageUp => self.scroll_by(self.page_lines(), false),
            Action::Wheel { down, column, row } => {
                let over_card = self.side == SidePane::Card
                    && self.layout().side.contains((*column, *row).into());
                if over_card {
                    self.scroll_card(WHEEL_LINES, *down);
                } else {
                    self.scroll_by(WHEEL_LINES, *down);
                }
            }
            Action::CardScrollDown => self.scroll_card(1, true),
            Action::CardScrollUp => self.scroll_card(1, false),
            Action::ToggleDictionary => self.dictionary_unfolded = !self.dictionary_unfolded,
            Action::Start => {
                let start = self.doc.paragraphs.first().map_or(0, |p| p.start);
                self.link_to(start);
                self.selected = self.words.first().copied();
                self.scroll = 0;
                self.ensure_selection_visible();
            }
            Action::End => {
                let end = self
                    .doc
                    .paragraphs
                    .last()
                    .map_or(0, |p| p.end.saturating_sub(1));
                self.link_to(end);
                self.selected = self.words.last().copied();
                self.cover_selection();
                self.scroll = self.max_scroll();
                self.ensure_selection_visible();
            }
            Action::Click { column, row } => self.click(*column, *row),
            Action::SearchStart => {
                self.mode = Mode::Search;
                self.query.clear();
            }
            Action::SearchNext => self.search_last(true),
            Action::SearchPrev => self.search_last(false),
            Action::ToggleTranslation => {
                self.side = match self.side {
                    SidePane::Card => SidePane::Translation,
                    SidePane::Translation => SidePane::Card,
                };
            }
            Action::ToggleHelp => {
                self.mode = Mode::Help;
                self.help_scroll = 0;
            }
            Action::SetStatus(status) => {
                if let Some(term) = self.selected_term() {
                    return vec![Effect::SetStatus {
                        term,
                        status: *status,
                    }];
                }
            }
            Action::MarkAllKnown => return self.ask_mark_known(false),
            Action::MarkScreenKnown => return self.ask_mark_known(true),
            Action::Undo => return vec![Effect::Undo],
            Action::SpanStart => self.start_span(),
            Action::AddEntry => self.open_add_form(),
            Action::EditEntry => self.open_edit_form(),
            Action::Speak | Action::SpeakSentence => {
                let text = if *action == Action::Speak {
                    pronounce::term_to_speak(self)
                } else {
                    pronounce::sentence_to_speak(self)
                };
                match self.pronunciations.speak(text) {
                    Ok(effect) => return effect.into_iter().collect(),
                    Err(message) => self.message = Some(message.to_string()),
                }
            }
            _ => {}
        }
        Vec::new()
    }

    /// Pasted text goes into the search prompt or the form's field, on one line; anywhere
    /// else it is ignored, so that a paste never works as keys (a question is not answered).
    fn paste(&mut self, text: &str) {
        let line = super::paste::one_line(text);
        match (self.mode, self.form.as_mut()) {
            (Mode::Search, _) => self.query.push_str(&line),
            (Mode::Form, Some(form)) => line.chars().for_each(|c| form.input(c)),
            _ => self.message = Some(strings::PASTE_IGNORED.to_string()),
        }
    }

    pub fn glossary(&self) -> &Glossary {
        self.linker.glossary()
    }

    /// Whether the screen may use colour.
    pub fn colors(&self) -> bool {
        self.colors
    }

    /// The word stops, link spans and terms of a new analysis.
    fn index_analysis(&mut self) {
        let (words, link_spans) = index(&self.analysis);
        self.words = words;
        self.link_spans = link_spans;
        self.terms = Terms::build(
            &self.text,
            &self.analysis,
            self.linker.glossary(),
            &self.sources,
        );
    }

    /// Links the text again with a changed glossary, keeping the selection where it was. A
    /// long text is linked again around the selection only, as when it opened, and the effect
    /// asks for the whole text to be linked on a thread: the reader does not wait for a book.
    fn relink(&mut self, glossary: Glossary) -> Option<Effect> {
        let offset = self.selection_start();
        self.linker = Linker::new(glossary);
        let around = offset.unwrap_or(self.doc.body.start);
        self.partial = preview::preview_window(&self.doc, around);
        self.analysis = match &self.partial {
            Some(window) => preview::analyze_window(&self.linker, &self.doc, window),
            None => self.linker.analyze(&self.doc),
        };
        self.index_analysis();
        self.selected = offset
            .and_then(|o| self.token_at_or_after(o))
            .or_else(|| self.first_link_token())
            .or_else(|| self.words.first().copied());
        self.index_statuses();
        self.ensure_selection_visible();
        self.partial.is_some().then_some(Effect::LinkWhole)
    }

    pub fn doc(&self) -> &Document {
        &self.doc
    }

    /// The document, as the thread that links it whole shares it.
    pub fn shared_doc(&self) -> Arc<Document> {
        Arc::clone(&self.doc)
    }

    /// The linker of the glossary as it is now.
    pub fn linker(&self) -> &Linker {
        &self.linker
    }

    /// The text as drawn: the source with line breaks made spaces, same byte offsets.
    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn analysis(&self) -> &Analysis {
        &self.analysis
    }

    pub fn entry(&self, index: usize) -> Option<&Entry> {
        self.linker.glossary().entries.get(index)
    }

    pub fn translation(&self) -> Option<&Translation> {
        self.translation.as_ref()
    }

    pub fn keymap(&self) -> &Keymap {
        &self.keymap
    }

    pub fn mode(&self) -> Mode {
        self.mode
    }

    pub fn side(&self) -> SidePane {
        self.side
    }

    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }

    pub fn link(&self, index: usize) -> Option<&Link> {
        self.analysis.links.get(index)
    }
}

#[cfg(test)]
mod tests {
    use crate::tui::action::Action;
    use crate::tui::reader::testing::*;
    use crate::tui::reader::*;

    #[test]
    fn t_toggles_between_card_and_translation() {
        let mut s = state(120, 40);
        assert_eq!(s.side(), SidePane::Card);
        s.update(Action::ToggleTranslation);
        assert_eq!(s.side(), SidePane::Translation);
        s.update(Action::ToggleTranslation);
        assert_eq!(s.side(), SidePane::Card);
    }

    #[test]
    fn redraw_only_when_something_changed() {
        let mut s = state(120, 40);
        assert!(s.take_redraw());
        assert!(!s.take_redraw());
        s.update(Action::ScrollUp); // already at the top
        assert!(!s.take_redraw());
        s.update(Action::NextTerm);
        assert!(s.take_redraw());
        s.update(Action::Resize {
            width: 120,
            height: 40,
        });
        assert!(s.take_redraw());
    }
}
