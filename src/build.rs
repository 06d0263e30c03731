//! The build script (`build = "src/build.rs"` in Cargo.toml): hashes the source of the
//! extraction engine, so that the extraction cache knows a changed engine from the one
//! that wrote it (`src/extract/cache.rs`).

use std::path::{Path, PathBuf};

fn main() {
    let mut files = Vec::new();
    for dir in ["src/extract", "src/text", "src/corpus"] {
        println!("cargo:rerun-if-changed={dir}");
        collect(Path::new(dir), &mut files);
    }
    files.sort();
    // FNV-1a over each file's path and bytes: no dependency, and enough to tell versions
    // apart.
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |bytes: &[u8]| {
        for &b in bytes {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    };
    for file in &files {
        eat(file.to_string_lossy().as_bytes());
        eat(&std::fs::read(file).unwrap_or_default());
    }
    println!("cargo:rustc-env=CLAIMBENCH_ENGINE_SOURCE_HASH={hash:016x}");
}

fn collect(dir: &Path, files: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, files);
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
}
