//! The library screen's state: the texts with their figures, the sort, the filter, the
//! selection, and the one way it changes: [`LibraryState::update`]. No I/O here.

use super::Progress;
use crate::learner::Figures;
use ratatui::layout::Size;
use std::path::PathBuf;

/// Which text a row opens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    Bundled,
    File(PathBuf),
}

/// One text of the library.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// The key its position and opening time are kept under.
    pub key: String,
    pub target: Target,
    /// The library entry's file (`texts/x.md`); `None` for the bundled article.
    pub file: Option<String>,
    pub title: String,
    pub author: Option<String>,
    pub words: usize,
    pub chapters: usize,
    /// Share of the text read (0 to 1), from the saved position.
    pub read: Option<f64>,
    /// Known share and new terms, once computed (or as cached).
    pub figures: Option<Figures>,
    /// Unix seconds.
    pub opened: Option<u64>,
}

impl Row {
    pub fn known(&self) -> Option<f64> {
        self.figures.map(|f| f.known_share())
    }
}

/// The order of the rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    #[default]
    LastOpened,
    Title,
    Known,
}

impl Sort {
    pub(super) fn next(self) -> Sort {
        match self {
            Sort::LastOpened => Sort::Title,
            Sort::Title => Sort::Known,
            Sort::Known => Sort::LastOpened,
        }
    }
}

/// What the library screen is doing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LibraryMode {
    #[default]
    Browse,
    /// Typing the filter.
    Filter,
    /// Asking whether to remove the selected text.
    ConfirmRemove,
    /// Typing the path of a file to import.
    Import,
}

/// What can be asked of the library screen.
#[derive(Debug, Clone, PartialEq)]
pub enum LibraryAction {
    Down,
    Up,
    PageDown,
    PageUp,
    Top,
    Bottom,
    Open,
    CycleSort,
    FilterStart,
    FilterInput(char),
    FilterBackspace,
    /// Leave the filter prompt, keeping the filter.
    FilterDone,
    Remove,
    /// Open the prompt for a file to import.
    ImportStart,
    ImportInput(char),
    ImportBackspace,
    /// Complete the typed path (Tab).
    ImportComplete,
    /// Import the typed path.
    ImportSubmit,
    /// The files a typed path can go on to: the path completed as far as they agree.
    Completed {
        path: String,
        choices: Vec<String>,
    },
    Confirm,
    Cancel,
    Quit,
    Resize {
        width: u16,
        height: u16,
    },
    /// A text's figures, computed in the background.
    Figures {
        key: String,
        figures: Figures,
    },
    /// A text was removed from the library.
    Removed {
        key: String,
        title: String,
    },
    /// Work failed; the message says what.
    Failed(String),
}

/// Work the library screen asks the event loop to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LibraryEffect {
    Open(Target),
    Remove {
        key: String,
        file: String,
    },
    /// List the files a typed path could complete to.
    Complete(String),
    /// Import a file into the library.
    Import(String),
    Quit,
}

#[derive(Debug, Clone)]
pub struct LibraryState {
    pub(super) rows: Vec<Row>,
    /// Indexes into `rows`: the filtered, sorted ones on screen.
    pub(super) visible: Vec<usize>,
    pub(super) sort: Sort,
    pub(super) filter: String,
    pub(super) mode: LibraryMode,
    /// Index into `visible`.
    pub(super) selected: usize,
    /// The first visible row on screen.
    pub(super) scroll: usize,
    pub(super) viewport: Size,
    pub(super) message: Option<String>,
    /// The path typed at the import prompt, and what Tab offered last.
    pub(super) import_path: String,
    pub(super) import_choices: Vec<String>,
    pub(super) progress: Progress,
    /// Now, for "last opened" (unix seconds); set by whoever builds the state.
    pub(super) now: u64,
    pub(super) needs_redraw: bool,
}

impl LibraryState {
    pub fn new(rows: Vec<Row>, progress: Progress, viewport: Size, now: u64) -> LibraryState {
        let mut state = LibraryState {
            rows,
            visible: Vec::new(),
            sort: Sort::default(),
            filter: String::new(),
            mode: LibraryMode::Browse,
            selected: 0,
            scroll: 0,
            viewport,
            message: None,
            import_path: String::new(),
            import_choices: Vec::new(),
            progress,
            now,
            needs_redraw: true,
        };
        state.refilter(None);
        state
    }

    pub(super) fn selected_key(&self) -> Option<String> {
        self.selected_row().map(|r| r.key.clone())
    }

    /// Filters and sorts the rows again, keeping `keep` selected when it is still shown.
    pub(super) fn refilter(&mut self, keep: Option<String>) {
        let needle = self.filter.to_lowercase();
        let mut visible: Vec<usize> = (0..self.rows.len())
            .filter(|&i| {
                let r = &self.rows[i];
                needle.is_empty()
                    || r.title.to_lowercase().contains(&needle)
                    || r.author
                        .as_ref()
                        .is_some_and(|a| a.to_lowercase().contains(&needle))
            })
            .collect();
        let rows = &self.rows;
        match self.sort {
            Sort::LastOpened => visible.sort_by(|&a, &b| {
                rows[b]
                    .opened
                    .cmp(&rows[a].opened)
                    .then_with(|| rows[a].title.cmp(&rows[b].title))
            }),
            Sort::Title => visible.sort_by_key(|&i| rows[i].title.to_lowercase()),
            Sort::Known => visible.sort_by(|&a, &b| {
                let ka = rows[a].known().unwrap_or(-1.0);
                let kb = rows[b].known().unwrap_or(-1.0);
                kb.total_cmp(&ka)
                    .then_with(|| rows[a].title.cmp(&rows[b].title))
            }),
        }
        self.visible = visible;
        self.selected = keep
            .and_then(|k| self.visible.iter().position(|&i| self.rows[i].key == k))
            .unwrap_or(0);
        self.keep_selection_visible();
    }

    /// Whether something changed since the last call.
    pub fn take_redraw(&mut self) -> bool {
        std::mem::take(&mut self.needs_redraw)
    }

    // ----- what the view reads -----

    /// The rows on screen, in order.
    pub fn visible(&self) -> impl Iterator<Item = &Row> {
        self.visible.iter().map(|&i| &self.rows[i])
    }

    pub fn visible_len(&self) -> usize {
        self.visible.len()
    }

    pub fn rows(&self) -> &[Row] {
        &self.rows
    }

    pub fn selected(&self) -> usize {
        self.selected
    }

    pub fn selected_row(&self) -> Option<&Row> {
        self.visible.get(self.selected).map(|&i| &self.rows[i])
    }

    pub fn scroll(&self) -> usize {
        self.scroll
    }

    pub fn sort(&self) -> Sort {
        self.sort
    }

    pub fn filter(&self) -> &str {
        &self.filter
    }

    pub fn mode(&self) -> LibraryMode {
        self.mode
    }

    /// The path typed at the import prompt.
    pub fn import_path(&self) -> &str {
        &self.import_path
    }

    /// What Tab offered last at the import prompt.
    pub fn import_choices(&self) -> &[String] {
        &self.import_choices
    }

    /// A message for the status bar (after an import, for instance).
    pub fn set_message(&mut self, message: String) {
        self.message = Some(message);
        self.needs_redraw = true;
    }

    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }

    pub fn viewport(&self) -> Size {
        self.viewport
    }

    pub fn progress(&self) -> &Progress {
        &self.progress
    }

    pub fn now(&self) -> u64 {
        self.now
    }

    /// Whether every text's figures are in.
    pub fn figures_complete(&self) -> bool {
        self.rows.iter().all(|r| r.figures.is_some())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    pub fn row(title: &str, opened: Option<u64>, known: Option<f64>) -> Row {
        Row {
            key: format!("key:{title}"),
            target: Target::File(PathBuf::from(format!("{title}.md"))),
            file: Some(format!("texts/{title}.md")),
            title: title.to_string(),
            author: Some("Autor".to_string()),
            words: 1000,
            chapters: 0,
            read: None,
            figures: known.map(|k| Figures {
                words: 1000,
                known_words: (k * 1000.0) as usize,
                new_terms: 10,
            }),
            opened,
        }
    }

    fn titles(s: &LibraryState) -> Vec<String> {
        s.visible().map(|r| r.title.clone()).collect()
    }

    fn state() -> LibraryState {
        LibraryState::new(
            vec![
                row("Brücke", Some(100), Some(0.5)),
                row("Anekdoten", Some(300), Some(0.2)),
                row("Hafen", None, Some(0.9)),
            ],
            Progress::default(),
            Size::new(120, 40),
            1000,
        )
    }

    #[test]
    fn sorts_by_last_opened_then_title_then_known_share() {
        let mut s = state();
        assert_eq!(titles(&s), ["Anekdoten", "Brücke", "Hafen"]);
        s.update(LibraryAction::CycleSort);
        assert_eq!(s.sort(), Sort::Title);
        assert_eq!(titles(&s), ["Anekdoten", "Brücke", "Hafen"]);
        s.update(LibraryAction::CycleSort);
        assert_eq!(titles(&s), ["Hafen", "Brücke", "Anekdoten"]);
    }

    #[test]
    fn the_filter_narrows_and_enter_opens_the_selection() {
        let mut s = state();
        s.update(LibraryAction::FilterStart);
        for c in "haf".chars() {
            s.update(LibraryAction::FilterInput(c));
        }
        assert_eq!(titles(&s), ["Hafen"]);
        s.update(LibraryAction::FilterDone);
        let effects = s.update(LibraryAction::Open);
        assert_eq!(
            effects,
            [LibraryEffect::Open(Target::File(PathBuf::from("Hafen.md")))]
        );
    }

    #[test]
    fn the_import_prompt_completes_and_submits() {
        let mut s = state();
        s.update(LibraryAction::ImportStart);
        for c in "bu".chars() {
            s.update(LibraryAction::ImportInput(c));
        }
        assert_eq!(
            s.update(LibraryAction::ImportComplete),
            [LibraryEffect::Complete("bu".to_string())]
        );
        s.update(LibraryAction::Completed {
            path: "buch/".to_string(),
            choices: vec!["buch/a.epub".to_string(), "buch/b.epub".to_string()],
        });
        assert_eq!(s.import_path(), "buch/");
        s.update(LibraryAction::ImportInput('a'));
        assert_eq!(
            s.update(LibraryAction::ImportSubmit),
            [LibraryEffect::Import("buch/a".to_string())]
        );
        assert_eq!(s.mode(), LibraryMode::Browse);
    }

    #[test]
    fn removing_asks_first() {
        let mut s = state();
        s.update(LibraryAction::Remove);
        assert_eq!(s.mode(), LibraryMode::ConfirmRemove);
        assert!(s.update(LibraryAction::Cancel).is_empty());
        s.update(LibraryAction::Remove);
        let effects = s.update(LibraryAction::Confirm);
        assert_eq!(
            effects,
            [LibraryEffect::Remove {
                key: "key:Anekdoten".to_string(),
                file: "texts/Anekdoten.md".to_string()
            }]
        );
        s.update(LibraryAction::Removed {
            key: "key:Anekdoten".to_string(),
            title: "Anekdoten".to_string(),
        });
        assert_eq!(titles(&s), ["Brücke", "Hafen"]);
    }
}
