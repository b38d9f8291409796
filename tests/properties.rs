//! Properties that hold for any input: the tokenizer and the linker on any UTF-8, the loaders
//! and the dictionary parsers on any bytes, the journal reader on any file, the reader's state
//! on any sequence of keys, pastes, clicks and resizes.
//!
//! `cargo test` runs each with a few dozen cases; `cargo test --test properties -- --ignored`
//! runs them all with thousands.

use leser::config::Config;
use leser::de::token::tokenize;
use leser::dict::{Dictionaries, Dictionary, Source, dictd, ding};
use leser::glossary::{Glossary, parse};
use leser::learner::{Status, Store};
use leser::link::Linker;
use leser::text::Document;
use leser::tui::{Action, ReaderState, ui};
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::select;
use proptest::test_runner::{Config as RunnerConfig, TestCaseError, TestRunner};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyEventState, KeyModifiers};
use ratatui::layout::Size;
use std::sync::OnceLock;

/// Cases per property in `cargo test`.
const CASES: u32 = 48;
/// Cases per property in the ignored run.
const MANY: u32 = 2_000;

fn check<S: Strategy>(
    cases: u32,
    strategy: S,
    test: impl Fn(S::Value) -> Result<(), TestCaseError>,
) {
    let mut runner = TestRunner::new(RunnerConfig {
        cases,
        // A failing case is shown (shrunk) in the test's output; no file is written.
        failure_persistence: None,
        ..RunnerConfig::default()
    });
    if let Err(e) = runner.run(&strategy, test) {
        panic!("{e}");
    }
}

/// Pieces German text is made of, and the characters that try a tokenizer: combining marks,
/// soft hyphens, quotes, dashes, control characters, emoji, right-to-left letters.
const PIECES: &[&str] = &[
    "Der",
    "Diplomat",
    "kündigte",
    "an",
    "NATO-Russland-Rates",
    "Spionageaktivitäten",
    "zur",
    "Kenntnis",
    "genommen",
    "hängt",
    "es",
    "von",
    "Russland",
    "ab",
    "auszuweisen",
    "z.",
    "B.",
    "2021",
    "3,5",
    "10.000",
    "„",
    "“",
    "»",
    "«",
    "\"",
    "'",
    ".",
    ",",
    ";",
    ":",
    "!",
    "?",
    "…",
    "–",
    "-",
    "(",
    ")",
    "/",
    " ",
    " ",
    " ",
    "\n",
    "\n\n",
    "\t",
    "\r\n",
    "\u{ad}",
    "e\u{301}",
    "ß",
    "ẞ",
    "\u{1b}[31m",
    "\u{0}",
    "\u{feff}",
    "🙂",
    "שלום",
    "İ",
    "ﬁ",
    "+++",
    "\u{2028}",
];

fn german_ish() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        vec(select(PIECES), 0..60).prop_map(|p| p.concat()),
    ]
}

fn bytes_or_text() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        vec(any::<u8>(), 0..400),
        german_ish().prop_map(String::into_bytes),
    ]
}

fn bundled_linker() -> &'static Linker {
    static LINKER: OnceLock<Linker> = OnceLock::new();
    LINKER.get_or_init(|| Linker::new(Glossary::bundled()))
}

// ----- the tokenizer and the linker -----

fn tokenizer(cases: u32) {
    check(cases, german_ish(), |text| {
        let tokens = tokenize(&text);
        let mut end = 0;
        for t in &tokens {
            prop_assert!(t.start < t.end && t.end <= text.len(), "{t:?}");
            prop_assert!(t.start >= end, "tokens overlap or go back: {t:?}");
            prop_assert!(text.is_char_boundary(t.start) && text.is_char_boundary(t.end));
            // What lies between tokens is space: no character is lost.
            let gap = &text[end..t.start];
            prop_assert!(
                gap.chars().all(|c| c.is_whitespace() || c.is_control()),
                "{gap:?} before {t:?} is in no token"
            );
            end = t.end;
        }
        let rest = &text[end..];
        prop_assert!(rest.chars().all(|c| c.is_whitespace() || c.is_control()));
        Ok(())
    });
}

fn linker(cases: u32) {
    check(cases, german_ish(), |text| {
        let Ok(doc) = Document::parse("p.txt", text) else {
            return Ok(());
        };
        let analysis = bundled_linker().analyze(&doc);
        let len = doc.source.len();
        for link in &analysis.links {
            prop_assert!(!link.spans.is_empty());
            for s in &link.spans {
                prop_assert!(s.start < s.end && s.end <= len, "{s:?}");
                prop_assert!(doc.source.is_char_boundary(s.start));
                prop_assert!(doc.source.is_char_boundary(s.end));
            }
            prop_assert!(link.spans.windows(2).all(|w| w[0].end <= w[1].start));
            prop_assert!(link.entry < bundled_linker().glossary().len());
        }
        Ok(())
    });
}

#[test]
fn tokens_cover_the_text_in_order_on_char_boundaries() {
    tokenizer(CASES);
}

#[test]
fn links_stay_inside_any_text() {
    linker(CASES);
}

// ----- loaders and parsers: never a panic, on any bytes -----

/// Glossary-like TOML: real keys, odd values.
fn glossary_ish() -> impl Strategy<Value = String> {
    let key = select(
        &[
            "de",
            "en",
            "pos",
            "gender",
            "plural",
            "forms",
            "note",
            "separable",
            "colour",
            "de.x",
        ][..],
    );
    let value = select(
        &[
            "\"Haus\"",
            "\"\"",
            "[]",
            "[\"a\", \"\"]",
            "5",
            "true",
            "\"noun\"",
            "\"m\"",
            "\"x\"",
            "{ a = 1 }",
            "\"noun\\u001b[41m\"",
            "[1, \"a\"]",
            "'''\nx'''",
            "\"",
        ][..],
    );
    let line = prop_oneof![
        (key, value).prop_map(|(k, v)| format!("{k} = {v}\n")),
        Just("[[term]]\n".to_string()),
        Just("[term]\n".to_string()),
        Just("# comment\n".to_string()),
        Just("\n".to_string()),
        any::<String>(),
    ];
    vec(line, 0..30).prop_map(|l| l.concat())
}

fn loaders(cases: u32) {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("g.toml");
    check(
        cases,
        (bytes_or_text(), glossary_ish()),
        |(bytes, toml_ish)| {
            let text = String::from_utf8_lossy(&bytes).into_owned();
            for src in [&text, &toml_ish] {
                if let Ok(g) = parse(src, "g.toml") {
                    prop_assert!(
                        g.entries
                            .iter()
                            .all(|e| !e.de.is_empty() && !e.en.is_empty())
                    );
                    // A glossary that loads links any text without a panic.
                    let doc = Document::parse("t.txt", "Das Haus der x.".into()).expect("text");
                    Linker::new(g).analyze(&doc);
                }
                let _ = Config::parse(src, "config.toml");
            }
            std::fs::write(&file, &bytes).expect("write");
            let _ = Glossary::load(&file);
            let _ = Document::from_bytes("b.txt", bytes);
            Ok(())
        },
    );
}

#[test]
fn glossary_config_and_text_loaders_never_panic() {
    loaders(CASES);
}

/// Ding-like lines: columns, alternatives, tags.
fn ding_ish() -> impl Strategy<Value = String> {
    let piece = select(
        &[
            "Haus",
            " {n}",
            " {pl}",
            " | ",
            " :: ",
            "; ",
            "house",
            " [geogr.]",
            " (alt)",
            "{",
            "}",
            "[",
            "]",
            "(",
            ")",
            " ",
            "sich ",
            "jdn./etw.",
            "ab|hängen",
            "#",
            "\n",
            "::",
        ][..],
    );
    prop_oneof![vec(piece, 0..30).prop_map(|p| p.concat()), any::<String>()]
}

fn dictionary_parsers(cases: u32) {
    let dir = tempfile::tempdir().expect("temp dir");
    let ding_file = dir.path().join("de-en");
    let index = dir.path().join("x-deu-eng.index");
    let data = dir.path().join("x-deu-eng.dict");
    check(
        cases,
        (vec(ding_ish(), 0..8), bytes_or_text(), bytes_or_text()),
        |(lines, index_bytes, data_bytes)| {
            for line in &lines {
                if let Some(parsed) = ding::parse_line(line) {
                    ding::for_each_key(&parsed, |_, _, _, _, _| {});
                    let _ = ding::line_kind(&parsed);
                }
                let _ = ding::clean(line);
                let _ = dictd::parse_index_line(line);
                let _ = dictd::parse_article(line);
            }
            std::fs::write(&ding_file, lines.join("\n")).expect("write");
            std::fs::write(&index, &index_bytes).expect("write");
            std::fs::write(&data, &data_bytes).expect("write");
            let mut opened = Vec::new();
            for path in [&ding_file, &index] {
                if let Ok(source) = Source::from_path(path)
                    && let Ok(d) = Dictionary::open(&source, None, &|_| {})
                {
                    opened.push(d);
                }
            }
            let dicts = Dictionaries::from_dictionaries(opened);
            for word in ["Haus", "hängt", "ab", "", "x"] {
                let _ = dicts.lookup(word, Some("ab"));
                let _ = dicts.lookup(word, None);
            }
            Ok(())
        },
    );
}

#[test]
fn ding_and_dictd_parsers_never_panic() {
    dictionary_parsers(CASES);
}

/// Journal-like lines: real changes with any stamp, torn ones, garbage.
fn journal_ish() -> impl Strategy<Value = Vec<u8>> {
    let line =
        prop_oneof![
        (any::<u64>(), select(&["Rat", "Haus", "", "\u{1b}"][..]), select(&[
            "known", "new", "learning 2", "learning 9", "ignored", "x"
        ][..]))
            .prop_map(|(at, term, status)| format!(
                "{{\"op\":\"status\",\"at\":{at},\"term\":\"{term}\",\"status\":\"{status}\"}}\n"
            )),
        (any::<u64>(), any::<u64>()).prop_map(|(at, offset)| format!(
            "{{\"op\":\"position\",\"at\":{at},\"text\":\"t\",\"offset\":{offset}}}\n"
        )),
        Just("{\"op\":\"st".to_string()),
        any::<String>(),
    ];
    prop_oneof![
        vec(line, 0..20).prop_map(|l| l.concat().into_bytes()),
        vec(any::<u8>(), 0..200),
    ]
}

fn journal(cases: u32) {
    check(
        cases,
        (journal_ish(), journal_ish()),
        |(journal, snapshot)| {
            let dir = tempfile::tempdir().expect("temp dir");
            std::fs::write(dir.path().join("journal.jsonl"), &journal).expect("write");
            std::fs::write(dir.path().join("state.json"), &snapshot).expect("write");
            if let Ok(mut store) = Store::open(dir.path()) {
                store
                    .set_status("Rat", Status::Learning(2))
                    .expect("a change is saved");
                prop_assert_eq!(store.status("Rat"), Status::Learning(2));
                drop(store);
                let again = Store::open(dir.path()).expect("opens again");
                prop_assert_eq!(again.status("Rat"), Status::Learning(2));
            }
            Ok(())
        },
    );
}

#[test]
fn the_journal_reader_takes_any_file_and_the_next_change_wins() {
    journal(CASES);
}

// ----- the reader -----

/// What the terminal can send the reader.
#[derive(Debug, Clone)]
enum Input {
    Key(KeyCode, KeyModifiers),
    Paste(String),
    Resize(u16, u16),
    Click(u16, u16),
    Wheel(bool, u16, u16),
}

fn input() -> impl Strategy<Value = Input> {
    let code = prop_oneof![
        any::<char>().prop_map(KeyCode::Char),
        select(
            "lhwbjkgGnNtdvaeuKy012345i?/qLHnv "
                .chars()
                .collect::<Vec<_>>()
        )
        .prop_map(KeyCode::Char),
        select(
            &[
                KeyCode::Left,
                KeyCode::Right,
                KeyCode::Up,
                KeyCode::Down,
                KeyCode::PageUp,
                KeyCode::PageDown,
                KeyCode::Home,
                KeyCode::End,
                KeyCode::Enter,
                KeyCode::Esc,
                KeyCode::Tab,
                KeyCode::BackTab,
                KeyCode::Backspace,
            ][..]
        ),
    ];
    let modifiers = select(
        &[
            KeyModifiers::NONE,
            KeyModifiers::NONE,
            KeyModifiers::SHIFT,
            KeyModifiers::CONTROL,
            KeyModifiers::ALT,
        ][..],
    );
    prop_oneof![
        8 => (code, modifiers).prop_map(|(c, m)| Input::Key(c, m)),
        1 => german_ish().prop_map(Input::Paste),
        1 => (0u16..250, 0u16..80).prop_map(|(w, h)| Input::Resize(w, h)),
        1 => (0u16..250, 0u16..80).prop_map(|(c, r)| Input::Click(c, r)),
        1 => (any::<bool>(), 0u16..250, 0u16..80).prop_map(|(d, c, r)| Input::Wheel(d, c, r)),
    ]
}

const READER_TEXT: &str = "+++\ntitle = \"Probe\"\n+++\n\nDer Diplomat kündigte an, dass der \
    NATO-Russland-Rat tagt. Die Spionageaktivitäten hängen von Russland ab.\n\n\
    „Wir haben das zur Kenntnis genommen“, sagte er. Er kommt gleich.\n";
const READER_TRANSLATION: &str = "The diplomat announced that the NATO-Russia Council meets. \
    The spying depends on Russia.\n\n\"We have taken note of that\", he said. He is coming.\n";

fn assert_valid(state: &ReaderState) -> Result<(), TestCaseError> {
    let tokens = &state.analysis().tokens;
    if let Some(t) = state.selected_token() {
        prop_assert!(t < tokens.len(), "selected token {t} of {}", tokens.len());
    }
    for span in state.selected_spans() {
        prop_assert!(span.start < span.end && span.end <= state.text().len());
    }
    if let Some(link) = state.selected_link() {
        prop_assert!(link < state.analysis().links.len());
    }
    prop_assert!(state.scroll() <= state.wrapped().len());
    Ok(())
}

fn reader(cases: u32) {
    check(
        cases,
        (0u16..200, 0u16..70, vec(input(), 0..60)),
        |(width, height, inputs)| {
            let doc = Document::parse("probe.de.txt", READER_TEXT.into()).expect("text");
            let en = Document::parse("probe.en.txt", READER_TRANSLATION.into()).expect("text");
            let mut state = ReaderState::new(
                doc,
                Some(en),
                bundled_linker().clone(),
                Size::new(width, height),
            );
            assert_valid(&state)?;
            for input in inputs {
                let action = match input {
                    Input::Key(code, modifiers) => {
                        let event = KeyEvent {
                            code,
                            modifiers,
                            kind: KeyEventKind::Press,
                            state: KeyEventState::NONE,
                        };
                        state.keymap().resolve(state.mode(), &event)
                    }
                    Input::Paste(text) => Some(Action::Paste(text)),
                    Input::Resize(width, height) => Some(Action::Resize { width, height }),
                    Input::Click(column, row) => Some(Action::Click { column, row }),
                    Input::Wheel(down, column, row) => Some(Action::Wheel { down, column, row }),
                };
                let Some(action) = action else { continue };
                if action == Action::Quit {
                    continue;
                }
                state.update(action);
                assert_valid(&state)?;
            }
            let size = state.viewport();
            let mut terminal =
                Terminal::new(TestBackend::new(size.width, size.height)).expect("terminal");
            terminal
                .draw(|frame| ui::render(&state, frame))
                .expect("draws");
            Ok(())
        },
    );
}

#[test]
fn the_reader_takes_any_keys_pastes_and_sizes() {
    reader(CASES);
}

/// Every property with many more cases: `cargo test --test properties -- --ignored`.
#[test]
#[ignore = "thousands of cases: run on purpose"]
fn every_property_with_many_cases() {
    tokenizer(MANY);
    linker(MANY);
    loaders(MANY);
    dictionary_parsers(MANY / 4);
    journal(MANY / 4);
    reader(MANY / 4);
}
