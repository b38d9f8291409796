//! Every word the reader shows, in one place, so the help, hints and panes stay consistent.

pub const CARD_TITLE: &str = "Glossary";
pub const TRANSLATION_TITLE: &str = "Translation";
pub const HELP_TITLE: &str = "Keys";
pub const HELP_FOOTER: &str = "Esc closes this help";
pub const HELP_FOOTER_SCROLL: &str = "↓↑ more · Esc closes";

pub const NOTHING_SELECTED: &str = "Nothing to select in this text.";
pub const NO_ENTRY: &str = "no glossary entry";
pub const NO_TRANSLATION: &str = "This text has no translation. Put one next to it as NAME.en.txt \
    (for NAME.de.txt), or name it in the front matter: translation = \"file.txt\".";
pub const NO_ALIGNED_SENTENCE: &str = "The translation has no sentence for this one.";

pub const CARD_PLURAL: &str = "plural";
pub const CARD_FORM_SEPARATOR: &str = ": ";
pub const CARD_PARTS: &str = "parts";
pub const CARD_NOTE: &str = "note";
pub const CARD_EXAMPLE: &str = "example";
pub const SPLIT_PARTS_JOINER: &str = " … ";
pub const PARTS_JOINER: &str = " + ";

/// "3 times in this text".
pub fn occurrences(n: usize) -> String {
    match n {
        1 => "once in this text".to_string(),
        n => format!("{n} times in this text"),
    }
}

/// Title bar position: "term 12/87 · 34%".
pub fn position(term: Option<usize>, terms: usize, percent: usize) -> String {
    match term {
        Some(t) => format!("term {t}/{terms} · {percent}%"),
        None => format!("term –/{terms} · {percent}%"),
    }
}

pub const TITLE_SEPARATOR: &str = " · ";
pub const ELLIPSIS: &str = "…";

pub const SEARCH_PROMPT: &str = "/";
pub fn no_match(query: &str) -> String {
    format!("no match for '{query}'")
}
pub fn match_position(query: &str, n: usize, total: usize) -> String {
    format!("/{query}: match {n} of {total}")
}
pub const NO_PREVIOUS_SEARCH: &str = "no previous search: press / to search";
pub const SEARCH_WRAPPED: &str = " (wrapped)";

/// Help sections, one a mode.
pub const HELP_SECTION_READING: &str = "Reading";
pub const HELP_SECTION_SEARCH: &str = "Search prompt";
pub const HELP_SECTION_HELP: &str = "This help";
pub const HELP_TYPE_KEYS: &str = "letters";
pub const HELP_TYPE_DESC: &str = "type the text to find";
pub const HELP_MOUSE_KEYS: &str = "mouse";
pub const HELP_MOUSE_DESC: &str = "click selects a word, the wheel scrolls";

/// Binding descriptions, shown in the help.
pub mod desc {
    pub const NEXT_TERM: &str = "next linked term";
    pub const PREV_TERM: &str = "previous linked term";
    pub const NEXT_WORD: &str = "next word";
    pub const PREV_WORD: &str = "previous word";
    pub const SCROLL_DOWN: &str = "scroll down a line";
    pub const SCROLL_UP: &str = "scroll up a line";
    pub const PAGE_DOWN: &str = "page down";
    pub const PAGE_UP: &str = "page up";
    pub const START: &str = "start of the text";
    pub const END: &str = "end of the text";
    pub const SEARCH: &str = "search (Enter on an empty prompt repeats the last)";
    pub const SEARCH_NEXT: &str = "next match";
    pub const SEARCH_PREV: &str = "previous match";
    pub const TOGGLE_TRANSLATION: &str = "side pane: glossary card or translation";
    pub const HELP: &str = "show this help";
    pub const CANCEL: &str = "clear the message";
    pub const QUIT: &str = "quit";
    pub const SEARCH_SUBMIT: &str = "find the next match";
    pub const SEARCH_CANCEL: &str = "cancel the search";
    pub const SEARCH_BACKSPACE: &str = "delete a character";
    pub const HELP_SCROLL_DOWN: &str = "scroll the help down";
    pub const HELP_SCROLL_UP: &str = "scroll the help up";
    pub const HELP_CLOSE: &str = "close the help";
}

/// Short words for the status-bar hints.
pub mod hint {
    pub const NEXT_TERM: &str = "next";
    pub const PREV_TERM: &str = "prev";
    pub const SEARCH: &str = "search";
    pub const TRANSLATION: &str = "translation";
    pub const HELP: &str = "help";
    pub const QUIT: &str = "quit";
    pub const FIND: &str = "find";
    pub const CANCEL: &str = "cancel";
    pub const CLOSE: &str = "close";
}
