//! The library screen drawn at fixed sizes (insta snapshots): the table, the charts of known
//! terms and words read per day, the filter prompt and the removal question.

use leser::learner::{Day, Figures, Progress};
use leser::tui::library::{LibraryAction, LibraryState, Row, Target, ui};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Size;
use std::path::PathBuf;

/// 2026-11-30 12:00 UTC.
const NOW: u64 = 1_796_040_000;
const DAY: u64 = 86_400;

fn row(
    title: &str,
    author: Option<&str>,
    words: usize,
    read: Option<f64>,
    known: Option<(usize, usize)>,
    opened: Option<u64>,
) -> Row {
    Row {
        key: format!("key:{title}"),
        target: Target::File(PathBuf::from(format!("{title}.md"))),
        file: Some(format!("texts/{title}.md")),
        title: title.to_string(),
        author: author.map(str::to_string),
        words,
        chapters: 0,
        read,
        figures: known.map(|(known_words, new_terms)| Figures {
            words,
            known_words,
            new_terms,
        }),
        opened,
    }
}

fn progress() -> Progress {
    let today = (NOW / DAY).cast_signed();
    let days = (0..20)
        .map(|i| Day {
            day: today - 19 + i,
            words_read: if i % 3 == 1 {
                0
            } else {
                300 + 150 * (i as u64 % 5)
            },
            new_met: 20,
            marked_known: 5 + i as u64 % 4,
        })
        .collect();
    Progress {
        days,
        known_now: 420,
    }
}

fn state(size: Size) -> LibraryState {
    let mut rows = vec![
        row(
            "Lawrow: „Die Fakten sind, dass die NATO keine Zusammenarbeit will“",
            None,
            295,
            Some(1.0),
            Some((201, 12)),
            Some(NOW - 3 * DAY),
        ),
        row(
            "Der kleine Hafen",
            Some("Greta Beispiel"),
            48_211,
            Some(0.31),
            Some((30_100, 2_950)),
            Some(NOW - 600),
        ),
        row(
            "Neue Brücke & alter Streit",
            Some("Karl Muster"),
            512,
            None,
            None,
            None,
        ),
        row(
            "Anekdoten",
            Some("Ich"),
            1_204,
            Some(0.05),
            Some((700, 180)),
            Some(NOW - 2 * 3600),
        ),
    ];
    rows[0].target = Target::Bundled;
    rows[0].file = None;
    LibraryState::new(rows, progress(), size, NOW)
}

fn draw(state: &LibraryState) -> Terminal<TestBackend> {
    let size = state.viewport();
    let mut terminal = Terminal::new(TestBackend::new(size.width, size.height)).expect("terminal");
    terminal.draw(|f| ui::render(state, f)).expect("draw");
    terminal
}

#[test]
fn library_120x40() {
    let s = state(Size::new(120, 40));
    insta::assert_snapshot!(draw(&s).backend());
}

#[test]
fn library_80x24() {
    let s = state(Size::new(80, 24));
    insta::assert_snapshot!(draw(&s).backend());
}

#[test]
fn library_sorted_by_known_share_and_filtered_80x24() {
    let mut s = state(Size::new(80, 24));
    s.update(LibraryAction::CycleSort);
    s.update(LibraryAction::CycleSort);
    s.update(LibraryAction::FilterStart);
    for c in "an".chars() {
        s.update(LibraryAction::FilterInput(c));
    }
    insta::assert_snapshot!(draw(&s).backend());
}

#[test]
fn library_asks_before_removing_80x24() {
    let mut s = state(Size::new(80, 24));
    s.update(LibraryAction::Remove);
    insta::assert_snapshot!(draw(&s).backend());
}

#[test]
fn the_selected_row_is_reversed() {
    let s = state(Size::new(120, 40));
    let terminal = draw(&s);
    let buffer = terminal.backend().buffer();
    // The first row under the header is the text opened last, and it is selected.
    let cell = &buffer[(0, 2)];
    assert_eq!(cell.symbol(), "D");
    assert!(cell.modifier.contains(ratatui::style::Modifier::REVERSED));
}
