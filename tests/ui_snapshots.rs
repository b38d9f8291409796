//! What the reader draws, with the bundled article, glossary and translation: whole-screen
//! snapshots at three sizes (the narrow one stacks the panes), and the styles snapshots don't
//! record: the selection's, and the colours of statuses.

use insta::assert_snapshot;
use leser::dict::{Dictionaries, Dictionary, Source};
use leser::glossary::Glossary;
use leser::learner::{Status, Store};
use leser::link::Linker;
use leser::text::Document;
use leser::tui::dictionary::look_up;
use leser::tui::ui::theme;
use leser::tui::{Action, Effect, LookedUp, ReaderState, SharedDictionaries, ui};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::Size;
use ratatui::style::{Color, Modifier};
use std::path::Path;
use std::sync::Arc;

/// The reader on the bundled article, with the statuses of a learner who marked nothing yet.
fn reader(width: u16, height: u16) -> ReaderState {
    let mut state = ReaderState::new(
        Document::bundled(),
        Document::bundled_translation(),
        Linker::new(Glossary::bundled()),
        Size::new(width, height),
    );
    let dir = tempfile::tempdir().expect("a data dir");
    let store = Store::open(dir.path()).expect("an empty store");
    let statuses = state.read_statuses(&store);
    state.update(Action::Statuses(Box::new(statuses)));
    state
}

fn draw(state: &ReaderState) -> Terminal<TestBackend> {
    let size = state.viewport();
    let mut terminal = Terminal::new(TestBackend::new(size.width, size.height)).unwrap();
    terminal.draw(|f| ui::render(state, f)).unwrap();
    terminal
}

fn search(state: &mut ReaderState, query: &str) {
    state.update(Action::SearchStart);
    for c in query.chars() {
        state.update(Action::SearchInput(c));
    }
    state.update(Action::SearchSubmit);
}

/// The text pane's cells drawn with the selection's style, row by row, spaces left out.
fn selected_cells(state: &ReaderState, buffer: &Buffer) -> String {
    let pane = state.layout().text;
    let mut out = String::new();
    for y in pane.top()..pane.bottom() {
        for x in pane.left()..pane.right() {
            let cell = &buffer[(x, y)];
            if cell.modifier.contains(Modifier::REVERSED) {
                out.push_str(cell.symbol());
            }
        }
    }
    out.replace(' ', "")
}

fn selected_text(state: &ReaderState) -> String {
    state
        .selected_spans()
        .iter()
        .map(|r| &state.text()[r.clone()])
        .collect::<String>()
        .replace(' ', "")
}

fn assert_selection_is_highlighted(state: &ReaderState, terminal: &Terminal<TestBackend>) {
    let expected = selected_text(state);
    assert!(!expected.is_empty(), "something is selected");
    assert_eq!(selected_cells(state, terminal.backend().buffer()), expected);
}

/// The state after `/Rates` Enter: the card for `des NATO-Russland-Rates`.
fn after_search(width: u16, height: u16) -> ReaderState {
    let mut state = reader(width, height);
    search(&mut state, "Rates");
    assert!(
        state.text()[state.selected_spans()[0].clone()].contains("Rates"),
        "the search selects the word it found"
    );
    state
}

#[test]
fn card_120x40() {
    let state = after_search(120, 40);
    let terminal = draw(&state);
    assert_selection_is_highlighted(&state, &terminal);
    assert_snapshot!(terminal.backend());
}

#[test]
fn card_80x24() {
    let state = after_search(80, 24);
    let terminal = draw(&state);
    assert_selection_is_highlighted(&state, &terminal);
    assert_snapshot!(terminal.backend());
}

#[test]
fn card_60x20_stacked() {
    let state = after_search(60, 20);
    assert!(state.layout().stacked);
    let terminal = draw(&state);
    assert_selection_is_highlighted(&state, &terminal);
    assert_snapshot!(terminal.backend());
}

/// The card of `Bündnisses` once espeak-ng's IPA has come back: the headword's and, since
/// it sounds different, the form's.
#[test]
fn card_with_ipa_120x40() {
    use leser::tui::pronounce::{Speech, card_texts};
    let mut state = reader(120, 40);
    state.set_speech(Speech::Ready);
    search(&mut state, "Bündnisses");
    let texts = card_texts(&state);
    assert_eq!(texts.headword.as_deref(), Some("Bündnis"));
    assert_eq!(texts.form.as_deref(), Some("Bündnisses"));
    // What `leser say --ipa` prints for them (espeak-ng 1.51).
    state.update(Action::Pronounced(vec![
        ("Bündnis".into(), Some("ˈbyndnɪs".into())),
        ("Bündnisses".into(), Some("ˈbyndnɪsəs".into())),
    ]));
    let terminal = draw(&state);
    assert_selection_is_highlighted(&state, &terminal);
    assert_snapshot!(terminal.backend());
}

#[test]
fn first_word_is_selected_on_start() {
    let state = reader(120, 40);
    let terminal = draw(&state);
    assert_eq!(state.selected_token(), state.analysis().words().next());
    assert_eq!(state.selected_link(), None);
    assert_selection_is_highlighted(&state, &terminal);
    assert_snapshot!(terminal.backend());
}

fn translation(width: u16, height: u16) -> Terminal<TestBackend> {
    let mut state = after_search(width, height);
    state.update(Action::ToggleTranslation);
    let terminal = draw(&state);
    assert_selection_is_highlighted(&state, &terminal);
    terminal
}

#[test]
fn translation_120x40() {
    assert_snapshot!(translation(120, 40).backend());
}

#[test]
fn translation_80x24() {
    assert_snapshot!(translation(80, 24).backend());
}

#[test]
fn translation_60x20_stacked() {
    assert_snapshot!(translation(60, 20).backend());
}

fn help(width: u16, height: u16) -> Terminal<TestBackend> {
    let mut state = reader(width, height);
    state.update(Action::ToggleHelp);
    draw(&state)
}

#[test]
fn help_120x40() {
    assert_snapshot!(help(120, 40).backend());
}

#[test]
fn help_80x24() {
    assert_snapshot!(help(80, 24).backend());
}

#[test]
fn help_60x20_stacked() {
    assert_snapshot!(help(60, 20).backend());
}

#[test]
fn linked_terms_are_underlined_and_the_selection_is_not_plain() {
    let state = reader(120, 40);
    let terminal = draw(&state);
    let buffer = terminal.backend().buffer();
    let pane = state.layout().text;
    let styled = |m: Modifier| {
        (pane.top()..pane.bottom())
            .flat_map(|y| (pane.left()..pane.right()).map(move |x| (x, y)))
            .filter(|&p| buffer[p].modifier.contains(m))
            .count()
    };
    if state.analysis().links.len() > 1 {
        assert!(styled(Modifier::UNDERLINED) > 0);
    }
    assert!(styled(Modifier::REVERSED) > 0);
}

#[test]
fn the_translation_marks_the_terms_english() {
    let mut state = after_search(120, 40);
    state.update(Action::ToggleTranslation);
    let terminal = draw(&state);
    let entry = state
        .selected_link()
        .and_then(|l| state.link(l))
        .and_then(|l| state.entry(l.entry))
        .expect("the search lands on a linked term");
    let side = state.layout().side;
    let buffer = terminal.backend().buffer();
    let marked: String = (side.top()..side.bottom())
        .flat_map(|y| (side.left()..side.right()).map(move |x| (x, y)))
        .filter(|&p| {
            buffer[p]
                .modifier
                .contains(Modifier::BOLD | Modifier::UNDERLINED)
        })
        .map(|p| buffer[p].symbol().to_string())
        .collect();
    let english = entry.english().to_lowercase().replace(' ', "");
    assert!(
        !marked.is_empty() && english.contains(&marked.to_lowercase().replace(' ', "")),
        "marked {marked:?} for {english:?}"
    );
}

#[test]
fn every_size_draws_without_panicking() {
    let mut state = reader(120, 40);
    let sizes = (1..=40u16)
        .flat_map(|w| (1..=12u16).map(move |h| (w, h)))
        .chain([(89, 30), (90, 30), (200, 60), (300, 100), (1000, 5)]);
    for (width, height) in sizes {
        state.update(Action::Resize { width, height });
        for _ in 0..2 {
            draw(&state);
            state.update(Action::ToggleTranslation);
        }
        state.update(Action::ToggleHelp);
        draw(&state);
        state.update(Action::Cancel);
        state.update(Action::NextTerm);
    }
}

#[test]
fn a_frame_of_another_size_than_the_state_still_draws() {
    let state = reader(120, 40);
    let mut terminal = Terminal::new(TestBackend::new(70, 15)).unwrap();
    terminal.draw(|f| ui::render(&state, f)).unwrap();
}

#[test]
fn a_split_verb_is_highlighted_on_both_parts() {
    for (width, height) in [(120, 40), (60, 20)] {
        let mut state = reader(width, height);
        let split = state
            .analysis()
            .links
            .iter()
            .position(|l| l.spans.len() > 1)
            .expect("the article has a split verb (kündigte ... an)");
        while state.selected_link() != Some(split) {
            let before = state.selected_token();
            state.update(Action::NextTerm);
            assert_ne!(
                state.selected_token(),
                before,
                "NextTerm reaches every term"
            );
        }
        let terminal = draw(&state);
        assert_eq!(state.selected_spans().len(), 2);
        assert_selection_is_highlighted(&state, &terminal);
    }
}

/// The text pane's cells that show a byte range of the text, by screen position.
fn cells_of(state: &ReaderState, range: std::ops::Range<usize>) -> Vec<(u16, u16)> {
    let pane = state.layout().text;
    let wrapped = state.wrapped();
    let mut out = Vec::new();
    for (row, line) in wrapped.lines.iter().enumerate().skip(state.scroll()) {
        let y = pane.y + (row - state.scroll()) as u16;
        if y >= pane.bottom() {
            break;
        }
        if line.end <= range.start || line.start >= range.end {
            continue;
        }
        let mut x = pane.x;
        for (i, c) in state.text()[line.clone()].char_indices() {
            let at = line.start + i;
            let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0) as u16;
            if range.contains(&at) {
                out.push((x, y));
            }
            x += w;
        }
    }
    out
}

/// A state whose learner marked the second term learning 2 (the selection stays on the first).
fn with_a_learning_term(colors: bool) -> (ReaderState, std::ops::Range<usize>) {
    let mut state = reader(120, 40);
    state.set_colors(colors);
    let glossary = state.glossary().clone();
    let second = state.link(1).expect("a second term").clone();
    let term = glossary.entries[second.entry].de.clone();
    let dir = tempfile::tempdir().expect("a data dir");
    let mut store = Store::open(dir.path()).expect("an empty store");
    store
        .set_status(&term, Status::Learning(2))
        .expect("the status is saved");
    let statuses = state.read_statuses(&store);
    state.update(Action::Statuses(Box::new(statuses)));
    (state, second.spans[0].clone())
}

#[test]
fn a_learning_term_is_coloured_bold_and_underlined() {
    let (state, range) = with_a_learning_term(true);
    let terminal = draw(&state);
    let buffer = terminal.backend().buffer();
    let cells = cells_of(&state, range);
    assert!(!cells.is_empty());
    for p in cells {
        let cell = &buffer[p];
        assert_eq!(cell.fg, theme::LEARNING[1], "at {p:?}");
        assert!(
            cell.modifier
                .contains(Modifier::BOLD | Modifier::UNDERLINED)
        );
    }
    // The status bar counts it.
    assert!(
        terminal.backend().to_string().contains("learning 1 · new"),
        "{}",
        terminal.backend()
    );
}

#[test]
fn without_colour_the_marks_are_underline_and_bold_only() {
    let (state, range) = with_a_learning_term(false);
    let terminal = draw(&state);
    let buffer = terminal.backend().buffer();
    for p in cells_of(&state, range) {
        assert_eq!(buffer[p].fg, Color::Reset);
        assert!(
            buffer[p]
                .modifier
                .contains(Modifier::BOLD | Modifier::UNDERLINED)
        );
    }
    let area = buffer.area;
    let coloured = (area.top()..area.bottom())
        .flat_map(|y| (area.left()..area.right()).map(move |x| (x, y)))
        .filter(|&p| buffer[p].fg != Color::Reset || buffer[p].bg != Color::Reset)
        .count();
    assert_eq!(coloured, 0);
    // New linked terms are still underlined, the selection still reversed.
    let underlined = cells_of(&state, state.link(2).unwrap().spans[0].clone());
    assert!(
        underlined
            .iter()
            .all(|&p| buffer[p].modifier.contains(Modifier::UNDERLINED))
    );
    assert_selection_is_highlighted(&state, &terminal);
}

#[test]
fn the_card_says_the_status_in_words() {
    let (mut state, range) = with_a_learning_term(true);
    let cell = cells_of(&state, range)[0];
    state.update(Action::Click {
        column: cell.0,
        row: cell.1,
    });
    let screen = draw(&state).backend().to_string();
    assert!(screen.contains("status: learning 2"), "{screen}");
}

/// `ersatzweise`, then `v`: a span of one word; `L` adds the next.
fn span(width: u16, height: u16) -> Terminal<TestBackend> {
    let mut state = reader(width, height);
    search(&mut state, "ersatzweise");
    state.update(Action::SpanStart);
    state.update(Action::SpanExtend);
    let terminal = draw(&state);
    assert_selection_is_highlighted(&state, &terminal);
    terminal
}

#[test]
fn span_120x40() {
    assert_snapshot!(span(120, 40).backend());
}

fn form(width: u16, height: u16) -> Terminal<TestBackend> {
    let mut state = reader(width, height);
    search(&mut state, "ersatzweise");
    state.update(Action::AddEntry);
    // The form opens on the German; the English is next.
    state.update(Action::FormNextField);
    for c in "as a substitute".chars() {
        state.update(Action::FormInput(c));
    }
    draw(&state)
}

#[test]
fn form_120x40() {
    assert_snapshot!(form(120, 40).backend());
}

#[test]
fn form_60x20_stacked() {
    assert_snapshot!(form(60, 20).backend());
}

#[test]
fn confirm_80x24() {
    let mut state = reader(80, 24);
    state.update(Action::MarkAllKnown);
    let screen = draw(&state).backend().to_string();
    let new = state.stats().unwrap().new;
    assert!(new > 0);
    assert!(
        screen.contains(&format!(
            "Mark {new} new words in the whole text known? y/n"
        )),
        "{screen}"
    );
}

/// Applies an action and answers the dictionary lookups it asks for, as the event loop would.
fn settle(state: &mut ReaderState, action: Action) {
    let mut queue = vec![action];
    while let Some(action) = queue.pop() {
        for effect in state.update(action) {
            if let Effect::LookUp(query) = effect {
                let dicts = state.dictionaries().expect("open").clone();
                let looked = look_up(&dicts.0, &query);
                queue.push(Action::LookedUp(Box::new(LookedUp { query, looked })));
            }
        }
    }
}

/// The reader with the fixture dictionary open (never the machine's own), on `word`.
fn with_dictionary(width: u16, height: u16, word: &str) -> ReaderState {
    let mut state = reader(width, height);
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/dict/ding-de-en.txt");
    let source = Source::from_path(&path).expect("the Ding fixture");
    let dict = Dictionary::open(&source, None, &|_| {}).expect("the fixture opens");
    let dicts = Dictionaries::from_dictionaries(vec![dict]);
    settle(
        &mut state,
        Action::DictionariesReady(SharedDictionaries(Arc::new(dicts))),
    );
    settle(&mut state, Action::SearchStart);
    for c in word.chars() {
        settle(&mut state, Action::SearchInput(c));
    }
    settle(&mut state, Action::SearchSubmit);
    state
}

#[test]
fn dictionary_card_120x40() {
    // `dass` has no glossary entry: the card is the core lexicon's answer, then the dictionary's.
    let state = with_dictionary(120, 40, "dass");
    assert_eq!(state.selected_link(), None);
    assert_snapshot!(draw(&state).backend());
}

#[test]
fn dictionary_folded_and_unfolded_80x24() {
    let mut state = with_dictionary(80, 24, "Bündnisses");
    // The card's end, where the dictionary's line is, scrolled to.
    for _ in 0..40 {
        settle(&mut state, Action::CardScrollDown);
    }
    assert!(state.card_scroll() > 0);
    let folded = draw(&state).backend().to_string();
    assert!(
        folded.contains("Dictionary: 1 answer (press d)"),
        "{folded}"
    );
    // Unfolded where it was: the answer follows.
    let scroll = state.card_scroll();
    settle(&mut state, Action::ToggleDictionary);
    assert_eq!(state.card_scroll(), scroll);
    for _ in 0..40 {
        settle(&mut state, Action::CardScrollDown);
    }
    assert_snapshot!(draw(&state).backend());
}

/// A book in Markdown: headings bold, emphasis in italics, a poem's lines kept, the chapter in
/// the title bar, and the side pane naming the translation it looked for.
#[test]
fn a_markdown_book_with_chapters_verse_and_emphasis_80x24() {
    let md = "+++\ntitle = \"Abendbuch\"\n+++\n# Erstes Kapitel\n\nDer *Mond* ist **aufgegangen**.\n\nDer Mond ist aufgegangen,\nDie goldnen Sternlein prangen\nAm Himmel hell und klar.\n\n# Zweites Kapitel\n\nDer Rat tagte.\n";
    let doc = Document::parse("texts/abend.md", md.to_string()).expect("parses");
    let mut state = ReaderState::new(
        doc,
        None,
        Linker::new(Glossary::bundled()),
        Size::new(80, 24),
    );
    state.update(Action::ToggleTranslation);
    let terminal = draw(&state);
    let buffer = terminal.backend().buffer();
    let text = state.layout().text;
    let find = |word: &str| {
        (text.top()..text.bottom()).find_map(|y| {
            let row: String = (text.left()..text.right())
                .map(|x| buffer[(x, y)].symbol().to_string())
                .collect();
            row.find(word)
                .map(|i| (text.left() + row[..i].chars().count() as u16, y))
        })
    };
    let heading = find("Erstes").expect("the heading is drawn");
    assert!(buffer[heading].modifier.contains(Modifier::BOLD));
    let mond = find("Mond ist aufgegangen.").expect("the first paragraph");
    assert!(buffer[mond].modifier.contains(Modifier::ITALIC));
    assert_snapshot!(terminal.backend());
}
