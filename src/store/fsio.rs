//! Every read of a file the program does not own goes through here, so that
//! one set of rules holds everywhere:
//!
//! - only a **regular file** is read: a FIFO would block forever, a device
//!   such as `/dev/zero` would never end, a folder is not a file;
//! - a **symbolic link** in a schedule folder is followed only to a file
//!   inside that same folder: nothing outside the folder is ever read as
//!   schedule (or, see [`resolve_inside`], written);
//! - every read is **bounded** by a byte limit counted while reading, not
//!   taken from the metadata, which a device or a growing file can belie.
//!
//! On Unix the file is opened non-blocking (so even a FIFO that appears
//! between the check and the open cannot hang the program) and checked
//! again on the open handle.

use std::fs::{self, File};
use std::io::{self, Read};
use std::path::{Path, PathBuf};

/// What a path holds when it is not a regular file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Folder,
    /// A named pipe (FIFO).
    Pipe,
    /// A character or block device (`/dev/zero`, a disk).
    Device,
    Socket,
    Other,
}

/// Why a file was not read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadRefusal {
    /// Not a regular file.
    NotAFile(FileKind),
    /// A symbolic link to somewhere outside the folder (or to nothing).
    LinkOutside(PathBuf),
    /// More than the limit; the size is at least this many bytes.
    TooLarge(u64),
    /// The system refused; what it said.
    Io(String),
}

fn kind_of(t: fs::FileType) -> FileKind {
    if t.is_dir() {
        return FileKind::Folder;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return FileKind::Pipe;
        }
        if t.is_char_device() || t.is_block_device() {
            return FileKind::Device;
        }
        if t.is_socket() {
            return FileKind::Socket;
        }
    }
    FileKind::Other
}

/// The file `dir/name` really is: itself, or where its symbolic link leads
/// when that is inside `dir`. `Ok(None)` when nothing is there.
///
/// The returned path is canonical (no links left in it), so opening it
/// cannot be redirected by a link. A link that leads outside `dir`, or
/// nowhere, is refused.
pub fn resolve_inside(dir: &Path, name: &str) -> Result<Option<PathBuf>, ReadRefusal> {
    let path = dir.join(name);
    let meta = match fs::symlink_metadata(&path) {
        Ok(m) => m,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(ReadRefusal::Io(e.to_string())),
    };
    if !meta.file_type().is_symlink() {
        return Ok(Some(path));
    }
    let target = fs::read_link(&path).unwrap_or_default();
    let Ok(real) = fs::canonicalize(&path) else {
        // A link to nothing: writing through it would create a file
        // wherever it points.
        return Err(ReadRefusal::LinkOutside(target));
    };
    let folder = fs::canonicalize(dir).map_err(|e| ReadRefusal::Io(e.to_string()))?;
    if real.starts_with(&folder) && real != folder {
        Ok(Some(real))
    } else {
        Err(ReadRefusal::LinkOutside(real))
    }
}

/// Reads `dir/name` under the rules above. `Ok(None)` when it does not exist.
pub fn read_in_folder(dir: &Path, name: &str, limit: u64) -> Result<Option<Vec<u8>>, ReadRefusal> {
    match resolve_inside(dir, name)? {
        Some(path) => read_regular(&path, limit).map(Some),
        None => Ok(None),
    }
}

/// Reads a regular file of at most `limit` bytes, wherever it is (for files
/// the user names: the settings file, `network.ron`). `Ok(None)` when it
/// does not exist.
pub fn read_file(path: &Path, limit: u64) -> Result<Option<Vec<u8>>, ReadRefusal> {
    match fs::metadata(path) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        _ => read_regular(path, limit).map(Some),
    }
}

/// Opens without blocking and without following a final link (the caller
/// resolved links already), checks the open handle is a regular file, and
/// reads at most `limit` bytes.
fn read_regular(path: &Path, limit: u64) -> Result<Vec<u8>, ReadRefusal> {
    // Looked at before opening: opening some devices has side effects.
    let meta = fs::metadata(path).map_err(|e| ReadRefusal::Io(e.to_string()))?;
    if !meta.is_file() {
        return Err(ReadRefusal::NotAFile(kind_of(meta.file_type())));
    }
    if meta.len() > limit {
        return Err(ReadRefusal::TooLarge(meta.len()));
    }
    let file = open_for_reading(path).map_err(|e| ReadRefusal::Io(e.to_string()))?;
    // The path may have been swapped for something else since.
    let meta = file
        .metadata()
        .map_err(|e| ReadRefusal::Io(e.to_string()))?;
    if !meta.is_file() {
        return Err(ReadRefusal::NotAFile(kind_of(meta.file_type())));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| ReadRefusal::Io(e.to_string()))?;
    if bytes.len() as u64 > limit {
        return Err(ReadRefusal::TooLarge(bytes.len() as u64));
    }
    Ok(bytes)
}

#[cfg(unix)]
fn open_for_reading(path: &Path) -> io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY)
        .open(path)
}

#[cfg(not(unix))]
fn open_for_reading(path: &Path) -> io::Result<File> {
    File::open(path)
}

/// Whether `path` is a symbolic link (without following it).
pub fn is_link(path: &Path) -> bool {
    fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink())
}

/// Opens (creating if needed) a side file of the program's own, such as the
/// lock file, never through a symbolic link: a link planted there must not
/// make the program write into its target.
pub fn open_own_file(path: &Path) -> io::Result<File> {
    if is_link(path) {
        return Err(io::Error::other(
            "it is a symbolic link; the program does not follow it",
        ));
    }
    let mut options = fs::OpenOptions::new();
    options.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK | libc::O_NOCTTY);
    }
    let file = options.open(path)?;
    if !file.metadata()?.is_file() {
        return Err(io::Error::other("it is not a regular file"));
    }
    Ok(file)
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    fn tempdir() -> tempfile::TempDir {
        tempfile::tempdir().expect("temp dir")
    }

    #[test]
    fn a_link_inside_the_folder_is_followed_and_one_outside_is_refused() {
        let root = tempdir();
        let dir = root.path().join("data");
        fs::create_dir(&dir).expect("mkdir");
        fs::write(dir.join("real.ron"), "inside").expect("write");
        fs::write(root.path().join("outside.ron"), "outside").expect("write");
        std::os::unix::fs::symlink("real.ron", dir.join("in.ron")).expect("link");
        std::os::unix::fs::symlink("../outside.ron", dir.join("out.ron")).expect("link");
        std::os::unix::fs::symlink("nowhere.ron", dir.join("dangling.ron")).expect("link");
        assert_eq!(
            read_in_folder(&dir, "in.ron", 100),
            Ok(Some(b"inside".to_vec()))
        );
        assert!(matches!(
            read_in_folder(&dir, "out.ron", 100),
            Err(ReadRefusal::LinkOutside(_))
        ));
        assert!(matches!(
            read_in_folder(&dir, "dangling.ron", 100),
            Err(ReadRefusal::LinkOutside(_))
        ));
        assert_eq!(read_in_folder(&dir, "absent.ron", 100), Ok(None));
    }

    #[test]
    fn a_device_is_refused_and_reads_stop_at_the_limit() {
        let dir = tempdir();
        if Path::new("/dev/zero").exists() {
            assert_eq!(
                read_file(Path::new("/dev/zero"), 10),
                Err(ReadRefusal::NotAFile(FileKind::Device))
            );
        }
        fs::write(dir.path().join("big"), vec![b'x'; 100]).expect("write");
        assert_eq!(
            read_in_folder(dir.path(), "big", 99),
            Err(ReadRefusal::TooLarge(100))
        );
        assert_eq!(
            read_in_folder(dir.path(), "big", 100).map(|b| b.map(|b| b.len())),
            Ok(Some(100))
        );
    }

    #[test]
    fn own_files_are_never_opened_through_a_link() {
        let dir = tempdir();
        let victim = dir.path().join("victim");
        fs::write(&victim, "keep me").expect("write");
        let lock = dir.path().join(".lock");
        std::os::unix::fs::symlink(&victim, &lock).expect("link");
        assert!(open_own_file(&lock).is_err());
        assert_eq!(fs::read_to_string(&victim).expect("read"), "keep me");
    }
}
