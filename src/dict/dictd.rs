//! dictd dictionaries (FreeDict): a `.index` of `headword TAB offset TAB length` lines, offsets
//! in dictd's base64, and the articles in a `.dict` file, plain or dictzip-compressed
//! (`.dict.dz`). A dictzip file is gzip with a table of independently deflated chunks in the
//! header's extra field, so one article is read by inflating only the chunks it spans.

use super::DictError;
use flate2::{Decompress, FlushDecompress, Status};
use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::os::unix::fs::FileExt;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Decodes dictd's base64 numbers (most significant digit first).
pub fn decode_b64(s: &str) -> Option<u64> {
    let mut v: u64 = 0;
    if s.is_empty() || s.len() > 10 {
        return None;
    }
    for b in s.bytes() {
        let digit = B64.iter().position(|&c| c == b)?;
        v = v * 64 + digit as u64;
    }
    Some(v)
}

/// One line of a `.index` file: (headword, offset, length); `None` for a malformed line.
pub fn parse_index_line(line: &str) -> Option<(&str, u64, u32)> {
    let mut fields = line.trim_end_matches(['\n', '\r']).split('\t');
    let word = fields.next()?;
    let offset = decode_b64(fields.next()?)?;
    let len = u32::try_from(decode_b64(fields.next()?)?).ok()?;
    Some((word, offset, len))
}

/// Headwords dictd keeps for itself (`00databaseinfo`, `00-database-short`).
pub fn is_meta_headword(word: &str) -> bool {
    word.starts_with("00database") || word.starts_with("00-database")
}

/// The data file next to an index: `x.dict.dz`, else `x.dict`.
pub fn data_path_for(index: &Path) -> Option<PathBuf> {
    let stem = index.to_string_lossy();
    let stem = stem.strip_suffix(".index")?;
    [format!("{stem}.dict.dz"), format!("{stem}.dict")]
        .into_iter()
        .map(PathBuf::from)
        .find(|p| p.is_file())
}

/// The articles of a dictd dictionary.
#[derive(Debug)]
pub struct DictData {
    path: PathBuf,
    file: File,
    dictzip: Option<Dictzip>,
}

#[derive(Debug)]
struct Dictzip {
    /// Uncompressed bytes per chunk.
    chunk_len: u64,
    /// Each chunk's compressed (offset in the file, length).
    chunks: Vec<(u64, u32)>,
    /// Recently inflated chunks: an article is often read twice (lookup, then display).
    recent: Mutex<Vec<(usize, Arc<Vec<u8>>)>>,
}

/// About 1 MB of inflated text: the articles of one word lie in several chunks.
const RECENT_CHUNKS: usize = 16;

impl DictData {
    /// Opens a `.dict` or `.dict.dz` file, reading the dictzip chunk table if there is one.
    pub fn open(path: &Path) -> Result<DictData, DictError> {
        let mut file = crate::text::open_regular(path).map_err(|e| DictError::io(path, e))?;
        let mut magic = [0u8; 2];
        let is_gzip = file.read_exact(&mut magic).is_ok() && magic == [0x1f, 0x8b];
        file.seek(SeekFrom::Start(0))
            .map_err(|e| DictError::io(path, e))?;
        let dictzip = if is_gzip {
            Some(read_dictzip_header(&mut file).map_err(|m| DictError::format(path, m))?)
        } else {
            None
        };
        Ok(DictData {
            path: path.to_path_buf(),
            file,
            dictzip,
        })
    }

    /// `len` bytes of the uncompressed text from `offset`.
    pub fn read(&self, offset: u64, len: u32) -> Result<Vec<u8>, DictError> {
        let Some(dz) = &self.dictzip else {
            let mut buf = vec![0u8; len as usize];
            self.file
                .read_exact_at(&mut buf, offset)
                .map_err(|e| DictError::io(&self.path, e))?;
            return Ok(buf);
        };
        let end = offset + u64::from(len);
        let mut out = Vec::with_capacity(len as usize);
        if len == 0 {
            return Ok(out);
        }
        let first = offset / dz.chunk_len;
        let last = (end - 1) / dz.chunk_len;
        for chunk in first..=last {
            let data = self.chunk(dz, chunk as usize)?;
            let chunk_start = chunk * dz.chunk_len;
            let from = offset.saturating_sub(chunk_start) as usize;
            let to = ((end - chunk_start) as usize).min(data.len());
            if from > to {
                return Err(DictError::format(
                    &self.path,
                    "an offset past the end of the data",
                ));
            }
            out.extend_from_slice(&data[from..to]);
        }
        if out.len() != len as usize {
            return Err(DictError::format(
                &self.path,
                "an article past the end of the data",
            ));
        }
        Ok(out)
    }

    /// Drops the chunks kept inflated.
    pub fn forget(&self) {
        if let Some(dz) = &self.dictzip {
            dz.recent
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .clear();
        }
    }

    /// Calls `f` with the first line of each article starting at `offsets` (sorted, no
    /// duplicates), reading the data once from start to end: for building an index, which
    /// would otherwise inflate a chunk for every article. `progress` gets the fraction read.
    pub fn first_lines(
        &self,
        offsets: &[u64],
        progress: &dyn Fn(f32),
        mut f: impl FnMut(u64, &str),
    ) -> Result<(), DictError> {
        let mut pending = offsets.iter().copied().peekable();
        // Text from `window_start` on: what is left of the chunks read so far.
        let mut window: Vec<u8> = Vec::new();
        let mut window_start = 0u64;
        let mut take = |piece: &[u8], at: u64, last: bool| {
            if window.is_empty() {
                window_start = at;
            }
            window.extend_from_slice(piece);
            while let Some(&offset) = pending.peek() {
                let Some(from) = offset
                    .checked_sub(window_start)
                    .and_then(|d| usize::try_from(d).ok())
                else {
                    pending.next();
                    continue;
                };
                if from >= window.len() {
                    break;
                }
                let end = match window[from..].iter().position(|&b| b == b'\n') {
                    Some(n) => from + n,
                    None if last => window.len(),
                    // The line goes on in the next chunk.
                    None => break,
                };
                f(offset, &String::from_utf8_lossy(&window[from..end]));
                pending.next();
            }
            // Keep only what a pending article still needs.
            let keep_from = pending.peek().map_or(window.len(), |&o| {
                usize::try_from(o.saturating_sub(window_start))
                    .unwrap_or(usize::MAX)
                    .min(window.len())
            });
            window.drain(..keep_from);
            window_start += keep_from as u64;
        };
        match &self.dictzip {
            None => {
                let mut data = Vec::new();
                std::io::BufReader::new(&self.file)
                    .read_to_end(&mut data)
                    .map_err(|e| DictError::io(&self.path, e))?;
                take(&data, 0, true);
            }
            Some(dz) => {
                let n = dz.chunks.len();
                let mut compressed = Vec::new();
                for (i, &(at, clen)) in dz.chunks.iter().enumerate() {
                    if i % 64 == 0 {
                        progress(i as f32 / n.max(1) as f32);
                    }
                    compressed.resize(clen as usize, 0);
                    self.file
                        .read_exact_at(&mut compressed, at)
                        .map_err(|e| DictError::io(&self.path, e))?;
                    let data = inflate_chunk(&compressed, dz.chunk_len as usize)
                        .map_err(|m| DictError::format(&self.path, m))?;
                    take(&data, i as u64 * dz.chunk_len, i + 1 == n);
                }
            }
        }
        progress(1.0);
        Ok(())
    }

    fn chunk(&self, dz: &Dictzip, i: usize) -> Result<Arc<Vec<u8>>, DictError> {
        {
            let recent = dz.recent.lock().unwrap_or_else(PoisonError::into_inner);
            if let Some((_, data)) = recent.iter().find(|(j, _)| *j == i) {
                return Ok(Arc::clone(data));
            }
        }
        let &(at, clen) = dz
            .chunks
            .get(i)
            .ok_or_else(|| DictError::format(&self.path, "an offset past the last chunk"))?;
        let mut compressed = vec![0u8; clen as usize];
        self.file
            .read_exact_at(&mut compressed, at)
            .map_err(|e| DictError::io(&self.path, e))?;
        let data = Arc::new(
            inflate_chunk(&compressed, dz.chunk_len as usize)
                .map_err(|m| DictError::format(&self.path, m))?,
        );
        let mut recent = dz.recent.lock().unwrap_or_else(PoisonError::into_inner);
        if recent.len() >= RECENT_CHUNKS {
            recent.remove(0);
        }
        recent.push((i, Arc::clone(&data)));
        Ok(data)
    }
}

/// Inflates one dictzip chunk: raw deflate data ending at a full flush.
fn inflate_chunk(compressed: &[u8], chunk_len: usize) -> Result<Vec<u8>, String> {
    let mut inflater = Decompress::new(false);
    let mut out = Vec::with_capacity(chunk_len);
    loop {
        let (before_in, before_out) = (inflater.total_in(), inflater.total_out());
        let consumed = usize::try_from(before_in)
            .unwrap_or(usize::MAX)
            .min(compressed.len());
        let status = inflater
            .decompress_vec(&compressed[consumed..], &mut out, FlushDecompress::Sync)
            .map_err(|e| format!("a damaged chunk: {e}"))?;
        if status == Status::StreamEnd {
            return Ok(out);
        }
        if out.len() < out.capacity() {
            if inflater.total_in() >= compressed.len() as u64 {
                return Ok(out);
            }
            if (inflater.total_in(), inflater.total_out()) == (before_in, before_out) {
                return Err("a damaged chunk".into());
            }
        } else if out.len() > chunk_len * 4 {
            return Err("a chunk larger than the header says".into());
        } else {
            out.reserve(chunk_len);
        }
    }
}

const FEXTRA: u8 = 4;
const FNAME: u8 = 8;
const FCOMMENT: u8 = 16;
const FHCRC: u8 = 2;

/// Reads the gzip header with its dictzip "RA" field: chunk length and compressed sizes.
fn read_dictzip_header(file: &mut File) -> Result<Dictzip, String> {
    let mut head = [0u8; 12];
    file.read_exact(&mut head)
        .map_err(|_| "a gzip file too short for a header")?;
    if head[0] != 0x1f || head[1] != 0x8b || head[2] != 8 {
        return Err("not a gzip file".into());
    }
    let flags = head[3];
    if flags & FEXTRA == 0 {
        return Err("a gzip file without dictzip chunks (compress it with dictzip)".into());
    }
    let xlen = usize::from(u16::from_le_bytes([head[10], head[11]]));
    let mut extra = vec![0u8; xlen];
    file.read_exact(&mut extra)
        .map_err(|_| "a truncated gzip extra field")?;
    let mut pos = 12 + xlen as u64;
    let mut table = None;
    let mut i = 0;
    while i + 4 <= extra.len() {
        let id = [extra[i], extra[i + 1]];
        let len = usize::from(u16::from_le_bytes([extra[i + 2], extra[i + 3]]));
        let body = extra
            .get(i + 4..i + 4 + len)
            .ok_or("a truncated gzip extra subfield")?;
        if &id == b"RA" {
            table = Some(parse_ra(body)?);
        }
        i += 4 + len;
    }
    let (chunk_len, sizes) = table.ok_or("a gzip file without dictzip chunks")?;
    let mut skip_zero_terminated = |file: &mut File| -> Result<(), String> {
        let mut b = [0u8; 1];
        loop {
            file.read_exact(&mut b)
                .map_err(|_| "a truncated gzip header")?;
            pos += 1;
            if b[0] == 0 {
                return Ok(());
            }
        }
    };
    if flags & FNAME != 0 {
        skip_zero_terminated(file)?;
    }
    if flags & FCOMMENT != 0 {
        skip_zero_terminated(file)?;
    }
    if flags & FHCRC != 0 {
        pos += 2;
    }
    let mut chunks = Vec::with_capacity(sizes.len());
    for size in sizes {
        chunks.push((pos, u32::from(size)));
        pos += u64::from(size);
    }
    Ok(Dictzip {
        chunk_len,
        chunks,
        recent: Mutex::new(Vec::new()),
    })
}

fn parse_ra(body: &[u8]) -> Result<(u64, Vec<u16>), String> {
    let word = |i: usize| -> Result<u16, String> {
        body.get(i..i + 2)
            .map(|b| u16::from_le_bytes([b[0], b[1]]))
            .ok_or_else(|| "a truncated dictzip chunk table".to_string())
    };
    if word(0)? != 1 {
        return Err("an unknown dictzip version".into());
    }
    let chunk_len = u64::from(word(2)?);
    let count = usize::from(word(4)?);
    if chunk_len == 0 {
        return Err("a dictzip chunk length of 0".into());
    }
    let sizes = (0..count)
        .map(|k| word(6 + 2 * k))
        .collect::<Result<Vec<_>, _>>()?;
    Ok((chunk_len, sizes))
}

/// A `FreeDict` article taken apart for reading.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Article {
    /// As the article spells it: `Bündnis`.
    pub headword: String,
    /// From `<neut, n, sg>`: `neut`, `n`, `sg`.
    pub grammar: Vec<String>,
    pub senses: Vec<ArticleSense>,
    /// Other words the article names: `Bund`.
    pub synonyms: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ArticleSense {
    /// `give notice, quit (your job)`
    pub text: String,
    /// From `[seine Anstellung]`.
    pub labels: Vec<String>,
}

/// An article's first line taken apart: the headword and its grammar
/// (`Bündnis /bʏntnɪs/ <neut, n, sg>` → `Bündnis`, `[neut, n, sg]`).
pub fn parse_first_line(first: &str) -> (&str, Vec<String>) {
    let (head, grammar) = match (first.find('<'), first.rfind('>')) {
        (Some(a), Some(b)) if a < b => (&first[..a], Some(&first[a + 1..b])),
        _ => (first, None),
    };
    let head = match head.find(" /") {
        Some(i) => &head[..i],
        None => head,
    };
    let grammar = grammar
        .map(|g| g.split(',').map(|s| s.trim().to_string()).collect())
        .unwrap_or_default();
    // `Hallo!`, `Wie?` are the words themselves.
    (head.trim().trim_end_matches(['!', '?']), grammar)
}

/// Parses a `FreeDict` article:
///
/// ```text
/// kündigen /kˈyndɪɡən/ <v, intr>
///  [seine Anstellung] give notice <v>, quit <v>
///          Note: your job
///    Synonym: {Bund}
///  see: {kündigend}, {gekündigt}
/// ```
pub fn parse_article(text: &str) -> Article {
    let mut lines = text.lines();
    let mut article = Article::default();
    let (headword, grammar) = parse_first_line(lines.next().unwrap_or_default());
    article.headword = headword.to_string();
    article.grammar = grammar;
    for line in lines {
        let t = line.trim();
        if t.is_empty() || t.starts_with('"') {
            continue;
        }
        if t.starts_with("see:") {
            continue;
        }
        if let Some(rest) = t
            .strip_prefix("Synonyms:")
            .or_else(|| t.strip_prefix("Synonym:"))
        {
            article.synonyms.extend(
                rest.split("},")
                    .map(|s| s.trim().trim_matches(['{', '}']).trim().to_string())
                    .filter(|s| !s.is_empty()),
            );
            continue;
        }
        if let Some(note) = t.strip_prefix("Note:") {
            if let Some(last) = article.senses.last_mut() {
                last.text = format!("{} ({})", last.text, note.trim());
            }
            continue;
        }
        let mut sense = ArticleSense::default();
        let mut text = String::new();
        let mut rest = t;
        while let Some(c) = rest.chars().next() {
            let close = match c {
                '[' => ']',
                '<' => '>',
                _ => {
                    text.push(c);
                    rest = &rest[c.len_utf8()..];
                    continue;
                }
            };
            let Some(end) = rest.find(close) else {
                text.push_str(rest);
                break;
            };
            if c == '[' {
                sense.labels.push(rest[1..end].trim().to_string());
            }
            rest = &rest[end + 1..];
            // An abbreviation and its sound after a sense's part of speech: `chapter
            // <n>ch.,  /tsˌeːhˈɑː/` reads `chapter (ch.)`.
            if c == '<'
                && let Some((abbreviation, sound)) = rest.split_once(',')
                && !abbreviation.is_empty()
                && !abbreviation.starts_with(char::is_whitespace)
                && is_sound(sound)
            {
                text.push_str(" (");
                text.push_str(abbreviation.trim());
                text.push(')');
                rest = "";
            }
        }
        // A sound left at the end (`Federal Trade CommissionFTC,  /ˌɛftˌeːtsˈeː/`) is no
        // English.
        if let Some((before, sound)) = text.rsplit_once(',')
            && is_sound(sound)
        {
            text.truncate(before.len());
            // Its abbreviation glued to the English: `CommissionFTC`.
            let glued = text
                .char_indices()
                .zip(text.chars().skip(1))
                .filter(|&((_, a), b)| a.is_lowercase() && b.is_uppercase())
                .last()
                .map(|((at, a), _)| at + a.len_utf8())
                .filter(|&at| {
                    text[at..]
                        .chars()
                        .all(|c| c.is_uppercase() || c.is_ascii_digit() || c == '.')
                });
            if let Some(at) = glued {
                let abbreviation = text.split_off(at);
                text.push_str(" (");
                text.push_str(&abbreviation);
                text.push(')');
            }
        }
        sense.text = text
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .replace(" ,", ",");
        if !sense.text.is_empty() {
            article.senses.push(sense);
        }
    }
    article
}

/// Whether `s` (blanks around it) is a sound in slashes, as FreeDict writes one: `/ˈapʃn/`.
fn is_sound(s: &str) -> bool {
    let s = s.trim();
    s.len() > 2 && s.starts_with('/') && s.ends_with('/') && !s[1..s.len() - 1].contains('/')
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn decodes_dictd_base64() {
        assert_eq!(decode_b64("A"), Some(0));
        assert_eq!(decode_b64("B"), Some(1));
        assert_eq!(decode_b64("BA"), Some(64));
        assert_eq!(decode_b64("/"), Some(63));
        assert_eq!(
            decode_b64("kJ0W"),
            Some(36 * 64 * 64 * 64 + 9 * 64 * 64 + 52 * 64 + 22)
        );
        assert_eq!(decode_b64("a-b"), None);
        assert_eq!(decode_b64(""), None);
    }

    #[test]
    fn parses_index_lines() {
        assert_eq!(
            parse_index_line("bündnis\tkJ0W\tBo\n"),
            Some(("bündnis", 9_477_398, 104))
        );
        assert_eq!(parse_index_line("kaputt"), None);
        assert!(is_meta_headword("00databaseinfo"));
        assert!(!is_meta_headword("bündnis"));
    }

    #[test]
    fn parses_an_article_into_senses() {
        let a = parse_article(
            "kündigen /kˈyndɪɡən/ <v, intr>\n [seine Anstellung] give notice <v>, quit <v>\n         Note: your job\n   Synonyms: {aufheben}, {außer Kraft setzen}\n see: {kündigend}, {gekündigt}\n\n",
        );
        assert_eq!(a.headword, "kündigen");
        assert_eq!(a.grammar, vec!["v", "intr"]);
        assert_eq!(a.senses.len(), 1);
        assert_eq!(a.senses[0].text, "give notice, quit (your job)");
        assert_eq!(a.senses[0].labels, vec!["seine Anstellung"]);
        assert_eq!(a.synonyms, vec!["aufheben", "außer Kraft setzen"]);
    }

    #[test]
    fn an_abbreviation_s_sound_is_left_out() {
        let a = parse_article(
            "Kapitel /kˈɑpiːtəl/ <neut, n, sg>\nchapter <n>ch.,  /tsˌeːhˈɑː/\n   Synonym: {Abschnitt}\n",
        );
        assert_eq!(a.senses[0].text, "chapter (ch.)");
        let glued = parse_article(
            "Handelskommission <fem, n, sg>\nFederal Trade CommissionFTC,  /ˌɛftˌeːtsˈeː/\n",
        );
        assert_eq!(glued.senses[0].text, "Federal Trade Commission (FTC)");
        // Slashes in English stay.
        let or = parse_article("Gebühr <fem, n, sg>\nsafe custody charges/fees <n>\n");
        assert_eq!(or.senses[0].text, "safe custody charges/fees");
    }

    #[test]
    fn examples_are_not_senses() {
        let a = parse_article(
            "ankündigen /ˈankˌyndɪɡən/ <v>\nprefigure sth. <v>\n      \"eine Veränderung ankündigen\"  - prefigure a change\n",
        );
        assert_eq!(a.senses.len(), 1);
        assert_eq!(a.senses[0].text, "prefigure sth.");
    }

    /// Writes `data` as dictzip does: raw deflate chunks of `chunk` bytes, each ending at a
    /// full flush, their sizes in the gzip header's "RA" field; with a file name and comment.
    fn dictzip(data: &[u8], chunk: usize) -> Vec<u8> {
        use flate2::{Compress, Compression, FlushCompress};
        let mut deflate = Compress::new(Compression::default(), false);
        let pieces: Vec<&[u8]> = data.chunks(chunk).collect();
        let mut chunks = Vec::new();
        for (i, piece) in pieces.iter().enumerate() {
            let flush = if i + 1 == pieces.len() {
                FlushCompress::Finish
            } else {
                FlushCompress::Full
            };
            let mut out = Vec::with_capacity(piece.len() * 2 + 64);
            let start = deflate.total_in();
            deflate
                .compress_vec(piece, &mut out, flush)
                .expect("deflate");
            assert_eq!(deflate.total_in() - start, piece.len() as u64);
            chunks.push(out);
        }
        let mut ra = Vec::new();
        for w in [1u16, chunk as u16, chunks.len() as u16] {
            ra.extend_from_slice(&w.to_le_bytes());
        }
        for c in &chunks {
            ra.extend_from_slice(&(c.len() as u16).to_le_bytes());
        }
        let mut out = vec![0x1f, 0x8b, 8, FEXTRA | FNAME | FCOMMENT, 0, 0, 0, 0, 2, 3];
        out.extend_from_slice(&((ra.len() + 4) as u16).to_le_bytes());
        out.extend_from_slice(b"RA");
        out.extend_from_slice(&(ra.len() as u16).to_le_bytes());
        out.extend_from_slice(&ra);
        out.extend_from_slice(b"test.dict\0a comment\0");
        for c in &chunks {
            out.extend_from_slice(c);
        }
        let mut crc = flate2::Crc::new();
        crc.update(data);
        out.extend_from_slice(&crc.sum().to_le_bytes());
        out.extend_from_slice(&(data.len() as u32).to_le_bytes());
        out
    }

    #[test]
    fn every_range_of_a_dictzip_file_reads_as_the_original() {
        let data: Vec<u8> = (0..1500)
            .flat_map(|i| format!("Wort{i} <n>\nword {i}\n\n").into_bytes())
            .take(3000)
            .collect();
        let dz = dictzip(&data, 200);
        // The writer is a real gzip file, or the test proves nothing.
        let mut whole = Vec::new();
        flate2::read::GzDecoder::new(&dz[..])
            .read_to_end(&mut whole)
            .expect("gzip");
        assert_eq!(whole, data);
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("test.dict.dz");
        std::fs::write(&path, &dz).expect("write");
        let dict = DictData::open(&path).expect("opens");
        for (offset, len) in [
            (0, 10),
            (195, 10),
            (199, 202),
            (0, 3000),
            (2990, 10),
            (400, 0),
        ] {
            assert_eq!(
                dict.read(offset, len).expect("reads"),
                &data[offset as usize..offset as usize + len as usize],
                "{offset}+{len}"
            );
        }
        assert!(dict.read(2995, 10).is_err(), "past the end");
        let plain = dir.path().join("test.dict");
        std::fs::write(&plain, &data).expect("write");
        let plain = DictData::open(&plain).expect("opens");
        assert_eq!(plain.read(199, 202).expect("reads"), &data[199..401]);
    }

    #[test]
    fn first_lines_are_read_in_one_pass_across_chunks() {
        // Lines of several lengths, so that some cross a chunk's end.
        let articles: Vec<String> = (0..300)
            .map(|i| format!("Wort{i}{} <n>\nword {i}\n\n", "x".repeat(i % 17)))
            .collect();
        let mut data = Vec::new();
        let mut offsets = Vec::new();
        for a in &articles {
            offsets.push(data.len() as u64);
            data.extend_from_slice(a.as_bytes());
        }
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("test.dict.dz");
        std::fs::write(&path, dictzip(&data, 64)).expect("write");
        let plain = dir.path().join("test.dict");
        std::fs::write(&plain, &data).expect("write");
        let wanted: Vec<u64> = offsets.iter().copied().step_by(3).collect();
        for path in [path, plain] {
            let dict = DictData::open(&path).expect("opens");
            let mut seen = Vec::new();
            dict.first_lines(&wanted, &|_| {}, |offset, line| {
                seen.push((offset, line.to_string()));
            })
            .expect("reads");
            let expected: Vec<(u64, String)> = wanted
                .iter()
                .map(|&o| {
                    let i = offsets.iter().position(|&x| x == o).expect("an offset");
                    (o, articles[i].lines().next().expect("a line").to_string())
                })
                .collect();
            assert_eq!(seen, expected, "{}", path.display());
        }
    }

    #[test]
    fn a_damaged_chunk_is_an_error_not_a_panic() {
        let data = "Bündnis <n>\nalliance\n\n".repeat(40).into_bytes();
        let mut dz = dictzip(&data, 100);
        let last = dz.len() - 20;
        for b in &mut dz[last - 30..last] {
            *b = 0xff;
        }
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("bad.dict.dz");
        std::fs::write(&path, &dz).expect("write");
        let dict = DictData::open(&path).expect("the header is fine");
        let results: Vec<bool> = (0..data.len() as u64 / 100)
            .map(|i| {
                dict.read(i * 100, 100)
                    .is_ok_and(|b| b == data[i as usize * 100..][..100])
            })
            .collect();
        assert!(results.contains(&false), "the damage shows somewhere");
        assert!(results[0], "the chunks before it still read");
    }

    #[test]
    fn a_chunk_table_is_read_from_the_ra_field() {
        let mut body = Vec::new();
        for w in [1u16, 100, 3, 10, 20, 30] {
            body.extend_from_slice(&w.to_le_bytes());
        }
        assert_eq!(parse_ra(&body), Ok((100, vec![10, 20, 30])));
        assert!(parse_ra(&body[..8]).is_err());
    }
}
