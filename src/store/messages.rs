//! What each problem says: the messages of [`Cause`], in Chinese and in
//! English, each written once with `tr!`. A message says what is wrong and
//! what to do, in staff's words, rather than the parser's English (which
//! shows only for an error no message covers).

use ron::error::Error as RonError;

use super::diagnostics::Cause;
use crate::i18n::Lang;
use crate::model::Problem;
use crate::tr;

/// The message of `cause` in `lang`.
pub(super) fn message(cause: &Cause, lang: Lang) -> String {
    match cause {
        Cause::Syntax(e) => syntax_message(e, lang),
        Cause::Value(p) => value_message(p, lang),
        Cause::Check(issue) => issue.message(lang),
        Cause::Network(issue) => issue.message(lang),
        Cause::Hidden(h) => h.message(lang),
        Cause::MissingStation => tr!(
            lang,
            "缺少 station.ron：每个日程文件夹都需要它（服务站名称和场地）。可用 stationcal init 生成示例",
            "station.ron is missing: every schedule folder needs it (station name and rooms). `stationcal init` writes an example"
        ),
        Cause::NoFolder(why) => tr!(
            lang,
            "无法打开日程文件夹：{why}",
            "cannot open the schedule folder: {why}"
        ),
        Cause::Unreadable(why) => tr!(lang, "无法读取文件：{why}", "cannot read the file: {why}"),
        Cause::NotUtf8 => tr!(
            lang,
            "文件不是 UTF-8 编码（可能是旧编辑器保存的 GBK）：请用编辑器以 UTF-8 编码另存",
            "the file is not UTF-8 (perhaps GBK from an old editor): save it again as UTF-8"
        ),
        Cause::TooLarge(n) => tr!(
            lang,
            "文件太大（{} MiB），不予读取：日程文件通常不到 1 MiB，请检查是否选错了文件",
            "the file is too large ({} MiB) and was not read: schedule files are usually under 1 MiB",
            n / (1024 * 1024)
        ),
        Cause::NotAFile(kind) => not_a_file_message(*kind, lang),
        Cause::LinkOutside(target) => tr!(
            lang,
            "这个文件是一个链接，指向日程文件夹以外的 {target}：为了安全，程序不读也不写文件夹以外的文件。请把文件本身复制进日程文件夹，替换这个链接",
            "this file is a link to {target}, outside the schedule folder: for safety the program neither reads nor writes files outside the folder. Copy the file itself into the folder in place of the link"
        ),
        Cause::Empty => tr!(
            lang,
            "文件是空的：请写入内容，或删除这个文件",
            "the file is empty: fill it in or delete it"
        ),
        Cause::UnknownAction(a) => tr!(
            lang,
            "按键设置 keys 里没有叫 \"{a}\" 的动作：动作名见帮助（按 ?）；这一项不起作用",
            "keys: there is no action \"{a}\" (see the help screen, ?); this entry is ignored"
        ),
        Cause::FullWidth(c) => full_width_message(*c, lang),
        Cause::MoreNotListed => {
            let n = super::more_problems::MAX_PER_FILE;
            tr!(
                lang,
                "这个文件还有更多问题没有列出（每个文件最多列出 {n} 个）：请先改好上面这些，再检查一次",
                "this file has more problems than are listed (at most {n} per file): fix these, then check again"
            )
        }
        Cause::Unclosed => tr!(
            lang,
            "上一项没有用 \")\" 结束：请在上一项的末尾补上 \")\"",
            "the entry before this one is not closed: add \")\" at its end"
        ),
        Cause::UnclosedQuote => tr!(
            lang,
            "这段文字的引号没有闭合：请在文字末尾补上半角双引号 \"",
            "this text's closing quote is missing: add an ASCII \" at its end"
        ),
        Cause::UnknownKey(k) => tr!(
            lang,
            "看不懂按键 \"{k}\"：请写成 \"h\"、\"Ctrl-r\"、\"PageUp\"、\"F1\" 这样；这个按键不起作用",
            "cannot read the key \"{k}\": write keys like \"h\", \"Ctrl-r\", \"PageUp\", \"F1\"; it is ignored"
        ),
    }
}

fn not_a_file_message(kind: super::fsio::FileKind, lang: Lang) -> String {
    use super::fsio::FileKind;
    let (zh, en) = match kind {
        FileKind::Folder => ("这是一个文件夹，不是文件", "this is a folder, not a file"),
        FileKind::Pipe => (
            "这是一个管道（FIFO），不是普通文件",
            "this is a pipe (FIFO), not a regular file",
        ),
        FileKind::Device => (
            "这是一个设备，不是普通文件",
            "this is a device, not a regular file",
        ),
        FileKind::Socket => (
            "这是一个套接字，不是普通文件",
            "this is a socket, not a regular file",
        ),
        FileKind::Other => ("这不是普通文件", "this is not a regular file"),
    };
    tr!(
        lang,
        "{zh}，程序不读它：请换成一个普通的文本文件",
        "{en}, so it is not read: put an ordinary text file in its place"
    )
}

fn value_message(p: &Problem, lang: Lang) -> String {
    match p {
        Problem::DateFormat(v) => {
            tr!(
                lang,
                "\"{v}\" 不是日期：日期应写成 \"2026-11-25\"",
                "\"{v}\" is not a date: write dates like \"2026-11-25\""
            )
        }
        Problem::DateImpossible(v) => {
            tr!(
                lang,
                "日期 \"{v}\" 不存在：请检查月份（1-12）和这个月的天数",
                "there is no date \"{v}\": check the month (1-12) and the days in that month"
            )
        }
        Problem::TimeFormat(v) => {
            tr!(
                lang,
                "\"{v}\" 不是时间：时间应写成 \"14:00\"（半角冒号）",
                "\"{v}\" is not a time: write times like \"14:00\""
            )
        }
        Problem::TimeImpossible(v) => {
            tr!(
                lang,
                "时间 \"{v}\" 不存在：小时应为 00-23，分钟应为 00-59",
                "there is no time \"{v}\": hours go 00-23, minutes 00-59"
            )
        }
        Problem::Weekday(v, near) => {
            let base = tr!(
                lang,
                "\"{v}\" 不是星期：应为 周一..周日 之一",
                "\"{v}\" is not a weekday: expected one of Mon..Sun"
            );
            match near {
                Some(n) => tr!(
                    lang,
                    "{base}，是不是 \"{n}\"？",
                    "{base}; did you mean \"{n}\"?"
                ),
                None => base,
            }
        }
        Problem::Month(v) => {
            tr!(
                lang,
                "\"{v}\" 不是月份：月份应写成 \"2026-11\"",
                "\"{v}\" is not a month: write months like \"2026-11\""
            )
        }
        Problem::SpeakerGroup(v) => {
            tr!(
                lang,
                "\"{v}\" 不是主讲人类别：应为 \"街道老领导\"、\"机关青年党员\"、\"石化化二代\" 之一",
                "\"{v}\" is not a speaker group: expected \"retired subdistrict leader\", \"young official\" or \"petrochemical second generation\" (or their Chinese names)"
            )
        }
    }
}

/// What to say about a full-width character typed where RON wants ASCII.
pub(super) fn full_width_message(c: char, lang: Lang) -> String {
    let ascii = super::fullwidth::ascii_twin(c).unwrap_or(' ');
    if c == '\u{3000}' {
        return tr!(
            lang,
            "这里有一个全角空格：请删掉它，或改为半角空格",
            "a full-width space (typed by a Chinese input method): delete it or use an ASCII space"
        );
    }
    tr!(
        lang,
        "这里是中文全角标点 \"{c}\"：请切换到英文输入法改为半角 \"{ascii}\"（引号内的文字不受影响）",
        "full-width \"{c}\" typed by a Chinese input method: use the ASCII \"{ascii}\" instead"
    )
}

/// The expected name nearest to `found`, if one is close enough to suggest.
pub(crate) fn nearest_name(found: &str, expected: &'static [&'static str]) -> Option<&'static str> {
    nearest(found, expected)
}

fn nearest<'a>(found: &str, expected: &'a [&'a str]) -> Option<&'a str> {
    expected
        .iter()
        .map(|e| (crate::model::values::edit_distance(found, e), *e))
        .filter(|(d, e)| *d <= 2.max(e.len() / 3))
        .min_by_key(|(d, _)| *d)
        .map(|(_, e)| e)
}

// Long on purpose: one arm per kind of RON error, each a sentence in both
// languages; splitting it would scatter the wording.
fn syntax_message(e: &RonError, lang: Lang) -> String {
    let list = |xs: &[&str]| xs.join(", ");
    match e {
        RonError::Message(m) => match Problem::decode(m) {
            Some(p) => value_message(&p, lang),
            None => m.clone(),
        },
        RonError::ExpectedComma => tr!(
            lang,
            "这里缺少逗号 \",\"（或有一个全角逗号）",
            "a comma \",\" is missing here"
        ),
        RonError::ExpectedMapColon => tr!(
            lang,
            "这里应为半角冒号 \":\"",
            "a colon \":\" is expected here"
        ),
        RonError::ExpectedString | RonError::ExpectedStringEnd => tr!(
            lang,
            "这里应为用半角双引号 \"...\" 括起来的文字",
            "a text in ASCII double quotes \"...\" is expected here"
        ),
        RonError::ExpectedNamedStructLike(_) | RonError::ExpectedStructLike => {
            let name = if let RonError::ExpectedNamedStructLike(n) = e {
                *n
            } else {
                ""
            };
            tr!(
                lang,
                "这里应为 {name}(...)：检查括号是否为半角 \"(\"",
                "expected {name}(...) here: check the bracket is an ASCII \"(\""
            )
        }
        RonError::ExpectedStructLikeEnd | RonError::ExpectedArrayEnd | RonError::ExpectedMapEnd => {
            tr!(
                lang,
                "括号没有正确闭合：检查这里是否多了或少了 \")\" \"]\"，或少了逗号",
                "a bracket is not closed properly: check for a missing or extra \")\" or \"]\", or a missing comma"
            )
        }
        RonError::Eof => tr!(
            lang,
            "文件意外结束：可能少了右括号 \")\" 或 \"]\"，或文件被截断",
            "the file ends too early: a closing \")\" or \"]\" is missing, or the file was cut off"
        ),
        RonError::ExpectedArray => tr!(
            lang,
            "这里应为列表 [...]：检查方括号是否为半角 \"[\"",
            "a list [...] is expected here: check the bracket is an ASCII \"[\""
        ),
        RonError::UnclosedBlockComment => tr!(
            lang,
            "注释 /* 没有用 */ 结束",
            "a /* comment is not closed with */"
        ),
        RonError::MissingStructField { field, outer } => {
            let outer = outer.as_deref().unwrap_or("");
            tr!(
                lang,
                "{outer} 缺少必填字段 \"{field}\"：请补上 {field}: ...",
                "{outer} is missing the required field \"{field}\": add {field}: ..."
            )
        }
        RonError::NoSuchStructField {
            expected,
            found,
            outer,
        } => {
            let outer = outer.as_deref().unwrap_or("");
            let fields = list(expected);
            match nearest(found, expected) {
                Some(n) => tr!(
                    lang,
                    "{outer} 没有字段 \"{found}\"，是不是 \"{n}\"？可用字段：{fields}",
                    "{outer} has no field \"{found}\"; did you mean \"{n}\"? Fields: {fields}"
                ),
                None => tr!(
                    lang,
                    "{outer} 没有字段 \"{found}\"：可用字段：{fields}",
                    "{outer} has no field \"{found}\". Fields: {fields}"
                ),
            }
        }
        RonError::NoSuchEnumVariant {
            expected, found, ..
        } => {
            let choices = list(expected);
            match nearest(found, expected) {
                Some(n) => tr!(
                    lang,
                    "没有 \"{found}\" 这一项，是不是 \"{n}\"？应为 {choices} 之一",
                    "\"{found}\" is not allowed; did you mean \"{n}\"? Expected one of {choices}"
                ),
                None => tr!(
                    lang,
                    "没有 \"{found}\" 这一项：应为 {choices} 之一",
                    "\"{found}\" is not allowed: expected one of {choices}"
                ),
            }
        }
        RonError::DuplicateStructField { field, .. } => tr!(
            lang,
            "字段 \"{field}\" 写了两次：请删掉一个",
            "the field \"{field}\" appears twice: remove one"
        ),
        RonError::InvalidValueForType { expected, found } => {
            let wanted = expected_zh(expected);
            tr!(
                lang,
                "这里应为{wanted}，但写的是 {found}",
                "expected {expected} here, found {found}"
            )
        }
        RonError::ExpectedInteger | RonError::IntegerOutOfBounds => tr!(
            lang,
            "这里应为一个整数（不带引号），且在合理范围内",
            "a whole number (without quotes) in a sensible range is expected here"
        ),
        RonError::ExpectedIdentifier => tr!(
            lang,
            "这里应为不带引号的名称（如字段名，或 Weekly、Monthly 这样的选项）：检查是否多了引号、有全角标点或多余的符号",
            "a name without quotes is expected here (a field name, or a choice like Weekly or Monthly): check for quotes, full-width punctuation or stray characters"
        ),
        RonError::TrailingCharacters => tr!(
            lang,
            "文件末尾还有多余内容：检查括号是否提前闭合",
            "there is more text after the end: a bracket was closed too early"
        ),
        // Windows paths: `"D:\活动"` reads `\活` as an escape.
        RonError::InvalidEscape(_) => tr!(
            lang,
            "引号里的反斜杠 \\ 有特殊含义：要写一个 \\ 请写成 \\\\，路径也可以用 / 分隔，如 \"D:/活动/照片\"",
            "a backslash \\ in quotes starts an escape: write \\\\ for one backslash, or use / in paths, e.g. \"D:/活动/照片\""
        ),
        // Any other: said in the interface's own words; the parser's own
        // (English) text only in English.
        other => tr!(
            lang,
            "这里的写法读不懂：请对照上下几行，检查括号、引号、逗号和冒号是否成对、是否用了英文半角",
            "syntax error: {other}"
        ),
    }
}

/// What the parser expected, in Chinese: the value kinds' own "like" texts
/// (see `model::values`) and serde's kinds; anything else as it is.
fn expected_zh(expected: &str) -> String {
    let like = [
        ("a date like", "日期，如 \"2026-11-25\""),
        ("a time like", "时间，如 \"14:00\""),
        ("a weekday like", "星期，如 \"周三\""),
        ("a month like", "月份，如 \"2026-11\""),
        ("a speaker group like", "主讲人类别，如 \"街道老领导\""),
    ];
    if let Some((_, zh)) = like.iter().find(|(en, _)| expected.starts_with(en)) {
        return (*zh).to_owned();
    }
    if expected.contains("string") {
        "用引号括起来的文字".into()
    } else if expected.contains("integer")
        || expected.contains("u16")
        || expected.contains("u32")
        || expected.contains("i8")
    {
        "整数".into()
    } else if expected.contains("sequence") {
        "列表 [...]".into()
    } else {
        expected.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_of_the_wrong_kind_is_named_in_each_language() {
        for (expected, zh) in [
            ("a date like \"2026-11-25\"", "日期"),
            ("a time like \"14:00\"", "时间"),
            ("a weekday like \"Wed\"", "星期"),
            ("a month like \"2026-11\"", "月份"),
            ("a speaker group like \"young official\"", "主讲人类别"),
        ] {
            let e = RonError::InvalidValueForType {
                expected: expected.to_owned(),
                found: "the unsigned integer `3`".to_owned(),
            };
            let m = syntax_message(&e, Lang::Zh);
            assert!(m.contains(zh) && !m.contains("like"), "{m}");
            let m = syntax_message(&e, Lang::En);
            assert!(m.contains(expected) && m.is_ascii(), "{m}");
        }
    }

    #[test]
    fn misspelt_field_suggests_the_nearest() {
        let e = RonError::NoSuchStructField {
            expected: &["weekday", "start", "end", "room", "from", "until"],
            found: "wekday".into(),
            outer: Some("WeeklySlot".into()),
        };
        let m = syntax_message(&e, Lang::Zh);
        assert!(m.contains("是不是 \"weekday\""), "{m}");
        assert!(syntax_message(&e, Lang::En).contains("did you mean \"weekday\""));
    }
}
