//! The table of contents over the reader: the text's chapters, one selected; Enter jumps.

use crate::text::Chapter;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TocState {
    chapters: Vec<Chapter>,
    selected: usize,
}

/// What a key did to the table of contents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TocOutcome {
    Stay,
    Close,
    /// Jump to this byte offset of the text.
    Jump(usize),
}

impl TocState {
    /// The table of contents with the chapter holding `offset` selected; `None` without chapters.
    pub fn new(chapters: Vec<Chapter>, offset: usize) -> Option<TocState> {
        if chapters.is_empty() {
            return None;
        }
        let selected = crate::text::Document::chapter_at(&chapters, offset).unwrap_or(0);
        Some(TocState { chapters, selected })
    }

    pub fn key(&mut self, key: &KeyEvent) -> TocOutcome {
        if key.kind == KeyEventKind::Release {
            return TocOutcome::Stay;
        }
        let last = self.chapters.len().saturating_sub(1);
        match key.code {
            KeyCode::Down | KeyCode::Char('j') => self.selected = (self.selected + 1).min(last),
            KeyCode::Up | KeyCode::Char('k') => self.selected = self.selected.saturating_sub(1),
            KeyCode::Home | KeyCode::Char('g') => self.selected = 0,
            KeyCode::End | KeyCode::Char('G') => self.selected = last,
            KeyCode::Enter => {
                return self
                    .chapters
                    .get(self.selected)
                    .map_or(TocOutcome::Close, |c| TocOutcome::Jump(c.offset));
            }
            KeyCode::Esc | KeyCode::Char('c' | 'q') => return TocOutcome::Close,
            _ => {}
        }
        TocOutcome::Stay
    }

    pub fn chapters(&self) -> &[Chapter] {
        &self.chapters
    }

    pub fn selected(&self) -> usize {
        self.selected
    }
}
