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
    fn next(self) -> Sort {
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
    rows: Vec<Row>,
    /// Indexes into `rows`: the filtered, sorted ones on screen.
    visible: Vec<usize>,
    sort: Sort,
    filter: String,
    mode: LibraryMode,
    /// Index into `visible`.
    selected: usize,
    /// The first visible row on screen.
    scroll: usize,
    viewport: Size,
    message: Option<String>,
    /// The path typed at the import prompt, and what Tab offered last.
    import_path: String,
    import_choices: Vec<String>,
    progress: Progress,
    /// Now, for "last opened" (unix seconds); set by whoever builds the state.
    now: u64,
    needs_redraw: bool,
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

    pub fn update(&mut self, action: LibraryAction) -> Vec<LibraryEffect> {
        self.needs_redraw = true;
        match action {
            LibraryAction::Resize { width, height } => {
                self.viewport = Size::new(width, height);
                self.keep_selection_visible();
                return Vec::new();
            }
            LibraryAction::Figures { key, figures } => {
                if let Some(row) = self.rows.iter_mut().find(|r| r.key == key) {
                    row.figures = Some(figures);
                }
                if self.sort == Sort::Known {
                    self.refilter(self.selected_key());
                }
                return Vec::new();
            }
            LibraryAction::Removed { key, title } => {
                self.rows.retain(|r| r.key != key);
                self.refilter(None);
                self.message = Some(super::strings::removed(&title));
                return Vec::new();
            }
            LibraryAction::Completed { path, choices } => {
                if self.mode == LibraryMode::Import {
                    self.import_path = path;
                    self.import_choices = choices;
                }
                return Vec::new();
            }
            LibraryAction::Failed(message) => {
                self.message = Some(message.lines().collect::<Vec<_>>().join(" · "));
                return Vec::new();
            }
            LibraryAction::Quit => return vec![LibraryEffect::Quit],
            _ => {}
        }
        self.message = None;
        match self.mode {
            LibraryMode::Browse => return self.browse(&action),
            LibraryMode::Filter => match action {
                LibraryAction::FilterInput(c) => {
                    self.filter.push(c);
                    self.refilter(self.selected_key());
                }
                LibraryAction::FilterBackspace => {
                    self.filter.pop();
                    self.refilter(self.selected_key());
                }
                LibraryAction::FilterDone | LibraryAction::Open => {
                    self.mode = LibraryMode::Browse;
                }
                LibraryAction::Cancel => {
                    self.mode = LibraryMode::Browse;
                    self.filter.clear();
                    self.refilter(self.selected_key());
                }
                LibraryAction::Down => self.step(1, true),
                LibraryAction::Up => self.step(1, false),
                _ => {}
            },
            LibraryMode::Import => return self.import_prompt(&action),
            LibraryMode::ConfirmRemove => {
                self.mode = LibraryMode::Browse;
                if action == LibraryAction::Confirm
                    && let Some(row) = self.selected_row()
                    && let Some(file) = &row.file
                {
                    return vec![LibraryEffect::Remove {
                        key: row.key.clone(),
                        file: file.clone(),
                    }];
                }
            }
        }
        Vec::new()
    }

    fn import_prompt(&mut self, action: &LibraryAction) -> Vec<LibraryEffect> {
        match action {
            LibraryAction::ImportInput(c) => {
                self.import_path.push(*c);
                self.import_choices.clear();
            }
            LibraryAction::ImportBackspace => {
                self.import_path.pop();
                self.import_choices.clear();
            }
            LibraryAction::ImportComplete => {
                return vec![LibraryEffect::Complete(self.import_path.clone())];
            }
            LibraryAction::ImportSubmit => {
                self.mode = LibraryMode::Browse;
                let path = std::mem::take(&mut self.import_path);
                self.import_choices.clear();
                if !path.trim().is_empty() {
                    return vec![LibraryEffect::Import(path)];
                }
            }
            LibraryAction::Cancel => {
                self.mode = LibraryMode::Browse;
                self.import_path.clear();
                self.import_choices.clear();
            }
            _ => {}
        }
        Vec::new()
    }

    fn browse(&mut self, action: &LibraryAction) -> Vec<LibraryEffect> {
        match action {
            LibraryAction::ImportStart => self.mode = LibraryMode::Import,
            LibraryAction::Down => self.step(1, true),
            LibraryAction::Up => self.step(1, false),
            LibraryAction::PageDown => self.step(self.page(), true),
            LibraryAction::PageUp => self.step(self.page(), false),
            LibraryAction::Top => self.selected = 0,
            LibraryAction::Bottom => self.selected = self.visible.len().saturating_sub(1),
            LibraryAction::Open => {
                if let Some(row) = self.selected_row() {
                    return vec![LibraryEffect::Open(row.target.clone())];
                }
            }
            LibraryAction::CycleSort => {
                self.sort = self.sort.next();
                self.refilter(self.selected_key());
            }
            LibraryAction::FilterStart => self.mode = LibraryMode::Filter,
            LibraryAction::Cancel if !self.filter.is_empty() => {
                self.filter.clear();
                self.refilter(self.selected_key());
            }
            LibraryAction::Remove => match self.selected_row() {
                Some(row) if row.file.is_some() => self.mode = LibraryMode::ConfirmRemove,
                Some(_) => self.message = Some(super::strings::CANNOT_REMOVE_BUNDLED.to_string()),
                None => {}
            },
            _ => {}
        }
        self.keep_selection_visible();
        Vec::new()
    }

    fn step(&mut self, by: usize, down: bool) {
        let last = self.visible.len().saturating_sub(1);
        self.selected = if down {
            (self.selected + by).min(last)
        } else {
            self.selected.saturating_sub(by)
        };
        self.keep_selection_visible();
    }

    fn page(&self) -> usize {
        self.table_rows().saturating_sub(1).max(1)
    }

    /// Rows of texts the table has room for.
    pub fn table_rows(&self) -> usize {
        usize::from(super::layout(self.viewport.into()).table.height).saturating_sub(1)
    }

    fn keep_selection_visible(&mut self) {
        let height = self.table_rows().max(1);
        if self.selected < self.scroll {
            self.scroll = self.selected;
        } else if self.selected >= self.scroll + height {
            self.scroll = self.selected + 1 - height;
        }
        self.scroll = self.scroll.min(self.visible.len().saturating_sub(height));
    }

    fn selected_key(&self) -> Option<String> {
        self.selected_row().map(|r| r.key.clone())
    }

    /// Filters and sorts the rows again, keeping `keep` selected when it is still shown.
    fn refilter(&mut self, keep: Option<String>) {
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
