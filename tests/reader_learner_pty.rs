//! The learner's loop end to end, through a real pseudo-terminal: an entry added from the
//! keyboard, a status set, both still there after a restart; a status that survives kill -9;
//! the reading position resumed. Each test has its own data dir (`LESER_DATA_DIR`).

use leser::glossary::Glossary;
use leser::learner::{Status, Store, term_of};
use leser::link::Linker;
use leser::text::Document;
use leser::tui::layout::layout;
use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};
use ratatui::layout::Rect;
use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::Path;
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
}

impl Reader {
    /// Starts `leser` with no arguments (the bundled article) in a 120x40 terminal, keeping the
    /// learner's data in `data_dir`.
    fn start(data_dir: &Path) -> Reader {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows: ROWS,
                cols: COLS,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pty");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_leser"));
        cmd.env("TERM", "xterm-256color");
        cmd.env("LESER_DATA_DIR", data_dir);
        cmd.cwd(data_dir);
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

    /// The top line: title and reading position.
    fn title_bar(&self) -> String {
        self.contents()
            .lines()
            .next()
            .unwrap_or_default()
            .to_string()
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

    /// Waits for the reader to exit; returns its exit status.
    fn wait_exit(&mut self) -> portable_pty::ExitStatus {
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
    fn quit(mut self) {
        self.send("q");
        assert!(self.wait_exit().success(), "leser exits with status 0");
    }
}

fn squeeze(s: &str) -> String {
    s.split_whitespace().collect()
}

#[test]
fn an_entry_added_from_the_keyboard_links_and_keeps_its_status_after_a_restart() {
    let data = tempfile::tempdir().expect("data dir");
    let mut reader = Reader::start(data.path());
    reader.wait_for_text("Lawrow");
    reader.send("/ersatzweise\r");
    reader.wait_for("ersatzweise selected, with no entry", |r| {
        let side = r.side_pane();
        side.contains("ersatzweise") && side.contains(&squeeze("no glossary entry"))
    });
    reader.send("a");
    reader.wait_for("the form, prefilled", |r| {
        let screen = r.contents();
        screen.contains("New glossary entry") && screen.contains("ersatzweise")
    });
    reader.send("as a substitute");
    reader.wait_for_text("as a substitute");
    reader.send("\r");
    reader.wait_for("the card of the new entry", |r| {
        let side = r.side_pane();
        !r.contents().contains("New glossary entry")
            && side.contains("ersatzweise")
            && side.contains(&squeeze("as a substitute"))
    });
    reader.send("2");
    reader.wait_for("learning 2 on the card", |r| {
        r.side_pane().contains(&squeeze("status: learning 2"))
    });
    reader.quit();

    let saved = std::fs::read_to_string(data.path().join("glossary.toml")).expect("glossary.toml");
    assert!(saved.contains("de = \"ersatzweise\""), "{saved}");
    assert!(saved.contains("en = \"as a substitute\""), "{saved}");

    let reader = Reader::start(data.path());
    reader.wait_for("ersatzweise linked, learning 2, after the restart", |r| {
        let side = r.side_pane();
        side.contains("ersatzweise")
            && side.contains(&squeeze("as a substitute"))
            && side.contains(&squeeze("status: learning 2"))
    });
    reader.quit();
}

#[test]
fn a_status_set_just_before_kill_9_is_saved() {
    let data = tempfile::tempdir().expect("data dir");
    let analysis = Linker::new(Glossary::bundled()).analyze(&Document::bundled());
    let glossary = Glossary::bundled();
    let first = term_of(&glossary, &analysis.links[0]).expect("the first term has an entry");

    let mut reader = Reader::start(data.path());
    reader.wait_for_text("Lawrow");
    reader.send("3");
    reader.wait_for("learning 3 on the card", |r| {
        r.side_pane().contains(&squeeze("status: learning 3"))
    });
    // portable-pty's kill() sends SIGHUP first; this must be SIGKILL, which nothing can catch.
    let pid = reader.child.process_id().expect("a pid");
    let killed = std::process::Command::new("kill")
        .args(["-9", &pid.to_string()])
        .status()
        .expect("run kill");
    assert!(killed.success());
    let status = reader.wait_exit();
    assert!(!status.success(), "killed, not exited: {status:?}");

    let store = Store::open(data.path()).expect("the store opens");
    assert_eq!(store.status(first), Status::Learning(3));
    assert!(store.warnings().is_empty(), "{:?}", store.warnings());
}

#[test]
fn reopening_resumes_at_the_same_term() {
    let data = tempfile::tempdir().expect("data dir");
    let mut reader = Reader::start(data.path());
    reader.wait_for("the first term", |r| r.title_bar().contains("term 1/"));
    reader.send("lllll");
    reader.wait_for("the sixth term", |r| r.title_bar().contains("term 6/"));
    let card = reader.side_pane();
    reader.quit();

    let reader = Reader::start(data.path());
    reader.wait_for("the sixth term again", |r| {
        r.title_bar().contains("term 6/") && r.side_pane() == card
    });
    reader.quit();
}
