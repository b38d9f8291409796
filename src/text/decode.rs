//! Bytes to text: UTF-8 (with or without a byte order mark), UTF-16 with a byte order mark,
//! else Windows-1252 (Latin-1); line ends made `\n`, with a map back to the file's offsets.

/// Text decoded from a file, and what the reader should be told about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub notice: Option<String>,
}

/// Why bytes are no text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotText {
    Binary,
}

/// Decodes a file's bytes. UTF-16 needs its byte order mark; without one, bytes with NULs or
/// many control characters are binary. The UTF-8 byte order mark stays in the text.
pub fn decode(name: &str, bytes: Vec<u8>) -> Result<Decoded, NotText> {
    for (bom, encoding) in [
        (&[0xFF, 0xFE][..], encoding_rs::UTF_16LE),
        (&[0xFE, 0xFF][..], encoding_rs::UTF_16BE),
    ] {
        if bytes.starts_with(bom) {
            let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[2..]);
            if had_errors || looks_binary(text.as_bytes()) {
                return Err(NotText::Binary);
            }
            return Ok(Decoded {
                text: text.into_owned(),
                notice: Some(format!("{name}: read as {}", encoding.name())),
            });
        }
    }
    if looks_binary(&bytes) {
        return Err(NotText::Binary);
    }
    let bytes = match String::from_utf8(bytes) {
        Ok(text) => return Ok(Decoded { text, notice: None }),
        Err(e) => e.into_bytes(),
    };
    // A few bad bytes in a text that is otherwise UTF-8 (accented letters and all) are
    // damage: the rest stays UTF-8. Bad bytes and no UTF-8 letters at all: a Latin-1 text.
    let (mut letters, mut bad) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        letters += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        bad += usize::from(!chunk.invalid().is_empty());
    }
    if letters > bad {
        let what = if bad == 1 {
            "1 bad byte sequence".to_string()
        } else {
            format!("{bad} bad byte sequences")
        };
        return Ok(Decoded {
            text: String::from_utf8_lossy(&bytes).into_owned(),
            notice: Some(format!(
                "{name}: not all UTF-8; {what} replaced with \u{fffd}"
            )),
        });
    }
    let (text, _, _) = encoding_rs::WINDOWS_1252.decode(&bytes);
    Ok(Decoded {
        text: text.into_owned(),
        notice: Some(format!("{name}: not UTF-8; read as Windows-1252 (Latin-1)")),
    })
}

fn looks_binary(bytes: &[u8]) -> bool {
    memchr::memchr(0, bytes).is_some()
        || bytes
            .iter()
            .take(8192)
            .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c))
            .count()
            > 8
}

/// Where pieces of a text stand in the file it was made from: each anchor `(at, from)` says
/// that the text from `at` on is the file from `from` on, up to the next anchor.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Origin {
    anchors: Vec<(usize, usize)>,
}

impl Origin {
    /// Text and file agree byte for byte.
    pub fn is_identity(&self) -> bool {
        self.anchors.iter().all(|(at, from)| at == from)
    }

    /// The anchors, in text order.
    pub fn anchors(&self) -> &[(usize, usize)] {
        &self.anchors
    }

    /// Adds an anchor; anchors come in text order.
    pub fn push(&mut self, at: usize, from: usize) {
        if let Some(last) = self.anchors.last_mut()
            && last.0 == at
        {
            last.1 = from;
            return;
        }
        self.anchors.push((at, from));
    }

    /// The file offset of a text offset.
    pub fn map(&self, offset: usize) -> usize {
        let i = self.anchors.partition_point(|(at, _)| *at <= offset);
        match i.checked_sub(1).and_then(|i| self.anchors.get(i)) {
            Some(&(at, from)) => from + (offset - at),
            None => offset,
        }
    }

    #[must_use]
    /// This origin after another: `self` maps into a text that `inner` maps into the file.
    pub fn then(&self, inner: &Origin) -> Origin {
        if inner.is_identity() {
            return self.clone();
        }
        if self.is_identity() {
            return inner.clone();
        }
        // Every anchor of either, seen from the outer text.
        let mut points: Vec<usize> = self.anchors.iter().map(|a| a.0).collect();
        for &(at, _) in &inner.anchors {
            if let Some(p) = self.inverse(at) {
                points.push(p);
            }
        }
        points.sort_unstable();
        points.dedup();
        let mut out = Origin::default();
        for p in points {
            out.push(p, inner.map(self.map(p)));
        }
        out
    }

    /// A text offset that maps to `file`, when one does within an anchor's stretch.
    fn inverse(&self, file: usize) -> Option<usize> {
        let i = self.anchors.partition_point(|(_, from)| *from <= file);
        let (at, from) = *self.anchors.get(i.checked_sub(1)?)?;
        Some(at + (file - from))
    }
}

/// Makes every line end `\n` (`\r\n` and a lone `\r` alike), so that a line join reads as one
/// space; the origin maps offsets back to the text as it was.
pub fn normalize_line_ends(text: String) -> (String, Origin) {
    if memchr::memchr(b'\r', text.as_bytes()).is_none() {
        return (text, Origin::default());
    }
    let mut out = String::with_capacity(text.len());
    let mut origin = Origin::default();
    let mut removed = 0;
    let mut rest = text.as_str();
    while let Some(i) = rest.find('\r') {
        out.push_str(&rest[..i]);
        out.push('\n');
        if rest[i + 1..].starts_with('\n') {
            removed += 1;
            rest = &rest[i + 2..];
            // The text after this line end is `removed` bytes behind the file.
            origin.push(out.len(), out.len() + removed);
        } else {
            rest = &rest[i + 1..];
        }
    }
    out.push_str(rest);
    (out, origin)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crlf_and_cr_become_newlines_and_offsets_map_back() {
        let file = "Eins\r\nzwei\rdrei\r\n\r\nvier";
        let (text, origin) = normalize_line_ends(file.to_string());
        assert_eq!(text, "Eins\nzwei\ndrei\n\nvier");
        for word in ["Eins", "zwei", "drei", "vier"] {
            let at = text.find(word).unwrap();
            assert_eq!(&file[origin.map(at)..origin.map(at) + 4], word);
        }
    }

    #[test]
    fn utf16_with_a_byte_order_mark_is_read() {
        let mut bytes = vec![0xFF, 0xFE];
        for unit in "Grüße\r\n".encode_utf16() {
            bytes.extend(unit.to_le_bytes());
        }
        assert_eq!(decode("x", bytes).unwrap().text, "Grüße\r\n");
        let mut be = vec![0xFE, 0xFF];
        for unit in "Öl".encode_utf16() {
            be.extend(unit.to_be_bytes());
        }
        assert_eq!(decode("x", be).unwrap().text, "Öl");
    }

    #[test]
    fn origins_compose() {
        let mut outer = Origin::default();
        outer.push(0, 10);
        let mut inner = Origin::default();
        inner.push(12, 14);
        let both = outer.then(&inner);
        assert_eq!(both.map(0), 10);
        assert_eq!(both.map(1), 11);
        assert_eq!(both.map(2), 14);
        assert_eq!(both.map(5), 17);
    }
}
