//! The reader through a real pseudo-terminal, for the end-to-end tests: `leser` runs in a
//! 120x40 pty, a thread feeds everything it prints to a vt100 parser (which also keeps the pty
//! drained), keys go in as bytes, and each step waits for what it expects to see.
#![allow(dead_code)] // Each test file uses its own part of this.

use leser::tui::layout::layout;
use leser::tui::strings;
use portable_pty::{Child, CommandBuilder, ExitStatus, MasterPty, PtySize, native_pty_system};
use ratatui::layout::Rect;
use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

pub const ROWS: u16 = 40;
pub const COLS: u16 = 120;
pub const DEADLINE: Duration = Duration::from_secs(10);
/// Building the dictionaries' indexes from scratch, in a debug build, on a busy machine.
pub const INDEX_DEADLINE: Duration = Duration::from_mins(5);
const POLL: Duration = Duration::from_millis(20);
/// How the status bar starts when it shows the text's counts and nothing before them.
const COUNTS_START: &str = "known ";

/// A cache dir shared by this test binary's readers, with the indexes of the installed
/// dictionaries built once, here, before the first reader starts: otherwise every reader
/// running in parallel would build them at once. It lives in cargo's target dir, never in
/// the user's cache.
pub fn warm_cache_dir() -> PathBuf {
    static WARM: OnceLock<PathBuf> = OnceLock::new();
    WARM.get_or_init(|| {
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("leser-dictionary-cache");
        drop(leser::dict::Dictionaries::discover(&[], &dir));
        dir
    })
    .clone()
}

pub struct Reader {
    pub child: Box<dyn Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    screen: Arc<Mutex<vt100::Parser>>,
    // Kept so the pty stays open until the reader is dropped.
    _master: Box<dyn MasterPty + Send>,
    _drain: JoinHandle<()>,
}

impl Reader {
    /// Starts `leser` with no arguments (the bundled article), keeping the learner's data in
    /// `data_dir` and the dictionaries' indexes in the shared [`warm_cache_dir`].
    pub fn start(data_dir: &Path) -> Reader {
        Reader::start_with(data_dir, &warm_cache_dir(), &[])
    }

    /// Starts `leser ARGS` with its data in `data_dir` (`LESER_DATA_DIR`) and its index cache
    /// in `cache_dir` (`LESER_CACHE_DIR`).
    pub fn start_with(data_dir: &Path, cache_dir: &Path, args: &[&str]) -> Reader {
        Reader::start_with_env(data_dir, cache_dir, args, &[])
    }

    /// [`Reader::start_with`], with more environment variables (`PATH` without espeak-ng).
    pub fn start_with_env(
        data_dir: &Path,
        cache_dir: &Path,
        args: &[&str],
        env: &[(&str, &str)],
    ) -> Reader {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows: ROWS,
                cols: COLS,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pty");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_leser"));
        cmd.args(args);
        cmd.env("TERM", "xterm-256color");
        cmd.env("LESER_DATA_DIR", data_dir);
        cmd.env("LESER_CACHE_DIR", cache_dir);
        // No config file: the user's own is never read.
        cmd.env("LESER_CONFIG", data_dir.join("config.toml"));
        cmd.cwd(data_dir);
        for (key, value) in env {
            cmd.env(key, value);
        }
        let child = pty.slave.spawn_command(cmd).expect("start leser");
        drop(pty.slave);
        let screen = Arc::new(Mutex::new(vt100::Parser::new(
            NonZeroU16::new(ROWS).expect("rows"),
            NonZeroU16::new(COLS).expect("columns"),
            0,
        )));
        let mut output = pty.master.try_clone_reader().expect("read the pty");
        let feed = Arc::clone(&screen);
        // Reading all the time also keeps the pty from filling up and blocking the reader.
        let drain = std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = output.read(&mut buf) {
                if n == 0 {
                    break;
                }
                feed.lock().expect("screen lock").process(&buf[..n]);
            }
        });
        let writer = pty.master.take_writer().expect("write to the pty");
        Reader {
            child,
            writer,
            screen,
            _master: pty.master,
            _drain: drain,
        }
    }

    pub fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).expect("send keys");
        self.writer.flush().expect("send keys");
    }

    pub fn contents(&self) -> String {
        self.screen.lock().expect("screen lock").screen().contents()
    }

    /// The side pane's text, rows joined, borders and whitespace removed (so that wrapping
    /// doesn't matter).
    pub fn side_pane(&self) -> String {
        let side = layout(Rect::new(0, 0, COLS, ROWS)).side;
        let parser = self.screen.lock().expect("screen lock");
        parser
            .screen()
            .rows(side.x, side.width)
            .skip(usize::from(side.y))
            .take(usize::from(side.height))
            .collect::<String>()
            .chars()
            .filter(|c| !c.is_whitespace() && !matches!(c, '│' | '─'))
            .collect()
    }

    /// The top line: title and reading position.
    pub fn title_bar(&self) -> String {
        self.row(0)
    }

    /// The bottom line: counts, messages, progress, key hints.
    pub fn status_bar(&self) -> String {
        self.row(ROWS - 1)
    }

    fn row(&self, row: u16) -> String {
        let parser = self.screen.lock().expect("screen lock");
        parser
            .screen()
            .rows(0, COLS)
            .nth(usize::from(row))
            .unwrap_or_default()
    }

    /// Waits until the screen meets a condition; fails after the deadline, showing the screen.
    pub fn wait_for(&self, what: &str, done: impl Fn(&Reader) -> bool) {
        self.wait_for_within(DEADLINE, what, done);
    }

    pub fn wait_for_within(&self, deadline: Duration, what: &str, done: impl Fn(&Reader) -> bool) {
        let start = Instant::now();
        while !done(self) {
            assert!(
                start.elapsed() < deadline,
                "waited {deadline:?} for {what}; the screen shows:\n{}",
                self.contents()
            );
            std::thread::sleep(POLL);
        }
    }

    pub fn wait_for_text(&self, text: &str) {
        self.wait_for(text, |r| r.contents().contains(text));
    }

    /// Waits until the dictionaries are open: the status bar shows the text's counts alone,
    /// no longer after "opening dictionaries…" or "indexing …" (as it does from the first
    /// screen on until then).
    pub fn wait_for_dictionaries(&self) {
        self.wait_for_within(INDEX_DEADLINE, "the dictionaries to open", |r| {
            let status = r.status_bar();
            status.starts_with(COUNTS_START)
                && !status.contains(strings::DICT_OPENING)
                && !status.contains(strings::DICT_INDEXING)
        });
    }

    /// Waits for the reader to exit; returns its exit status.
    pub fn wait_exit(&mut self) -> ExitStatus {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().expect("exit status") {
                return status;
            }
            if start.elapsed() > DEADLINE {
                let _ = self.child.kill();
                panic!("leser did not exit; the screen shows:\n{}", self.contents());
            }
            std::thread::sleep(POLL);
        }
    }

    /// Quits with `q` and checks that the reader exited with status 0.
    pub fn quit(mut self) {
        self.send("q");
        assert!(self.wait_exit().success(), "leser exits with status 0");
    }
}

/// Text without its whitespace, to compare with [`Reader::side_pane`].
pub fn squeeze(s: &str) -> String {
    s.split_whitespace().collect()
}
