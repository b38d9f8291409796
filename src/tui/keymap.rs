//! Key bindings as data: (mode, key, action, description). The key resolver, the `?` help and
//! the status-bar hints all read the same table.

use super::action::Action;
use super::strings::{desc, hint};
use crate::learner::Status;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use serde::{Deserialize, Serialize};

/// What the keyboard is talking to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    /// Reading: moving over the text.
    Normal,
    /// Typing a search.
    Search,
    /// The help overlay is open.
    Help,
    /// Choosing the words of a new entry.
    Span,
    /// The form of an entry is open.
    Form,
    /// A yes/no question in the status bar.
    Confirm,
}

impl Mode {
    /// The section of `[keys]` in `config.toml` that binds a mode's keys: `None` for reading
    /// (bound in `[keys]` itself), `search` for `[keys.search]`.
    pub fn config_section(self) -> Option<&'static str> {
        match self {
            Mode::Normal => None,
            Mode::Search => Some("search"),
            Mode::Help => Some("help"),
            Mode::Span => Some("span"),
            Mode::Form => Some("form"),
            Mode::Confirm => Some("confirm"),
        }
    }

    pub const ALL: [Mode; 6] = [
        Mode::Normal,
        Mode::Search,
        Mode::Span,
        Mode::Form,
        Mode::Confirm,
        Mode::Help,
    ];
}

/// A row of the default table: every key in `keys` does `action` in every mode of `modes`.
/// Keys are written as in a key file: `l`, `G`, `Right`, `PageDown`, `Space`, `C-f`, `S-Tab`.
#[derive(Debug, Clone)]
pub struct DefaultBinding {
    pub modes: &'static [Mode],
    pub keys: &'static [&'static str],
    pub action: Action,
    pub desc: &'static str,
    /// The short word shown in the status bar, for the few bindings worth a hint.
    pub hint: Option<&'static str>,
}

const NORMAL: &[Mode] = &[Mode::Normal];
const SEARCH: &[Mode] = &[Mode::Search];
const HELP: &[Mode] = &[Mode::Help];
const SPAN: &[Mode] = &[Mode::Span];
const FORM: &[Mode] = &[Mode::Form];
const CONFIRM: &[Mode] = &[Mode::Confirm];
const EVERYWHERE: &[Mode] = &Mode::ALL;

const fn row(
    modes: &'static [Mode],
    keys: &'static [&'static str],
    action: Action,
    desc: &'static str,
    hint: Option<&'static str>,
) -> DefaultBinding {
    DefaultBinding {
        modes,
        keys,
        action,
        desc,
        hint,
    }
}

/// The default bindings, in the order the help lists them.
pub const DEFAULT_BINDINGS: &[DefaultBinding] = &[
    row(
        NORMAL,
        &["Right", "l", "Tab"],
        Action::NextTerm,
        desc::NEXT_TERM,
        Some(hint::NEXT_TERM),
    ),
    row(
        NORMAL,
        &["Left", "h", "S-Tab"],
        Action::PrevTerm,
        desc::PREV_TERM,
        Some(hint::PREV_TERM),
    ),
    row(NORMAL, &["w"], Action::NextWord, desc::NEXT_WORD, None),
    row(NORMAL, &["b"], Action::PrevWord, desc::PREV_WORD, None),
    row(
        NORMAL,
        &["Down", "j"],
        Action::ScrollDown,
        desc::SCROLL_DOWN,
        None,
    ),
    row(
        NORMAL,
        &["Up", "k"],
        Action::ScrollUp,
        desc::SCROLL_UP,
        None,
    ),
    row(
        NORMAL,
        &["PageDown", "Space", "C-f", "C-d"],
        Action::PageDown,
        desc::PAGE_DOWN,
        None,
    ),
    row(
        NORMAL,
        &["PageUp", "C-b", "C-u"],
        Action::PageUp,
        desc::PAGE_UP,
        None,
    ),
    row(NORMAL, &["g", "Home"], Action::Start, desc::START, None),
    row(NORMAL, &["G", "End"], Action::End, desc::END, None),
    row(
        NORMAL,
        &["/"],
        Action::SearchStart,
        desc::SEARCH,
        Some(hint::SEARCH),
    ),
    row(NORMAL, &["n"], Action::SearchNext, desc::SEARCH_NEXT, None),
    row(NORMAL, &["N"], Action::SearchPrev, desc::SEARCH_PREV, None),
    row(
        NORMAL,
        &["t"],
        Action::ToggleTranslation,
        desc::TOGGLE_TRANSLATION,
        Some(hint::TRANSLATION),
    ),
    row(
        NORMAL,
        &["d"],
        Action::ToggleDictionary,
        desc::TOGGLE_DICTIONARY,
        None,
    ),
    row(
        NORMAL,
        &["C-j", "S-Down"],
        Action::CardScrollDown,
        desc::CARD_SCROLL_DOWN,
        None,
    ),
    row(
        NORMAL,
        &["C-k", "S-Up"],
        Action::CardScrollUp,
        desc::CARD_SCROLL_UP,
        None,
    ),
    row(NORMAL, &["p"], Action::Speak, desc::SPEAK, None),
    row(
        NORMAL,
        &["P"],
        Action::SpeakSentence,
        desc::SPEAK_SENTENCE,
        None,
    ),
    row(
        NORMAL,
        &["?"],
        Action::ToggleHelp,
        desc::HELP,
        Some(hint::HELP),
    ),
    row(
        NORMAL,
        &["1"],
        Action::SetStatus(Status::Learning(1)),
        desc::STATUS_LEARNING_1,
        None,
    ),
    row(
        NORMAL,
        &["2"],
        Action::SetStatus(Status::Learning(2)),
        desc::STATUS_LEARNING_2,
        None,
    ),
    row(
        NORMAL,
        &["3"],
        Action::SetStatus(Status::Learning(3)),
        desc::STATUS_LEARNING_3,
        None,
    ),
    row(
        NORMAL,
        &["4"],
        Action::SetStatus(Status::Learning(4)),
        desc::STATUS_LEARNING_4,
        None,
    ),
    row(
        NORMAL,
        &["5"],
        Action::SetStatus(Status::Known),
        desc::STATUS_KNOWN,
        None,
    ),
    row(
        NORMAL,
        &["i"],
        Action::SetStatus(Status::Ignored),
        desc::STATUS_IGNORED,
        None,
    ),
    row(
        NORMAL,
        &["0"],
        Action::SetStatus(Status::New),
        desc::STATUS_NEW,
        None,
    ),
    row(
        NORMAL,
        &["K"],
        Action::MarkScreenKnown,
        desc::MARK_SCREEN_KNOWN,
        None,
    ),
    row(
        NORMAL,
        &["A"],
        Action::MarkAllKnown,
        desc::MARK_ALL_KNOWN,
        None,
    ),
    row(NORMAL, &["u"], Action::Undo, desc::UNDO, None),
    row(NORMAL, &["v"], Action::SpanStart, desc::SPAN_START, None),
    row(
        NORMAL,
        &["a"],
        Action::AddEntry,
        desc::ADD_ENTRY,
        Some(hint::ADD),
    ),
    row(NORMAL, &["e"], Action::EditEntry, desc::EDIT_ENTRY, None),
    row(
        NORMAL,
        &["L"],
        Action::OpenLibrary,
        desc::OPEN_LIBRARY,
        None,
    ),
    row(
        NORMAL,
        &["c"],
        Action::TableOfContents,
        desc::TABLE_OF_CONTENTS,
        None,
    ),
    row(NORMAL, &["Esc"], Action::Cancel, desc::CANCEL, None),
    row(NORMAL, &["q"], Action::Quit, desc::QUIT, Some(hint::QUIT)),
    row(
        SEARCH,
        &["Enter"],
        Action::SearchSubmit,
        desc::SEARCH_SUBMIT,
        Some(hint::FIND),
    ),
    row(
        SEARCH,
        &["Esc"],
        Action::Cancel,
        desc::SEARCH_CANCEL,
        Some(hint::CANCEL),
    ),
    row(
        SEARCH,
        &["Backspace"],
        Action::SearchBackspace,
        desc::SEARCH_BACKSPACE,
        None,
    ),
    row(
        SPAN,
        &["Right", "l", "w"],
        Action::NextWord,
        desc::SPAN_NEXT,
        None,
    ),
    row(
        SPAN,
        &["Left", "h", "b"],
        Action::PrevWord,
        desc::SPAN_PREV,
        None,
    ),
    row(
        SPAN,
        &["Space"],
        Action::SpanToggle,
        desc::SPAN_TOGGLE,
        Some(hint::TOGGLE),
    ),
    row(
        SPAN,
        &["L", "S-Right"],
        Action::SpanExtend,
        desc::SPAN_EXTEND,
        Some(hint::EXTEND),
    ),
    row(
        SPAN,
        &["H", "S-Left"],
        Action::SpanShrink,
        desc::SPAN_SHRINK,
        Some(hint::SHRINK),
    ),
    row(
        SPAN,
        &["a", "Enter"],
        Action::AddEntry,
        desc::SPAN_ADD,
        Some(hint::ADD),
    ),
    row(
        SPAN,
        &["Esc", "v"],
        Action::Cancel,
        desc::SPAN_CANCEL,
        Some(hint::CANCEL),
    ),
    row(
        FORM,
        &["Tab", "Down"],
        Action::FormNextField,
        desc::FORM_NEXT,
        Some(hint::NEXT_FIELD),
    ),
    row(
        FORM,
        &["S-Tab", "Up"],
        Action::FormPrevField,
        desc::FORM_PREV,
        None,
    ),
    row(
        FORM,
        &["Enter"],
        Action::FormSubmit,
        desc::FORM_SUBMIT,
        Some(hint::SAVE),
    ),
    row(
        FORM,
        &["Esc"],
        Action::Cancel,
        desc::FORM_CANCEL,
        Some(hint::CANCEL),
    ),
    row(
        FORM,
        &["Backspace"],
        Action::FormBackspace,
        desc::FORM_BACKSPACE,
        None,
    ),
    row(FORM, &["C-u"], Action::FormClear, desc::FORM_CLEAR, None),
    row(
        CONFIRM,
        &["y", "Y"],
        Action::Confirm,
        desc::CONFIRM_YES,
        Some(hint::YES),
    ),
    row(
        CONFIRM,
        &["n", "Esc"],
        Action::Cancel,
        desc::CONFIRM_NO,
        Some(hint::CANCEL),
    ),
    row(
        HELP,
        &["Down", "j"],
        Action::ScrollDown,
        desc::HELP_SCROLL_DOWN,
        None,
    ),
    row(
        HELP,
        &["Up", "k"],
        Action::ScrollUp,
        desc::HELP_SCROLL_UP,
        None,
    ),
    row(
        HELP,
        &["PageDown", "Space", "C-f", "C-d"],
        Action::PageDown,
        desc::HELP_PAGE_DOWN,
        None,
    ),
    row(
        HELP,
        &["PageUp", "C-b", "C-u"],
        Action::PageUp,
        desc::HELP_PAGE_UP,
        None,
    ),
    row(HELP, &["g", "Home"], Action::Start, desc::HELP_START, None),
    row(HELP, &["G", "End"], Action::End, desc::HELP_END, None),
    row(
        HELP,
        &["Esc", "?", "q"],
        Action::Cancel,
        desc::HELP_CLOSE,
        Some(hint::CLOSE),
    ),
    row(EVERYWHERE, &["C-c"], Action::Quit, desc::QUIT, None),
];

/// A key with its modifiers, normalized so that a table entry matches what terminals send
/// (`G` arrives with or without Shift; Shift-Tab arrives as `BackTab`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub modifiers: KeyModifiers,
}

impl Key {
    pub fn new(code: KeyCode, modifiers: KeyModifiers) -> Key {
        let modifiers = match code {
            KeyCode::Char(_) | KeyCode::BackTab => modifiers - KeyModifiers::SHIFT,
            _ => modifiers,
        };
        Key { code, modifiers }
    }

    /// Reads a key as written in the table (`C-f`, `S-Tab`, `PageDown`, `G`).
    pub fn parse(spec: &str) -> Option<Key> {
        if let Some(rest) = spec.strip_prefix("C-") {
            let mut chars = rest.chars();
            let c = chars.next()?;
            return chars
                .next()
                .is_none()
                .then(|| Key::new(KeyCode::Char(c.to_ascii_lowercase()), KeyModifiers::CONTROL));
        }
        if let Some(rest) = spec.strip_prefix("S-")
            && rest != "Tab"
        {
            let key = Key::parse(rest)?;
            return (!matches!(key.code, KeyCode::Char(_)))
                .then(|| Key::new(key.code, KeyModifiers::SHIFT));
        }
        let code = match spec {
            "S-Tab" => KeyCode::BackTab,
            "Tab" => KeyCode::Tab,
            "Left" => KeyCode::Left,
            "Right" => KeyCode::Right,
            "Up" => KeyCode::Up,
            "Down" => KeyCode::Down,
            "PageUp" => KeyCode::PageUp,
            "PageDown" => KeyCode::PageDown,
            "Home" => KeyCode::Home,
            "End" => KeyCode::End,
            "Enter" => KeyCode::Enter,
            "Esc" => KeyCode::Esc,
            "Backspace" => KeyCode::Backspace,
            "Space" => KeyCode::Char(' '),
            _ => {
                let mut chars = spec.chars();
                let c = chars.next()?;
                if chars.next().is_some() {
                    return None;
                }
                KeyCode::Char(c)
            }
        };
        Some(Key::new(code, KeyModifiers::NONE))
    }

    /// How the help and the hints write the key: `→`, `PgDn`, `Ctrl-f`, `Shift-Tab`.
    pub fn label(&self) -> String {
        let name = match self.code {
            KeyCode::Left => "←".to_string(),
            KeyCode::Right => "→".to_string(),
            KeyCode::Up => "↑".to_string(),
            KeyCode::Down => "↓".to_string(),
            KeyCode::PageUp => "PgUp".to_string(),
            KeyCode::PageDown => "PgDn".to_string(),
            KeyCode::Home => "Home".to_string(),
            KeyCode::End => "End".to_string(),
            KeyCode::Enter => "Enter".to_string(),
            KeyCode::Esc => "Esc".to_string(),
            KeyCode::Backspace => "Backspace".to_string(),
            KeyCode::Tab => "Tab".to_string(),
            KeyCode::BackTab => "Shift-Tab".to_string(),
            KeyCode::Char(' ') => "Space".to_string(),
            KeyCode::Char(c) => c.to_string(),
            other => format!("{other:?}"),
        };
        if self.modifiers.contains(KeyModifiers::CONTROL) {
            format!("Ctrl-{name}")
        } else if self.modifiers.contains(KeyModifiers::SHIFT) {
            format!("Shift-{name}")
        } else {
            name
        }
    }
}

/// An action's name in `config.toml`: `next_term`, `search_start`, `status_learning_2`.
pub fn action_name(action: &Action) -> String {
    match action {
        Action::SetStatus(status) => format!("status_{}", status.tag()),
        other => match serde_json::to_value(other) {
            Ok(serde_json::Value::String(name)) => name,
            _ => format!("{other:?}"),
        },
    }
}

/// The action a name stands for in a mode: one that has keys there by default.
pub fn action_by_name(mode: Mode, name: &str) -> Option<Action> {
    DEFAULT_BINDINGS
        .iter()
        .filter(|r| r.modes.contains(&mode))
        .map(|r| &r.action)
        .find(|a| action_name(a) == name)
        .cloned()
}

/// The names of the actions that have keys in a mode, for a message.
pub fn action_names(mode: Mode) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for r in DEFAULT_BINDINGS.iter().filter(|r| r.modes.contains(&mode)) {
        let name = action_name(&r.action);
        if !names.contains(&name) {
            names.push(name);
        }
    }
    names
}

/// Keys the learner chose for an action in a mode (from `config.toml`), replacing its default
/// keys there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeySetting {
    pub mode: Mode,
    pub action: Action,
    pub keys: Vec<Key>,
}

/// Two actions with one key in one mode, after the settings: which setting and which of its
/// keys, and the action that key also does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyClash {
    pub setting: usize,
    pub key: usize,
    pub other: Action,
}

/// One (mode, key) -> action binding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binding {
    pub mode: Mode,
    pub key: Key,
    pub action: Action,
    pub desc: &'static str,
    pub hint: Option<&'static str>,
}

/// All bindings, in table order.
#[derive(Debug, Clone)]
pub struct Keymap {
    bindings: Vec<Binding>,
}

impl Default for Keymap {
    fn default() -> Keymap {
        Keymap::from_table(DEFAULT_BINDINGS)
    }
}

impl Keymap {
    /// Expands table rows into one binding per (mode, key). A key spec that does not parse is
    /// left out (the tests check that every default parses).
    pub fn from_table(rows: &[DefaultBinding]) -> Keymap {
        let bindings = rows
            .iter()
            .flat_map(|r| {
                r.modes.iter().flat_map(move |&mode| {
                    r.keys.iter().filter_map(move |spec| {
                        Some(Binding {
                            mode,
                            key: Key::parse(spec)?,
                            action: r.action.clone(),
                            desc: r.desc,
                            hint: r.hint,
                        })
                    })
                })
            })
            .collect();
        Keymap { bindings }
    }

    pub fn bindings(&self) -> &[Binding] {
        &self.bindings
    }

    /// The default keymap with each setting's keys replacing its action's keys in its mode;
    /// the help and the hints follow. A key left doing two things in a mode is a clash.
    pub fn with_settings(settings: &[KeySetting]) -> Result<Keymap, KeyClash> {
        let mut map = Keymap::default();
        for s in settings {
            map.rebind(s.mode, &s.action, &s.keys);
        }
        for (i, s) in settings.iter().enumerate() {
            for (k, key) in s.keys.iter().enumerate() {
                if let Some(other) = map
                    .bindings
                    .iter()
                    .find(|b| b.mode == s.mode && b.key == *key && b.action != s.action)
                {
                    return Err(KeyClash {
                        setting: i,
                        key: k,
                        other: other.action.clone(),
                    });
                }
            }
        }
        Ok(map)
    }

    /// Gives an action in a mode these keys instead of the ones it had, in the place (and with
    /// the description and hint) of the first of those.
    fn rebind(&mut self, mode: Mode, action: &Action, keys: &[Key]) {
        let at = self
            .bindings
            .iter()
            .position(|b| b.mode == mode && b.action == *action);
        let Some(at) = at else { return };
        let (desc, hint) = (self.bindings[at].desc, self.bindings[at].hint);
        self.bindings
            .retain(|b| !(b.mode == mode && b.action == *action));
        let mut new: Vec<Binding> = Vec::new();
        for key in keys {
            if !new.iter().any(|b| b.key == *key) {
                new.push(Binding {
                    mode,
                    key: *key,
                    action: action.clone(),
                    desc,
                    hint,
                });
            }
        }
        let at = at.min(self.bindings.len());
        self.bindings.splice(at..at, new);
    }

    /// The action for a key event in a mode. Key releases do nothing; in the search prompt and
    /// the form, a printable character that is not bound types itself; a question takes any
    /// other key as no.
    pub fn resolve(&self, mode: Mode, event: &KeyEvent) -> Option<Action> {
        if event.kind == KeyEventKind::Release {
            return None;
        }
        let key = Key::new(event.code, event.modifiers);
        if let Some(b) = self
            .bindings
            .iter()
            .find(|b| b.mode == mode && b.key == key)
        {
            return Some(b.action.clone());
        }
        let typed = !key
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
        match (mode, key.code) {
            (Mode::Search, KeyCode::Char(c)) if typed => Some(Action::SearchInput(c)),
            (Mode::Form, KeyCode::Char(c)) if typed => Some(Action::FormInput(c)),
            // Any other key answers no.
            (Mode::Confirm, _) => Some(Action::Cancel),
            _ => None,
        }
    }

    /// The help's rows for a mode: all keys of an action joined (`→ l Tab`), with its description.
    pub fn help_rows(&self, mode: Mode) -> Vec<(String, &'static str)> {
        let mut rows: Vec<(Action, &'static str, Vec<String>)> = Vec::new();
        for b in self.bindings.iter().filter(|b| b.mode == mode) {
            match rows
                .iter_mut()
                .find(|(a, d, _)| *a == b.action && *d == b.desc)
            {
                Some((_, _, keys)) => keys.push(b.key.label()),
                None => rows.push((b.action.clone(), b.desc, vec![b.key.label()])),
            }
        }
        rows.into_iter()
            .map(|(_, desc, keys)| (keys.join(" "), desc))
            .collect()
    }

    /// The first key bound to an action in a mode, as the help writes it (`d`).
    pub fn key_for(&self, mode: Mode, action: &Action) -> Option<String> {
        self.bindings
            .iter()
            .find(|b| b.mode == mode && b.action == *action)
            .map(|b| b.key.label())
    }

    /// The status-bar hints for a mode: (first key, short word), in table order.
    pub fn hints(&self, mode: Mode) -> Vec<(String, &'static str)> {
        let mut out: Vec<(Action, String, &'static str)> = Vec::new();
        for b in self.bindings.iter().filter(|b| b.mode == mode) {
            if let Some(h) = b.hint
                && !out.iter().any(|(a, _, _)| *a == b.action)
            {
                out.push((b.action.clone(), b.key.label(), h));
            }
        }
        out.into_iter().map(|(_, k, h)| (k, h)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::KeyEventState;

    fn press(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent {
            code,
            modifiers,
            kind: KeyEventKind::Press,
            state: KeyEventState::NONE,
        }
    }

    #[test]
    fn every_default_key_parses() {
        let specs: usize = DEFAULT_BINDINGS
            .iter()
            .map(|r| r.keys.len() * r.modes.len())
            .sum();
        assert_eq!(Keymap::default().bindings().len(), specs);
    }

    #[test]
    fn no_key_is_bound_twice_in_a_mode() {
        let map = Keymap::default();
        for (i, a) in map.bindings().iter().enumerate() {
            for b in &map.bindings()[i + 1..] {
                assert!(!(a.mode == b.mode && a.key == b.key), "{a:?} and {b:?}");
            }
        }
    }

    #[test]
    fn arrows_and_vim_keys_move_over_terms() {
        let map = Keymap::default();
        let right = press(KeyCode::Right, KeyModifiers::NONE);
        let l = press(KeyCode::Char('l'), KeyModifiers::NONE);
        let backtab = press(KeyCode::BackTab, KeyModifiers::SHIFT);
        assert_eq!(map.resolve(Mode::Normal, &right), Some(Action::NextTerm));
        assert_eq!(map.resolve(Mode::Normal, &l), Some(Action::NextTerm));
        assert_eq!(map.resolve(Mode::Normal, &backtab), Some(Action::PrevTerm));
    }

    #[test]
    fn d_folds_the_dictionary_and_ctrl_j_k_scroll_the_card() {
        let map = Keymap::default();
        let key = |c, m| map.resolve(Mode::Normal, &press(c, m));
        assert_eq!(
            key(KeyCode::Char('d'), KeyModifiers::NONE),
            Some(Action::ToggleDictionary)
        );
        for (code, modifiers, action) in [
            (
                KeyCode::Char('j'),
                KeyModifiers::CONTROL,
                Action::CardScrollDown,
            ),
            (KeyCode::Down, KeyModifiers::SHIFT, Action::CardScrollDown),
            (
                KeyCode::Char('k'),
                KeyModifiers::CONTROL,
                Action::CardScrollUp,
            ),
            (KeyCode::Up, KeyModifiers::SHIFT, Action::CardScrollUp),
        ] {
            assert_eq!(key(code, modifiers), Some(action));
        }
        // Plain j and k still scroll the text.
        assert_eq!(
            key(KeyCode::Char('j'), KeyModifiers::NONE),
            Some(Action::ScrollDown)
        );
        assert_eq!(
            map.key_for(Mode::Normal, &Action::ToggleDictionary)
                .as_deref(),
            Some("d")
        );
        let help = map.help_rows(Mode::Normal);
        assert!(
            help.iter().any(|(keys, _)| keys == "Ctrl-j Shift-↓"),
            "{help:?}"
        );
    }

    #[test]
    fn shifted_letter_matches_with_or_without_shift() {
        let map = Keymap::default();
        for mods in [KeyModifiers::NONE, KeyModifiers::SHIFT] {
            let g = press(KeyCode::Char('G'), mods);
            assert_eq!(map.resolve(Mode::Normal, &g), Some(Action::End));
        }
    }

    #[test]
    fn key_release_does_nothing() {
        let mut ev = press(KeyCode::Char('q'), KeyModifiers::NONE);
        ev.kind = KeyEventKind::Release;
        assert_eq!(Keymap::default().resolve(Mode::Normal, &ev), None);
    }

    #[test]
    fn letters_type_into_the_search_prompt() {
        let map = Keymap::default();
        let q = press(KeyCode::Char('q'), KeyModifiers::NONE);
        assert_eq!(
            map.resolve(Mode::Search, &q),
            Some(Action::SearchInput('q'))
        );
        assert_eq!(map.resolve(Mode::Normal, &q), Some(Action::Quit));
        let ctrl_c = press(KeyCode::Char('c'), KeyModifiers::CONTROL);
        for mode in Mode::ALL {
            assert_eq!(map.resolve(mode, &ctrl_c), Some(Action::Quit));
        }
    }

    #[test]
    fn shift_arrows_change_a_span_and_letters_type_into_the_form() {
        let map = Keymap::default();
        let shift_right = press(KeyCode::Right, KeyModifiers::SHIFT);
        let right = press(KeyCode::Right, KeyModifiers::NONE);
        assert_eq!(
            map.resolve(Mode::Span, &shift_right),
            Some(Action::SpanExtend)
        );
        assert_eq!(map.resolve(Mode::Span, &right), Some(Action::NextWord));
        assert_eq!(
            Key::parse("S-Left").map(|k| k.label()),
            Some("Shift-←".into())
        );
        let q = press(KeyCode::Char('q'), KeyModifiers::NONE);
        assert_eq!(map.resolve(Mode::Form, &q), Some(Action::FormInput('q')));
        let space = press(KeyCode::Char(' '), KeyModifiers::NONE);
        assert_eq!(
            map.resolve(Mode::Form, &space),
            Some(Action::FormInput(' '))
        );
        assert_eq!(map.resolve(Mode::Span, &space), Some(Action::SpanToggle));
    }

    #[test]
    fn help_joins_the_keys_of_an_action() {
        let rows = Keymap::default().help_rows(Mode::Normal);
        assert!(
            rows.contains(&("→ l Tab".to_string(), desc::NEXT_TERM)),
            "{rows:?}"
        );
        assert!(rows.contains(&("PgDn Space Ctrl-f Ctrl-d".to_string(), desc::PAGE_DOWN)));
    }

    #[test]
    fn every_action_has_a_name_that_finds_it_again() {
        for mode in Mode::ALL {
            for name in action_names(mode) {
                let action = action_by_name(mode, &name).unwrap();
                assert_eq!(action_name(&action), name);
            }
        }
        assert_eq!(action_name(&Action::NextTerm), "next_term");
        assert_eq!(
            action_name(&Action::SetStatus(Status::Learning(2))),
            "status_learning_2"
        );
        assert_eq!(action_by_name(Mode::Search, "next_term"), None);
    }

    #[test]
    fn settings_replace_an_action_s_keys_and_clashes_are_found() {
        let key = |s| Key::parse(s).unwrap();
        let map = Keymap::with_settings(&[KeySetting {
            mode: Mode::Normal,
            action: Action::NextTerm,
            keys: vec![key("x"), key("Right")],
        }])
        .unwrap();
        let x = press(KeyCode::Char('x'), KeyModifiers::NONE);
        let l = press(KeyCode::Char('l'), KeyModifiers::NONE);
        assert_eq!(map.resolve(Mode::Normal, &x), Some(Action::NextTerm));
        assert_eq!(map.resolve(Mode::Normal, &l), None, "l no longer");
        assert_eq!(
            map.help_rows(Mode::Normal).first(),
            Some(&("x →".to_string(), desc::NEXT_TERM))
        );
        let clash = Keymap::with_settings(&[KeySetting {
            mode: Mode::Normal,
            action: Action::Quit,
            keys: vec![key("Q"), key("j")],
        }])
        .unwrap_err();
        assert_eq!(
            clash,
            KeyClash {
                setting: 0,
                key: 1,
                other: Action::ScrollDown
            }
        );
        // Unless j is given something else to do.
        let moved = Keymap::with_settings(&[
            KeySetting {
                mode: Mode::Normal,
                action: Action::Quit,
                keys: vec![key("j")],
            },
            KeySetting {
                mode: Mode::Normal,
                action: Action::ScrollDown,
                keys: vec![key("Down")],
            },
        ]);
        assert!(moved.is_ok());
    }

    #[test]
    fn hints_name_the_first_key() {
        let hints = Keymap::default().hints(Mode::Normal);
        assert_eq!(hints.first(), Some(&("→".to_string(), hint::NEXT_TERM)));
        assert!(hints.contains(&("q".to_string(), hint::QUIT)));
    }
}
