//! Texts and translations that are no regular files, or too large: refused at once (exit 2,
//! one line naming the file), never read into memory or waited on. Every run has a deadline:
//! a leser that blocks is killed and the test fails.

use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

const DEADLINE: Duration = Duration::from_secs(20);

/// Runs leser with `args`; kills it and fails the test when it is not done by the deadline.
fn leser_within_deadline(data: &Path, args: &[&str]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_leser"))
        .args(args)
        .env("LESER_DATA_DIR", data)
        .env("LESER_CONFIG", data.join("config.toml"))
        .env("LESER_CACHE_DIR", data.join("cache"))
        // Indexing Debian's dictionaries into the empty cache is not what is timed here.
        .env("LESER_NO_SYSTEM_DICTIONARIES", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("leser runs");
    let start = Instant::now();
    loop {
        if child.try_wait().expect("exit status").is_some() {
            return child.wait_with_output().expect("output");
        }
        if start.elapsed() > DEADLINE {
            let _ = child.kill();
            let _ = child.wait();
            panic!("leser {args:?} still running after {DEADLINE:?}: it blocked");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn mkfifo(path: &Path) {
    let made = Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn assert_refused(out: &Output, name: &str, why: &str) {
    assert_eq!(out.status.code(), Some(2), "{}", stderr(out));
    let err = stderr(out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains(name) && err.contains(why), "{err}");
}

#[test]
fn a_fifo_as_the_text_is_refused_not_waited_on() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("text.txt");
    mkfifo(&fifo);
    let f = fifo.to_str().unwrap();
    for args in [
        vec!["annotate", f],
        vec!["stats", f],
        vec!["check", f],
        vec![f],
    ] {
        let out = leser_within_deadline(dir.path(), &args);
        assert_refused(&out, "text.txt", "not a regular file (a named pipe)");
    }
}

#[test]
fn a_fifo_or_dev_zero_as_the_translation_is_never_read_by_annotate() {
    let dir = tempfile::tempdir().unwrap();
    let text = dir.path().join("a.de.txt");
    std::fs::write(&text, "Der Diplomat sprach mit dem Rat.\n").unwrap();
    mkfifo(&dir.path().join("a.en.txt"));
    let t = text.to_str().unwrap();
    for args in [vec!["annotate", t], vec!["stats", t]] {
        let out = leser_within_deadline(dir.path(), &args);
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    }

    let named = dir.path().join("b.txt");
    std::fs::write(
        &named,
        "+++\ntranslation = \"/dev/zero\"\n+++\nDer Diplomat sprach mit dem Rat.\n",
    )
    .unwrap();
    let out = leser_within_deadline(dir.path(), &["annotate", named.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(String::from_utf8_lossy(&out.stdout).contains("Diplomat"));
}

#[test]
fn devices_and_directories_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let out = leser_within_deadline(dir.path(), &["annotate", "/dev/zero"]);
    assert_refused(&out, "/dev/zero", "not a regular file (a device)");
    let d = dir.path().to_str().unwrap();
    let out = leser_within_deadline(dir.path(), &["annotate", d]);
    assert_refused(&out, d, "not a regular file (a directory)");
    let g = dir.path().join("g.toml");
    mkfifo(&g);
    let out = leser_within_deadline(dir.path(), &["check", "--glossary", g.to_str().unwrap()]);
    assert_refused(&out, "g.toml", "a named pipe");
}

#[test]
fn a_text_over_the_size_limit_is_refused_naming_the_limit() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.txt");
    // Sparse: 257 MB on paper, nothing on disk.
    std::fs::File::create(&big)
        .unwrap()
        .set_len(257 * 1024 * 1024)
        .unwrap();
    let out = leser_within_deadline(dir.path(), &["annotate", big.to_str().unwrap()]);
    assert_refused(&out, "big.txt", "larger than 256 MB");
}
