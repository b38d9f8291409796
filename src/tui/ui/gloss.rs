//! The interlinear gloss: each item of a sentence a column, the German on top, the headword
//! under it where it is not the word, the English (dim, italic) at the bottom; the columns
//! flow left to right and wrap at the pane's width.

use super::{theme, truncate};
use crate::gloss::{English, Gloss, Item};
use crate::tui::strings;
use crate::tui::ui::theme::Palette;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use std::ops::Range;
use unicode_width::UnicodeWidthStr;

/// Columns between two items.
const GAP: usize = 2;

/// The English under an item, as drawn.
fn english_text(gloss: &Gloss, item: &Item) -> String {
    match &item.english {
        English::Sense(s) => s.clone(),
        English::Nothing => String::new(),
        English::Pending => strings::GLOSS_PENDING.to_string(),
        English::Unknown => strings::GLOSS_UNKNOWN.to_string(),
        English::PartOf(i) => {
            let first = gloss.items.get(*i).map_or("", |main| {
                let text = main.text.split(" … ").next().unwrap_or_default();
                text.trim_matches(|c: char| !c.is_alphanumeric())
            });
            strings::gloss_part_of(first)
        }
    }
}

/// The gloss's rows for a pane `width` columns wide, and which rows hold the items of the
/// selected token's term (so the pane can keep them in view).
pub fn gloss_lines(
    gloss: &Gloss,
    selected: Option<usize>,
    width: usize,
    palette: &Palette,
) -> (Vec<Line<'static>>, Option<Range<usize>>) {
    let width = width.max(1);
    // Each item's three lines, cut to the pane.
    let cells: Vec<[String; 3]> = gloss
        .items
        .iter()
        .map(|item| {
            [
                truncate(&item.text, width).into_owned(),
                truncate(item.headword.as_deref().unwrap_or_default(), width).into_owned(),
                truncate(&english_text(gloss, item), width).into_owned(),
            ]
        })
        .collect();
    let column = |c: &[String; 3]| c.iter().map(|s| s.width()).max().unwrap_or(0);
    // Items on each row.
    let mut rows: Vec<Range<usize>> = Vec::new();
    let mut used = 0;
    for (i, c) in cells.iter().enumerate() {
        let w = column(c);
        match rows.last_mut() {
            Some(row) if used + GAP + w <= width => {
                row.end = i + 1;
                used += GAP + w;
            }
            _ => {
                rows.push(i..i + 1);
                used = w;
            }
        }
    }
    let is_selected = |item: &Item| selected.is_some_and(|t| item.tokens.contains(&t));
    let word_style = Style::new();
    let headword_style = Style::new().fg(palette.headword);
    let english_style = theme::DIM.add_modifier(Modifier::ITALIC);
    let mut lines: Vec<Line<'static>> = Vec::new();
    let mut selected_rows = None;
    for (r, row) in rows.iter().enumerate() {
        if r > 0 {
            lines.push(Line::raw(""));
        }
        let start = lines.len();
        let with_headword = row.clone().any(|i| gloss.items[i].headword.is_some());
        let parts: &[usize] = if with_headword { &[0, 1, 2] } else { &[0, 2] };
        for &part in parts {
            let mut spans = Vec::new();
            for i in row.clone() {
                let item = &gloss.items[i];
                let text = &cells[i][part];
                let style = match part {
                    0 if is_selected(item) => palette.selected(),
                    0 => word_style,
                    1 => headword_style,
                    _ if matches!(item.english, English::Sense(_)) => english_style,
                    _ => theme::DIM,
                };
                if i > row.start {
                    spans.push(Span::raw(" ".repeat(GAP)));
                }
                spans.push(Span::styled(text.clone(), style));
                let pad = column(&cells[i]) - text.width();
                if pad > 0 && i + 1 < row.end {
                    spans.push(Span::raw(" ".repeat(pad)));
                }
            }
            lines.push(Line::from(spans));
        }
        if row.clone().any(|i| is_selected(&gloss.items[i])) {
            // From the first row with a part of the selected term to the last.
            let first = selected_rows.map_or(start, |r: Range<usize>| r.start);
            selected_rows = Some(first..lines.len());
        }
    }
    (lines, selected_rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(text: &str, headword: Option<&str>, english: English, token: usize) -> Item {
        Item {
            text: text.into(),
            headword: headword.map(Into::into),
            english,
            tokens: vec![token],
        }
    }

    fn gloss() -> Gloss {
        let sense = |s: &str| English::Sense(s.into());
        Gloss {
            items: vec![
                item("Er", None, sense("he"), 0),
                item("ging", Some("gehen"), sense("to go"), 1),
                item("nach", None, sense("to, after"), 2),
                item("Hause.", Some("das Haus"), sense("house"), 3),
            ],
            pending: Vec::new(),
        }
    }

    fn text(lines: &[Line]) -> Vec<String> {
        lines
            .iter()
            .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
            .collect()
    }

    #[test]
    fn items_are_columns_with_the_word_over_its_headword_and_english() {
        let (lines, selected) = gloss_lines(&gloss(), Some(1), 80, &Palette::default());
        assert_eq!(
            text(&lines),
            [
                "Er  ging   nach       Hause.",
                "    gehen             das Haus",
                "he  to go  to, after  house",
            ]
        );
        assert_eq!(selected, Some(0..3));
        assert_eq!(lines[0].spans[2].content, "ging");
        assert_eq!(lines[0].spans[2].style, Palette::default().selected());
    }

    #[test]
    fn items_wrap_at_the_pane_s_width_and_a_row_without_headwords_has_two_lines() {
        let (lines, selected) = gloss_lines(&gloss(), Some(3), 14, &Palette::default());
        assert_eq!(
            text(&lines),
            [
                "Er  ging",
                "    gehen",
                "he  to go",
                "",
                "nach",
                "to, after",
                "",
                "Hause.",
                "das Haus",
                "house",
            ]
        );
        assert_eq!(selected, Some(7..10));
    }

    #[test]
    fn a_pane_narrower_than_a_word_cuts_it() {
        let (lines, _) = gloss_lines(&gloss(), None, 3, &Palette::default());
        assert!(lines.iter().all(|l| l.width() <= 3));
        let (lines, _) = gloss_lines(&gloss(), None, 0, &Palette::default());
        assert!(lines.iter().all(|l| l.width() <= 1));
    }
}
