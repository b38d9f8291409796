//! The reader end to end, through a real pseudo-terminal: keys go in as bytes, a vt100 parser
//! keeps the screen, and each step waits for what it expects to see.

use leser::tui::layout::layout;
use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};
use ratatui::layout::Rect;
use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

const ROWS: u16 = 40;
const COLS: u16 = 120;
const DEADLINE: Duration = Duration::from_secs(10);
const POLL: Duration = Duration::from_millis(20);

struct Reader {
    child: Box<dyn Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    screen: Arc<Mutex<vt100::Parser>>,
    // Kept so the pty stays open until the reader is dropped.
    _master: Box<dyn MasterPty + Send>,
    _drain: JoinHandle<()>,
    _data_dir: tempfile::TempDir,
}

impl Reader {
    /// Starts `leser` with no arguments (the bundled article) in a 120x40 terminal.
    fn start() -> Reader {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows: ROWS,
                cols: COLS,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pty");
        let data_dir = tempfile::tempdir().expect("make a data dir");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_leser"));
        cmd.env("TERM", "xterm-256color");
        cmd.env("LESER_DATA_DIR", data_dir.path());
        cmd.cwd(data_dir.path());
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
            _data_dir: data_dir,
        }
    }

    fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).expect("send keys");
        self.writer.flush().expect("send keys");
    }

    fn contents(&self) -> String {
        self.screen.lock().expect("screen lock").screen().contents()
    }

    /// The side pane's text, rows joined, borders and whitespace removed (so that wrapping
    /// doesn't matter).
    fn side_pane(&self) -> String {
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

    /// Waits until the screen meets a condition; fails after the deadline, showing the screen.
    fn wait_for(&self, what: &str, done: impl Fn(&Reader) -> bool) {
        let start = Instant::now();
        while !done(self) {
            assert!(
                start.elapsed() < DEADLINE,
                "waited {DEADLINE:?} for {what}; the screen shows:\n{}",
                self.contents()
            );
            std::thread::sleep(POLL);
        }
    }

    fn wait_for_text(&self, text: &str) {
        self.wait_for(text, |r| r.contents().contains(text));
    }

    /// Waits for the reader to exit and returns whether it exited with status 0.
    fn exit_status(mut self) -> bool {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().expect("exit status") {
                return status.success();
            }
            if start.elapsed() > DEADLINE {
                let _ = self.child.kill();
                panic!("leser did not exit; the screen shows:\n{}", self.contents());
            }
            std::thread::sleep(POLL);
        }
    }
}

fn squeeze(s: &str) -> String {
    s.split_whitespace().collect()
}

#[test]
fn search_shows_the_card_then_t_shows_the_translation() {
    let mut reader = Reader::start();
    reader.wait_for_text("Lawrow");
    reader.send("/Rates\r");
    reader.wait_for("the card of NATO-Russland-Rat", |r| {
        let side = r.side_pane();
        side.contains("Glossary") && side.contains(&squeeze("NATO-Russia Council"))
    });
    reader.send("t");
    reader.wait_for("the English sentence", |r| {
        let side = r.side_pane();
        side.contains("Translation")
            && side.contains(&squeeze(
                "a meeting of the NATO-Russia Council is still relevant",
            ))
    });
    reader.send("q");
    assert!(reader.exit_status(), "leser exits with status 0");
}

#[test]
fn question_mark_opens_the_help_and_escape_closes_it() {
    let mut reader = Reader::start();
    reader.wait_for_text("Lawrow");
    reader.send("?");
    reader.wait_for_text("next linked term");
    reader.send("\x1b");
    reader.wait_for("the help to close", |r| {
        !r.contents().contains("next linked term")
    });
    reader.send("q");
    assert!(reader.exit_status(), "leser exits with status 0");
}

#[test]
fn ctrl_c_quits() {
    let mut reader = Reader::start();
    reader.wait_for_text("Lawrow");
    reader.send("\x03");
    assert!(reader.exit_status(), "leser exits with status 0");
}
