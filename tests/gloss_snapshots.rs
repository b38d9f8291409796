//! The translation pane of a text without a translation: its sentence word by word, drawn at
//! the reader's sizes (the 80x24 one stacks the panes), the selected word's column marked,
//! and every size down to a single cell drawn without a panic. Sentences from Debian's
//! fortunes-de; no dictionary is open, so the glossary and the core lexicon answer.

use insta::assert_snapshot;
use leser::glossary::parse;
use leser::link::Linker;
use leser::text::Document;
use leser::tui::{Action, ReaderState, ui};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Size;
use ratatui::style::Modifier;

const TEXT: &str = "Wenn Du nur einen Hammer besitzt, sieht alles wie ein Nagel aus.\n\n\
Ich habe mit Erich Ribbeck telefoniert, und er hat zu mir gesagt, ich stehe für die \
Maltareise nicht zur Verfügung.\n\n„Das Spiel dauert 90 Minuten.“\n";

const GLOSSARY: &str = r#"
[[term]]
de = "aussehen"
en = "to look, to appear"
pos = "verb"

[[term]]
de = "zur Verfügung stehen"
en = "to be available"
pos = "phrase"

[[term]]
de = "Hammer"
en = "hammer"
pos = "noun"
gender = "m"
"#;

/// The reader on TEXT with the side pane switched to the translation, `word` selected.
fn glossed(width: u16, height: u16, word: &str) -> ReaderState {
    let glossary = parse(GLOSSARY, "glossary.toml").expect("the glossary");
    let doc = Document::parse("fortunes.txt", TEXT.to_string()).expect("the text");
    let mut state = ReaderState::new(doc, None, Linker::new(glossary), Size::new(width, height));
    state.update(Action::SearchStart);
    for c in word.chars() {
        state.update(Action::SearchInput(c));
    }
    state.update(Action::SearchSubmit);
    state.update(Action::ToggleTranslation);
    state
}

fn draw(state: &ReaderState) -> Terminal<TestBackend> {
    let size = state.viewport();
    let mut terminal = Terminal::new(TestBackend::new(size.width, size.height)).unwrap();
    terminal.draw(|f| ui::render(state, f)).unwrap();
    terminal
}

/// The side pane's reversed cells, spaces left out: the selected word's column.
fn selected_in_side_pane(state: &ReaderState, terminal: &Terminal<TestBackend>) -> String {
    let side = state.layout().side;
    let buffer = terminal.backend().buffer();
    (side.top()..side.bottom())
        .flat_map(|y| (side.left()..side.right()).map(move |x| (x, y)))
        .filter(|&p| buffer[p].modifier.contains(Modifier::REVERSED))
        .map(|p| buffer[p].symbol().to_string())
        .collect::<String>()
        .replace(' ', "")
}

#[test]
fn gloss_80x24() {
    let state = glossed(80, 24, "sieht");
    assert!(state.layout().stacked);
    let terminal = draw(&state);
    // The split verb is one item; its particle's column, later, is marked with it.
    assert_eq!(selected_in_side_pane(&state, &terminal), "sieht…ausaus.");
    assert_snapshot!(terminal.backend());
}

#[test]
fn gloss_200x50() {
    let state = glossed(200, 50, "Verfügung");
    let terminal = draw(&state);
    // The expression's later words point back to its verb; both items are marked.
    assert_eq!(
        selected_in_side_pane(&state, &terminal),
        "stehe…zurVerfügungzurVerfügung."
    );
    assert_snapshot!(terminal.backend());
}

#[test]
fn a_long_sentence_keeps_the_selected_word_in_a_short_pane() {
    let state = glossed(60, 16, "Verfügung");
    let terminal = draw(&state);
    assert!(state.layout().stacked);
    assert_eq!(
        selected_in_side_pane(&state, &terminal),
        "stehe…zurVerfügungzurVerfügung.",
        "both columns of the expression, at the sentence's end, are in view"
    );
}

#[test]
fn every_size_draws_the_gloss_without_panicking() {
    let mut state = glossed(80, 24, "Spiel");
    let sizes = (1..=30u16)
        .flat_map(|w| (1..=10u16).map(move |h| (w, h)))
        .chain([(89, 30), (90, 30), (200, 50), (1000, 5)]);
    for (width, height) in sizes {
        state.update(Action::Resize { width, height });
        draw(&state);
        state.update(Action::NextWord);
    }
}
