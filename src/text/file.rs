//! Opening the files a user names: only regular files, and only up to a size, so that a FIFO,
//! a device such as `/dev/zero` or a directory is refused at once instead of blocking or
//! filling memory.

use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

/// The most leser reads of one text, translation, glossary or configuration file.
pub const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;
/// [`MAX_FILE_BYTES`] as messages write it.
pub const MAX_FILE_SIZE_NAME: &str = "256 MB";

/// Opens `path` for reading if it is a regular file (a symlink to one is). The check is made
/// on the open file, and the open itself does not wait for a FIFO's writer.
pub fn open_regular(path: &Path) -> io::Result<File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // Opening a FIFO without a writer would block; non-blocking, it returns at once (and
        // the file type below refuses it). Reads of a regular file ignore the flag.
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path)?;
    let file_type = file.metadata()?.file_type();
    if file_type.is_file() {
        return Ok(file);
    }
    Err(io::Error::new(
        io::ErrorKind::InvalidInput,
        format!("not a regular file ({})", describe(file_type)),
    ))
}

/// The whole of a regular file of at most [`MAX_FILE_BYTES`].
pub fn read_regular(path: &Path) -> io::Result<Vec<u8>> {
    read_regular_limited(path, MAX_FILE_BYTES, MAX_FILE_SIZE_NAME)
}

fn read_regular_limited(path: &Path, limit: u64, limit_name: &str) -> io::Result<Vec<u8>> {
    let file = open_regular(path)?;
    let too_large = || {
        io::Error::new(
            io::ErrorKind::FileTooLarge,
            format!("larger than {limit_name}, the most leser reads of a file"),
        )
    };
    let len = file.metadata()?.len();
    if len > limit {
        return Err(too_large());
    }
    // The length can change while reading: never more than the limit either way.
    let mut bytes = Vec::with_capacity(usize::try_from(len).unwrap_or(0));
    file.take(limit + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(too_large());
    }
    Ok(bytes)
}

fn describe(file_type: std::fs::FileType) -> &'static str {
    if file_type.is_dir() {
        return "a directory";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return "a named pipe";
        }
        if file_type.is_char_device() || file_type.is_block_device() {
            return "a device";
        }
        if file_type.is_socket() {
            return "a socket";
        }
    }
    "not a file"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_regular_file_reads_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        std::fs::write(&path, "Hallo").unwrap();
        assert_eq!(read_regular(&path).unwrap(), b"Hallo");
    }

    #[test]
    fn devices_and_directories_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let err = read_regular(dir.path()).unwrap_err();
        assert_eq!(err.to_string(), "not a regular file (a directory)");
        let err = read_regular(Path::new("/dev/zero")).unwrap_err();
        assert_eq!(err.to_string(), "not a regular file (a device)");
    }

    #[test]
    fn a_file_over_the_limit_is_refused_naming_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.txt");
        std::fs::write(&path, "0123456789").unwrap();
        let err = read_regular_limited(&path, 9, "9 bytes").unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::FileTooLarge);
        assert!(err.to_string().contains("larger than 9 bytes"), "{err}");
        assert_eq!(
            read_regular_limited(&path, 10, "10 bytes").unwrap().len(),
            10
        );
    }
}
