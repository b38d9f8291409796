//! The probe text the reader's tests open: twelve paragraphs with three glossary terms.

use super::ReaderState;
use crate::glossary::parse;
use crate::learner::Status;
use crate::link::Linker;
use crate::text::Document;
use crate::tui::action::{Action, StatusSnapshot};
use ratatui::layout::Size;
use rustc_hash::FxHashMap;
use std::fmt::Write;

pub(super) const GLOSSARY: &str = r#"
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
pub(super) fn text() -> String {
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

pub(super) fn english() -> String {
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
pub(super) fn state(width: u16, height: u16) -> ReaderState {
    let mut s = opened(width, height);
    s.selected = s.first_link_token();
    s.ensure_selection_visible();
    s
}

/// The probe text as it opens.
pub(super) fn opened(width: u16, height: u16) -> ReaderState {
    let glossary = parse(GLOSSARY, "test.toml").unwrap();
    let doc = Document::parse("probe.de.txt", text()).unwrap();
    let en = Document::parse("probe.en.txt", english()).unwrap();
    ReaderState::new(
        doc,
        Some(en),
        Linker::new(glossary),
        Size::new(width, height),
    )
}

pub(super) fn selected_text(s: &ReaderState) -> String {
    s.selected_spans()
        .iter()
        .map(|r| &s.text()[r.clone()])
        .collect::<Vec<_>>()
        .join(" ")
}

pub(super) fn selection_on_screen(s: &ReaderState) -> bool {
    let line = s.wrapped().line_of(s.selected_spans()[0].start);
    line >= s.scroll() && line < s.scroll() + usize::from(s.layout().text.height)
}

/// Every term of the text known but those given.
pub(super) fn known_but(s: &ReaderState, pairs: &[(&str, Status)]) -> Action {
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

pub(super) fn search(s: &mut ReaderState, query: &str) {
    s.update(Action::SearchStart);
    for c in query.chars() {
        s.update(Action::SearchInput(c));
    }
    s.update(Action::SearchSubmit);
}

pub(super) fn snapshot(pairs: &[(&str, Status)]) -> Action {
    Action::Statuses(Box::new(StatusSnapshot {
        statuses: pairs.iter().map(|(t, s)| (t.to_string(), *s)).collect(),
        filed: FxHashMap::default(),
    }))
}
