//! The library screen: every text with what the learner knows of it, sorted and filtered,
//! and charts of their reading over the weeks. `state` holds it, `update` changes it, `keys`
//! maps keys to its actions, `ui` draws it, `figures` counts the known shares in the background.

pub mod figures;
pub mod keys;
pub mod state;
pub mod ui;
mod update;

pub use crate::learner::Progress;
pub use crate::tui::strings::library as strings;
pub use state::{LibraryAction, LibraryEffect, LibraryMode, LibraryState, Row, Sort, Target};

use ratatui::layout::Rect;

/// Below this height the charts give their room to the table.
const CHARTS_FROM_HEIGHT: u16 = 20;

/// Where each part of the library screen goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct LibraryLayout {
    pub title: Rect,
    /// The table, its header line included.
    pub table: Rect,
    /// The charts (empty on a small terminal).
    pub charts: Rect,
    pub status: Rect,
}

pub fn layout(area: Rect) -> LibraryLayout {
    let (title, body, status) = crate::tui::layout::screen_rows(area);
    let charts_height = if area.height >= CHARTS_FROM_HEIGHT {
        (body.height * 2 / 5).clamp(8, 14)
    } else {
        0
    };
    let table = Rect {
        height: body.height - charts_height,
        ..body
    };
    let charts = Rect {
        y: table.bottom(),
        height: charts_height,
        ..body
    };
    LibraryLayout {
        title,
        table,
        charts,
        status,
    }
}
