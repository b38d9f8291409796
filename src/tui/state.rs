//! Everything the reader knows, and the one way it changes: [`AppState::update`]. No I/O here.

use super::action::{Action, Effect};
use super::find::find_all;
use super::keymap::{Keymap, Mode};
use super::layout::{AppLayout, layout};
use super::strings;
use super::ui;
use super::wrap::{Wrapped, flatten};
use crate::de::token::TokenKind;
use crate::glossary::Entry;
use crate::link::{Analysis, Link, Linker};
use crate::text::{Alignment, Document};
use ratatui::layout::{Rect, Size};
use std::ops::Range;
use unicode_width::UnicodeWidthChar;

/// Lines the mouse wheel scrolls at a time.
const WHEEL_LINES: usize = 3;

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
    /// The selected token; when it belongs to a link, the whole link is selected.
    selected: Option<usize>,
    mode: Mode,
    side: SidePane,
    /// What is typed at the search prompt.
    query: String,
    last_query: Option<String>,
    message: Option<String>,
    help_scroll: usize,
    needs_redraw: bool,
}

/// What decides whether the screen must be drawn again.
#[derive(PartialEq, Eq)]
struct ViewKey {
    selected: Option<usize>,
    scroll: usize,
    mode: Mode,
    side: SidePane,
    query: String,
    message: Option<String>,
    help_scroll: usize,
    viewport: Size,
}

impl AppState {
    /// Analyzes the text (and its translation) and wraps it for a terminal of `viewport` size.
    /// The first linked term is selected.
    pub fn new(
        doc: Document,
        translation: Option<Document>,
        linker: Linker,
        viewport: Size,
    ) -> AppState {
        let analysis = linker.analyze(&doc);
        let translation = translation.map(|t| {
            let t_analysis = linker.analyze(&t);
            let alignment = Alignment::new(&analysis.sentences, &t_analysis.sentences, &t.paragraphs);
            Translation {
                text: flatten(&t.source),
                doc: t,
                alignment,
            }
        });
        let text = flatten(&doc.source);
        let words = analysis.words().collect();
        let mut link_spans: Vec<(Range<usize>, usize)> = analysis
            .links
            .iter()
            .enumerate()
            .flat_map(|(i, l)| l.spans.iter().map(move |s| (s.clone(), i)))
            .collect();
        link_spans.sort_by_key(|(s, _)| (s.start, s.end));
        let text_width = layout(Rect::from((ratatui::layout::Position::ORIGIN, viewport))).text.width;
        let wrapped = Wrapped::new(&text, &doc.paragraphs, usize::from(text_width));
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
            needs_redraw: true,
        };
        state.selected = state.first_link_token().or_else(|| state.words.first().copied());
        state.ensure_selection_visible();
        state
    }

    /// Applies an action. Returns the effect the event loop must perform, if any.
    pub fn update(&mut self, action: Action) -> Option<Effect> {
        let before = self.view_key();
        let effect = self.apply(action);
        if matches!(action, Action::Resize { .. }) || self.view_key() != before {
            self.needs_redraw = true;
        }
        effect
    }

    /// Whether something changed since the last call (the first call is always true).
    pub fn take_redraw(&mut self) -> bool {
        std::mem::take(&mut self.needs_redraw)
    }

    fn view_key(&self) -> ViewKey {
        ViewKey {
            selected: self.selected,
            scroll: self.scroll,
            mode: self.mode,
            side: self.side,
            query: self.query.clone(),
            message: self.message.clone(),
            help_scroll: self.help_scroll,
            viewport: self.viewport,
        }
    }

    fn apply(&mut self, action: Action) -> Option<Effect> {
        match action {
            Action::Quit => return Some(Effect::Quit),
            Action::Resize { width, height } => {
                self.resize(Size::new(width, height));
                return None;
            }
            _ => {}
        }
        self.message = None;
        match self.mode {
            Mode::Normal => self.apply_normal(action),
            Mode::Search => self.apply_search(action),
            Mode::Help => self.apply_help(action),
        }
        None
    }

    fn apply_normal(&mut self, action: Action) {
        match action {
            Action::NextTerm => self.step_term(true),
            Action::PrevTerm => self.step_term(false),
            Action::NextWord => self.step_word(true),
            Action::PrevWord => self.step_word(false),
            Action::ScrollDown => self.scroll_by(1),
            Action::ScrollUp => self.scroll_by(-1),
            Action::PageDown => self.scroll_by(self.page_lines()),
            Action::PageUp => self.scroll_by(-self.page_lines()),
            Action::Wheel { down, .. } => {
                self.scroll_by(if down { WHEEL_LINES as isize } else { -(WHEEL_LINES as isize) });
            }
            Action::Start => {
                self.selected = self.first_link_token().or_else(|| self.words.first().copied());
                self.scroll = 0;
                self.ensure_selection_visible();
            }
            Action::End => {
                self.selected = self
                    .analysis
                    .links
                    .last()
                    .and_then(|l| l.tokens.first().copied())
                    .or_else(|| self.words.last().copied());
                self.scroll = self.max_scroll();
                self.ensure_selection_visible();
            }
            Action::Click { column, row } => self.click(column, row),
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
            _ => {}
        }
    }

    fn apply_search(&mut self, action: Action) {
        match action {
            Action::SearchInput(c) => self.query.push(c),
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

    fn apply_help(&mut self, action: Action) {
        let max = ui::help::max_scroll(&self.keymap, self.area());
        match action {
            Action::ScrollDown => self.help_scroll = (self.help_scroll + 1).min(max),
            Action::ScrollUp => self.help_scroll = self.help_scroll.saturating_sub(1),
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
        Rect::from((ratatui::layout::Position::ORIGIN, self.viewport))
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

    /// The link the selection belongs to, if it is a linked term.
    pub fn selected_link(&self) -> Option<usize> {
        self.analysis.token_link.get(self.selected?).copied().flatten()
    }

    pub fn link(&self, index: usize) -> Option<&Link> {
        self.analysis.links.get(index)
    }

    /// The byte spans of the selection: every part of a linked term, or the selected word.
    pub fn selected_spans(&self) -> Vec<Range<usize>> {
        if let Some(link) = self.selected_link().and_then(|l| self.link(l)) {
            return link.spans.clone();
        }
        self.selected
            .and_then(|t| self.analysis.tokens.get(t))
            .map(|t| vec![t.start..t.end])
            .unwrap_or_default()
    }

    /// Link spans that overlap `range`, in text order: (span, link).
    pub fn link_spans_in(&self, range: Range<usize>) -> impl Iterator<Item = &(Range<usize>, usize)> {
        let first = self.link_spans.partition_point(|(s, _)| s.end <= range.start);
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

    /// (1-based number of the term at or before the selection, number of terms, percent read).
    pub fn position(&self) -> (Option<usize>, usize, usize) {
        let terms = self.analysis.links.len();
        let Some(span) = self.selected_spans().first().cloned() else {
            return (None, terms, 0);
        };
        let term = self
            .analysis
            .links
            .partition_point(|l| first_start(l) <= span.start);
        let body = self.doc.body.clone();
        let read = span.end.saturating_sub(body.start) * 100 / body.len().max(1);
        ((term > 0).then_some(term), terms, read.min(100))
    }

    // ----- moving the selection -----

    fn first_link_token(&self) -> Option<usize> {
        self.analysis.links.first()?.tokens.first().copied()
    }

    /// Byte offset of the selection's start.
    fn selection_start(&self) -> Option<usize> {
        Some(self.analysis.tokens.get(self.selected?)?.start)
    }

    fn step_term(&mut self, forward: bool) {
        let links = &self.analysis.links;
        let target = match self.selection_start() {
            None => links.first(),
            Some(pos) if forward => links.iter().find(|l| first_start(l) > pos),
            Some(pos) => links.iter().rev().find(|l| first_start(l) < pos),
        };
        if let Some(token) = target.and_then(|l| l.tokens.first().copied()) {
            self.selected = Some(token);
            self.ensure_selection_visible();
        }
    }

    /// Moves to the next word, stepping over the other words of the selected term
    /// (`zur Kenntnis genommen` is one stop).
    fn step_word(&mut self, forward: bool) {
        let current_link = self.selected_link();
        let differs = |t: &usize| {
            current_link.is_none() || self.analysis.token_link.get(*t).copied().flatten() != current_link
        };
        let target = match self.selected {
            None => self.words.first().copied(),
            Some(cur) if forward => self.words.iter().copied().filter(|&t| t > cur).find(differs),
            Some(cur) => self.words.iter().rev().copied().filter(|&t| t < cur).find(differs),
        };
        if let Some(t) = target {
            self.selected = Some(t);
            self.ensure_selection_visible();
        }
    }

    fn text_height(&self) -> usize {
        usize::from(self.layout().text.height)
    }

    fn page_lines(&self) -> isize {
        self.text_height().saturating_sub(2).max(1) as isize
    }

    fn max_scroll(&self) -> usize {
        self.wrapped.len().saturating_sub(self.text_height())
    }

    /// Lines of the selection's first and last part.
    fn selection_lines(&self) -> Option<(usize, usize)> {
        let spans = self.selected_spans();
        let first = self.wrapped.line_of(spans.first()?.start);
        let last = self.wrapped.line_of(spans.last()?.start);
        Some((first, last))
    }

    fn line_in_view(&self, line: usize) -> bool {
        line >= self.scroll && line < self.scroll + self.text_height()
    }

    /// Scrolls so that the selection is on screen: all its parts when they fit, else its first.
    fn ensure_selection_visible(&mut self) {
        let height = self.text_height();
        let Some((first, last)) = self.selection_lines() else {
            return;
        };
        if height == 0 {
            return;
        }
        if last - first < height && last >= self.scroll + height {
            self.scroll = last + 1 - height;
        }
        if first < self.scroll {
            self.scroll = first;
        } else if first >= self.scroll + height {
            self.scroll = first + 1 - height;
        }
    }

    /// Scrolls by whole lines; a selection that leaves the screen moves to the first (scrolling
    /// down) or last (scrolling up) term on screen, or word when no term is on screen.
    fn scroll_by(&mut self, delta: isize) {
        let target = self.scroll.saturating_add_signed(delta).min(self.max_scroll());
        if target == self.scroll {
            return;
        }
        self.scroll = target;
        let visible = self
            .selection_lines()
            .is_some_and(|(first, _)| self.line_in_view(first));
        if !visible {
            self.select_on_screen(delta > 0);
        }
    }

    fn select_on_screen(&mut self, first: bool) {
        let on_screen = |start: usize| self.line_in_view(self.wrapped.line_of(start));
        let links = self.analysis.links.iter().filter(|l| on_screen(first_start(l)));
        let link = if first { links.clone().next() } else { links.last() };
        let token = link.and_then(|l| l.tokens.first().copied()).or_else(|| {
            let mut words = self.words.iter().copied().filter(|&t| on_screen(self.analysis.tokens[t].start));
            if first { words.next() } else { words.last() }
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
            self.wrapped = Wrapped::new(&self.text, &self.doc.paragraphs, width);
        }
        self.scroll = anchor.map_or(0, |a| self.wrapped.line_of(a)).min(self.max_scroll());
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
        let Some(line) = self.wrapped.lines.get(self.scroll + usize::from(row - pane.y)) else {
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
                    || matches!(tok.kind, TokenKind::Word | TokenKind::Number | TokenKind::Abbreviation))
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
        let overlapping = first..tokens[first..]
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
