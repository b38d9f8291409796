//! The event loop, and the only code that touches the terminal: event -> action -> update ->
//! effect -> draw when something changed.

use super::action::Action;
use super::keymap::Mode;
use super::session::{Session, Worker, dispatch};
use super::state::AppState;
use super::ui;
use anyhow::Context;
use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event, MouseButton, MouseEventKind,
};
use ratatui::crossterm::execute;
use std::io::stdout;
use std::panic::PanicHookInfo;
use std::sync::Arc;
use std::time::Duration;

/// How long to wait for a key before looking at the background work again.
const BACKGROUND_POLL: Duration = Duration::from_millis(50);

type PanicHook = Arc<dyn Fn(&PanicHookInfo<'_>) + Send + Sync>;

/// Opens the reader on a session's text until the user quits.
pub fn run(session: Session) -> anyhow::Result<()> {
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
        .and_then(|()| event_loop(terminal, session));
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

fn event_loop(mut terminal: DefaultTerminal, session: Session) -> anyhow::Result<()> {
    let size = terminal.size().context("cannot read the terminal size")?;
    let (mut state, mut worker) = session.start(size, colors_allowed());
    let mut question_shown = false;
    loop {
        // Input already waiting is handled before drawing (a burst of keys costs one frame);
        // a question is always drawn at once, for the reason below.
        let asking = state.mode() == Mode::Confirm && !question_shown;
        if (asking || !input_waiting()?) && state.take_redraw() {
            terminal
                .draw(|frame| ui::render(&state, frame))
                .context("cannot draw")?;
        }
        if asking {
            // A question takes only keys pressed after it was shown: keys already waiting
            // when it was drawn (the rest of a paste in a terminal without bracketed paste:
            // the `y` after `K`) were typed before anyone could read it.
            question_shown = true;
            if drop_waiting_keys(&mut state, &mut worker)? {
                return Ok(());
            }
            continue;
        }
        question_shown = state.mode() == Mode::Confirm;
        // No tick: nothing changes on screen until an event arrives. Only while work goes on
        // in the background is the terminal polled, so that its results are seen too.
        let event = if worker.busy() {
            event::poll(BACKGROUND_POLL)
                .context("cannot read from the terminal")?
                .then(event::read)
                .transpose()
                .context("cannot read from the terminal")?
        } else {
            Some(event::read().context("cannot read from the terminal")?)
        };
        for action in worker.background() {
            if dispatch(&mut state, &mut worker, action) {
                return Ok(());
            }
        }
        let Some(action) = event.as_ref().and_then(|e| action_for(e, &state)) else {
            continue;
        };
        if dispatch(&mut state, &mut worker, action) {
            return Ok(());
        }
    }
}

fn input_waiting() -> anyhow::Result<bool> {
    event::poll(Duration::ZERO).context("cannot read from the terminal")
}

/// Reads the events already waiting: keys and pastes are dropped, the others (a resize)
/// handled. Returns whether the reader should quit.
fn drop_waiting_keys(state: &mut AppState, worker: &mut Worker) -> anyhow::Result<bool> {
    while input_waiting()? {
        let event = event::read().context("cannot read from the terminal")?;
        if matches!(event, Event::Key(_) | Event::Paste(_)) {
            continue;
        }
        if let Some(action) = action_for(&event, state)
            && dispatch(state, worker, action)
        {
            return Ok(true);
        }
    }
    Ok(false)
}

/// The action for a terminal event, in the state's current mode.
fn action_for(event: &Event, state: &AppState) -> Option<Action> {
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
