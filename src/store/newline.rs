//! Line endings of the files the program creates.
//!
//! A file that exists keeps its own endings and byte-order mark whatever is
//! saved into it ([`super::save::render`]). A file the program creates —
//! the sample, the sample network, the settings file, a programme's first
//! file — gets the platform's: CRLF on Windows, where Notepad before
//! Windows 10 1809 (still found on LTSB 2016 machines) shows an LF file as
//! one long line; LF elsewhere. No mark: every Notepad reads UTF-8 without
//! one, and a mark Notepad adds when saving is kept.

use std::borrow::Cow;

/// The platform's line ending for new files.
pub const NATIVE: &str = if cfg!(windows) { "\r\n" } else { "\n" };

/// `text` with the platform's line endings.
pub fn native(text: &str) -> Cow<'_, str> {
    with_endings(text, NATIVE)
}

/// `text` with every line ending (LF or CRLF) written as `nl`.
pub fn with_endings<'t>(text: &'t str, nl: &str) -> Cow<'t, str> {
    let lf_only = !text.contains('\r');
    match nl {
        "\n" if lf_only => Cow::Borrowed(text),
        _ => Cow::Owned(text.replace("\r\n", "\n").replace('\n', nl)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endings_are_rewritten_and_never_doubled() {
        assert_eq!(with_endings("一\n二\r\n三", "\r\n"), "一\r\n二\r\n三");
        assert_eq!(with_endings("一\n二\r\n三\n", "\n"), "一\n二\n三\n");
        assert!(matches!(with_endings("一\n二\n", "\n"), Cow::Borrowed(_)));
        // A lone CR (not a line ending) stays.
        assert_eq!(with_endings("a\rb\n", "\r\n"), "a\rb\r\n");
        assert_eq!(native("x\n"), format!("x{NATIVE}"));
    }
}
