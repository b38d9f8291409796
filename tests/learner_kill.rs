//! A process killed with SIGKILL right after a status change loses nothing it confirmed.
//!
//! The child is this test binary, run again with `--exact` on one of the `child_*` tests and
//! the data dir in `LESER_KILL_CHILD_DIR`; without that variable the `child_*` tests do nothing.

use leser::learner::{Status, Store};
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

const CHILD_DIR: &str = "LESER_KILL_CHILD_DIR";

/// Kills the child when the test ends, however it ends.
struct Killed(Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Starts the child; its stdout lines arrive on the receiver.
fn spawn_child(test: &str, dir: &Path) -> (Killed, Receiver<String>) {
    let mut child = Command::new(std::env::current_exe().expect("test binary"))
        .args(["--exact", test, "--nocapture", "--test-threads=1"])
        .env(CHILD_DIR, dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn the child");
    let stdout = BufReader::new(child.stdout.take().expect("piped stdout"));
    let (tx, rx) = channel();
    std::thread::spawn(move || {
        for line in stdout.lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    (Killed(child), rx)
}

/// The number in the child's last `saved N` marker on a line (libtest may print
/// `test name ... ` before it on the same line).
fn saved_marker(line: &str) -> Option<&str> {
    line.rfind("saved")
        .map(|i| line[i + "saved".len()..].trim())
}

/// Waits for the child's lines until one satisfies `done`; fails if the child exits first
/// or nothing comes within a minute.
fn wait_for(lines: &Receiver<String>, mut done: impl FnMut(&str) -> bool) {
    let deadline = Instant::now() + Duration::from_mins(1);
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        let line = lines
            .recv_timeout(left)
            .expect("the child exited or stalled before saving");
        if let Some(rest) = saved_marker(&line)
            && done(rest)
        {
            return;
        }
    }
}

/// Blocks until the parent kills this process.
fn block() {
    let mut s = String::new();
    let _ = std::io::stdin().read_line(&mut s);
}

fn assert_files_intact(dir: &Path) {
    for name in ["state.json", "state.json.bak"] {
        if let Ok(text) = std::fs::read_to_string(dir.join(name)) {
            serde_json::from_str::<serde_json::Value>(&text)
                .unwrap_or_else(|e| panic!("{name} is not valid JSON: {e}"));
        }
    }
    let corrupt = std::fs::read_dir(dir)
        .expect("list the data dir")
        .filter_map(Result::ok)
        .any(|e| e.file_name().to_string_lossy().contains("corrupt"));
    assert!(!corrupt, "a file was moved aside as damaged");
}

#[test]
fn child_sets_one_status() {
    let Some(dir) = std::env::var_os(CHILD_DIR) else {
        return;
    };
    let mut store = Store::open(Path::new(&dir)).unwrap();
    store.set_status("ankündigen", Status::Learning(2)).unwrap();
    println!("saved");
    std::io::stdout().flush().unwrap();
    block();
}

#[test]
fn a_status_set_right_before_kill_9_is_kept() {
    let dir = tempfile::tempdir().unwrap();
    // Something on file already, so the child appends to an existing journal and snapshot.
    let mut before = Store::open(dir.path()).unwrap();
    before.set_status("Diplomat", Status::Known).unwrap();
    before.compact().unwrap();
    drop(before);

    let (mut child, lines) = spawn_child("child_sets_one_status", dir.path());
    wait_for(&lines, |_| true);
    child.0.kill().unwrap(); // SIGKILL on Unix
    child.0.wait().unwrap();

    let store = Store::open(dir.path()).unwrap();
    assert_eq!(store.status("ankündigen"), Status::Learning(2));
    assert_eq!(store.status("Diplomat"), Status::Known);
    assert!(store.warnings().is_empty(), "{:?}", store.warnings());
    assert_files_intact(dir.path());
    let journal = std::fs::read_to_string(dir.path().join("journal.jsonl")).unwrap();
    for line in journal.lines() {
        serde_json::from_str::<serde_json::Value>(line).unwrap();
    }
}

#[test]
fn child_sets_statuses_until_killed() {
    let Some(dir) = std::env::var_os(CHILD_DIR) else {
        return;
    };
    let mut store = Store::open(Path::new(&dir)).unwrap();
    for i in 0..100_000u32 {
        let status = Status::learning(1 + (i % 4) as u8).unwrap();
        store.set_status(&format!("Wort{i}"), status).unwrap();
        // Compacting often, so the kill can land inside a compaction too.
        if i % 25 == 24 {
            let _ = store.compact();
        }
        println!("saved {i}");
    }
    block();
}

#[test]
fn kill_9_during_changes_and_compactions_keeps_every_confirmed_change() {
    let dir = tempfile::tempdir().unwrap();
    let (mut child, lines) = spawn_child("child_sets_statuses_until_killed", dir.path());
    let mut confirmed = 0;
    wait_for(&lines, |n| {
        confirmed = n.parse::<u32>().unwrap() + 1;
        confirmed >= 300
    });
    child.0.kill().unwrap();
    child.0.wait().unwrap();

    let store = Store::open(dir.path()).unwrap();
    for i in 0..confirmed {
        assert_eq!(
            store.status(&format!("Wort{i}")),
            Status::learning(1 + (i % 4) as u8).unwrap(),
            "Wort{i} lost; warnings: {:?}",
            store.warnings()
        );
    }
    assert_files_intact(dir.path());
}
