//! Dictionary index: build, open, lookup.

fn main() {}
