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

/// The dictionaries in the status bar while they open.
pub const DICT_OPENING: &str = "opening dictionaries…";
pub const DICT_INDEXING: &str = "indexing";
pub fn dict_indexing(name: &str, percent: u8) -> String {
    format!("{DICT_INDEXING} {name} {percent}%")
}
/// Dictionaries that could not be opened, as one line.
pub fn dict_errors(errors: &[String]) -> String {
    format!("dictionary: {}", errors.join(" · "))
}
pub const DICT_FAILED: &str = "dictionary: could not be opened; reading goes on without";
/// The card of a word the glossary does not know, when no dictionary is installed.
pub const DICT_NONE_INSTALLED: &str = "No offline dictionary installed: \
    apt install trans-de-en dict-freedict-deu-eng (or name one with --dict PATH).";
pub const DICT_STILL_OPENING: &str = "The dictionaries are still opening…";
pub const DICT_NO_ANSWER: &str = "Not in the dictionaries.";
/// The folded line under a glossary entry's card: "Dictionary: 3 answers (press d)".
pub fn dict_folded(answers: usize, key: &str) -> String {
    match answers {
        1 => format!("Dictionary: 1 answer (press {key})"),
        n => format!("Dictionary: {n} answers (press {key})"),
    }
}
/// The heading of the unfolded answers: "Dictionary (d folds)".
pub fn dict_unfolded(key: &str) -> String {
    format!("Dictionary ({key} folds)")
}
/// Phrases with the word's verb, folded: "4 phrases with this verb (press d)".
pub fn phrases_folded(phrases: usize, key: &str) -> String {
    match phrases {
        1 => format!("1 phrase with this verb (press {key})"),
        n => format!("{n} phrases with this verb (press {key})"),
    }
}
/// Before a sense's German, under its English.
pub const SENSE_INDENT: &str = "   ";

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
pub const HELP_SECTION_SPAN: &str = "Choosing words for a new entry";
pub const HELP_SECTION_FORM: &str = "Entry form";
pub const HELP_SECTION_CONFIRM: &str = "A question";
pub const HELP_TYPE_KEYS: &str = "letters";
pub const HELP_TYPE_DESC: &str = "type the text to find";
pub const HELP_FORM_TYPE_DESC: &str = "type into the field";
pub const HELP_CONFIRM_OTHER_KEYS: &str = "other keys";
pub const HELP_CONFIRM_OTHER_DESC: &str = "no";

pub const CARD_STATUS: &str = "status";
pub const CARD_NEW_ENTRY: &str = "new entry";
pub const CARD_SPAN_HINT: &str =
    "Space adds or removes the word at the cursor; a opens the entry form.";

/// The question before marking every new term of the text known.
pub fn confirm_mark_known(n: usize) -> String {
    match n {
        1 => "Mark 1 new term known? y/n".to_string(),
        n => format!("Mark {n} new terms known? y/n"),
    }
}
pub const NO_NEW_TERMS: &str = "No new terms left in this text.";
pub fn marked_known(n: usize) -> String {
    match n {
        1 => "1 term marked known".to_string(),
        n => format!("{n} terms marked known"),
    }
}
pub const NOTHING_TO_EDIT: &str = "No glossary entry here to edit: a adds one.";
pub const NOT_A_WORD: &str = "Select a word first.";
pub fn saved_entry(headword: &str, path: &str) -> String {
    format!("Saved {headword} to {path}")
}
/// The status bar while choosing a span: how many words it has, what it reads.
pub fn span_status(words: usize, text: &str) -> String {
    match words {
        1 => format!("span: {text}"),
        n => format!("span of {n} words: {text}"),
    }
}

/// The entry form.
pub mod form {
    pub const ADD_TITLE: &str = "New glossary entry";
    pub const EDIT_TITLE: &str = "Edit glossary entry";
    pub const FOOTER: &str = "Tab next field · Enter save · Esc cancel";
    pub const GERMAN: &str = "German";
    pub const ENGLISH: &str = "English";
    pub const POS: &str = "Part of speech";
    pub const GENDER: &str = "Gender";
    pub const PLURAL: &str = "Plural";
    pub const NOTE: &str = "Note";
    pub const GERMAN_HELP: &str =
        "the headword: noun in the nominative singular, verb in the infinitive, or an expression";
    pub const ENGLISH_HELP: &str = "senses separated by ;";
    pub const POS_HELP: &str = "noun, verb, adj, adv, prep, conj, phrase, name or abbr (optional)";
    pub const GENDER_HELP: &str = "m, f or n, for nouns (optional)";
    pub const PLURAL_HELP: &str = "the plural, for nouns (optional)";
    pub const NOTE_HELP: &str = "anything to remember (optional)";
    pub const GERMAN_MISSING: &str = "The German headword is missing.";
    pub const ENGLISH_MISSING: &str = "The English is missing.";
    pub fn bad_pos(p: &str) -> String {
        format!(
            "Not a part of speech: {p:?}. Use noun, verb, adj, adv, prep, conj, phrase, name or abbr."
        )
    }
    pub fn bad_gender(g: &str) -> String {
        format!("Not a gender: {g:?}. Use m, f or n.")
    }
}
pub const HELP_MOUSE_KEYS: &str = "mouse";
pub const HELP_MOUSE_DESC: &str = "click selects, the wheel scrolls the pane under it";

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
    pub const STATUS_LEARNING_1: &str = "status: learning 1 (just met)";
    pub const STATUS_LEARNING_2: &str = "status: learning 2";
    pub const STATUS_LEARNING_3: &str = "status: learning 3";
    pub const STATUS_LEARNING_4: &str = "status: learning 4 (nearly known)";
    pub const STATUS_KNOWN: &str = "status: known";
    pub const STATUS_IGNORED: &str = "status: ignored (names, words not to study)";
    pub const STATUS_NEW: &str = "status: back to new";
    pub const MARK_ALL_KNOWN: &str = "mark every new term in this text known (asks first)";
    pub const SPAN_START: &str = "choose words for a new entry, starting here";
    pub const ADD_ENTRY: &str = "add a glossary entry for the selection";
    pub const EDIT_ENTRY: &str = "edit the selected term's entry";
    pub const SPAN_NEXT: &str = "move the cursor to the next word";
    pub const SPAN_PREV: &str = "move the cursor to the previous word";
    pub const SPAN_EXTEND: &str = "add the word after the span";
    pub const SPAN_SHRINK: &str = "take the span's last word out";
    pub const SPAN_TOGGLE: &str =
        "add the word at the cursor, or take it out (a split verb's particle)";
    pub const SPAN_ADD: &str = "add a glossary entry for these words";
    pub const SPAN_CANCEL: &str = "stop choosing words";
    pub const FORM_NEXT: &str = "next field";
    pub const FORM_PREV: &str = "previous field";
    pub const FORM_SUBMIT: &str = "save the entry";
    pub const FORM_CANCEL: &str = "close the form without saving";
    pub const FORM_BACKSPACE: &str = "delete a character";
    pub const FORM_CLEAR: &str = "empty the field";
    pub const TOGGLE_DICTIONARY: &str = "show or fold a glossary card's dictionary answers";
    pub const CARD_SCROLL_DOWN: &str = "scroll the side pane down (long cards)";
    pub const CARD_SCROLL_UP: &str = "scroll the side pane up";
    pub const CONFIRM_YES: &str = "yes";
    pub const CONFIRM_NO: &str = "no";
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
    pub const MARK: &str = "mark";
    pub const SPAN: &str = "span";
    pub const ADD: &str = "add";
    pub const TOGGLE: &str = "toggle";
    pub const EXTEND: &str = "extend";
    pub const SHRINK: &str = "shrink";
    pub const NEXT_FIELD: &str = "next field";
    pub const SAVE: &str = "save";
    pub const YES: &str = "yes";
}
