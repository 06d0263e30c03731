//! Writing a file so that a crash, a kill or a full disk never leaves it half-written:
//! the text goes to a temporary file in the same folder, is flushed to disk, and replaces
//! the old file in one rename; the folder is flushed after. The previous version is kept as
//! `NAME.bak` (renamed into place the same way). Permissions, ownership and symlinks of
//! the file are kept. Temporary files exist only while a save runs: a failed save removes
//! its own, and the next save removes any a killed one left behind.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use tempfile::NamedTempFile;

/// What a save wrote.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Saved {
    /// The file written (the target of the path, if the path is a symlink).
    pub file: PathBuf,
    /// The backup of the previous version, if there was one.
    pub backup: Option<PathBuf>,
}

/// Endings of the temporary files a save makes: the new text, and the backup's link.
const TEMP_SUFFIXES: [&str; 2] = [".save-tmp", ".bak-tmp"];
/// Length of the random part of temporary names (tempfile's default).
const RANDOM_CHARS: usize = 6;

/// Writes `text` to `path` atomically. With `keep_backup`, the file it replaces is kept
/// as `NAME.bak`.
pub fn write_atomically(path: &Path, text: &str, keep_backup: bool) -> io::Result<Saved> {
    let file = resolve_symlinks(path)?;
    let dir = file
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or_else(|| Path::new("."))
        .to_path_buf();
    let name = file
        .file_name()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "no file name given"))?
        .to_string_lossy()
        .into_owned();
    remove_stale_temporaries(&dir, &name);
    let old = fs::metadata(&file).ok().filter(fs::Metadata::is_file);

    let mut tmp = temporary(&dir, &name, TEMP_SUFFIXES[0], old.as_ref())?;
    tmp.write_all(text.as_bytes())?;
    tmp.as_file().sync_all()?;

    let backup = match &old {
        Some(_) if keep_backup => Some(keep_previous(&dir, &name, &file)?),
        _ => None,
    };
    tmp.persist(&file).map_err(|e| e.error)?;
    sync_dir(&dir);
    Ok(Saved { file, backup })
}

/// The file a path names, following symlinks (also ones that point nowhere yet).
fn resolve_symlinks(path: &Path) -> io::Result<PathBuf> {
    let mut current = path.to_path_buf();
    for _ in 0..40 {
        match fs::symlink_metadata(&current) {
            Ok(m) if m.file_type().is_symlink() => {
                let target = fs::read_link(&current)?;
                current = match current.parent() {
                    Some(parent) if target.is_relative() => parent.join(target),
                    _ => target,
                };
            }
            _ => return Ok(current),
        }
    }
    Err(io::Error::other(format!(
        "{} is a loop of symbolic links",
        path.display()
    )))
}

/// A temporary file beside `name`, with the old file's permissions and owner (or the
/// permissions a new file gets, after the umask).
fn temporary(
    dir: &Path,
    name: &str,
    suffix: &str,
    old: Option<&fs::Metadata>,
) -> io::Result<NamedTempFile> {
    let prefix = format!(".{name}.");
    let mut builder = tempfile::Builder::new();
    builder
        .prefix(&prefix)
        .suffix(suffix)
        .rand_bytes(RANDOM_CHARS);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // The mode passes through the umask, as for any new file.
        builder.permissions(fs::Permissions::from_mode(0o666));
    }
    let tmp = builder.tempfile_in(dir)?;
    if let Some(old) = old {
        tmp.as_file().set_permissions(old.permissions())?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            // Only the owner or root may change the owner; a team member saving a file
            // someone else created keeps the group at least.
            if std::os::unix::fs::fchown(tmp.as_file(), Some(old.uid()), Some(old.gid())).is_err() {
                let _ = std::os::unix::fs::fchown(tmp.as_file(), None, Some(old.gid()));
            }
        }
    }
    Ok(tmp)
}

/// Puts the current file in place as `NAME.bak`: a hard link renamed over the old backup
/// (a copy where the file system has no hard links), so the backup is always whole.
fn keep_previous(dir: &Path, name: &str, file: &Path) -> io::Result<PathBuf> {
    let backup = dir.join(format!("{name}.bak"));
    let link = temporary(dir, name, TEMP_SUFFIXES[1], None)?;
    let link_path = link.path().to_path_buf();
    // The hard link needs the name to be free; the temporary file only reserved it.
    drop(link);
    let linked = fs::hard_link(file, &link_path).is_ok();
    if !linked {
        fs::copy(file, &link_path)?;
        fs::File::open(&link_path)?.sync_all()?;
    }
    if let Err(e) = fs::rename(&link_path, &backup) {
        let _ = fs::remove_file(&link_path);
        return Err(e);
    }
    Ok(backup)
}

/// Removes temporary files of saves of `name` that were killed before they finished.
fn remove_stale_temporaries(dir: &Path, name: &str) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let prefix = format!(".{name}.");
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let file_name = file_name.to_string_lossy();
        let Some(rest) = file_name.strip_prefix(&prefix) else {
            continue;
        };
        let ours = TEMP_SUFFIXES.iter().any(|suffix| {
            rest.strip_suffix(suffix).is_some_and(|random| {
                random.len() == RANDOM_CHARS && random.chars().all(|c| c.is_ascii_alphanumeric())
            })
        });
        if ours {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// Flushes the folder, so the rename itself survives a power cut.
fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = fs::File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

/// Temporary files of saves of `file` now in its folder (for tests and checks).
pub fn temporaries_of(file: &Path) -> Vec<PathBuf> {
    let dir = file.parent().unwrap_or_else(|| Path::new("."));
    let name = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let prefix = format!(".{name}.");
    fs::read_dir(dir)
        .map(|entries| {
            entries
                .flatten()
                .filter(|e| {
                    let n = e.file_name().to_string_lossy().into_owned();
                    n.starts_with(&prefix) && TEMP_SUFFIXES.iter().any(|s| n.ends_with(s))
                })
                .map(|e| e.path())
                .collect()
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn saving_keeps_a_backup_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("p.claimbench.ron");
        write_atomically(&path, "one", true).expect("first");
        assert!(!dir.path().join("p.claimbench.ron.bak").exists());
        let saved = write_atomically(&path, "two", true).expect("second");
        assert_eq!(fs::read_to_string(&path).expect("read"), "two");
        assert_eq!(saved.backup, Some(dir.path().join("p.claimbench.ron.bak")));
        assert_eq!(
            fs::read_to_string(dir.path().join("p.claimbench.ron.bak")).expect("bak"),
            "one"
        );
        write_atomically(&path, "three", true).expect("third");
        assert_eq!(
            fs::read_to_string(dir.path().join("p.claimbench.ron.bak")).expect("bak"),
            "two"
        );
        assert!(temporaries_of(&path).is_empty());
    }

    #[test]
    fn stale_temporaries_of_a_killed_save_are_removed() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("p.claimbench.ron");
        let stale = dir.path().join(".p.claimbench.ron.aB3xY9.save-tmp");
        let stale_link = dir.path().join(".p.claimbench.ron.Qw12Er.bak-tmp");
        // Not ours: an autosave's temporary file, and someone's own file.
        let other = dir
            .path()
            .join(".p.claimbench.ron.autosave.aB3xY9.save-tmp");
        let theirs = dir.path().join(".p.claimbench.ron.notes");
        for f in [&stale, &stale_link, &other, &theirs] {
            fs::write(f, "x").expect("write");
        }
        write_atomically(&path, "text", true).expect("saves");
        assert!(!stale.exists() && !stale_link.exists());
        assert!(other.exists() && theirs.exists());
    }

    #[cfg(unix)]
    #[test]
    fn permissions_and_symlinks_are_kept() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("tempdir");
        let real_dir = dir.path().join("real");
        fs::create_dir(&real_dir).expect("dir");
        let real = real_dir.join("p.claimbench.ron");
        fs::write(&real, "old").expect("write");
        fs::set_permissions(&real, fs::Permissions::from_mode(0o664)).expect("chmod");
        let link = dir.path().join("p.claimbench.ron");
        std::os::unix::fs::symlink("real/p.claimbench.ron", &link).expect("symlink");

        let saved = write_atomically(&link, "new", true).expect("saves");
        assert_eq!(saved.file, real_dir.join("p.claimbench.ron"));
        assert!(
            fs::symlink_metadata(&link)
                .expect("meta")
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read_to_string(&real).expect("read"), "new");
        let mode = fs::metadata(&real).expect("meta").permissions().mode() & 0o777;
        assert_eq!(mode, 0o664);
        assert_eq!(
            fs::read_to_string(real_dir.join("p.claimbench.ron.bak")).expect("bak"),
            "old"
        );
    }

    #[test]
    fn a_failed_save_leaves_the_old_file_and_no_temporary() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("p.claimbench.ron");
        fs::write(&path, "old").expect("write");
        // A folder in the way of the rename: the save fails after writing its text.
        let blocked = dir.path().join("blocked");
        fs::create_dir(&blocked).expect("dir");
        fs::write(blocked.join("inside"), "x").expect("write");
        assert!(write_atomically(&blocked, "new", false).is_err());
        assert!(temporaries_of(&blocked).is_empty());
        assert_eq!(fs::read_to_string(&path).expect("read"), "old");
    }
}
