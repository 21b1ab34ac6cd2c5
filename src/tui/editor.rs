//! Which program `E` opens a schedule file with, and how: `$VISUAL`, else
//! `$EDITOR`, else the platform's plain editor. The setting is split into
//! words the way a shell would (quotes, backslashes: `shell-words`), so
//! `"/opt/My Editor/ed" -n` works, but no shell ever runs it: nothing in
//! the setting or the file name is interpreted.

/// The editor when neither `$VISUAL` nor `$EDITOR` names one.
pub const FALLBACK: &str = if cfg!(windows) { "notepad" } else { "vi" };

/// The program and its arguments for opening `path` at `line`, from the
/// values of `$VISUAL` and `$EDITOR`. `Err` says what cannot be read.
pub fn command(
    visual: Option<&str>,
    editor: Option<&str>,
    path: &std::path::Path,
    line: usize,
) -> Result<(String, Vec<std::ffi::OsString>), String> {
    let setting = [visual, editor]
        .into_iter()
        .flatten()
        .find(|s| !s.trim().is_empty())
        .unwrap_or(FALLBACK);
    let mut words = split(setting)?.into_iter();
    let program = words.next().ok_or_else(|| setting.to_owned())?;
    let mut args: Vec<std::ffi::OsString> = words.map(Into::into).collect();
    if takes_line_argument(&program) {
        args.push(format!("+{line}").into());
    }
    args.push(path.as_os_str().to_owned());
    Ok((program, args))
}

/// Splits like a POSIX shell. On Windows a backslash is a path separator,
/// not an escape, so it is kept as written.
fn split(setting: &str) -> Result<Vec<String>, String> {
    // A setting that is one existing program path, spaces and all.
    if std::path::Path::new(setting.trim()).is_file() {
        return Ok(vec![setting.trim().to_owned()]);
    }
    let text = if cfg!(windows) {
        setting.replace('\\', "\\\\")
    } else {
        setting.to_owned()
    };
    shell_words::split(&text).map_err(|e| format!("{setting}: {e}"))
}

/// Whether the editor understands `+LINE` before the file (vi, vim, nvim,
/// emacs, nano, micro, kak, joe, ne and most terminal editors do; Notepad
/// would open a file called `+12`).
fn takes_line_argument(program: &str) -> bool {
    let name = std::path::Path::new(program)
        .file_stem()
        .map(|s| s.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    !matches!(name.as_str(), "notepad" | "notepad++" | "wordpad" | "write")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn words(visual: Option<&str>, editor: Option<&str>) -> Vec<String> {
        let (p, args) = command(visual, editor, Path::new("事件 文件.ron"), 12).expect("splits");
        std::iter::once(p)
            .chain(args.into_iter().map(|a| a.to_string_lossy().into_owned()))
            .collect()
    }

    #[test]
    fn quoted_paths_and_arguments_split_as_a_shell_would() {
        assert_eq!(
            words(None, Some("\"/opt/My Editor/ed\" -n")),
            ["/opt/My Editor/ed", "-n", "+12", "事件 文件.ron"]
        );
        assert_eq!(
            words(Some("'code' --wait"), Some("vi")),
            ["code", "--wait", "+12", "事件 文件.ron"]
        );
        // Nothing is run by a shell: `;` and `$()` are plain characters.
        assert_eq!(
            words(None, Some("vi ';rm -rf ~' '$(id)'")),
            ["vi", ";rm -rf ~", "$(id)", "+12", "事件 文件.ron"]
        );
    }

    #[test]
    fn blank_settings_fall_back_and_notepad_gets_no_line_argument() {
        assert_eq!(words(Some("  "), None)[0], FALLBACK);
        assert_eq!(words(None, Some("notepad")), ["notepad", "事件 文件.ron"]);
        assert!(command(None, Some("vi 'unclosed"), Path::new("x"), 1).is_err());
    }
}
