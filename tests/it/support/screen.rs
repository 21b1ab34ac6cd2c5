//! Reading the app's screen, as text rows from a terminal (the PTY's
//! emulator): the detail pane under the calendar, the fields of an open
//! form, the details window and what it says is below. By the Chinese
//! labels the app draws; a test that changes language reads otherwise.

/// The first line of the detail pane (the selected activity), if shown.
pub fn detail_head(rows: &[String]) -> Option<&str> {
    let pane = rows.iter().position(|r| r.starts_with(" 详情 "))?;
    rows.get(pane + 1).map(String::as_str)
}

/// The rows above the detail pane: the calendar itself.
pub fn calendar(rows: &[String]) -> &[String] {
    let pane = rows
        .iter()
        .position(|r| r.starts_with(" 详情 "))
        .unwrap_or(rows.len());
    &rows[..pane]
}

/// What a form shows in the field labelled `label` (`日期*`), up to the
/// form's right border.
pub fn field<'r>(rows: &'r [String], label: &str) -> Option<&'r str> {
    let key = format!("│{label}");
    rows.iter().find_map(|r| {
        let rest = &r[r.find(&key)? + key.len()..];
        Some(rest.split('│').next().unwrap_or(rest).trim())
    })
}

/// The text inside the details window, row by row, and how many lines
/// it says are below.
pub fn details_window(rows: &[String]) -> Option<(Vec<String>, Option<usize>)> {
    let top = rows.iter().position(|r| r.contains("┌ 详情 ("))?;
    let bottom = top + rows[top..].iter().position(|r| r.contains('└'))?;
    let inner = rows[top + 1..bottom]
        .iter()
        .map(|r| {
            let from = r.find('│').map_or(0, |i| i + '│'.len_utf8());
            let to = r.rfind('│').filter(|&i| i >= from).unwrap_or(r.len());
            r[from..to].to_owned()
        })
        .collect();
    // The window's note, in its bottom border (not the detail pane's).
    let note = rows[bottom].split_once('└').map_or("", |(_, n)| n);
    let below = note.find("下面还有 ").and_then(|i| {
        let rest = &note[i + "下面还有 ".len()..];
        rest.split(' ').next()?.parse().ok()
    });
    Some((inner, below))
}
