//! Paragraphs of plain text and what each is: prose, whose lines join with one space, or verse
//! (a poem, a song, a list), whose lines keep their breaks.

use std::ops::Range;

/// What a paragraph is, for the screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BlockKind {
    /// Lines join with one space and wrap to the pane.
    #[default]
    Prose,
    /// Each line stays a line (wrapped only when longer than the pane).
    Verse,
    /// A heading, level 1 to 6; the top level that occurs makes the chapters.
    Heading(u8),
    /// A list item; items follow each other without a blank line.
    Item,
    /// Code, kept as it is and not linked.
    Code,
}

impl BlockKind {
    /// Whether the paragraph's line breaks stay on screen.
    pub fn keeps_lines(self) -> bool {
        matches!(self, BlockKind::Verse | BlockKind::Code)
    }
}

/// A verse line is at most this many characters; prose that is broken by hand is longer.
const VERSE_LINE_MAX: usize = 55;

/// Where the next line end is: sixteen bytes at a time, as lines are some seventy bytes long
/// and a call to `memchr` costs more than it saves on so few.
fn find_newline(bytes: &[u8]) -> Option<usize> {
    let mut at = 0;
    for chunk in bytes.chunks_exact(16) {
        if chunk.iter().fold(0u8, |any, &b| any | u8::from(b == b'\n')) != 0 {
            break;
        }
        at += 16;
    }
    bytes[at..].iter().position(|&b| b == b'\n').map(|i| at + i)
}

/// The lines of a text as [`str::lines`] gives them (without `\n` or `\r\n`).
fn lines(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        Some(match find_newline(rest.as_bytes()) {
            Some(i) => {
                let line = &rest[..i];
                rest = &rest[i + 1..];
                line.strip_suffix('\r').unwrap_or(line)
            }
            None => std::mem::take(&mut rest),
        })
    })
}

/// Paragraph ranges inside `body`: blank lines separate them, and separator lines (`%` between
/// fortunes, `* * *`), which belong to none; each is trimmed. Only lines that
/// may be blank are read: a line that starts with a letter is not, and most do.
pub fn paragraphs(source: &str, body: Range<usize>) -> Vec<Range<usize>> {
    let bytes = &source.as_bytes()[..body.end];
    let mut out = Vec::new();
    // Where the lines since the last blank one start.
    let mut run = body.start;
    let mut line = Some(body.start);
    while let Some(start) = line.filter(|&s| s < body.end) {
        line = match blank_line_end(source, start, body.end) {
            Some(end) => {
                push_trimmed(source, run..start, &mut out);
                run = end;
                maybe_blank_line_after(bytes, end - 1)
            }
            None => maybe_blank_line_after(bytes, start),
        };
    }
    push_trimmed(source, run..body.end, &mut out);
    out
}

/// The text of `range` trimmed, when there is any.
fn push_trimmed(source: &str, range: Range<usize>, out: &mut Vec<Range<usize>>) {
    let text = source[range.clone()].trim_start();
    if !text.is_empty() {
        let start = range.end - text.len();
        out.push(start..start + text.trim_end().len());
    }
}

/// Whether a byte may make up a line that separates paragraphs: `%` between the entries of a
/// fortune file, `* * *` or `---` between a text's parts.
fn is_separator(b: u8) -> bool {
    matches!(b, b'%' | b'*' | b'-')
}

/// Where the line at `start` ends (after its line end, or at `end`), when it holds nothing but
/// white space, or is a separator: `%` alone, or three marks or more of [`is_separator`] and
/// nothing else (`* * *`, `-----`). A separator ends a paragraph as a blank line does.
fn blank_line_end(source: &str, start: usize, end: usize) -> Option<usize> {
    let bytes = &source.as_bytes()[start..end];
    // The separator's mark and how many times it stands in the line.
    let (mut mark, mut marks) = (0u8, 0usize);
    let ends = |mark: u8, marks: usize| marks == 0 || (marks == 1 && mark == b'%') || marks >= 3;
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b'\n' => return ends(mark, marks).then_some(start + i + 1),
            b'\t' | 0x0b | 0x0c | b'\r' | b' ' => {}
            b if is_separator(b) && (marks == 0 || b == mark) => {
                mark = b;
                marks += 1;
            }
            0..=0x7f => return None,
            _ if marks > 0 => return None,
            // Beyond ASCII: the rest of the line read as text.
            _ => {
                let line_end =
                    memchr::memchr(b'\n', &bytes[i..]).map_or(end, |j| start + i + j + 1);
                return source[start..line_end]
                    .trim_start()
                    .is_empty()
                    .then_some(line_end);
            }
        }
    }
    ends(mark, marks).then_some(end)
}

/// The start of the first line after `from` that may be blank: one whose line end (at or after
/// `from`) is followed by anything but a printable ASCII character, or by a separator's mark
/// ([`is_separator`]). 32 bytes at a time, as lines are some seventy bytes long and a call to
/// `memchr` a line costs more.
fn maybe_blank_line_after(bytes: &[u8], from: usize) -> Option<usize> {
    // Below `!`, beyond ASCII, or a separator's mark.
    let may_be_white = |b: u8| b.wrapping_sub(0x21) >= 0x5f || is_separator(b);
    let mut at = from;
    while let Some(window) = bytes.get(at..at + 33).and_then(<[u8]>::first_chunk::<33>) {
        let mut found = false;
        for (&b, &next) in window.iter().zip(&window[1..]) {
            found |= (b == b'\n') & may_be_white(next);
        }
        if found {
            break;
        }
        at += 32;
    }
    bytes
        .get(at..)?
        .windows(2)
        .position(|w| w[0] == b'\n' && may_be_white(w[1]))
        .map(|i| at + i + 1)
}

/// Prose or verse: a paragraph of two or more short lines is verse, unless its lines are filled
/// the way a hand-wrapped paragraph's are (the next line's first word would not have fitted)
/// and do not all open with a capital.
/// Lines that start like list items keep their breaks whatever their length.
pub fn classify(paragraph: &str) -> BlockKind {
    // One line is prose: the common case, decided without counting.
    if find_newline(paragraph.trim_end().as_bytes()).is_none() {
        return BlockKind::Prose;
    }
    match classify_lines(paragraph) {
        // Lines laid out in columns (a recipe's ingredients, a timetable) keep their breaks:
        // their spaces are the layout, whatever their length. Most paragraphs have no wide gap
        // at all, which one pass over their bytes tells.
        BlockKind::Prose if laid_out_lines(paragraph) >= 2 => BlockKind::Verse,
        kind => kind,
    }
}

/// [`classify`] for a paragraph of two lines or more, by the lengths of its lines.
fn classify_lines(paragraph: &str) -> BlockKind {
    let lines = || lines(paragraph).map(str::trim);
    let (mut count, mut all_items, mut longest) = (0usize, true, 0usize);
    for raw in self::lines(paragraph) {
        let line = raw.trim();
        count += 1;
        // An item's text may go on in indented lines (a hanging indent).
        let continued = count > 1 && raw.starts_with([' ', '\t']);
        all_items = all_items && (continued || starts_like_an_item(line));
        // No more characters than bytes: only a longer line may be the longest.
        if line.len() > longest {
            longest = longest.max(line.chars().count());
        }
        // Neither a list nor short lines: prose, whatever the lines after.
        if !all_items && longest > VERSE_LINE_MAX {
            return BlockKind::Prose;
        }
    }
    if count < 2 {
        return BlockKind::Prose;
    }
    if all_items {
        return BlockKind::Verse;
    }
    if longest > VERSE_LINE_MAX {
        return BlockKind::Prose;
    }
    if count >= 3 {
        let filled = lines().zip(lines().skip(1)).all(|(line, next)| {
            let next_word = next
                .split_whitespace()
                .next()
                .map_or(0, |w| w.chars().count());
            line.chars().count() + 1 + next_word > longest
        });
        // A poem's lines each open with a capital, a hand-wrapped paragraph's rarely all do
        // (who said it, `-- Goethe`, is no line of the poem).
        let capitals = lines()
            .skip(1)
            .filter(|line| !line.starts_with("--"))
            .all(|line| line.starts_with(char::is_uppercase));
        if filled && !capitals {
            return BlockKind::Prose;
        }
    }
    BlockKind::Verse
}

/// How many lines (0, 1 or 2 and more) have a gap of three spaces or a tab between their
/// words, or are indented by eight spaces or more (a column continued). Only the gaps are
/// looked at: most paragraphs have none, and a paragraph is never scanned line by line.
fn laid_out_lines(paragraph: &str) -> usize {
    static THREE_SPACES: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new(b"   "));
    let bytes = paragraph.as_bytes();
    // The first line found: a second one ends the search.
    let mut found: Option<usize> = None;
    let mut spaces = GapLines::new(bytes);
    for at in THREE_SPACES.find_iter(bytes) {
        if let Some(line) = spaces.laid_out(at)
            && found.replace(line).is_some_and(|f| f != line)
        {
            return 2;
        }
    }
    let mut tabs = GapLines::new(bytes);
    for at in memchr::memchr_iter(b'\t', bytes) {
        if let Some(line) = tabs.laid_out(at)
            && found.replace(line).is_some_and(|f| f != line)
        {
            return 2;
        }
    }
    usize::from(found.is_some())
}

/// The lines that gaps found in order (three spaces, or a tab) fall in, each measured once.
struct GapLines<'a> {
    bytes: &'a [u8],
    /// Where the line of the last gap starts (none before the first gap).
    line: Option<usize>,
    /// Where that line's indent ends.
    indent_end: usize,
    /// Where the last gap was.
    last: usize,
    /// Whether that line is laid out, once a gap has told.
    laid_out: Option<bool>,
}

impl<'a> GapLines<'a> {
    fn new(bytes: &'a [u8]) -> GapLines<'a> {
        GapLines {
            bytes,
            line: None,
            indent_end: 0,
            last: 0,
            laid_out: None,
        }
    }

    /// The start of the line of a gap at `at` (after the last one) when that line is laid out:
    /// it is indented by eight spaces or more, or the gap stands between its words, neither in
    /// its indent nor in the white space at its end.
    fn laid_out(&mut self, at: usize) -> Option<usize> {
        let bytes = self.bytes;
        let from = self.line.map_or(0, |_| self.last);
        let new_line = match memchr::memrchr(b'\n', &bytes[from..at]) {
            Some(i) => Some(from + i + 1),
            None => self.line.is_none().then_some(0),
        };
        self.last = at;
        if let Some(line) = new_line {
            let indent = bytes[line..]
                .iter()
                .take_while(|&&b| b == b' ' || b == b'\t')
                .count();
            self.line = Some(line);
            self.indent_end = line + indent;
            self.laid_out = (indent >= 8).then_some(true);
        }
        let laid_out = match self.laid_out {
            Some(known) => known,
            None if at <= self.indent_end => return None,
            None => {
                // Whether anything but white space follows the gap in its line.
                let end = memchr::memchr(b'\n', &bytes[at..]).map_or(bytes.len(), |i| at + i);
                let words = bytes[at..end]
                    .iter()
                    .any(|&b| !matches!(b, b' ' | b'\t' | b'\r'));
                self.laid_out = Some(words);
                words
            }
        };
        if laid_out { self.line } else { None }
    }
}

/// A list item (`- `, `1.`) or a speaker's line (`F: `, `Chef: `): a paragraph of such lines
/// keeps its breaks.
fn starts_like_an_item(line: &str) -> bool {
    if ["- ", "* ", "• ", "– "].iter().any(|p| line.starts_with(p)) {
        return true;
    }
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 {
        return line[digits..].starts_with(['.', ')']);
    }
    // One capitalized word of up to sixteen letters, then a colon and a space.
    let label = line
        .char_indices()
        .take_while(|&(i, c)| c.is_alphabetic() && (i > 0 || c.is_uppercase()))
        .map(|(i, c)| i + c.len_utf8())
        .last()
        .unwrap_or(0);
    label > 0 && line[..label].chars().nth(16).is_none() && line[label..].starts_with(": ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_poem_is_verse() {
        let poem = "Wer reitet so spät durch Nacht und Wind?\nEs ist der Vater mit seinem Kind;\nEr hat den Knaben wohl in dem Arm,\nEr faßt ihn sicher, er hält ihn warm.";
        assert_eq!(classify(poem), BlockKind::Verse);
    }

    #[test]
    fn speakers_lines_and_items_with_a_hanging_indent_keep_their_breaks() {
        // fortunes-de: a question, an answer that runs over two lines.
        let dialogue = "F: Wie erschießt man einen grünen Elefanten?\nA: Man bewirft ihn mit Tomaten, bis er rot ist, malt ihn blau an, und\n   erschießt ihn mit dem blauen Elefantengewehr.";
        assert_eq!(classify(dialogue), BlockKind::Verse);
        let list =
            "- Brot und Butter, Käse, Wurst und alles, was man zum Frühstück\n  braucht\n- Milch";
        assert_eq!(classify(list), BlockKind::Verse);
        // A label opens a paragraph of prose; the lines after it are not labels or indented.
        let prose = "Hinweis: Der russische Außenminister Sergej Lawrow hat angekündigt,\ndie ständige Vertretung seines Landes bei der NATO in Brüssel zu schließen.";
        assert_eq!(classify(prose), BlockKind::Prose);
        assert!(!starts_like_an_item("Sehr geehrte Damen und Herren: "));
        assert!(!starts_like_an_item("klein: nein"));
        assert!(starts_like_an_item("Angestellter: Ja."));
    }

    #[test]
    fn hand_wrapped_prose_is_prose() {
        let prose = "Der russische Außenminister Sergej Lawrow hat angekündigt, die\nständige Vertretung seines Landes bei der NATO in Brüssel zu\nschließen und die Diplomaten der Allianz aus Moskau auszuweisen.";
        assert_eq!(classify(prose), BlockKind::Prose);
        // Narrow, but filled line by line: still prose.
        let narrow = "Der Kreml baue die Beziehungen\nzur NATO nicht weiter auf, weil\ndas Bündnis keine Zusammenarbeit\nmehr wolle.";
        assert_eq!(classify(narrow), BlockKind::Prose);
    }

    #[test]
    fn lines_of_even_length_that_all_open_with_a_capital_are_verse() {
        // fortunes-de: Heine, and Goethe with who said it; filled as prose would be.
        let heine = "   Der Deutsche, er wird gemütlich bleiben\n   Sogar im terroristischen Treiben.\n   Der Deutsche wird die Majestät\n   Behandeln stets mit Pietät.\n\t\t-- Heinrich Heine";
        assert_eq!(classify(heine), BlockKind::Verse);
        let goethe = "Wenn der Jüngling absurd ist,\nFällt er darüber in lange Pein;\nDer Alte soll nicht absurd sein,\nWeil das Leben ihm kurz ist.";
        assert_eq!(classify(goethe), BlockKind::Verse);
        // Prose whose lines open with nouns, but not all of them.
        let prose = "Der Kreml baue die Beziehungen zur\nNATO nicht weiter auf, weil das\nBündnis keine Zusammenarbeit mehr\nwolle, sagt er.";
        assert_eq!(classify(prose), BlockKind::Prose);
    }

    #[test]
    fn one_line_is_prose_and_list_lines_keep_their_breaks() {
        assert_eq!(classify("Ein Satz."), BlockKind::Prose);
        let list =
            "- Brot und Butter, Käse, Wurst und alles, was man zum Frühstück braucht\n- Milch";
        assert_eq!(classify(list), BlockKind::Verse);
    }

    #[test]
    fn lines_in_columns_keep_their_breaks() {
        let recipe = " Für:       12 Gedecke\n Zutaten:   1     Bisquittortenboden 1 Schicht\n            600 g Sahne\n            3 pk  Sahnesteif\n Rocher zerkleinern, mit der geschlagenen Sahne und Sahnesteif vorsichtig\n verrühren und auf eine Schicht Biskuittortenboden verteilen.";
        assert_eq!(classify(recipe), BlockKind::Verse);
        let continued =
            "Zutaten: 1 Bisquittortenboden\n         600 g Sahne\n         3 Päckchen Sahnesteif";
        assert_eq!(classify(continued), BlockKind::Verse);
        // One wide gap is a typing slip, not a layout.
        let slip = "Der russische Außenminister Sergej Lawrow hat angekündigt,   die\nständige Vertretung seines Landes bei der NATO in Brüssel zu\nschließen und die Diplomaten der Allianz aus Moskau auszuweisen.";
        assert_eq!(classify(slip), BlockKind::Prose);
        // Spaces left at the ends of hand-wrapped lines are no layout either.
        let trailing = "Der russische Außenminister Sergej Lawrow hat angekündigt, die   \r\nständige Vertretung seines Landes bei der NATO in Brüssel zu   \r\nschließen und die Diplomaten der Allianz aus Moskau auszuweisen.";
        assert_eq!(classify(trailing), BlockKind::Prose);
        assert_eq!(laid_out_lines("a   b\nc\td\n\te"), 2);
        assert_eq!(laid_out_lines("    Einrückung\nText   \n"), 0);
    }

    /// [`laid_out_lines`] as a reading of every gap finds it.
    fn laid_out_lines_gap_by_gap(paragraph: &str) -> usize {
        let bytes = paragraph.as_bytes();
        let mut lines: Vec<usize> = Vec::new();
        for at in (0..bytes.len()).filter(|&i| bytes[i..].starts_with(b"   ") || bytes[i] == b'\t')
        {
            let line = memchr::memrchr(b'\n', &bytes[..at]).map_or(0, |i| i + 1);
            let indent = bytes[line..]
                .iter()
                .take_while(|&&b| b == b' ' || b == b'\t')
                .count();
            let ends_line = bytes[at..]
                .iter()
                .take_while(|&&b| b != b'\n')
                .all(|&b| b == b' ' || b == b'\t' || b == b'\r');
            if (at > line + indent && !ends_line) || indent >= 8 {
                lines.push(line);
            }
        }
        lines.dedup();
        lines.len().min(2)
    }

    #[test]
    fn laid_out_lines_are_those_of_a_gap_by_gap_reading() {
        for text in [
            "",
            "a   b",
            "a\tb\n\tc\n\t\td",
            "\t\t-- Simon\n\t\t-- Tobias",
            "Text   \nText\t\r\nmehr\t \r",
            "x\n        eingerückt\n  \t  y   z",
            "a \t b\nc     d\ne",
            "Zutaten:\t1\n   \t600 g\n",
            "Für:       12\n            600 g Sahne",
            "    \t   \n\t",
        ] {
            assert_eq!(
                laid_out_lines(text),
                laid_out_lines_gap_by_gap(text),
                "{text:?}"
            );
        }
    }

    /// Paragraphs as a line-by-line reading finds them.
    fn paragraphs_line_by_line(source: &str, body: Range<usize>) -> Vec<Range<usize>> {
        let (mut out, mut start, mut last_end) = (Vec::new(), None, body.start);
        let mut pos = body.start;
        for line in source[body.clone()].split_inclusive('\n') {
            let text = line.trim_start();
            if text.is_empty() {
                if let Some(s) = start.take() {
                    out.push(s..last_end);
                }
            } else {
                start.get_or_insert(pos + line.len() - text.len());
                last_end = pos + line.trim_end().len();
            }
            pos += line.len();
        }
        out.extend(start.map(|s| s..last_end));
        out
    }

    #[test]
    fn paragraphs_are_those_of_a_line_by_line_reading() {
        let long = "Der Kreml baue die Beziehungen zur NATO nicht weiter auf. ".repeat(3);
        for text in [
            String::new(),
            "\n".into(),
            "Ein Satz.".into(),
            "Ein Satz.\n\nZwei.\n".into(),
            "  Eingerückt.\n  Weiter.\n \t \nNach Leerzeichen.".into(),
            // Lines of Unicode spaces are blank; lines starting with an umlaut are not.
            "Eins.\n\u{a0}\u{3000}\nÄrger.\n\u{2003}Über.\n\u{85}\n".into(),
            "Zeile\r\n\r\nZeile\r\n".into(),
            format!("{long}\n{long}\n   \n\n\n{long}   \n\t{long}"),
            format!("\n\n{long}\n\n"),
        ] {
            for start in [0, 1, 3].into_iter().filter(|&s| text.is_char_boundary(s)) {
                let body = start..text.len();
                assert_eq!(
                    paragraphs(&text, body.clone()),
                    paragraphs_line_by_line(&text, body),
                    "{text:?} from {start}"
                );
            }
        }
    }

    #[test]
    fn separator_lines_end_paragraphs_and_belong_to_none() {
        let text = |source: &str| -> Vec<String> {
            paragraphs(source, 0..source.len())
                .into_iter()
                .map(|r| source[r].to_string())
                .collect()
        };
        // fortunes-de: entries are separated by a line holding `%`, not by a blank line.
        let fortunes = "F: Wie erschießt man einen Elefanten?\nA: Mit einem Gewehr.\n%\nDOS-Airlines\n  Alle schieben an.\n%\n";
        assert_eq!(
            text(fortunes),
            [
                "F: Wie erschießt man einen Elefanten?\nA: Mit einem Gewehr.",
                "DOS-Airlines\n  Alle schieben an."
            ]
        );
        assert_eq!(
            text(
                "Ende des ersten Teils.\n   * * *\nDer zweite.\n-----\nDer dritte.\n---\t\nSchluss."
            ),
            [
                "Ende des ersten Teils.",
                "Der zweite.",
                "Der dritte.",
                "Schluss."
            ]
        );
        // Marks in a line with words, or too few of them, are text: list items, dashes.
        for kept in [
            "Zutaten:\n- Mehl\n- Zucker",
            "Er sagte:\n-- Nein.\nDann ging er.",
            "Prozent:\n%d Fehler\n**fett**",
            "a\n*\nb\n%%\nc\n# Titel\nd\n*-*\ne",
        ] {
            assert_eq!(text(kept), [kept], "{kept:?}");
        }
    }

    #[test]
    fn lines_are_those_of_str_lines() {
        let long = "x".repeat(40);
        for text in [
            "",
            "\n",
            "a",
            "a\n",
            "a\r\nb",
            "a\n\nb\r\n",
            "\r\n\r",
            &format!("{long}\n{long}{long}\r\n\n{long}"),
        ] {
            assert_eq!(
                lines(text).collect::<Vec<_>>(),
                text.lines().collect::<Vec<_>>(),
                "{text:?}"
            );
        }
    }
}
