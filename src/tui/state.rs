//! Everything the reader knows, and the one way it changes: [`AppState::update`]. No I/O here.

use super::action::{Action, Effect, LookedUp, SavedEntry, StatusSnapshot};
use super::dictionary::{DictQuery, Looked, SharedDictionaries, is_compound_part};
use super::find::find_all;
use super::form::EntryForm;
use super::keymap::{Keymap, Mode};
use super::layout::{AppLayout, layout};
use super::pronounce::{self, Pronunciations, Speech};
use super::strings;
use super::ui;
use super::wrap::{Wrapped, flatten};
use crate::de::inflect::PARTICLES;
use crate::de::sentence::split_clauses;
use crate::de::token::TokenKind;
use crate::glossary::{Entry, Gender, Glossary, Pos};
use crate::learner::{Status, Store, TextStats, new_terms, term_of, term_statuses, text_stats};
use crate::link::{Analysis, Link, Linker};
use crate::terms::{Sources, Terms};
use crate::text::{Alignment, Document};
use ratatui::layout::{Rect, Size};
use rustc_hash::FxHashMap;
use std::ops::Range;
use unicode_width::UnicodeWidthChar;

/// Lines the mouse wheel scrolls at a time.
const WHEEL_LINES: usize = 3;
/// Context lines kept between the selection and the pane's edge when the view follows it.
const SCROLL_MARGIN: usize = 2;

/// The offline dictionaries, as far as the reader knows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DictionaryState {
    /// None were asked for (a state made without a session).
    Off,
    /// Being opened: the dictionary whose index is being built and how far, once one is.
    Opening(Option<(String, u8)>),
    /// Open (possibly none: nothing installed).
    Ready(SharedDictionaries),
}

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

/// The words chosen for a new entry, and the cursor that adds or removes them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    /// Word tokens, in text order; never empty.
    tokens: Vec<usize>,
}

impl Span {
    pub fn tokens(&self) -> &[usize] {
        &self.tokens
    }

    fn contains(&self, token: usize) -> bool {
        self.tokens.binary_search(&token).is_ok()
    }

    fn insert(&mut self, token: usize) {
        if let Err(i) = self.tokens.binary_search(&token) {
            self.tokens.insert(i, token);
        }
    }

    /// Takes a token out, unless it is the last one left.
    fn remove(&mut self, token: usize) -> bool {
        match self.tokens.binary_search(&token) {
            Ok(i) if self.tokens.len() > 1 => {
                self.tokens.remove(i);
                true
            }
            _ => false,
        }
    }
}

/// What a new entry's form starts with: what the card knows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Suggestion {
    pub headword: String,
    pub english: Option<String>,
    pub pos: Option<Pos>,
    pub gender: Option<Gender>,
    pub plural: Option<String>,
}

/// The reader's state.
#[derive(Debug, Clone)]
pub struct AppState {
    doc: Document,
    /// `doc.source` with line breaks made spaces (same byte offsets): what is wrapped and searched.
    text: String,
    linker: Linker,
    analysis: Analysis,
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
    /// The status of each term (indexed like `terms.keys()`), each link and each token, from
    /// `statuses`.
    term_status: Vec<Status>,
    link_status: Vec<Status>,
    token_status: Vec<Status>,
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
    palette: ui::theme::Palette,
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

impl AppState {
    /// Analyzes the text (and its translation) and wraps it for a terminal of `viewport` size.
    /// The first linked term is selected. Every term is new until [`Action::Statuses`] says
    /// otherwise.
    pub fn new(
        doc: Document,
        translation: Option<Document>,
        linker: Linker,
        viewport: Size,
    ) -> AppState {
        let analysis = linker.analyze(&doc);
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
        let wrapped = Wrapped::for_document(&text, &doc, text_width);
        let message = doc.notice.clone();
        let mut state = AppState {
            doc,
            text,
            linker,
            analysis,
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
            link_status: Vec::new(),
            token_status: Vec::new(),
            statuses_read: false,
            resolving: None,
            mark_scope: None,
            stats: None,
            span: None,
            form: None,
            colors: true,
            palette: ui::theme::Palette::default(),
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
        if resized || self.dictionary_unfolded != before.dictionary_unfolded {
            self.card_scroll = self.card_scroll.min(ui::card::max_scroll(self));
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

    /// Selects the token at a byte offset saved earlier (or the next word after it) and scrolls
    /// it into view, a third of the way down the pane.
    pub fn resume_at(&mut self, offset: usize) {
        let Some(token) = self.token_at_or_after(offset) else {
            return;
        };
        self.selected = Some(token);
        if let Some((first, _)) = self.selection_lines() {
            self.scroll = first
                .saturating_sub(self.text_height() / 3)
                .min(self.max_scroll());
        }
        self.ensure_selection_visible();
        self.needs_redraw = true;
    }

    /// The dictionaries are being opened: the status bar says so until they are ready.
    pub fn expect_dictionaries(&mut self) {
        self.dictionaries = DictionaryState::Opening(None);
        self.needs_redraw = true;
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
    pub fn set_keys_and_colors(&mut self, keymap: Keymap, palette: ui::theme::Palette) {
        self.keymap = keymap;
        self.palette = palette;
        self.needs_redraw = true;
    }

    /// The colours drawn with.
    pub fn palette(&self) -> &ui::theme::Palette {
        &self.palette
    }

    fn view_key(&self) -> ViewKey {
        ViewKey {
            resolving: self.resolving,
            selected: self.selected,
            scroll: self.scroll,
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
            Mode::Confirm => {
                self.mode = Mode::Normal;
                if action == Action::Confirm {
                    return vec![Effect::MarkNewKnown(self.mark_scope.take())];
                }
            }
        }
        Vec::new()
    }

    /// What the event loop reports back: saved, read again, or failed.
    fn apply_feedback(&mut self, action: Action) -> Vec<Effect> {
        match action {
            Action::Statuses(snapshot) => {
                let StatusSnapshot { statuses, filed } = *snapshot;
                self.statuses = statuses;
                self.statuses_read = true;
                let refiled = filed != self.sources.filed;
                if refiled {
                    // Forms filed meanwhile (here or by another reader) change their terms.
                    self.sources.filed = filed;
                    self.resolve_terms();
                }
                self.index_statuses();
                if self.mode == Mode::Confirm && self.new_term_count() == 0 {
                    self.mode = Mode::Normal;
                    self.message = Some(strings::NO_NEW_TERMS.to_string());
                }
                if refiled {
                    return vec![Effect::LoadStatuses];
                }
            }
            Action::TermsResolved(found) => {
                self.resolving = self.resolving.and_then(|(done, total)| {
                    let done = done + found.len();
                    (done < total).then_some((done, total))
                });
                for (form, headword) in found {
                    self.sources.dictionary.insert(form, headword);
                }
                self.resolve_terms();
                // The statuses read hold every term's, new headwords' too.
                self.index_statuses();
            }
            Action::EntrySaved(saved) => {
                let SavedEntry {
                    glossary,
                    headword,
                    path,
                } = *saved;
                self.relink(glossary);
                self.form = None;
                self.span = None;
                self.mode = Mode::Normal;
                self.message = Some(strings::saved_entry(&headword, &path));
                // The text's terms changed: their statuses must be read again.
                let mut effects = vec![Effect::LoadStatuses];
                if self.dictionaries().is_some_and(|d| !d.0.is_empty()) {
                    let forms = self.terms.unasked(&self.sources, 0);
                    if !forms.is_empty() {
                        self.resolving = Some((0, forms.len()));
                        effects.push(Effect::ResolveTerms(forms));
                    }
                }
                return effects;
            }
            Action::Failed(message) | Action::Notice(message) => {
                // The status bar is one line.
                let line = message.lines().collect::<Vec<_>>().join(" · ");
                self.message = Some(crate::text::terminal_safe(&line).into_owned());
            }
            Action::DictionaryProgress { name, percent } => {
                if matches!(self.dictionaries, DictionaryState::Opening(_)) {
                    self.dictionaries = DictionaryState::Opening(Some((name, percent)));
                    self.data_version += 1;
                }
            }
            Action::DictionariesReady(dicts) => {
                let any = !dicts.0.is_empty();
                self.dictionaries = DictionaryState::Ready(dicts);
                self.looked_up.clear();
                self.data_version += 1;
                let first = self.first_token_on_screen().unwrap_or(0);
                let forms = self.terms.unasked(&self.sources, first);
                if any && !forms.is_empty() {
                    self.resolving = Some((0, forms.len()));
                    return vec![Effect::ResolveTerms(forms)];
                }
            }
            Action::LookedUp(result) => {
                let LookedUp { query, looked } = *result;
                self.looked_up.insert(query, looked);
                self.data_version += 1;
            }
            Action::Pronounced(results) => {
                self.pronunciations.receive(results);
                self.data_version += 1;
            }
            Action::SpeechEnded => self.pronunciations.ended(),
            _ => {}
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
                self.selected = self.words.first().copied();
                self.scroll = 0;
                self.ensure_selection_visible();
            }
            Action::End => {
                self.selected = self.words.last().copied();
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
            Action::MarkAllKnown | Action::MarkScreenKnown => {
                self.mark_scope = if *action == Action::MarkScreenKnown {
                    Some(self.tokens_on_screen())
                } else {
                    None
                };
                if self.new_term_count() == 0 {
                    self.message = Some(strings::NO_NEW_TERMS.to_string());
                } else {
                    self.mode = Mode::Confirm;
                    // The count asked about includes what another reader marked meanwhile.
                    return vec![Effect::LoadStatuses];
                }
            }
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

    fn apply_search(&mut self, action: &Action) {
        match action {
            Action::SearchInput(c) => self.query.push(*c),
            Action::SearchBackspace => {
                self.query.pop();
            }
            Action::SearchSubmit => {
                self.mode = Mode::Normal;
                let typed = std::mem::take(&mut self.query);
                if !typed.is_empty() {
                    self.last_query = Some(typed);
                }
                self.search_last(true);
            }
            Action::Cancel => {
                self.mode = Mode::Normal;
                self.query.clear();
            }
            _ => {}
        }
    }

    fn apply_help(&mut self, action: &Action) {
        let max = ui::help::max_scroll(&self.keymap, self.area());
        match action {
            Action::ScrollDown => self.help_scroll = (self.help_scroll + 1).min(max),
            Action::ScrollUp => self.help_scroll = self.help_scroll.saturating_sub(1),
            Action::PageDown => self.help_scroll = (self.help_scroll + self.help_page()).min(max),
            Action::PageUp => self.help_scroll = self.help_scroll.saturating_sub(self.help_page()),
            Action::Start => self.help_scroll = 0,
            Action::End => self.help_scroll = max,
            Action::Wheel { down: true, .. } => {
                self.help_scroll = (self.help_scroll + WHEEL_LINES).min(max);
            }
            Action::Wheel { down: false, .. } => {
                self.help_scroll = self.help_scroll.saturating_sub(WHEEL_LINES);
            }
            Action::Cancel | Action::ToggleHelp => self.mode = Mode::Normal,
            _ => {}
        }
    }

    /// Lines the help scrolls by a page: those it shows, less one kept for context.
    fn help_page(&self) -> usize {
        let shown = ui::help::help_area(&self.keymap, self.area()).height;
        usize::from(shown.saturating_sub(3)).max(1)
    }

    fn apply_span(&mut self, action: &Action) {
        match action {
            Action::NextWord => self.move_cursor(true),
            Action::PrevWord => self.move_cursor(false),
            Action::SpanToggle => {
                if let (Some(span), Some(cursor)) = (self.span.as_mut(), self.selected) {
                    if span.contains(cursor) {
                        span.remove(cursor);
                    } else {
                        span.insert(cursor);
                    }
                }
            }
            Action::SpanExtend => {
                let last = self.span.as_ref().and_then(|s| s.tokens.last().copied());
                let next = last.and_then(|l| self.words.iter().copied().find(|&t| t > l));
                if let (Some(span), Some(next)) = (self.span.as_mut(), next) {
                    span.insert(next);
                    self.selected = Some(next);
                    self.ensure_selection_visible();
                }
            }
            Action::SpanShrink => {
                if let Some(span) = self.span.as_mut()
                    && let Some(&last) = span.tokens.last()
                    && span.remove(last)
                {
                    self.selected = span.tokens.last().copied();
                    self.ensure_selection_visible();
                }
            }
            Action::AddEntry => {
                let tokens = self.span.as_ref().map(|s| s.tokens.clone());
                if let Some(tokens) = tokens {
                    let suggestion = self.suggest(&tokens);
                    self.form = Some(EntryForm::suggested(&suggestion));
                    self.mode = Mode::Form;
                }
            }
            Action::Cancel => {
                self.span = None;
                self.mode = Mode::Normal;
            }
            _ => {}
        }
    }

    fn apply_form(&mut self, action: &Action) -> Vec<Effect> {
        let Some(form) = self.form.as_mut() else {
            self.mode = Mode::Normal;
            return Vec::new();
        };
        match action {
            Action::FormInput(c) => form.input(*c),
            Action::FormBackspace => form.backspace(),
            Action::FormClear => form.clear(),
            Action::FormNextField => form.next_field(),
            Action::FormPrevField => form.prev_field(),
            Action::FormSubmit => match form.entry() {
                // The form stays open until the entry is saved, so a failed save loses nothing.
                Ok(entry) => {
                    return vec![Effect::SaveEntry {
                        original: form.original().map(|e| e.de.clone()),
                        entry,
                    }];
                }
                Err((field, message)) => {
                    form.focus_on(field);
                    self.message = Some(message);
                }
            },
            Action::Cancel => {
                self.form = None;
                self.span = None;
                self.mode = Mode::Normal;
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

    // ----- statuses and entries -----

    /// The key the selection's status is kept under: its term's headword (an entry's, the
    /// one the word is filed under, or the word itself in lower case).
    pub fn selected_term(&self) -> Option<String> {
        match self.selected_link().and_then(|l| self.link(l)) {
            Some(link) => term_of(self.linker.glossary(), link).map(str::to_string),
            None => self.terms.term_of_token(self.selected?).map(str::to_string),
        }
    }

    /// Every word's term.
    pub fn terms(&self) -> &Terms {
        &self.terms
    }

    /// The statuses of this text's terms and the forms filed under headwords, read from the
    /// store (no I/O: the store keeps them in memory).
    /// Every status the store keeps is taken: a learner has far fewer than a book has forms,
    /// and a term that appears later (a headword found) needs no second read.
    pub fn read_statuses(&self, store: &Store) -> StatusSnapshot {
        let statuses = store.statuses().map(|(k, s)| (k.to_string(), s)).collect();
        let filed = store
            .filings()
            .map(|(f, t)| (f.to_string(), t.to_string()))
            .collect();
        StatusSnapshot { statuses, filed }
    }

    /// A term's status as last read.
    pub fn status(&self, term: &str) -> Status {
        self.statuses.get(term).copied().unwrap_or_default()
    }

    pub fn link_status(&self, link: usize) -> Status {
        self.link_status.get(link).copied().unwrap_or_default()
    }

    /// The status of a token's term.
    pub fn token_status(&self, token: usize) -> Status {
        self.token_status.get(token).copied().unwrap_or_default()
    }

    /// The status of the selection (its term, or its word).
    pub fn selected_status(&self) -> Option<Status> {
        self.selected_term().map(|t| self.status(&t))
    }

    pub fn stats(&self) -> Option<&TextStats> {
        self.stats.as_ref()
    }

    /// How many terms the open question would mark known.
    pub fn confirm_count(&self) -> usize {
        self.new_term_count()
    }

    /// Whether the open question is about the whole text (else the screen).
    pub fn confirm_whole_text(&self) -> bool {
        self.mark_scope.is_none()
    }

    /// Terms still new in what the question is about, each counted once.
    fn new_term_count(&self) -> usize {
        new_terms(&self.terms, &self.term_status, self.mark_scope.as_ref()).len()
    }

    /// The tokens of the lines on screen.
    fn tokens_on_screen(&self) -> Range<usize> {
        let lines = &self.wrapped.lines;
        let first = lines.get(self.scroll).map_or(0, |r| r.start);
        let last = lines
            .get(
                (self.scroll + self.text_height())
                    .min(lines.len())
                    .saturating_sub(1),
            )
            .map_or(0, |r| r.end);
        let tokens = &self.analysis.tokens;
        let start = tokens.partition_point(|t| t.end <= first);
        let end = tokens.partition_point(|t| t.start < last);
        start..end.max(start)
    }

    /// The first token on screen.
    fn first_token_on_screen(&self) -> Option<usize> {
        let range = self.tokens_on_screen();
        (range.start < self.analysis.tokens.len()).then_some(range.start)
    }

    /// Resolves the words' terms again from the sources, keeping the analysis.
    fn resolve_terms(&mut self) {
        self.terms
            .resolve(&self.analysis, self.linker.glossary(), &self.sources);
    }

    /// Looks each term's, link's and token's status up once, so that drawing only indexes.
    fn index_statuses(&mut self) {
        let statuses = &self.statuses;
        self.term_status = term_statuses(&self.terms, |k| {
            statuses.get(k).copied().unwrap_or_default()
        });
        let terms = &self.terms;
        let term_status = &self.term_status;
        let status_of = |t: usize| terms.term_id(t).map_or(Status::New, |i| term_status[i]);
        self.link_status = self
            .analysis
            .links
            .iter()
            .map(|l| l.tokens.first().map_or(Status::New, |&t| status_of(t)))
            .collect();
        self.token_status = (0..self.analysis.tokens.len()).map(status_of).collect();
        if self.statuses_read {
            self.stats = Some(text_stats(&self.terms, &self.term_status));
        }
        self.data_version += 1;
    }

    pub fn glossary(&self) -> &Glossary {
        self.linker.glossary()
    }

    pub fn span(&self) -> Option<&Span> {
        self.span.as_ref()
    }

    pub fn form(&self) -> Option<&EntryForm> {
        self.form.as_ref()
    }

    /// Whether the screen may use colour.
    pub fn colors(&self) -> bool {
        self.colors
    }

    fn start_span(&mut self) {
        let Some(selected) = self.selected else {
            return;
        };
        let tokens = match self.selected_link().and_then(|l| self.link(l)) {
            Some(link) => link.tokens.clone(),
            None => vec![selected],
        };
        self.span = Some(Span { tokens });
        self.mode = Mode::Span;
    }

    /// Moves the span's cursor to the next (or previous) word.
    fn move_cursor(&mut self, forward: bool) {
        let Some(cur) = self.selected else { return };
        let target = if forward {
            self.words.iter().copied().find(|&t| t > cur)
        } else {
            self.words.iter().rev().copied().find(|&t| t < cur)
        };
        if let Some(t) = target {
            self.selected = Some(t);
            self.ensure_selection_visible();
        }
    }

    fn open_add_form(&mut self) {
        let suggestion = match self.selected_link().and_then(|l| self.link(l)) {
            Some(link) => self
                .linker
                .glossary()
                .entries
                .get(link.entry)
                .map(|e| Suggestion {
                    headword: e.de.clone(),
                    ..Suggestion::default()
                }),
            None => self
                .selected
                .filter(|&t| {
                    self.analysis.tokens.get(t).is_some_and(|t| {
                        matches!(t.kind, TokenKind::Word | TokenKind::Abbreviation)
                    })
                })
                .map(|t| self.suggest(&[t])),
        };
        let Some(suggestion) = suggestion else {
            self.message = Some(strings::NOT_A_WORD.to_string());
            return;
        };
        self.form = Some(EntryForm::suggested(&suggestion));
        self.mode = Mode::Form;
    }

    fn open_edit_form(&mut self) {
        let entry = self
            .selected_link()
            .and_then(|l| self.link(l))
            .and_then(|l| self.entry(l.entry));
        match entry {
            Some(entry) => {
                self.form = Some(EntryForm::edit(entry));
                self.mode = Mode::Form;
            }
            None => self.message = Some(strings::NOTHING_TO_EDIT.to_string()),
        }
    }

    /// What a new entry for these words starts with. For one word the dictionaries answer: the
    /// first answer's headword, its first sense up to the first `;`, its part of speech, and a
    /// noun's gender and plural. Otherwise the words in text order, each in lower case unless it
    /// is capitalized inside its sentence (a noun or a name).
    pub fn suggest(&self, tokens: &[usize]) -> Suggestion {
        let answer = match tokens {
            [token] => self
                .word_query(*token)
                .and_then(|q| self.looked_up.get(&q))
                .and_then(|l| l.answers.first())
                // A compound's part is not the word's headword.
                .filter(|a| !is_compound_part(a)),
            _ => None,
        };
        if let Some(answer) = answer {
            let english = answer
                .senses
                .first()
                .and_then(|s| s.text.split(';').next())
                .map(str::trim)
                .filter(|e| !e.is_empty())
                .map(str::to_string);
            let pos = answer.senses.first().and_then(|s| Pos::from_key(&s.pos));
            let noun = pos == Some(Pos::Noun);
            return Suggestion {
                headword: answer.lemma.clone(),
                english,
                pos,
                gender: answer
                    .gender
                    .as_deref()
                    .filter(|_| noun)
                    .and_then(Gender::from_key),
                plural: answer.plural.clone().filter(|_| noun),
            };
        }
        let words: Vec<String> = tokens
            .iter()
            .filter_map(|&t| {
                let word = self.analysis.tokens.get(t)?.text(&self.text);
                let starts_capitalized = word.chars().next().is_some_and(char::is_uppercase);
                Some(if starts_capitalized && !self.starts_sentence(t) {
                    word.to_string()
                } else {
                    word.to_lowercase()
                })
            })
            .collect();
        Suggestion {
            headword: words.join(" "),
            ..Suggestion::default()
        }
    }

    // ----- the dictionaries -----

    pub fn dictionary_state(&self) -> &DictionaryState {
        &self.dictionaries
    }

    /// The dictionaries, once open.
    pub fn dictionaries(&self) -> Option<&SharedDictionaries> {
        match &self.dictionaries {
            DictionaryState::Ready(d) => Some(d),
            _ => None,
        }
    }

    /// What the status bar says while the dictionaries open.
    pub fn dictionary_status(&self) -> Option<String> {
        match &self.dictionaries {
            DictionaryState::Opening(None) => Some(strings::DICT_OPENING.to_string()),
            DictionaryState::Opening(Some((name, percent))) => {
                Some(strings::dict_indexing(name, *percent))
            }
            DictionaryState::Ready(_) => self
                .resolving
                .map(|(done, total)| strings::finding_headwords(done * 100 / total.max(1))),
            DictionaryState::Off => None,
        }
    }

    /// Whether a glossary entry's card shows the dictionaries' answers unfolded.
    pub fn dictionary_unfolded(&self) -> bool {
        self.dictionary_unfolded
    }

    /// What the dictionaries answered to a query, once asked.
    pub fn looked_up(&self, query: &DictQuery) -> Option<&Looked> {
        self.looked_up.get(query)
    }

    /// What the card asks the dictionaries: for a glossary term its entry's headword, for a
    /// word (or a span of one word) the word.
    pub fn dictionary_query(&self) -> Option<DictQuery> {
        if let Some(span) = &self.span {
            return match span.tokens() {
                [token] => self.word_query(*token),
                _ => None,
            };
        }
        if let Some(link) = self.selected_link().and_then(|l| self.link(l)) {
            let entry = self.entry(link.entry)?;
            return Some(DictQuery {
                word: entry.de.clone(),
                particle: None,
                pos: entry.pos.map(|p| p.as_str().to_string()),
                // A headword's capital is its own.
                sentence_start: false,
            });
        }
        self.word_query(self.selected?)
    }

    /// The query for a word of the text: a word capitalized inside its sentence is a noun; any
    /// other may be a finite verb whose particle ends the clause (`kündigte … an`), because the
    /// linker splits verbs only for glossary entries.
    pub fn word_query(&self, token: usize) -> Option<DictQuery> {
        let t = self.analysis.tokens.get(token)?;
        if !matches!(t.kind, TokenKind::Word | TokenKind::Abbreviation) {
            return None;
        }
        let word = t.text(&self.text);
        let sentence_start = self.starts_sentence(token);
        let noun = crate::de::is_capitalized(word) && !sentence_start;
        Some(DictQuery {
            word: word.to_string(),
            particle: if noun {
                None
            } else {
                self.clause_end_particle(token)
            },
            pos: noun.then(|| "noun".to_string()),
            sentence_start,
        })
    }

    /// The separable particle that ends a token's clause, when it is a word after the token.
    fn clause_end_particle(&self, token: usize) -> Option<String> {
        let sentence = self
            .analysis
            .sentences
            .get(self.analysis.sentence_of_token(token)?)?;
        let tokens = &self.analysis.tokens;
        let clause = split_clauses(&self.text, tokens, sentence.tokens.clone())
            .into_iter()
            .find(|c| c.contains(&token))?;
        let last = clause.rev().find(|&t| tokens[t].is_word())?;
        if last <= token {
            return None;
        }
        let word = tokens[last].text(&self.text).to_lowercase();
        PARTICLES.contains(&word.as_str()).then_some(word)
    }

    /// The selection's query, when the dictionaries are open and have not been asked yet.
    fn missing_lookup(&self) -> Option<DictQuery> {
        self.dictionaries()?;
        self.dictionary_query()
            .filter(|q| !self.looked_up.contains_key(q))
    }

    /// The first card line on screen.
    pub fn card_scroll(&self) -> usize {
        self.card_scroll
    }

    fn scroll_card(&mut self, lines: usize, down: bool) {
        self.card_scroll = if down {
            (self.card_scroll + lines).min(ui::card::max_scroll(self))
        } else {
            self.card_scroll.saturating_sub(lines)
        };
    }

    /// Whether a token is the first word of its sentence.
    fn starts_sentence(&self, token: usize) -> bool {
        let Some(sentence) = self
            .analysis
            .sentence_of_token(token)
            .and_then(|s| self.analysis.sentences.get(s))
        else {
            return false;
        };
        sentence
            .tokens
            .clone()
            .find(|&t| self.analysis.tokens[t].is_word())
            == Some(token)
    }

    /// Links the text again with a changed glossary, keeping the selection where it was.
    fn relink(&mut self, glossary: Glossary) {
        let offset = self.selection_start();
        self.linker = Linker::new(glossary);
        self.analysis = self.linker.analyze(&self.doc);
        let (words, link_spans) = index(&self.analysis);
        self.words = words;
        self.link_spans = link_spans;
        self.terms = Terms::build(
            &self.text,
            &self.analysis,
            self.linker.glossary(),
            &self.sources,
        );
        self.selected = offset
            .and_then(|o| self.token_at_or_after(o))
            .or_else(|| self.first_link_token())
            .or_else(|| self.words.first().copied());
        self.index_statuses();
        self.ensure_selection_visible();
    }

    /// The token that holds a byte offset, or the next word after it.
    fn token_at_or_after(&self, offset: usize) -> Option<usize> {
        let tokens = &self.analysis.tokens;
        let t = tokens.partition_point(|t| t.end <= offset);
        let selectable = |i: usize| {
            self.analysis.token_link.get(i).copied().flatten().is_some()
                || tokens.get(i).is_some_and(|tok| {
                    matches!(
                        tok.kind,
                        TokenKind::Word | TokenKind::Number | TokenKind::Abbreviation
                    )
                })
        };
        (t..tokens.len()).find(|&i| selectable(i))
    }
    // ----- what the views read -----

    pub fn doc(&self) -> &Document {
        &self.doc
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

    pub fn viewport(&self) -> Size {
        self.viewport
    }

    pub fn area(&self) -> Rect {
        Rect::from(self.viewport)
    }

    pub fn layout(&self) -> AppLayout {
        layout(self.area())
    }

    /// The text wrapped to the text pane's width.
    pub fn wrapped(&self) -> &Wrapped {
        &self.wrapped
    }

    /// The first wrapped line on screen.
    pub fn scroll(&self) -> usize {
        self.scroll
    }

    pub fn mode(&self) -> Mode {
        self.mode
    }

    pub fn side(&self) -> SidePane {
        self.side
    }

    /// What is typed at the search prompt.
    pub fn query(&self) -> &str {
        &self.query
    }

    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }

    pub fn help_scroll(&self) -> usize {
        self.help_scroll
    }

    pub fn selected_token(&self) -> Option<usize> {
        self.selected
    }

    /// The link the selection belongs to, if it is a linked term (never while a span is
    /// chosen: the span is the selection then).
    pub fn selected_link(&self) -> Option<usize> {
        if self.span.is_some() {
            return None;
        }
        self.analysis
            .token_link
            .get(self.selected?)
            .copied()
            .flatten()
    }

    pub fn link(&self, index: usize) -> Option<&Link> {
        self.analysis.links.get(index)
    }

    /// The byte spans of the selection: the words of a span being chosen, every part of a
    /// linked term, or the selected word.
    pub fn selected_spans(&self) -> Vec<Range<usize>> {
        if let Some(span) = &self.span {
            return self.token_ranges(&span.tokens);
        }
        if let Some(link) = self.selected_link().and_then(|l| self.link(l)) {
            return link.spans.clone();
        }
        self.selected
            .and_then(|t| self.analysis.tokens.get(t))
            .map(|t| std::iter::once(t.start..t.end).collect())
            .unwrap_or_default()
    }

    fn token_ranges(&self, tokens: &[usize]) -> Vec<Range<usize>> {
        tokens
            .iter()
            .filter_map(|&t| self.analysis.tokens.get(t))
            .map(|t| t.start..t.end)
            .collect()
    }

    /// Tokens that overlap `range` and belong to no link, in text order: (token, its range).
    pub fn unlinked_tokens_in(
        &self,
        range: Range<usize>,
    ) -> impl Iterator<Item = (usize, Range<usize>)> + '_ {
        let tokens = &self.analysis.tokens;
        let first = tokens.partition_point(|t| t.end <= range.start);
        tokens[first..]
            .iter()
            .enumerate()
            .take_while(move |(_, t)| t.start < range.end)
            .map(move |(i, t)| (first + i, t.start..t.end))
            .filter(|(i, _)| {
                self.analysis
                    .token_link
                    .get(*i)
                    .copied()
                    .flatten()
                    .is_none()
                    && self.terms.term_id(*i).is_some()
            })
    }

    /// The span cursor's byte range, while a span is chosen.
    pub fn span_cursor(&self) -> Option<Range<usize>> {
        self.span.as_ref()?;
        self.token_ranges(&[self.selected?]).pop()
    }

    /// What the view must keep on screen: the span cursor, else the selection.
    fn focus_spans(&self) -> Vec<Range<usize>> {
        match self.span_cursor() {
            Some(cursor) => vec![cursor],
            None => self.selected_spans(),
        }
    }

    /// Link spans that overlap `range`, in text order: (span, link).
    pub fn link_spans_in(
        &self,
        range: Range<usize>,
    ) -> impl Iterator<Item = &(Range<usize>, usize)> {
        let first = self
            .link_spans
            .partition_point(|(s, _)| s.end <= range.start);
        self.link_spans[first..]
            .iter()
            .take_while(move |(s, _)| s.start < range.end)
    }

    /// The sentence the selection stands in.
    pub fn selected_sentence(&self) -> Option<usize> {
        match self.selected_link().and_then(|l| self.link(l)) {
            Some(link) => Some(link.sentence),
            None => self.analysis.sentence_of_token(self.selected?),
        }
    }

    /// (1-based number of the word at or before the selection, number of words, percent read).
    pub fn position(&self) -> (Option<usize>, usize, usize) {
        let words = self.words.len();
        let Some(span) = self.selected_spans().first().cloned() else {
            return (None, words, 0);
        };
        let tokens = &self.analysis.tokens;
        let word = self
            .words
            .partition_point(|&t| tokens[t].start <= span.start);
        let body = self.doc.body.clone();
        let read = span.end.saturating_sub(body.start) * 100 / body.len().max(1);
        ((word > 0).then_some(word), words, read.min(100))
    }

    // ----- moving the selection -----

    fn first_link_token(&self) -> Option<usize> {
        self.analysis.links.first()?.tokens.first().copied()
    }

    /// Byte offset of the selection's start.
    fn selection_start(&self) -> Option<usize> {
        Some(self.analysis.tokens.get(self.selected?)?.start)
    }

    /// Moves to the next (or previous) word whose term is new or being learnt: the words the
    /// learner has work to do on. A term of several words is one stop, at its first word.
    fn step_term(&mut self, forward: bool) {
        let current_link = self.selected_link();
        let stop = |t: usize| {
            let first_of_link = match self.analysis.token_link.get(t).copied().flatten() {
                Some(l) => {
                    Some(l) != current_link && self.analysis.links[l].tokens.first() == Some(&t)
                }
                None => true,
            };
            first_of_link
                && self.terms.term_id(t).is_some()
                && matches!(self.token_status(t), Status::New | Status::Learning(_))
        };
        let target = match self.selected {
            None => self.words.iter().copied().find(|&t| stop(t)),
            Some(cur) if forward => self
                .words
                .iter()
                .copied()
                .filter(|&t| t > cur)
                .find(|&t| stop(t)),
            Some(cur) => self
                .words
                .iter()
                .rev()
                .copied()
                .filter(|&t| t < cur)
                .find(|&t| stop(t)),
        };
        if let Some(token) = target {
            self.selected = Some(token);
            self.ensure_selection_visible();
        }
    }

    /// Moves to the next word, stepping over the other words of the selected term
    /// (`zur Kenntnis genommen` is one stop).
    fn step_word(&mut self, forward: bool) {
        let current_link = self.selected_link();
        let differs = |t: &usize| {
            current_link.is_none()
                || self.analysis.token_link.get(*t).copied().flatten() != current_link
        };
        let target = match self.selected {
            None => self.words.first().copied(),
            Some(cur) if forward => self
                .words
                .iter()
                .copied()
                .filter(|&t| t > cur)
                .find(differs),
            Some(cur) => self
                .words
                .iter()
                .rev()
                .copied()
                .filter(|&t| t < cur)
                .find(differs),
        };
        if let Some(t) = target {
            self.selected = Some(t);
            self.ensure_selection_visible();
        }
    }

    fn text_height(&self) -> usize {
        usize::from(self.layout().text.height)
    }

    /// A page keeps two lines of the last screen in view, for context.
    fn page_lines(&self) -> usize {
        self.text_height().saturating_sub(2).max(1)
    }

    fn max_scroll(&self) -> usize {
        self.wrapped.len().saturating_sub(self.text_height())
    }

    /// Lines of the selection's first and last part.
    fn selection_lines(&self) -> Option<(usize, usize)> {
        let spans = self.focus_spans();
        let first = self.wrapped.line_of(spans.first()?.start);
        let end = spans.last()?;
        let last = self
            .wrapped
            .line_of(end.end.saturating_sub(1).max(end.start));
        Some((first, last))
    }

    fn line_in_view(&self, line: usize) -> bool {
        line >= self.scroll && line < self.scroll + self.text_height()
    }

    /// Scrolls so that the selection is on screen, all its parts when they fit, with a margin
    /// of context lines above and below when there is room.
    fn ensure_selection_visible(&mut self) {
        let height = self.text_height();
        let Some((first, last)) = self.selection_lines() else {
            return;
        };
        if height == 0 {
            return;
        }
        let low = if last - first < height { last } else { first };
        let margin = SCROLL_MARGIN.min((height - 1 - (low - first)) / 2);
        let bottom = (low + margin).min(self.wrapped.len().saturating_sub(1));
        if bottom >= self.scroll + height {
            self.scroll = bottom + 1 - height;
        }
        let top = first.saturating_sub(margin);
        if top < self.scroll {
            self.scroll = top;
        }
    }

    /// Scrolls by whole lines; a selection that leaves the screen moves to the first (scrolling
    /// down) or last (scrolling up) term on screen, or word when no term is on screen.
    fn scroll_by(&mut self, lines: usize, down: bool) {
        let target = if down {
            (self.scroll + lines).min(self.max_scroll())
        } else {
            self.scroll.saturating_sub(lines)
        };
        if target == self.scroll {
            return;
        }
        self.scroll = target;
        let visible = self
            .selection_lines()
            .is_some_and(|(first, _)| self.line_in_view(first));
        if !visible {
            self.select_on_screen(down);
        }
    }

    fn select_on_screen(&mut self, first: bool) {
        let on_screen = |start: usize| self.line_in_view(self.wrapped.line_of(start));
        let mut links = self
            .analysis
            .links
            .iter()
            .filter(|l| on_screen(first_start(l)));
        let link = if first {
            links.next()
        } else {
            links.next_back()
        };
        let token = link.and_then(|l| l.tokens.first().copied()).or_else(|| {
            let mut words = self
                .words
                .iter()
                .copied()
                .filter(|&t| on_screen(self.analysis.tokens[t].start));
            if first {
                words.next()
            } else {
                words.next_back()
            }
        });
        if token.is_some() {
            self.selected = token;
        }
    }

    fn resize(&mut self, viewport: Size) {
        let anchor = self.wrapped.lines.get(self.scroll).map(|l| l.start);
        self.viewport = viewport;
        let width = usize::from(self.layout().text.width).max(1);
        if width != self.wrapped.width {
            self.wrapped = Wrapped::for_document(&self.text, &self.doc, width);
        }
        self.scroll = anchor
            .map_or(0, |a| self.wrapped.line_of(a))
            .min(self.max_scroll());
        self.ensure_selection_visible();
        self.help_scroll = self
            .help_scroll
            .min(ui::help::max_scroll(&self.keymap, self.area()));
    }

    /// Selects the word under a click in the text pane.
    fn click(&mut self, column: u16, row: u16) {
        let pane = self.layout().text;
        if !pane.contains((column, row).into()) {
            return;
        }
        let Some(line) = self
            .wrapped
            .lines
            .get(self.scroll + usize::from(row - pane.y))
        else {
            return;
        };
        let wanted = usize::from(column - pane.x);
        let mut col = 0;
        let mut offset = None;
        for (i, c) in self.text[line.clone()].char_indices() {
            col += c.width().unwrap_or(0);
            if col > wanted {
                offset = Some(line.start + i);
                break;
            }
        }
        let Some(offset) = offset else { return };
        let tokens = &self.analysis.tokens;
        let t = tokens.partition_point(|t| t.end <= offset);
        let selectable = tokens.get(t).is_some_and(|tok| {
            tok.start <= offset
                && (self.analysis.token_link[t].is_some()
                    || matches!(
                        tok.kind,
                        TokenKind::Word | TokenKind::Number | TokenKind::Abbreviation
                    ))
        });
        if selectable {
            self.selected = Some(t);
        }
    }

    // ----- search -----

    /// Jumps to the next (or previous) match of the last search, wrapping around the text.
    fn search_last(&mut self, forward: bool) {
        let Some(query) = self.last_query.clone() else {
            self.message = Some(strings::NO_PREVIOUS_SEARCH.to_string());
            return;
        };
        let body = self.doc.body.clone();
        let matches: Vec<Range<usize>> = find_all(&self.text[body.clone()], &query)
            .into_iter()
            .map(|m| body.start + m.start..body.start + m.end)
            .collect();
        if matches.is_empty() {
            self.message = Some(strings::no_match(&query));
            return;
        }
        let pos = self.selection_start();
        let (index, wrapped) = match pos {
            None => (0, false),
            Some(pos) if forward => matches
                .iter()
                .position(|m| m.start > pos)
                .map_or((0, true), |i| (i, false)),
            Some(pos) => matches
                .iter()
                .rposition(|m| m.start < pos)
                .map_or((matches.len() - 1, true), |i| (i, false)),
        };
        self.select_in(matches[index].clone());
        let mut message = strings::match_position(&query, index + 1, matches.len());
        if wrapped {
            message.push_str(strings::SEARCH_WRAPPED);
        }
        self.message = Some(message);
    }

    /// Selects the linked term overlapping a range, else the first word in it (or after it).
    fn select_in(&mut self, range: Range<usize>) {
        let tokens = &self.analysis.tokens;
        let first = tokens.partition_point(|t| t.end <= range.start);
        let overlapping = first
            ..tokens[first..]
                .iter()
                .position(|t| t.start >= range.end)
                .map_or(tokens.len(), |n| first + n);
        let linked = overlapping
            .clone()
            .find(|&t| self.analysis.token_link[t].is_some());
        let word = || self.words.iter().copied().find(|&t| t >= first);
        if let Some(t) = linked.or_else(word) {
            self.selected = Some(t);
            self.ensure_selection_visible();
        }
    }
}

fn first_start(link: &Link) -> usize {
    link.spans.first().map_or(0, |s| s.start)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::glossary::parse;
    use crate::tui::form::Field;
    use std::fmt::Write;

    const GLOSSARY: &str = r#"
[[term]]
de = "Diplomat"
en = "diplomat"
pos = "noun"
gender = "m"

[[term]]
de = "Rat"
en = ["council", "advice"]
pos = "noun"
gender = "m"

[[term]]
de = "Treffen"
en = "meeting"
pos = "noun"
gender = "n"
"#;

    /// Twelve paragraphs, each with linked terms, so that small panes must scroll.
    fn text() -> String {
        let mut s = String::from("+++\ntitle = \"Probe\"\n+++\n\n");
        for i in 0..12 {
            write!(
                s,
                "Absatz {i}: Der Diplomat sprach mit dem Rat\nüber das Treffen. Danach gingen alle nach Hause.\n\n"
            )
            .unwrap();
        }
        s
    }

    fn english() -> String {
        let mut s = String::new();
        for i in 0..12 {
            write!(
                s,
                "Paragraph {i}: The diplomat spoke to the Council about the meeting. Then everyone went home.\n\n"
            )
            .unwrap();
        }
        s
    }

    /// The probe text, with the first linked term selected.
    fn state(width: u16, height: u16) -> AppState {
        let mut s = opened(width, height);
        s.selected = s.first_link_token();
        s.ensure_selection_visible();
        s
    }

    /// The probe text as it opens.
    fn opened(width: u16, height: u16) -> AppState {
        let glossary = parse(GLOSSARY, "test.toml").unwrap();
        let doc = Document::parse("probe.de.txt", text()).unwrap();
        let en = Document::parse("probe.en.txt", english()).unwrap();
        AppState::new(
            doc,
            Some(en),
            Linker::new(glossary),
            Size::new(width, height),
        )
    }

    fn selected_text(s: &AppState) -> String {
        s.selected_spans()
            .iter()
            .map(|r| &s.text()[r.clone()])
            .collect::<Vec<_>>()
            .join(" ")
    }

    fn selection_on_screen(s: &AppState) -> bool {
        let line = s.wrapped().line_of(s.selected_spans()[0].start);
        line >= s.scroll() && line < s.scroll() + usize::from(s.layout().text.height)
    }

    #[test]
    fn opens_on_the_first_word() {
        let s = opened(120, 40);
        assert_eq!(s.selected_link(), None);
        assert_eq!(selected_text(&s), "Absatz");
    }

    /// Every term of the text known but those given.
    fn known_but(s: &AppState, pairs: &[(&str, Status)]) -> Action {
        Action::Statuses(Box::new(StatusSnapshot {
            statuses: s
                .terms()
                .keys()
                .iter()
                .map(|k| {
                    let status = pairs
                        .iter()
                        .find(|(t, _)| t == k)
                        .map_or(Status::Known, |(_, st)| *st);
                    (k.clone(), status)
                })
                .filter(|(_, st)| *st != Status::New)
                .collect(),
            filed: FxHashMap::default(),
        }))
    }

    #[test]
    fn next_and_previous_term_visit_the_new_and_learning_words_in_text_order() {
        let mut s = state(120, 40);
        let snapshot = known_but(
            &s,
            &[("Rat", Status::Learning(1)), ("Treffen", Status::New)],
        );
        s.update(snapshot);
        let mut seen = Vec::new();
        for _ in 0..4 {
            s.update(Action::NextTerm);
            seen.push(selected_text(&s));
        }
        assert_eq!(seen, ["Rat", "Treffen", "Rat", "Treffen"]);
        s.update(Action::PrevTerm);
        assert_eq!(selected_text(&s), "Rat");
        s.update(Action::End);
        let last = s.selected_token();
        s.update(Action::NextTerm);
        assert_eq!(s.selected_token(), last, "nothing after the last one");
    }

    #[test]
    fn every_word_is_new_until_marked_and_a_status_colours_all_its_tokens() {
        let mut s = state(120, 40);
        let words: Vec<usize> = s.analysis().words().collect();
        assert!(words.iter().all(|&t| s.token_status(t) == Status::New));
        s.update(snapshot(&[("hause", Status::Learning(2))]));
        let hause: Vec<usize> = words
            .iter()
            .copied()
            .filter(|&t| s.analysis().tokens[t].text(s.text()) == "Hause")
            .collect();
        assert_eq!(hause.len(), 12);
        assert!(
            hause
                .iter()
                .all(|&t| s.token_status(t) == Status::Learning(2))
        );
        let stats = s.stats().unwrap();
        assert_eq!(stats.learning, 1);
        assert_eq!(stats.new, s.terms().keys().len() - 1);
    }

    #[test]
    fn next_word_visits_every_word_then_previous_goes_back() {
        let mut s = state(120, 40);
        s.update(Action::Start);
        let mut visited = vec![s.selected_token().unwrap()];
        loop {
            s.update(Action::NextWord);
            let t = s.selected_token().unwrap();
            if t == *visited.last().unwrap() {
                break;
            }
            visited.push(t);
        }
        assert!(visited.windows(2).all(|w| w[0] < w[1]));
        assert!(visited.iter().all(|&t| s.analysis().tokens[t].is_word()));
        let words = s.analysis().words().count();
        assert!(visited.len() > words / 2, "{} of {words}", visited.len());
        s.update(Action::PrevWord);
        assert_eq!(s.selected_token(), Some(visited[visited.len() - 2]));
    }

    #[test]
    fn word_selection_that_is_no_term_has_no_link() {
        let mut s = state(120, 40);
        // "Diplomat" is linked; the word after it ("sprach") is not.
        s.update(Action::NextWord);
        assert_eq!(selected_text(&s), "sprach");
        assert_eq!(s.selected_link(), None);
    }

    #[test]
    fn scrolling_keeps_the_selection_on_screen() {
        let mut s = state(40, 10);
        assert!(s.wrapped().len() > 3 * usize::from(s.layout().text.height));
        for action in [
            Action::ScrollDown,
            Action::PageDown,
            Action::ScrollUp,
            Action::PageUp,
        ] {
            for _ in 0..40 {
                s.update(action.clone());
                assert!(
                    selection_on_screen(&s),
                    "after {action:?} at scroll {}",
                    s.scroll()
                );
            }
        }
        assert_eq!(s.scroll(), 0);
    }

    #[test]
    fn scrolling_down_selects_the_first_term_on_screen() {
        let mut s = state(40, 10);
        let before = s.selected_token();
        s.update(Action::PageDown);
        assert_ne!(s.selected_token(), before);
        let link = s.selected_link().expect("a term is on screen");
        let first_on_screen = s
            .analysis()
            .links
            .iter()
            .position(|l| s.wrapped().line_of(l.spans[0].start) >= s.scroll());
        assert_eq!(Some(link), first_on_screen);
    }

    #[test]
    fn end_and_start_jump_and_scroll() {
        let mut s = state(40, 10);
        s.update(Action::End);
        assert_eq!(selected_text(&s), "Hause");
        assert!(s.scroll() > 0);
        assert!(selection_on_screen(&s));
        s.update(Action::Start);
        assert_eq!(selected_text(&s), "Absatz");
        assert_eq!(s.scroll(), 0);
    }

    fn search(s: &mut AppState, query: &str) {
        s.update(Action::SearchStart);
        for c in query.chars() {
            s.update(Action::SearchInput(c));
        }
        s.update(Action::SearchSubmit);
    }

    #[test]
    fn search_selects_the_term_at_the_next_match() {
        let mut s = state(40, 10);
        search(&mut s, "treffen");
        assert_eq!(s.mode(), Mode::Normal);
        assert_eq!(selected_text(&s), "Treffen");
        let first = s.selected_token().unwrap();
        assert!(selection_on_screen(&s));
        s.update(Action::SearchNext);
        let second = s.selected_token().unwrap();
        assert!(second > first);
        assert!(selection_on_screen(&s));
        s.update(Action::SearchPrev);
        assert_eq!(s.selected_token(), Some(first));
    }

    #[test]
    fn search_selects_a_plain_word_when_no_term_is_there() {
        let mut s = state(120, 40);
        search(&mut s, "HAUSE");
        assert_eq!(selected_text(&s), "Hause");
        assert!(s.message().unwrap().contains("match 1 of 12"));
    }

    #[test]
    fn search_wraps_around_the_end() {
        let mut s = state(120, 40);
        s.update(Action::End);
        search(&mut s, "Absatz 0");
        assert_eq!(selected_text(&s), "Absatz");
        assert!(s.message().unwrap().contains(strings::SEARCH_WRAPPED));
    }

    #[test]
    fn empty_search_repeats_the_last_one() {
        let mut s = state(120, 40);
        search(&mut s, "rat");
        let first = s.selected_token();
        search(&mut s, "");
        assert!(s.selected_token() > first);
        assert_eq!(selected_text(&s), "Rat");
    }

    #[test]
    fn failed_search_says_so_and_keeps_the_selection() {
        let mut s = state(120, 40);
        let before = s.selected_token();
        search(&mut s, "xyz");
        assert_eq!(s.selected_token(), before);
        assert_eq!(s.message(), Some(strings::no_match("xyz").as_str()));
        s.update(Action::NextTerm);
        assert_eq!(s.message(), None, "the next key clears the message");
    }

    #[test]
    fn escape_cancels_the_search() {
        let mut s = state(120, 40);
        let before = s.selected_token();
        s.update(Action::SearchStart);
        s.update(Action::SearchInput('R'));
        assert_eq!(s.query(), "R");
        s.update(Action::Cancel);
        assert_eq!(s.mode(), Mode::Normal);
        assert_eq!(s.query(), "");
        assert_eq!(s.selected_token(), before);
        s.update(Action::SearchNext);
        assert_eq!(s.message(), Some(strings::NO_PREVIOUS_SEARCH));
    }

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
    fn help_takes_the_keys_until_closed() {
        let mut s = state(120, 40);
        let before = s.selected_token();
        s.update(Action::ToggleHelp);
        assert_eq!(s.mode(), Mode::Help);
        s.update(Action::NextTerm);
        assert_eq!(s.selected_token(), before);
        s.update(Action::Cancel);
        assert_eq!(s.mode(), Mode::Normal);
        assert_eq!(s.update(Action::Quit), [Effect::Quit]);
    }

    #[test]
    fn resize_reflows_and_keeps_the_selection() {
        let mut s = state(120, 40);
        for _ in 0..20 {
            s.update(Action::NextTerm);
        }
        let selected = s.selected_token();
        for (w, h) in [(40, 10), (60, 20), (200, 60), (30, 6), (1, 1), (95, 12)] {
            s.update(Action::Resize {
                width: w,
                height: h,
            });
            assert_eq!(s.selected_token(), selected);
            assert_eq!(s.wrapped().width, usize::from(s.layout().text.width).max(1));
            if s.layout().text.height > 0 {
                assert!(selection_on_screen(&s), "{w}x{h}");
            }
        }
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

    #[test]
    fn click_selects_the_word_under_the_mouse() {
        let mut s = state(120, 40);
        let pane = s.layout().text;
        let target = s
            .analysis()
            .words()
            .find(|&t| s.analysis().tokens[t].text(s.text()) == "gingen")
            .unwrap();
        let start = s.analysis().tokens[target].start;
        let line = s.wrapped().line_of(start);
        let before: &str = &s.text()[s.wrapped().lines[line].start..start];
        let column = pane.x + unicode_width::UnicodeWidthStr::width(before) as u16 + 2;
        let row = pane.y + (line - s.scroll()) as u16;
        s.update(Action::Click { column, row });
        assert_eq!(s.selected_token(), Some(target));
        // A click outside the text changes nothing.
        s.update(Action::Click {
            column: 119,
            row: 0,
        });
        assert_eq!(s.selected_token(), Some(target));
    }

    #[test]
    fn sentence_of_the_selection_has_its_translation() {
        let s = state(120, 40);
        let sentence = s.selected_sentence().unwrap();
        let tr = s.translation().unwrap();
        let range = tr.alignment.target(sentence).unwrap();
        assert!(tr.text[range].contains("diplomat"));
    }

    // ----- statuses, spans, the entry form -----

    fn snapshot(pairs: &[(&str, Status)]) -> Action {
        Action::Statuses(Box::new(StatusSnapshot {
            statuses: pairs.iter().map(|(t, s)| (t.to_string(), *s)).collect(),
            filed: FxHashMap::default(),
        }))
    }

    #[test]
    fn status_keys_ask_to_save_the_selected_term() {
        let mut s = state(120, 40);
        assert_eq!(selected_text(&s), "Diplomat");
        assert_eq!(
            s.update(Action::SetStatus(Status::Learning(2))),
            [Effect::SetStatus {
                term: "Diplomat".into(),
                status: Status::Learning(2)
            }]
        );
        // A word with no entry is kept under the word in lower case.
        s.update(Action::PrevWord);
        assert_eq!(selected_text(&s), "Der");
        assert_eq!(s.selected_link(), None);
        assert_eq!(
            s.update(Action::SetStatus(Status::Ignored)),
            [Effect::SetStatus {
                term: "der".into(),
                status: Status::Ignored
            }]
        );
    }

    #[test]
    fn every_status_key_is_bound_to_its_status() {
        use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
        let map = Keymap::default();
        for (c, status) in [
            ('1', Status::Learning(1)),
            ('2', Status::Learning(2)),
            ('3', Status::Learning(3)),
            ('4', Status::Learning(4)),
            ('5', Status::Known),
            ('i', Status::Ignored),
            ('0', Status::New),
        ] {
            let key = KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
            assert_eq!(
                map.resolve(Mode::Normal, &key),
                Some(Action::SetStatus(status))
            );
        }
    }

    #[test]
    fn statuses_read_back_mark_every_link_of_the_term() {
        let mut s = state(120, 40);
        assert!(
            s.update(snapshot(&[("Diplomat", Status::Learning(3))]))
                .is_empty()
        );
        assert!(s.take_redraw());
        let diplomats: Vec<usize> = (0..s.analysis().links.len())
            .filter(|&l| s.entry(s.link(l).unwrap().entry).unwrap().de == "Diplomat")
            .collect();
        assert_eq!(diplomats.len(), 12);
        for l in 0..s.analysis().links.len() {
            let expected = if diplomats.contains(&l) {
                Status::Learning(3)
            } else {
                Status::New
            };
            assert_eq!(s.link_status(l), expected);
        }
        assert_eq!(s.selected_status(), Some(Status::Learning(3)));
    }

    #[test]
    fn a_word_s_status_marks_the_word_everywhere() {
        let mut s = state(120, 40);
        s.update(snapshot(&[("hause", Status::Ignored)]));
        let hause: Vec<usize> = s
            .analysis()
            .words()
            .filter(|&t| s.analysis().tokens[t].text(s.text()) == "Hause")
            .collect();
        assert_eq!(hause.len(), 12);
        assert!(hause.iter().all(|&t| s.token_status(t) == Status::Ignored));
        let absatz = s.analysis().words().next().unwrap();
        assert_eq!(s.token_status(absatz), Status::New);
    }

    #[test]
    fn marking_all_known_asks_first_with_the_count() {
        let mut s = state(120, 40);
        let snapshot = known_but(
            &s,
            &[
                ("Diplomat", Status::Learning(1)),
                ("Rat", Status::New),
                ("Treffen", Status::New),
            ],
        );
        s.update(snapshot);
        // Rat and Treffen are still new; the statuses are read again before asking.
        assert_eq!(s.update(Action::MarkAllKnown), [Effect::LoadStatuses]);
        assert_eq!(s.mode(), Mode::Confirm);
        assert!(s.confirm_whole_text());
        assert_eq!(s.confirm_count(), 2);
        // Another reader marked Rat meanwhile: the question counts one.
        let snapshot = known_but(
            &s,
            &[("Diplomat", Status::Learning(1)), ("Treffen", Status::New)],
        );
        s.update(snapshot);
        assert_eq!(s.mode(), Mode::Confirm);
        assert_eq!(s.confirm_count(), 1);
        assert_eq!(s.update(Action::Confirm), [Effect::MarkNewKnown(None)]);
        assert_eq!(s.mode(), Mode::Normal);
        // Anything else is no.
        s.update(Action::MarkAllKnown);
        assert!(s.update(Action::Cancel).is_empty());
        assert_eq!(s.mode(), Mode::Normal);
        // Nothing new left: nothing to ask.
        let snapshot = known_but(&s, &[("Treffen", Status::Ignored)]);
        s.update(snapshot);
        assert!(s.update(Action::MarkAllKnown).is_empty());
        assert_eq!(s.mode(), Mode::Normal);
        assert_eq!(s.message(), Some(strings::NO_NEW_TERMS));
    }

    #[test]
    fn page_done_asks_about_the_new_words_on_screen_only() {
        let mut s = state(60, 12);
        let on_screen = s.tokens_on_screen();
        assert!(
            on_screen.end < s.analysis().tokens.len(),
            "the text is longer than a screen"
        );
        assert_eq!(s.update(Action::MarkScreenKnown), [Effect::LoadStatuses]);
        assert!(!s.confirm_whole_text());
        let screen_new = s.confirm_count();
        assert!(screen_new > 0 && screen_new <= s.terms().keys().len());
        assert_eq!(
            s.update(Action::Confirm),
            [Effect::MarkNewKnown(Some(on_screen))]
        );
    }

    #[test]
    fn any_key_but_yes_answers_no() {
        use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
        let map = Keymap::default();
        let key = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
        assert_eq!(map.resolve(Mode::Confirm, &key('y')), Some(Action::Confirm));
        for c in ['n', 'q', 'K', '5'] {
            assert_eq!(map.resolve(Mode::Confirm, &key(c)), Some(Action::Cancel));
        }
    }

    #[test]
    fn moving_to_another_word_saves_the_position() {
        let mut s = state(120, 40);
        let effects = s.update(Action::NextWord);
        let start = s.analysis().tokens[s.selected_token().unwrap()].start;
        assert_eq!(effects, [Effect::SavePosition(start)]);
        // No move, nothing to save.
        assert!(s.update(Action::ToggleTranslation).is_empty());
    }

    #[test]
    fn resuming_selects_the_token_at_the_offset_and_shows_it() {
        let mut s = state(40, 10);
        let target = s.analysis().links.last().unwrap().tokens[0];
        let offset = s.analysis().tokens[target].start;
        s.resume_at(offset);
        assert_eq!(s.selected_token(), Some(target));
        assert!(selection_on_screen(&s));
        // An offset between tokens (the text changed) goes to the next word.
        let space = s.analysis().tokens[target].start - 1;
        s.resume_at(space);
        assert_eq!(s.selected_token(), Some(target));
    }

    #[test]
    fn a_span_extends_shrinks_and_takes_a_word_further_on() {
        let mut s = state(120, 40);
        s.update(Action::NextWord);
        assert_eq!(selected_text(&s), "sprach");
        s.update(Action::SpanStart);
        assert_eq!(s.mode(), Mode::Span);
        s.update(Action::SpanExtend);
        s.update(Action::SpanExtend);
        assert_eq!(selected_text(&s), "sprach mit dem");
        s.update(Action::SpanShrink);
        s.update(Action::SpanShrink);
        assert_eq!(selected_text(&s), "sprach");
        s.update(Action::SpanShrink);
        assert_eq!(selected_text(&s), "sprach", "a span keeps one word");
        // The cursor walks to "Rat"; Space takes it in without the words between.
        for _ in 0..3 {
            s.update(Action::NextWord);
        }
        assert_eq!(&s.text()[s.span_cursor().unwrap()], "Rat");
        s.update(Action::SpanToggle);
        assert_eq!(selected_text(&s), "sprach Rat");
        s.update(Action::SpanToggle);
        assert_eq!(selected_text(&s), "sprach");
        s.update(Action::SpanToggle);
        // A capitalized word inside the sentence keeps its capital; the form starts with it.
        s.update(Action::AddEntry);
        assert_eq!(s.mode(), Mode::Form);
        let form = s.form().unwrap();
        assert_eq!(form.value(Field::German), "sprach Rat");
        assert_eq!(form.focus(), Field::German, "the headword is checked first");
    }

    #[test]
    fn escape_leaves_a_span_and_the_selection_is_a_term_again() {
        let mut s = state(120, 40);
        s.update(Action::SpanStart);
        assert_eq!(s.selected_link(), None, "the span is the selection");
        assert_eq!(selected_text(&s), "Diplomat");
        s.update(Action::Cancel);
        assert_eq!(s.mode(), Mode::Normal);
        assert_eq!(s.span(), None);
        assert_eq!(s.selected_link(), Some(0));
    }

    #[test]
    fn a_sentence_s_first_word_is_suggested_in_lower_case() {
        let mut s = state(120, 40);
        search(&mut s, "Danach");
        s.update(Action::AddEntry);
        assert_eq!(s.form().unwrap().value(Field::German), "danach");
    }

    #[test]
    fn the_form_types_moves_and_saves_an_entry() {
        let mut s = state(120, 40);
        search(&mut s, "gingen");
        s.update(Action::AddEntry);
        assert_eq!(s.form().unwrap().focus(), Field::German);
        s.update(Action::FormNextField);
        for c in "went".chars() {
            s.update(Action::FormInput(c));
        }
        s.update(Action::FormBackspace);
        s.update(Action::FormInput('t'));
        s.update(Action::FormNextField);
        assert_eq!(s.form().unwrap().focus(), Field::Pos);
        for c in "verb".chars() {
            s.update(Action::FormInput(c));
        }
        s.update(Action::FormPrevField);
        s.update(Action::FormPrevField);
        assert_eq!(s.form().unwrap().focus(), Field::German);
        s.update(Action::FormClear);
        for c in "gehen".chars() {
            s.update(Action::FormInput(c));
        }
        let effects = s.update(Action::FormSubmit);
        let [Effect::SaveEntry { original, entry }] = effects.as_slice() else {
            panic!("{effects:?}");
        };
        assert_eq!(original, &None);
        assert_eq!(entry.de, "gehen");
        assert_eq!(entry.en, ["went"]);
        assert_eq!(entry.pos, Some(crate::glossary::Pos::Verb));
        assert_eq!(s.mode(), Mode::Form, "open until the save is confirmed");
    }

    #[test]
    fn a_form_with_a_mistake_says_so_and_escape_cancels() {
        let mut s = state(120, 40);
        search(&mut s, "gingen");
        s.update(Action::AddEntry);
        assert!(s.update(Action::FormSubmit).is_empty(), "no English yet");
        assert_eq!(s.message(), Some(strings::form::ENGLISH_MISSING));
        assert_eq!(s.form().unwrap().focus(), Field::English);
        s.update(Action::FormInput('x'));
        assert_eq!(s.message(), None, "typing clears the message");
        s.update(Action::Cancel);
        assert_eq!(s.mode(), Mode::Normal);
        assert_eq!(s.form(), None);
        assert_eq!(selected_text(&s), "gingen");
    }

    #[test]
    fn editing_starts_from_the_entry_and_names_it() {
        let mut s = state(120, 40);
        search(&mut s, "Rat");
        s.update(Action::EditEntry);
        assert_eq!(s.form().unwrap().value(Field::English), "council; advice");
        s.update(Action::FormInput('!'));
        let effects = s.update(Action::FormSubmit);
        let [Effect::SaveEntry { original, entry }] = effects.as_slice() else {
            panic!("{effects:?}");
        };
        assert_eq!(original.as_deref(), Some("Rat"));
        assert_eq!(entry.en, ["council", "advice!"]);
        assert_eq!(entry.gender, Some(crate::glossary::Gender::M));
        // A word with no entry has nothing to edit.
        s.update(Action::Cancel);
        search(&mut s, "gingen");
        s.update(Action::EditEntry);
        assert_eq!(s.mode(), Mode::Normal);
        assert_eq!(s.message(), Some(strings::NOTHING_TO_EDIT));
    }

    #[test]
    fn a_saved_entry_links_at_once_and_the_selection_stays() {
        let mut s = state(120, 40);
        search(&mut s, "gingen");
        let token = s.selected_token();
        s.update(Action::AddEntry);
        let mut glossary = s.glossary().clone();
        glossary.entries.push(Entry {
            de: "gingen".into(),
            en: vec!["went".into()],
            ..Entry::default()
        });
        let effects = s.update(Action::EntrySaved(Box::new(SavedEntry {
            glossary,
            headword: "gingen".into(),
            path: "mine.toml".into(),
        })));
        assert_eq!(effects, [Effect::LoadStatuses]);
        assert_eq!(s.mode(), Mode::Normal);
        assert_eq!(s.selected_token(), token);
        let link = s.selected_link().expect("linked now");
        assert_eq!(s.entry(s.link(link).unwrap().entry).unwrap().de, "gingen");
        assert_eq!(s.analysis().occurrences(s.link(link).unwrap().entry), 12);
        assert_eq!(
            s.message(),
            Some(strings::saved_entry("gingen", "mine.toml").as_str())
        );
    }

    #[test]
    fn a_failed_save_keeps_the_form_open() {
        let mut s = state(120, 40);
        search(&mut s, "gingen");
        s.update(Action::AddEntry);
        s.update(Action::FormNextField);
        s.update(Action::FormInput('w'));
        s.update(Action::Failed("mine.toml:1:1: broken\nmore".into()));
        assert_eq!(s.mode(), Mode::Form);
        assert_eq!(s.form().unwrap().value(Field::English), "w");
        assert_eq!(s.message(), Some("mine.toml:1:1: broken · more"));
    }
}
