//! The learner's data: saving one status change with 20,000 terms on file (the target is well
//! under 5 ms), loading 20,000 terms, and compacting them.
//!
//! Saving is a journal append plus fdatasync, whatever the number of terms; every 4,096 changes
//! a save also compacts, and that cost is part of the mean reported here. The raw append + sync
//! bench shows what the disk itself costs, so the store's own overhead is the difference.

use criterion::{Criterion, criterion_group, criterion_main};
use leser::learner::{Status, Store};
use std::hint::black_box;
use std::io::Write as _;
use std::path::Path;

const TERMS: u32 = 20_000;

fn status_of(i: u32) -> Status {
    match i % 6 {
        0 => Status::Known,
        1 => Status::Ignored,
        n => Status::Learning(n as u8 - 1),
    }
}

/// A data dir holding `TERMS` statuses in its snapshot.
fn filled(dir: &Path) -> Store {
    let mut store = Store::open(dir).expect("open");
    let terms: Vec<String> = (0..TERMS).map(|i| format!("Begriff{i}")).collect();
    store
        .set_statuses(
            terms
                .iter()
                .enumerate()
                .map(|(i, t)| (t.as_str(), status_of(i as u32))),
        )
        .expect("fill");
    store.compact().expect("compact");
    store
}

fn save_one_change(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = filled(dir.path());
    let mut i = 0u32;
    c.bench_function("save one status change, 20,000 terms on file", |b| {
        b.iter(|| {
            i = i.wrapping_add(1);
            let term = format!("Begriff{}", i % TERMS);
            store
                .set_status(black_box(&term), status_of(i.wrapping_add(1)))
                .expect("save");
        });
    });
}

/// The floor under any durable save: one line appended and synced, without the store.
fn raw_append_and_sync(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut file = std::fs::OpenOptions::new()
        .append(true)
        .create(true)
        .open(dir.path().join("raw.jsonl"))
        .expect("open");
    let line = br#"{"op":"status","at":1700000000000000000,"term":"Begriff1","status":"learning 2"}
"#;
    c.bench_function(
        "raw append + fdatasync of one line (the disk's floor)",
        |b| {
            b.iter(|| {
                file.write_all(black_box(line)).expect("write");
                file.sync_data().expect("sync");
            });
        },
    );
}

fn load(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("tempdir");
    drop(filled(dir.path()));
    c.bench_function("load 20,000 terms", |b| {
        b.iter(|| {
            let store = Store::open(black_box(dir.path())).expect("open");
            black_box(store.status("Begriff19999"))
        });
    });
}

fn compact(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = filled(dir.path());
    // An empty journal still rewrites the whole snapshot: the cost is that of 20,000 terms.
    c.bench_function("compact 20,000 terms", |b| {
        b.iter(|| store.compact().expect("compact"));
    });
}

criterion_group!(benches, raw_append_and_sync, save_one_change, load, compact);
criterion_main!(benches);
