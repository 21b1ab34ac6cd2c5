//! Reading a schedule folder. Never panics and never gives up early: every
//! file that reads is used, and every problem in every file is reported.

use std::path::Path;

use ron::extensions::Extensions;
use serde::de::DeserializeOwned;
use unicode_normalization::UnicodeNormalization;

use super::diagnostics::{self, Cause, Diagnostic};
use super::scratch::LineIndex;
use super::spans;
use crate::model::holidays::{self, HolidayFile};
use crate::model::records::Records;
use crate::model::validate::{self, Finding, Part, Severity};
use crate::model::{Events, Lectures, Schedule, Screenings, ServiceDays, Station};

/// Files larger than this are refused without being read.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// A schedule file as it was read, kept for positions and later saves.
#[derive(Debug, Clone, PartialEq)]
pub struct SourceFile {
    pub part: Part,
    pub text: String,
}

/// The result of reading a folder: the schedule from every file that read,
/// and every problem found.
#[derive(Debug, Clone, Default)]
pub struct Loaded {
    pub schedule: Schedule,
    pub files: Vec<SourceFile>,
    pub diagnostics: Vec<Diagnostic>,
    /// The bytes of each file exactly as read from the folder, before any
    /// decoding: what a later save compares the disk against.
    pub raw: Vec<(Part, Vec<u8>)>,
}

impl Loaded {
    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error)
    }
}

/// The RON options every schedule file is read with: optional fields are
/// written without `Some(...)`.
pub fn ron_options() -> ron::Options {
    ron::Options::default().with_default_extension(Extensions::IMPLICIT_SOME)
}

/// Whether `dir` holds a schedule (its `station.ron`, in any form: even
/// one that cannot be read marks the folder as taken).
pub fn is_schedule_dir(dir: &Path) -> bool {
    std::fs::symlink_metadata(dir.join(Part::Station.file_name())).is_ok()
}

/// Reads every schedule file of `dir`.
pub fn load_dir(dir: &Path) -> Loaded {
    if let Err(e) = std::fs::read_dir(dir) {
        let mut loaded = Loaded::default();
        loaded.diagnostics.push(whole_file(
            &dir.display().to_string(),
            Cause::NoFolder(e.to_string()),
        ));
        return loaded;
    }
    let mut texts = Vec::new();
    let mut raw = Vec::new();
    let mut diagnostics = Vec::new();
    for part in Part::ALL.into_iter().chain([Part::Holidays]) {
        match read_part(dir, part)
            .and_then(|b| b.map(|b| decode(b.clone()).map(|t| (b, t))).transpose())
        {
            Ok(Some((bytes, text))) => {
                texts.push((part, text));
                raw.push((part, bytes));
            }
            Ok(None) => {}
            Err(cause) => diagnostics.push(whole_file(part.file_name(), cause)),
        }
    }
    let mut loaded = load_texts(texts);
    loaded.raw = raw;
    let station_unreadable = diagnostics
        .iter()
        .any(|d: &Diagnostic| d.file == Part::Station.file_name());
    if station_unreadable {
        loaded
            .diagnostics
            .retain(|d| d.cause != Cause::MissingStation);
    }
    diagnostics.append(&mut loaded.diagnostics);
    loaded.diagnostics = diagnostics;
    loaded
}

/// Reads schedule file `part` of `dir`: `Ok(None)` when it does not exist.
/// Only a regular file inside the folder is read, and never more than
/// [`MAX_FILE_BYTES`] (see [`super::fsio`]).
pub fn read_part(dir: &Path, part: Part) -> Result<Option<Vec<u8>>, Cause> {
    super::fsio::read_in_folder(dir, part.file_name(), MAX_FILE_BYTES).map_err(cause_of)
}

/// The diagnostic cause for a refused read.
pub fn cause_of(refusal: super::fsio::ReadRefusal) -> Cause {
    use super::fsio::ReadRefusal;
    match refusal {
        ReadRefusal::NotAFile(kind) => Cause::NotAFile(kind),
        ReadRefusal::LinkOutside(to) => Cause::LinkOutside(to.display().to_string()),
        ReadRefusal::TooLarge(n) => Cause::TooLarge(n),
        ReadRefusal::Io(why) => Cause::Unreadable(why),
    }
}

/// Bytes to text: a UTF-8 byte-order mark is dropped, anything not UTF-8 is refused.
pub fn decode(bytes: Vec<u8>) -> Result<String, Cause> {
    let mut text = String::from_utf8(bytes).map_err(|_| Cause::NotUtf8)?;
    if text.starts_with('\u{feff}') {
        text.drain(..'\u{feff}'.len_utf8());
    }
    Ok(text)
}

/// Builds a schedule from file texts (as read from a folder or embedded).
pub fn load_texts(texts: Vec<(Part, String)>) -> Loaded {
    let mut loaded = Loaded::default();
    let mut have_station = false;
    let mut holiday_file: Option<HolidayFile> = None;
    for (part, text) in texts {
        // Input methods and editors may produce decomposed forms; compare in NFC.
        let text: String = if is_nfc(&text) {
            text
        } else {
            text.nfc().collect()
        };
        let ok = match part {
            Part::Station => parse_into(part, &text, &mut loaded.diagnostics)
                .map(|s: Station| loaded.schedule.station = s),
            Part::Screenings => parse_big(
                part,
                &text,
                "programme",
                |s: &mut Screenings, v| s.programme = v,
                &mut loaded.diagnostics,
            )
            .map(|s: Screenings| loaded.schedule.screenings = Some(s)),
            Part::ServiceDays => parse_into(part, &text, &mut loaded.diagnostics)
                .map(|s: ServiceDays| loaded.schedule.service_days = Some(s)),
            Part::Lectures => parse_big(
                part,
                &text,
                "sessions",
                |l: &mut Lectures, v| l.sessions = v,
                &mut loaded.diagnostics,
            )
            .map(|s: Lectures| loaded.schedule.lectures = Some(s)),
            Part::Events => parse_big(
                part,
                &text,
                "events",
                |e: &mut Events, v| e.events = v,
                &mut loaded.diagnostics,
            )
            .map(|s: Events| loaded.schedule.events = Some(s)),
            Part::Records => parse_big(
                part,
                &text,
                "records",
                |r: &mut Records, v| r.records = v,
                &mut loaded.diagnostics,
            )
            .map(|s: Records| loaded.schedule.records = Some(s)),
            Part::Holidays => parse_into(part, &text, &mut loaded.diagnostics)
                .map(|h: HolidayFile| holiday_file = Some(h)),
        };
        have_station |= part == Part::Station && ok.is_some();
        // Only in a file that reads: in a broken one the quotes may not pair.
        if ok.is_some() {
            loaded
                .diagnostics
                .extend(super::hidden::scan(part.file_name(), &text));
        }
        loaded.files.push(SourceFile { part, text });
    }
    // A folder holidays.ron that does not read leaves the bundled one in force.
    loaded.schedule.holidays = super::holidays::with_folder(holiday_file.as_ref());
    let station_present = loaded.files.iter().any(|f| f.part == Part::Station);
    if !station_present {
        loaded
            .diagnostics
            .push(whole_file(Part::Station.file_name(), Cause::MissingStation));
    }
    if have_station || !station_present {
        check(&mut loaded);
    }
    if let Some(h) = &holiday_file {
        place(&mut loaded, holidays::check_file(h));
    }
    loaded
}

/// Whether `text` is in NFC. Fast for what schedule files hold: ASCII,
/// CJK ideographs, CJK and full-width punctuation and general punctuation
/// (“ ” —) never change under NFC; anything else is checked in full.
pub fn is_nfc(text: &str) -> bool {
    let stable = |c: char| {
        matches!(c as u32,
            0..=0x2FF | 0x2010..=0x206F | 0x3000..=0x303F | 0x4E00..=0x9FFF | 0xFF01..=0xFFEF)
    };
    // Runs of ASCII are skipped a word at a time.
    let mut rest = text;
    while !rest.is_empty() {
        let ascii = rest
            .bytes()
            .position(|b| !b.is_ascii())
            .unwrap_or(rest.len());
        rest = &rest[ascii..];
        let Some(c) = rest.chars().next() else { break };
        if !stable(c) {
            return unicode_normalization::is_nfc(text);
        }
        rest = &rest[c.len_utf8()..];
    }
    true
}

/// A file with a long list: read on several cores when large (see
/// [`super::fastparse`]), else, or when that does not work, whole.
fn parse_big<T, I>(
    part: Part,
    text: &str,
    field: &str,
    set: impl FnOnce(&mut T, Vec<I>),
    out: &mut Vec<Diagnostic>,
) -> Option<T>
where
    T: DeserializeOwned + Send,
    I: DeserializeOwned + Send,
{
    let threads = super::network::default_threads();
    super::fastparse::parse(text, field, threads, set).or_else(|| parse_into(part, text, out))
}

fn parse_into<T: DeserializeOwned>(part: Part, text: &str, out: &mut Vec<Diagnostic>) -> Option<T> {
    if text.trim().is_empty() {
        out.push(whole_file(part.file_name(), Cause::Empty));
        return None;
    }
    match ron_options().from_str::<T>(text) {
        Ok(v) => Some(v),
        Err(e) => {
            out.push(diagnostics::from_ron(part.file_name(), text, &e));
            // RON stops at the first error: look for the others too.
            out.extend(super::more_problems::further::<T>(
                part.file_name(),
                text,
                &e,
            ));
            None
        }
    }
}

/// Runs the semantic checks and places each finding in its file.
fn check(loaded: &mut Loaded) {
    let findings = validate::validate(&loaded.schedule);
    place(loaded, findings);
}

/// Puts each finding at its line and column in its file. Each file's
/// structure and line starts are worked out once, not once per finding:
/// a file with a finding on every line costs its length, not its square.
pub(super) fn place(loaded: &mut Loaded, findings: Vec<Finding>) {
    let mut files: Vec<(Part, Option<spans::Node>, LineIndex)> = Vec::new();
    let mut out = Vec::with_capacity(findings.len());
    for f in findings {
        // A finding in a file that was not read (missing or unreadable) is
        // a consequence of that one problem, already reported: one slip,
        // one message.
        let Some(file) = loaded.files.iter().find(|s| s.part == f.part) else {
            continue;
        };
        let k = files
            .iter()
            .position(|(p, ..)| *p == f.part)
            .unwrap_or_else(|| {
                files.push((f.part, spans::parse(&file.text), LineIndex::new(&file.text)));
                files.len() - 1
            });
        let (_, root, lines) = &files[k];
        let (line, col, span) = root.as_ref().map_or((1, 1, 1), |root| {
            let node = root.find(&f.at);
            let (line, col) = lines.line_col(&file.text, node.start);
            let text = file.text.get(node.start..node.end).unwrap_or("");
            let span = text.lines().next().map_or(1, |l| l.chars().count().max(1));
            (line, col, span)
        });
        out.push(Diagnostic {
            file: f.part.file_name().to_owned(),
            line,
            col,
            span,
            source_line: lines.line(&file.text, line).to_owned(),
            severity: f.severity,
            cause: Cause::Check(f.issue),
        });
    }
    loaded.diagnostics.extend(out);
}

fn whole_file(file: &str, cause: Cause) -> Diagnostic {
    Diagnostic::whole_file(file, cause)
}
