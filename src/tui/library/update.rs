//! How the library screen changes: [`LibraryState::update`], the one way it does. No I/O.

use super::state::{LibraryAction, LibraryEffect, LibraryMode, LibraryState, Sort};
use ratatui::layout::Size;

impl LibraryState {
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

    pub(super) fn step(&mut self, by: usize, down: bool) {
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

    pub(super) fn keep_selection_visible(&mut self) {
        let height = self.table_rows().max(1);
        if self.selected < self.scroll {
            self.scroll = self.selected;
        } else if self.selected >= self.scroll + height {
            self.scroll = self.selected + 1 - height;
        }
        self.scroll = self.scroll.min(self.visible.len().saturating_sub(height));
    }
}
