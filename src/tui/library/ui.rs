//! Draws the library screen: a pure view of [`LibraryState`].

use super::state::{LibraryMode, LibraryState, Row, Sort};
use super::{layout, strings};
use crate::learner::library::day_of;
use crate::tui::theme;
use crate::tui::ui::truncate;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Style};
use ratatui::symbols;
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Axis, Bar, BarChart, BarGroup, Block, Borders, Cell, Chart, Dataset, GraphType, Paragraph,
    Row as TableRow, Table,
};
use unicode_width::UnicodeWidthStr;

/// Days the known-terms chart covers.
const KNOWN_DAYS: usize = 28;

pub fn render(state: &LibraryState, frame: &mut Frame) {
    let l = layout(frame.area());
    title(state, frame, l.title);
    table(state, frame, l.table);
    if !l.charts.is_empty() {
        charts(state, frame, l.charts);
    }
    status(state, frame, l.status);
}

fn title(state: &LibraryState, frame: &mut Frame, area: Rect) {
    if area.is_empty() {
        return;
    }
    let today = day_of(state.now());
    let week: u64 = state
        .progress()
        .last_days(today, 7)
        .iter()
        .map(|d| d.words_read)
        .sum();
    let left = format!(
        "{} · {}",
        strings::TITLE,
        strings::texts(state.rows().len())
    );
    let right = if state.figures_complete() {
        strings::words_this_week(week)
    } else {
        strings::COMPUTING.to_string()
    };
    let width = usize::from(area.width);
    let right = truncate(&right, width);
    let left = truncate(&left, width.saturating_sub(right.width() + 1));
    let gap = width.saturating_sub(left.width() + right.width());
    let line = Line::from(vec![
        Span::styled(left, theme::TITLE),
        Span::raw(" ".repeat(gap)),
        Span::styled(right, theme::DIM),
    ]);
    frame.render_widget(Paragraph::new(line), area);
}

fn percent(share: Option<f64>) -> String {
    share.map_or_else(
        || strings::NEVER.to_string(),
        |s| format!("{}%", (s * 100.0).floor() as u64),
    )
}

fn cells(state: &LibraryState, row: &Row) -> [String; 7] {
    [
        row.title.replace(['\n', '\r', '\t'], " "),
        row.author.clone().unwrap_or_default(),
        row.words.to_string(),
        percent(row.read),
        percent(row.known()),
        row.figures
            .map_or_else(|| strings::NEVER.to_string(), |f| f.new_terms.to_string()),
        row.opened.map_or_else(
            || strings::NEVER.to_string(),
            |t| strings::ago(state.now().saturating_sub(t)),
        ),
    ]
}

fn table(state: &LibraryState, frame: &mut Frame, area: Rect) {
    if area.height < 2 {
        return;
    }
    if state.visible_len() == 0 {
        let text = Paragraph::new(Line::styled(strings::EMPTY, theme::DIM))
            .wrap(ratatui::widgets::Wrap { trim: true });
        frame.render_widget(text, area.inner(ratatui::layout::Margin::new(1, 1)));
        return;
    }
    let narrow = area.width < 100;
    let widths = [
        Constraint::Fill(3),
        Constraint::Fill(if narrow { 1 } else { 2 }),
        Constraint::Length(7),
        Constraint::Length(5),
        Constraint::Length(6),
        Constraint::Length(6),
        Constraint::Length(7),
    ];
    let header = TableRow::new([
        strings::COL_TITLE,
        strings::COL_AUTHOR,
        strings::COL_WORDS,
        strings::COL_READ,
        strings::COL_KNOWN,
        strings::COL_NEW,
        strings::COL_OPENED,
    ])
    .style(theme::PANE_TITLE);
    let height = usize::from(area.height) - 1;
    let rows: Vec<TableRow> = state
        .visible()
        .enumerate()
        .skip(state.scroll())
        .take(height)
        .map(|(i, row)| {
            let style = if i == state.selected() {
                theme::SELECTED
            } else {
                Style::new()
            };
            let [title, author, words, read, known, new, opened] = cells(state, row);
            TableRow::new([
                Cell::from(title),
                Cell::from(Span::styled(author, theme::DIM)),
                Cell::from(Line::from(words).right_aligned()),
                Cell::from(Line::from(read).right_aligned()),
                Cell::from(Line::from(known).right_aligned()),
                Cell::from(Line::from(new).right_aligned()),
                Cell::from(Line::from(opened).right_aligned()),
            ])
            .style(style)
        })
        .collect();
    let table = Table::new(rows, widths).header(header).column_spacing(1);
    frame.render_widget(table, area);
}

fn charts(state: &LibraryState, frame: &mut Frame, area: Rect) {
    let [left, right] =
        Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(area);
    let today = day_of(state.now());
    let progress = state.progress();
    let block = |title: &'static str| {
        Block::new()
            .borders(Borders::TOP)
            .border_style(theme::DIM)
            .title(Line::styled(format!(" {title} "), theme::PANE_TITLE))
    };

    // Known terms over the last weeks: a line.
    let known = progress.known_by_day(today, KNOWN_DAYS);
    let points: Vec<(f64, f64)> = known
        .iter()
        .enumerate()
        .map(|(i, (_, k))| (i as f64, *k as f64))
        .collect();
    // The axis spans what the weeks saw, so that growth shows.
    let low = known.iter().map(|(_, k)| *k).min().unwrap_or(0);
    let max = known
        .iter()
        .map(|(_, k)| *k)
        .max()
        .unwrap_or(0)
        .max(low + 1);
    let dataset = Dataset::default()
        .marker(symbols::Marker::Braille)
        .graph_type(GraphType::Line)
        .style(Style::new().fg(Color::Green))
        .data(&points);
    let chart = Chart::new(vec![dataset])
        .block(block(strings::CHART_KNOWN))
        .x_axis(
            Axis::default()
                .bounds([0.0, (KNOWN_DAYS - 1) as f64])
                .labels(["-4w", "today"])
                .style(theme::DIM),
        )
        .y_axis(
            Axis::default()
                .bounds([low as f64, max as f64])
                .labels([low.to_string(), max.to_string()])
                .style(theme::DIM),
        );
    frame.render_widget(chart, left);

    // Words read per day: bars, as many days as fit.
    let inner = block(strings::CHART_READ).inner(right);
    let days = (usize::from(inner.width) / 4).clamp(1, 28);
    let last = progress.last_days(today, days);
    if last.iter().all(|d| d.words_read == 0) {
        frame.render_widget(
            Paragraph::new(Line::styled(strings::NO_READING_YET, theme::DIM))
                .block(block(strings::CHART_READ)),
            right,
        );
        return;
    }
    let bars: Vec<Bar> = last
        .iter()
        .map(|d| {
            let (_, _, day) = crate::learner::library::civil_from_days(d.day);
            Bar::default()
                .value(d.words_read)
                .label(Line::from(format!("{day:02}")))
                .text_value(compact(d.words_read))
        })
        .collect();
    let chart = BarChart::default()
        .block(block(strings::CHART_READ))
        .data(BarGroup::default().bars(&bars))
        .bar_width(3)
        .bar_gap(1)
        .bar_style(Style::new().fg(Color::Cyan))
        .value_style(theme::DIM);
    frame.render_widget(chart, right);
}

/// 1234 → "1k", 950 → "950": fits a bar three columns wide.
fn compact(n: u64) -> String {
    match n {
        0..1000 => n.to_string(),
        1000..100_000 => format!("{}k", n / 1000),
        _ => "99k".to_string(),
    }
}

fn status(state: &LibraryState, frame: &mut Frame, area: Rect) {
    if area.is_empty() {
        return;
    }
    let width = usize::from(area.width);
    let line = match state.mode() {
        LibraryMode::Filter => Line::from(vec![
            Span::styled(strings::FILTER_PROMPT, theme::KEY),
            Span::raw(state.filter().to_string()),
            Span::styled("▏", theme::DIM),
            Span::raw("  "),
            Span::styled(strings::HINT_FILTER_DONE, theme::DIM),
        ]),
        LibraryMode::Import => {
            let mut spans = vec![
                Span::styled(strings::IMPORT_PROMPT, theme::KEY),
                Span::raw(state.import_path().to_string()),
                Span::styled("▏", theme::DIM),
                Span::raw("  "),
            ];
            let choices = state.import_choices();
            if choices.len() > 1 {
                let names: Vec<&str> = choices
                    .iter()
                    .map(|c| {
                        let c = c.trim_end_matches('/');
                        c.rsplit('/').next().unwrap_or(c)
                    })
                    .collect();
                spans.push(Span::styled(names.join("  "), theme::DIM));
            } else {
                spans.push(Span::styled(strings::HINT_IMPORT_KEYS, theme::DIM));
            }
            Line::from(spans)
        }
        LibraryMode::ConfirmRemove => {
            let title = state.selected_row().map_or("", |r| r.title.as_str());
            Line::styled(
                truncate(&strings::confirm_remove(title), width).into_owned(),
                theme::MESSAGE,
            )
        }
        LibraryMode::Browse => match state.message() {
            Some(m) => Line::styled(truncate(m, width).into_owned(), theme::MESSAGE),
            None => {
                let sort = match state.sort() {
                    Sort::LastOpened => strings::SORT_LAST_OPENED,
                    Sort::Title => strings::SORT_TITLE,
                    Sort::Known => strings::SORT_KNOWN,
                };
                let mut hints = vec![
                    strings::HINT_OPEN.to_string(),
                    strings::HINT_FILTER.to_string(),
                    strings::sort_hint(sort),
                    strings::HINT_REMOVE.to_string(),
                    strings::HINT_IMPORT.to_string(),
                    strings::HINT_QUIT.to_string(),
                ];
                if !state.filter().is_empty() {
                    hints.insert(0, format!("{}{}", strings::FILTER_PROMPT, state.filter()));
                }
                Line::styled(truncate(&hints.join(" · "), width).into_owned(), theme::DIM)
            }
        },
    };
    frame.render_widget(Paragraph::new(line), area);
}
