//! Document ids of corpus files, and back.
//!
//! The id of a file is its path relative to the corpus folder, components joined by `/`.
//! A file name is bytes (on Unix) and need not be UTF-8, while an id is text, so each
//! component is written with its valid UTF-8 as is and every byte that is not valid
//! UTF-8 as `%XX` (upper-case hex); `%` itself is written `%25`. The mapping is
//! therefore one-to-one and the same on every run: `b\xFF.txt` is `b%FF.txt`, `b\xFE.txt`
//! is `b%FE.txt`, a file really named `b%FF.txt` is `b%25FF.txt` (issue 10, item 7:
//! replacing bad bytes by U+FFFD gave two files one id).
//!
//! The indexer makes ids with [`id_for_path`]; the server finds the original of an id
//! with [`path_for_id`].

use std::ffi::{OsStr, OsString};
use std::fmt::Write;
use std::path::{Component, Path, PathBuf};

/// Returns the id of a file at `relative` (a path relative to the corpus folder).
/// Components other than names (`..`, a root) are left out.
pub fn id_for_path(relative: &Path) -> String {
    let mut id = String::new();
    for component in relative.components() {
        let Component::Normal(name) = component else { continue };
        if !id.is_empty() {
            id.push('/');
        }
        escape_name(name, &mut id);
    }
    id
}

fn escape_name(name: &OsStr, out: &mut String) {
    for chunk in name.as_encoded_bytes().utf8_chunks() {
        for c in chunk.valid().chars() {
            if c == '%' {
                out.push_str("%25");
            } else {
                out.push(c);
            }
        }
        for byte in chunk.invalid() {
            let _ = write!(out, "%{byte:02X}");
        }
    }
}

/// Returns the relative path of the file whose id is `id`: the inverse of
/// [`id_for_path`]. `None` when the id cannot be one (a malformed escape, an empty, `.`
/// or `..` component, or bytes this platform cannot name).
pub fn path_for_id(id: &str) -> Option<PathBuf> {
    let mut path = PathBuf::new();
    for component in id.split('/') {
        let bytes = unescape(component)?;
        if bytes.is_empty() || bytes == b"." || bytes == b".." {
            return None;
        }
        let name = os_string(bytes)?;
        if Path::new(&name).components().count() != 1 {
            return None; // a separator of this platform inside one component
        }
        path.push(name);
    }
    Some(path)
}

fn unescape(component: &str) -> Option<Vec<u8>> {
    let bytes = component.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        if bytes[index] == b'%' {
            let hex = component.get(index + 1..index + 3)?;
            if !hex.bytes().all(|b| b.is_ascii_digit() || (b'A'..=b'F').contains(&b)) {
                return None;
            }
            out.push(u8::from_str_radix(hex, 16).ok()?);
            index += 3;
        } else {
            out.push(bytes[index]);
            index += 1;
        }
    }
    Some(out)
}

#[cfg(unix)]
fn os_string(bytes: Vec<u8>) -> Option<OsString> {
    use std::os::unix::ffi::OsStringExt;
    Some(OsString::from_vec(bytes))
}

#[cfg(not(unix))]
fn os_string(bytes: Vec<u8>) -> Option<OsString> {
    String::from_utf8(bytes).ok().map(OsString::from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_utf8_paths_keep_their_text() {
        let id = id_for_path(Path::new("акты/2024/решение № 5.txt"));
        assert_eq!(id, "акты/2024/решение № 5.txt");
        assert_eq!(path_for_id(&id).unwrap(), Path::new("акты/2024/решение № 5.txt"));
    }

    #[test]
    fn test_percent_is_escaped_so_ids_never_collide() {
        assert_eq!(id_for_path(Path::new("100%.txt")), "100%25.txt");
        assert_eq!(path_for_id("100%25.txt").unwrap(), Path::new("100%.txt"));
    }

    #[cfg(unix)]
    #[test]
    fn test_bytes_that_are_not_utf8_are_escaped() {
        use std::os::unix::ffi::OsStrExt;
        let ff = Path::new(OsStr::from_bytes(b"dir/b\xff.txt"));
        let fe = Path::new(OsStr::from_bytes(b"dir/b\xfe.txt"));
        let literal = Path::new("dir/b%FF.txt");
        let ids = [id_for_path(ff), id_for_path(fe), id_for_path(literal)];
        assert_eq!(ids, ["dir/b%FF.txt", "dir/b%FE.txt", "dir/b%25FF.txt"]);
        assert_eq!(path_for_id(&ids[0]).unwrap(), ff);
        assert_eq!(path_for_id(&ids[1]).unwrap(), fe);
        assert_eq!(path_for_id(&ids[2]).unwrap(), literal);
    }

    #[test]
    fn test_ids_that_no_file_has_are_refused() {
        for id in ["", "a//b", "../etc/passwd", "a/./b", "bad%zz", "cut%F", "lower%ff"] {
            assert_eq!(path_for_id(id), None, "{id:?}");
        }
    }
}
