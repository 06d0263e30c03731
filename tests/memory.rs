//! Memory on huge one-line files, measured as the growth of this process's peak resident
//! memory (Linux's VmHWM, reset before each measure). This test binary holds these tests
//! only, run one at a time, so nothing else moves the figure.

#![cfg(target_os = "linux")]

use std::sync::Mutex;

/// One measure at a time: the peak is the whole process's.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

fn peak_kib() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").expect("proc status");
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .expect("VmHWM")
}

fn current_kib() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").expect("proc status");
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .expect("VmRSS")
}

/// Peak memory growth, in bytes, while `f` runs.
fn peak_growth(f: impl FnOnce()) -> u64 {
    // Writing 5 to clear_refs resets the peak to the current size.
    std::fs::write("/proc/self/clear_refs", "5").expect("reset the peak");
    let before = current_kib();
    f();
    (peak_kib().saturating_sub(before)) * 1024
}

#[test]
fn metadata_of_a_huge_one_line_file_takes_little_memory() {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let text = "(".repeat(16_000_000);
    let growth = peak_growth(|| {
        let meta = claimbench::corpus::metadata::detect(&text);
        assert_eq!(meta.title, None);
    });
    // Before: about 100 bytes per byte of the line (1.8 GB here).
    assert!(
        growth < 16_000_000,
        "metadata detection grew memory by {growth} bytes for a 16 MB line"
    );
}

#[test]
fn loading_a_huge_one_line_file_stays_within_a_few_times_its_size() {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("one-line.txt");
    std::fs::write(&path, "(".repeat(16_000_000)).expect("write");
    let growth = peak_growth(|| {
        let loaded = claimbench::corpus::load(&path).expect("loads");
        assert_eq!(loaded.corpus.documents.len(), 1);
    });
    assert!(
        growth < 3 * 16_000_000,
        "loading grew memory by {growth} bytes for a 16 MB file"
    );
}

fn one_line_document(id: &str, bytes: usize) -> claimbench::corpus::Document {
    let sentence = "Officials said 40 people died in the north on Monday. ";
    let text = sentence.repeat(bytes / sentence.len());
    claimbench::corpus::Document::new(
        id.into(),
        id.into(),
        text,
        claimbench::corpus::DocumentMeta::default(),
    )
}

#[test]
fn large_documents_are_extracted_one_at_a_time() {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let bytes = claimbench::extract::LARGE_DOCUMENT_BYTES + 1_000_000;
    let settings = claimbench::extract::Settings::default();
    let one = claimbench::corpus::Corpus {
        documents: vec![one_line_document("a", bytes)],
    };
    let one_peak = peak_growth(|| {
        let _ = claimbench::extract::extract(&one, &settings);
    });
    drop(one);
    let two = claimbench::corpus::Corpus {
        documents: vec![one_line_document("a", bytes), one_line_document("b", bytes)],
    };
    let two_peak = peak_growth(|| {
        let _ = claimbench::extract::extract(&two, &settings);
    });
    // In parallel the two analyses would add up; one at a time, the second reuses the
    // memory the first gave back, and only the results (far smaller) add up.
    assert!(
        two_peak < one_peak * 3 / 2,
        "two large documents took {two_peak} bytes at the peak, one took {one_peak}"
    );
}
