//! Where each pane goes for a terminal size. `update` (page size, wrap width, clicks) and
//! `render` both read this one function, so they can't disagree.

use ratatui::layout::Rect;

/// Below this width the side pane goes under the text instead of beside it.
pub const STACK_BELOW_WIDTH: u16 = 90;
const SIDE_MIN_WIDTH: u16 = 30;
const SIDE_MAX_WIDTH: u16 = 56;
/// Columns of padding on each side of the side pane's content.
pub const SIDE_PADDING: u16 = 1;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct AppLayout {
    /// The top line: title, date, position.
    pub title: Rect,
    /// Where the text's wrapped lines go (inside the pane's padding).
    pub text: Rect,
    /// The side pane, its border included.
    pub side: Rect,
    /// The bottom line: hints, messages, the search prompt.
    pub status: Rect,
    /// True when the side pane is below the text.
    pub stacked: bool,
}

impl AppLayout {
    /// Where the side pane's content goes: inside the line that parts it from the text (left
    /// of it, or above it when stacked), below its title, with padding on each side. The frame
    /// `ui` draws around the pane leaves exactly this inside.
    pub fn side_inner(&self) -> Rect {
        let mut r = self.side;
        if !self.stacked {
            r.x = r.x.saturating_add(1).min(r.right());
            r.width = r.width.saturating_sub(1);
        }
        // The title's row, on the top border when stacked.
        r.y = r.y.saturating_add(1).min(r.bottom());
        r.height = r.height.saturating_sub(1);
        r.x = r.x.saturating_add(SIDE_PADDING);
        r.width = r.width.saturating_sub(2 * SIDE_PADDING);
        r
    }
}

/// Every screen's rows: a title line on top, a status line at the bottom (when there is room
/// for both), the body between them.
pub fn screen_rows(area: Rect) -> (Rect, Rect, Rect) {
    let title = Rect {
        height: area.height.min(1),
        ..area
    };
    let status_height = u16::from(area.height >= 2);
    let status = Rect {
        y: area.bottom() - status_height,
        height: status_height,
        ..area
    };
    let body = Rect {
        y: title.bottom(),
        height: area.height - title.height - status.height,
        ..area
    };
    (title, body, status)
}

pub fn layout(area: Rect) -> AppLayout {
    let (title, body, status) = screen_rows(area);
    let stacked = area.width < STACK_BELOW_WIDTH;
    let (text_pane, side) = if stacked {
        let side_height = body.height / 2;
        let text_height = body.height - side_height;
        (
            Rect {
                height: text_height,
                ..body
            },
            Rect {
                y: body.y + text_height,
                height: side_height,
                ..body
            },
        )
    } else {
        let side_width = (body.width * 2 / 5).clamp(SIDE_MIN_WIDTH, SIDE_MAX_WIDTH);
        let text_width = body.width - side_width;
        (
            Rect {
                width: text_width,
                ..body
            },
            Rect {
                x: body.x + text_width,
                width: side_width,
                ..body
            },
        )
    };
    // One column of padding on each side, when there is room for it.
    let pad = u16::from(text_pane.width >= 3);
    let text = Rect {
        x: text_pane.x + pad,
        width: text_pane.width - 2 * pad,
        ..text_pane
    };
    AppLayout {
        title,
        text,
        side,
        status,
        stacked,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_terminal_puts_the_side_pane_beside_the_text() {
        let l = layout(Rect::new(0, 0, 120, 40));
        assert!(!l.stacked);
        assert_eq!(l.text.y, 1);
        assert_eq!(l.text.height, 38);
        assert!(l.text.right() <= l.side.x);
        assert_eq!(l.side.right(), 120);
        assert_eq!(l.status.y, 39);
    }

    #[test]
    fn narrow_terminal_stacks_the_side_pane_below() {
        let l = layout(Rect::new(0, 0, 80, 24));
        assert!(l.stacked);
        assert_eq!(l.side.width, 80);
        assert_eq!(l.text.bottom(), l.side.y);
        assert_eq!(l.side.bottom(), l.status.y);
    }

    #[test]
    fn every_small_size_fits_inside_the_area() {
        for w in 0..=40 {
            for h in 0..=12 {
                let area = Rect::new(0, 0, w, h);
                let l = layout(area);
                for r in [l.title, l.text, l.side, l.status] {
                    assert!(
                        area.contains(r.as_position()) || r.is_empty(),
                        "{w}x{h}: {r:?}"
                    );
                    assert!(r.right() <= w && r.bottom() <= h, "{w}x{h}: {r:?}");
                }
            }
        }
    }
}
