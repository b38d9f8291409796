//! The `?` help scrolls like the text: a line, a page, to its top and its end.

use leser::glossary::Glossary;
use leser::link::Linker;
use leser::text::Document;
use leser::tui::reader::help::max_scroll;
use leser::tui::{Mode, ReaderState};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Size;

fn press(state: &mut ReaderState, code: KeyCode) {
    let key = KeyEvent::new(code, KeyModifiers::NONE);
    if let Some(action) = state.keymap().resolve(state.mode(), &key) {
        state.update(action);
    }
}

#[test]
fn the_help_pages_down_and_up_and_jumps_to_its_ends() {
    let mut state = ReaderState::new(
        Document::bundled(),
        None,
        Linker::new(Glossary::bundled()),
        Size::new(80, 24),
    );
    press(&mut state, KeyCode::Char('?'));
    assert_eq!(state.mode(), Mode::Help);
    let max = max_scroll(state.keymap(), state.area());
    assert!(
        max > 20,
        "the help is longer than two pages at 80x24: {max}"
    );
    press(&mut state, KeyCode::PageDown);
    let page = state.help_scroll();
    assert!(page > 5, "a page is more than a few lines: {page}");
    press(&mut state, KeyCode::Char(' '));
    assert_eq!(state.help_scroll(), (2 * page).min(max));
    press(&mut state, KeyCode::PageUp);
    assert_eq!(state.help_scroll(), page);
    press(&mut state, KeyCode::Char('G'));
    assert_eq!(state.help_scroll(), max);
    press(&mut state, KeyCode::PageDown);
    assert_eq!(state.help_scroll(), max, "not past the end");
    press(&mut state, KeyCode::Char('g'));
    assert_eq!(state.help_scroll(), 0);
    press(&mut state, KeyCode::End);
    assert_eq!(state.help_scroll(), max);
    press(&mut state, KeyCode::Home);
    assert_eq!(state.help_scroll(), 0);
    assert_eq!(state.mode(), Mode::Help, "still open");
}
