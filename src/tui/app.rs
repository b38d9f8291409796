//! The event loop, and the only code that touches the terminal: event -> action -> update ->
//! effect -> draw when something changed. The [`App`] holds the screen on top (the library or
//! the reader, with its table of contents) and routes events and background results to it.

use super::action::{Action, Effect};
use super::dictionary::SharedDictionaries;
use super::keymap::Mode;
use super::library::figures::FiguresJob;
use super::library::{self, LibraryAction, LibraryEffect, LibraryState, Target};
use super::open::Opener;
use super::reader::ReaderState;
use super::session::{Session, Worker, dispatch};
use super::strings;
use super::toc::{TocOutcome, TocState};
use super::ui;
use anyhow::Context;
use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event, MouseButton, MouseEventKind,
};
use ratatui::crossterm::execute;
use ratatui::layout::Size;
use std::io::stdout;
use std::panic::PanicHookInfo;
use std::sync::Arc;
use std::time::Duration;

/// How long to wait for a key before looking at the background work again.
const BACKGROUND_POLL: Duration = Duration::from_millis(50);

type PanicHook = Arc<dyn Fn(&PanicHookInfo<'_>) + Send + Sync>;

/// The screen leser starts on.
#[derive(Debug)]
pub enum First {
    Reader(Box<Session>),
    Library,
}

/// Runs leser's screens until the user quits.
pub fn run(opener: Opener, first: First) -> anyhow::Result<()> {
    let terminal = match ratatui::try_init() {
        Ok(terminal) => terminal,
        Err(e) => {
            // Setup may have failed half-way, with raw mode already on.
            ratatui::restore();
            return Err(e).context("cannot set up the terminal");
        }
    };
    // ratatui's hook restores the screen before a panic message prints; ours first releases
    // the mouse, which ratatui does not know it has.
    let ratatui_hook: PanicHook = Arc::from(std::panic::take_hook());
    let hook = Arc::clone(&ratatui_hook);
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(stdout(), DisableBracketedPaste, DisableMouseCapture);
        hook(info);
    }));
    // With bracketed paste, a paste arrives as one event, never as keys that do things.
    let result = execute!(stdout(), EnableMouseCapture, EnableBracketedPaste)
        .context("cannot enable the mouse")
        .and_then(|()| event_loop(terminal, opener, first));
    let _ = execute!(stdout(), DisableBracketedPaste, DisableMouseCapture);
    ratatui::restore();
    std::panic::set_hook(Box::new(move |info| ratatui_hook(info)));
    result
}

/// Whether colour is allowed: `NO_COLOR` set to anything but the empty string forbids it
/// (<https://no-color.org>).
fn colors_allowed() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

fn event_loop(mut terminal: DefaultTerminal, opener: Opener, first: First) -> anyhow::Result<()> {
    let size = terminal.size().context("cannot read the terminal size")?;
    let mut app = App::new(opener, first, size, colors_allowed())?;
    let mut question_shown = false;
    loop {
        // Input already waiting is handled before drawing (a burst of keys costs one frame);
        // a question is always drawn at once, for the reason below.
        let asking = app.asking() && !question_shown;
        if (asking || !input_waiting()?) && app.take_redraw() {
            terminal
                .draw(|frame| app.render(frame))
                .context("cannot draw")?;
        }
        if asking {
            // A question takes only keys pressed after it was shown: keys already waiting
            // when it was drawn (the rest of a paste in a terminal without bracketed paste:
            // the `y` after `K`) were typed before anyone could read it.
            question_shown = true;
            if app.drop_waiting_keys()? {
                return Ok(());
            }
            continue;
        }
        question_shown = app.asking();
        // No tick: nothing changes on screen until an event arrives. Only while work goes on
        // in the background is the terminal polled, so that its results are seen too.
        let event = if app.busy() {
            event::poll(BACKGROUND_POLL)
                .context("cannot read from the terminal")?
                .then(event::read)
                .transpose()
                .context("cannot read from the terminal")?
        } else {
            Some(event::read().context("cannot read from the terminal")?)
        };
        if app.background() {
            return Ok(());
        }
        if let Some(event) = event
            && app.event(&event)
        {
            return Ok(());
        }
    }
}

fn input_waiting() -> anyhow::Result<bool> {
    event::poll(Duration::ZERO).context("cannot read from the terminal")
}

/// The screen on top.
#[derive(Debug)]
enum Screen {
    Reader {
        state: Box<ReaderState>,
        worker: Box<Worker>,
        /// The table of contents, while it is open.
        toc: Option<TocState>,
    },
    Library {
        state: LibraryState,
        /// Counting the texts' figures, until done.
        job: Option<FiguresJob>,
    },
}

/// Which screen is on top, and what it takes to open the other.
#[derive(Debug)]
pub struct App {
    opener: Opener,
    screen: Screen,
    size: Size,
    colors: bool,
    /// The dictionaries, once a reader has opened them: the next reader shares them.
    dictionaries: Option<SharedDictionaries>,
    /// The screen changed: draw it whole.
    switched: bool,
}

impl App {
    pub fn new(opener: Opener, first: First, size: Size, colors: bool) -> anyhow::Result<App> {
        let screen = match first {
            First::Reader(session) => {
                let (state, worker) = session.start(size, colors);
                Screen::Reader {
                    state: Box::new(state),
                    worker: Box::new(worker),
                    toc: None,
                }
            }
            First::Library => {
                let (state, job) = opener.library(size)?;
                Screen::Library {
                    state,
                    job: Some(job),
                }
            }
        };
        Ok(App {
            opener,
            screen,
            size,
            colors,
            dictionaries: None,
            switched: true,
        })
    }

    pub fn take_redraw(&mut self) -> bool {
        let switched = std::mem::take(&mut self.switched);
        let changed = match &mut self.screen {
            Screen::Reader { state, .. } => state.take_redraw(),
            Screen::Library { state, .. } => state.take_redraw(),
        };
        switched || changed
    }

    /// Draws the screen on top; changes nothing.
    pub fn render(&self, frame: &mut ratatui::Frame) {
        match &self.screen {
            Screen::Reader { state, toc, .. } => {
                ui::render(state, frame);
                if let Some(toc) = toc {
                    ui::toc::render(toc, frame);
                }
            }
            Screen::Library { state, .. } => library::ui::render(state, frame),
        }
    }

    /// Whether a yes/no question is on screen.
    pub fn asking(&self) -> bool {
        matches!(&self.screen, Screen::Reader { state, .. } if state.mode() == Mode::Confirm)
    }

    /// Reads the events already waiting: keys and pastes are dropped, the others (a resize)
    /// handled. Returns whether to quit.
    pub fn drop_waiting_keys(&mut self) -> anyhow::Result<bool> {
        while input_waiting()? {
            let event = event::read().context("cannot read from the terminal")?;
            if matches!(event, Event::Key(_) | Event::Paste(_)) {
                continue;
            }
            if self.event(&event) {
                return Ok(true);
            }
        }
        Ok(false)
    }

    pub fn busy(&self) -> bool {
        match &self.screen {
            Screen::Reader { worker, .. } => worker.busy(),
            Screen::Library { job, .. } => job.is_some(),
        }
    }

    /// Takes in what background work brought. Returns whether to quit.
    pub fn background(&mut self) -> bool {
        match &mut self.screen {
            Screen::Reader { state, worker, .. } => {
                for action in worker.background() {
                    if let Action::DictionariesReady(d) = &action {
                        self.dictionaries = Some(d.clone());
                    }
                    if dispatch(state, worker, action) {
                        return true;
                    }
                }
            }
            Screen::Library { state, job } => {
                if let Some(j) = job {
                    let (actions, over) = j.poll();
                    for action in actions {
                        state.update(action);
                    }
                    if over {
                        *job = None;
                    }
                }
            }
        }
        false
    }

    /// Handles a terminal event. Returns whether to quit.
    pub fn event(&mut self, event: &Event) -> bool {
        if let Event::Resize(width, height) = event {
            self.size = Size::new(*width, *height);
        }
        match &mut self.screen {
            Screen::Reader { state, worker, toc } => {
                if let (Some(t), Event::Key(key)) = (toc.as_mut(), event) {
                    match t.key(key) {
                        TocOutcome::Stay => {}
                        TocOutcome::Close => *toc = None,
                        TocOutcome::Jump(offset) => {
                            *toc = None;
                            jump(state, worker, offset);
                        }
                    }
                    self.switched = true;
                    return false;
                }
                let Some(action) = action_for(event, state) else {
                    return false;
                };
                match action {
                    Action::OpenLibrary if state.mode() == Mode::Normal => {
                        if let Some(d) = state.dictionaries() {
                            self.dictionaries = Some(d.clone());
                        }
                        self.open_library();
                        false
                    }
                    Action::TableOfContents if state.mode() == Mode::Normal => {
                        let offset = state
                            .selected_token()
                            .and_then(|t| state.analysis().tokens.get(t))
                            .map_or(0, |t| t.start);
                        *toc = TocState::new(state.doc().chapters(), offset);
                        if toc.is_none() {
                            dispatch(
                                state,
                                worker,
                                Action::Notice(strings::NO_CHAPTERS.to_string()),
                            );
                        }
                        self.switched = true;
                        false
                    }
                    action => dispatch(state, worker, action),
                }
            }
            Screen::Library { state, .. } => {
                let action = match event {
                    Event::Key(key) => library::keys::resolve(state.mode(), key),
                    Event::Resize(width, height) => Some(LibraryAction::Resize {
                        width: *width,
                        height: *height,
                    }),
                    _ => None,
                };
                let Some(action) = action else {
                    return false;
                };
                for effect in state.update(action) {
                    match effect {
                        LibraryEffect::Quit => return true,
                        LibraryEffect::Open(target) => {
                            self.open_reader(&target);
                            return false;
                        }
                        LibraryEffect::Complete(typed) => {
                            let (path, choices) = super::open::complete_path(&typed);
                            state.update(LibraryAction::Completed { path, choices });
                        }
                        LibraryEffect::Import(path) => {
                            match self.opener.import(&path) {
                                Ok(message) => {
                                    self.open_library();
                                    if let Screen::Library { state, .. } = &mut self.screen {
                                        state.set_message(message);
                                    }
                                }
                                Err(e) => {
                                    state.update(LibraryAction::Failed(format!("{e:#}")));
                                }
                            }
                            return false;
                        }
                        LibraryEffect::Remove { key, file } => {
                            let result = match self.opener.remove(&file) {
                                Ok(title) => LibraryAction::Removed {
                                    key,
                                    title: title.unwrap_or_default(),
                                },
                                Err(e) => LibraryAction::Failed(format!("{e:#}")),
                            };
                            state.update(result);
                        }
                    }
                }
                false
            }
        }
    }

    fn open_library(&mut self) {
        match self.opener.library(self.size) {
            Ok((state, job)) => {
                self.screen = Screen::Library {
                    state,
                    job: Some(job),
                };
                self.switched = true;
            }
            Err(e) => {
                if let Screen::Reader { state, worker, .. } = &mut self.screen {
                    dispatch(state, worker, Action::Failed(format!("{e:#}")));
                }
            }
        }
    }

    fn open_reader(&mut self, target: &Target) {
        match self.opener.session(target, self.dictionaries.is_none()) {
            Ok(session) => {
                let (mut state, mut worker) = session.start(self.size, self.colors);
                if let Some(d) = &self.dictionaries {
                    dispatch(
                        &mut state,
                        &mut worker,
                        Action::DictionariesReady(d.clone()),
                    );
                }
                self.screen = Screen::Reader {
                    state: Box::new(state),
                    worker: Box::new(worker),
                    toc: None,
                };
                self.switched = true;
            }
            Err(e) => {
                if let Screen::Library { state, .. } = &mut self.screen {
                    state.update(LibraryAction::Failed(library::strings::cannot_open(
                        &format!("{e:#}"),
                    )));
                }
            }
        }
    }
}

/// Moves the reader to a byte offset (a chapter's start) and saves the position there.
fn jump(state: &mut ReaderState, worker: &mut Worker, offset: usize) {
    for effect in state.resume_at(offset) {
        for action in worker.perform(effect, state) {
            dispatch(state, worker, action);
        }
    }
    let start = state
        .selected_token()
        .and_then(|t| state.analysis().tokens.get(t))
        .map(|t| t.start);
    if let Some(start) = start {
        for action in worker.perform(Effect::SavePosition(start), state) {
            dispatch(state, worker, action);
        }
    }
}

/// The action for a terminal event, in the state's current mode.
fn action_for(event: &Event, state: &ReaderState) -> Option<Action> {
    match event {
        Event::Key(key) => state.keymap().resolve(state.mode(), key),
        Event::Paste(text) => Some(Action::Paste(text.clone())),
        Event::Resize(width, height) => Some(Action::Resize {
            width: *width,
            height: *height,
        }),
        Event::Mouse(mouse) => {
            let (column, row) = (mouse.column, mouse.row);
            match mouse.kind {
                MouseEventKind::Down(MouseButton::Left) => Some(Action::Click { column, row }),
                MouseEventKind::ScrollDown => Some(Action::Wheel {
                    down: true,
                    column,
                    row,
                }),
                MouseEventKind::ScrollUp => Some(Action::Wheel {
                    down: false,
                    column,
                    row,
                }),
                _ => None,
            }
        }
        _ => None,
    }
}
