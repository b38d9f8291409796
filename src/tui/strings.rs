//! Every word the reader shows, in one place, so the help, hints and panes stay consistent.

pub const CARD_TITLE: &str = "Glossary";
pub const TRANSLATION_TITLE: &str = "Translation";
/// The translation pane's title for a text without a translation: only the gloss is there.
pub const GLOSS_TITLE: &str = "Word by word";
/// Under a word of the gloss whose dictionary answer has not come yet.
pub const GLOSS_PENDING: &str = "…";
/// Under a word of the gloss that nobody knows.
pub const GLOSS_UNKNOWN: &str = "?";
/// Under a later part of a split verb or an expression: the word it belongs to.
pub fn gloss_part_of(first: &str) -> String {
    format!("← {first}")
}
pub const HELP_TITLE: &str = "Keys";
/// The help's footer, with the key that closes it.
pub fn help_footer(close: &str, scrolls: bool) -> String {
    if scrolls {
        format!("↓↑ more · {close} closes")
    } else {
        format!("{close} closes this help")
    }
}

pub const CHAPTER_SEPARATOR: &str = " › ";
pub const TOC_TITLE: &str = "Contents";
pub const TOC_FOOTER: &str = " Enter jumps · Esc closes ";
pub const NO_CHAPTERS: &str = "This text has no chapters.";

pub const NOTHING_SELECTED: &str = "Nothing to select in this text.";
pub const NO_ENTRY: &str = "no glossary entry";
/// The translation pane of a text without one: where leser looked, so the learner knows
/// exactly which file to make.
pub fn no_translation(named_in_front_matter: bool, looked_for: &[String]) -> String {
    match looked_for {
        [] => "This text has no translation.".to_string(),
        [path] if named_in_front_matter => {
            format!("No translation: the front matter names {path}, which is not there.")
        }
        paths => format!(
            "No translation found. leser looks for {}; put the English there, or name a file \
             in the front matter: translation = \"file.txt\".",
            paths.join(" or ")
        ),
    }
}
pub const NO_ALIGNED_SENTENCE: &str = "The translation has no sentence for this one.";

/// The dictionaries in the status bar while they open.
pub const DICT_OPENING: &str = "opening dictionaries…";
pub const DICT_INDEXING: &str = "indexing";
/// While the dictionaries are asked for the headwords of the text's words.
pub const FINDING_HEADWORDS: &str = "headwords";
pub fn finding_headwords(percent: usize) -> String {
    format!("{FINDING_HEADWORDS} {percent}%")
}
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

/// The status bar when espeak-ng is not installed.
pub const SPEECH_MISSING: &str =
    "no pronunciation: espeak-ng is not installed (apt install espeak-ng)";
/// The status bar when espeak-ng could not speak (once a session).
pub fn speech_failed(why: &str) -> String {
    format!("no speech: {why}")
}
/// Around the IPA on a card: `/ˈbyndnɪs/`.
pub const IPA_OPEN: &str = "/";
pub const IPA_CLOSE: &str = "/";

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

/// Title bar position: "word 12/870 · 34%".
pub fn position(word: Option<usize>, words: usize, percent: usize) -> String {
    match word {
        Some(t) => format!("word {t}/{words} · {percent}%"),
        None => format!("word –/{words} · {percent}%"),
    }
}

/// The title bar's position while a long text is still being linked: words are not counted yet.
pub fn position_linking(percent: usize) -> String {
    format!("{percent}%")
}
/// The status bar while a long text is still being linked.
pub const LINKING: &str = "linking the whole text…";
pub const LINKING_FAILED: &str = "the text could not be linked past this part";

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
/// After a status on the card: the headword it belongs to.
pub fn status_on(term: &str) -> String {
    format!(" · every form of {term}")
}
pub const CARD_NEW_ENTRY: &str = "new entry";
pub const CARD_SPAN_HINT: &str =
    "Space adds or removes the word at the cursor; a opens the entry form.";

/// The question before marking the new terms on screen (or in the whole text) known.
pub fn confirm_mark_known(n: usize, whole_text: bool) -> String {
    let place = if whole_text {
        "in the whole text"
    } else {
        "on screen"
    };
    match n {
        1 => format!("Mark 1 new word {place} known? y/n"),
        n => format!("Mark {n} new words {place} known? y/n"),
    }
}
pub const NO_NEW_TERMS: &str = "No new words left here.";
pub fn marked_known(n: usize) -> String {
    match n {
        1 => "1 term marked known".to_string(),
        n => format!("{n} terms marked known"),
    }
}
pub const PASTE_IGNORED: &str =
    "Pasted text ignored: paste into the search (/) or an entry form (a).";
pub const NOTHING_TO_UNDO: &str = "No status change to undo.";
/// What undoing a status change did: `Diplomat back to new`, `87 terms back to new`.
pub fn undone(restored: &[(String, crate::learner::Status)], skipped: usize) -> String {
    let mut out = match restored {
        [] => "Undone: nothing".to_string(),
        [(term, status)] => format!("Undone: {term} back to {status}"),
        [(_, first), rest @ ..] if rest.iter().all(|(_, s)| s == first) => {
            format!("Undone: {} terms back to {first}", restored.len())
        }
        many => format!("Undone: {} terms back to their earlier status", many.len()),
    };
    if skipped > 0 {
        out = format!("{out} ({skipped} changed by another reader since, kept)");
    }
    out
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
    pub const NEXT_TERM: &str = "next word that is new or being learnt";
    pub const PREV_TERM: &str = "previous word that is new or being learnt";
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
    pub const TOGGLE_TRANSLATION: &str = "side pane: card, or translation word by word";
    pub const HELP: &str = "show this help";
    pub const CANCEL: &str = "clear the message, stop speaking";
    pub const QUIT: &str = "quit";
    pub const SEARCH_SUBMIT: &str = "find the next match";
    pub const SEARCH_CANCEL: &str = "cancel the search";
    pub const SEARCH_BACKSPACE: &str = "delete a character";
    pub const HELP_SCROLL_DOWN: &str = "scroll the help down";
    pub const HELP_SCROLL_UP: &str = "scroll the help up";
    pub const HELP_CLOSE: &str = "close the help";
    pub const HELP_PAGE_DOWN: &str = "page down the help";
    pub const HELP_PAGE_UP: &str = "page up the help";
    pub const HELP_START: &str = "top of the help";
    pub const HELP_END: &str = "end of the help";
    pub const STATUS_LEARNING_1: &str = "status: learning 1 (just met)";
    pub const STATUS_LEARNING_2: &str = "status: learning 2";
    pub const STATUS_LEARNING_3: &str = "status: learning 3";
    pub const STATUS_LEARNING_4: &str = "status: learning 4 (nearly known)";
    pub const STATUS_KNOWN: &str = "status: known";
    pub const STATUS_IGNORED: &str = "status: ignored (names, words not to study)";
    pub const STATUS_NEW: &str = "status: back to new";
    pub const MARK_SCREEN_KNOWN: &str =
        "page done: mark the new words on screen known (asks first)";
    pub const MARK_ALL_KNOWN: &str = "mark every new word of the whole text known (asks first)";
    pub const UNDO: &str = "undo the last status change (a whole K or A too; up to 100)";
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
    pub const OPEN_LIBRARY: &str = "the library: every text, what you know of it, your progress";
    pub const TABLE_OF_CONTENTS: &str = "table of contents: jump to a chapter";
    pub const SPEAK: &str = "speak the selected term (a split verb as its headword)";
    pub const SPEAK_SENTENCE: &str = "speak the sentence";
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

/// The library screen's words.
pub mod library {
    pub const TITLE: &str = "Library";
    pub const COL_TITLE: &str = "Title";
    pub const COL_AUTHOR: &str = "Author";
    pub const COL_WORDS: &str = "Words";
    pub const COL_READ: &str = "Read";
    pub const COL_KNOWN: &str = "Known";
    pub const COL_NEW: &str = "New";
    pub const COL_OPENED: &str = "Opened";
    pub const NEVER: &str = "–";
    pub const EMPTY: &str =
        "No texts match. Esc clears the filter; `leser import FILE` brings texts in.";
    pub const COMPUTING: &str = "counting what you know…";
    pub const CANNOT_REMOVE_BUNDLED: &str = "The bundled article stays in the library.";
    pub const CHART_KNOWN: &str = "Known terms, last 4 weeks";
    pub const CHART_READ: &str = "Words read per day";
    pub const NO_READING_YET: &str = "No reading recorded yet.";
    pub const FILTER_PROMPT: &str = "filter: ";
    pub const HINT_OPEN: &str = "Enter open";
    pub const HINT_FILTER: &str = "/ filter";
    pub const HINT_REMOVE: &str = "d remove";
    pub const HINT_IMPORT: &str = "i import";
    pub const IMPORT_PROMPT: &str = "import: ";
    pub const HINT_IMPORT_KEYS: &str = "Tab completes · Enter imports · Esc cancels";
    pub fn imported(title: &str, words: usize) -> String {
        format!("Imported \"{title}\" ({words} words).")
    }
    pub fn already(title: &str) -> String {
        format!("Already in the library: \"{title}\".")
    }
    pub const HINT_QUIT: &str = "q quit";
    pub const HINT_FILTER_DONE: &str = "Enter done · Esc clear";
    pub fn sort_hint(sort: &str) -> String {
        format!("s sort: {sort}")
    }
    pub const SORT_LAST_OPENED: &str = "last opened";
    pub const SORT_TITLE: &str = "title";
    pub const SORT_KNOWN: &str = "known share";
    pub fn removed(title: &str) -> String {
        format!("Removed \"{title}\" from the library; your statuses stay.")
    }
    pub fn confirm_remove(title: &str) -> String {
        format!("Remove \"{title}\" from the library? Its copy is deleted; your statuses stay. y/n")
    }
    pub fn texts(n: usize) -> String {
        if n == 1 {
            "1 text".to_string()
        } else {
            format!("{n} texts")
        }
    }
    pub fn words_this_week(n: u64) -> String {
        format!("{n} words read in the last 7 days")
    }
    pub fn cannot_open(message: &str) -> String {
        format!("cannot open: {message}")
    }
    /// "3 d" / "5 h" / "now".
    pub fn ago(secs: u64) -> String {
        match secs {
            0..60 => "now".to_string(),
            60..3600 => format!("{} min", secs / 60),
            3600..86_400 => format!("{} h", secs / 3600),
            _ => format!("{} d", secs / 86_400),
        }
    }
}
