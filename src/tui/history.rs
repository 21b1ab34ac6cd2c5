//! What the history window ([`super::dialogs::history`]) shows and does,
//! apart from drawing: which file and which entries an activity is, the
//! versions that changed it (or the whole folder), and putting an entry or
//! a whole file back as a normal, undoable edit.

use chrono::{Datelike, NaiveDate};

use super::app::App;
use crate::i18n::Lang;
use serde_json::Value;

use crate::model::SpeakerGroup;
use crate::model::changes::{Change, Route};
use crate::model::holidays::shown_reason;
use crate::model::labels;
use crate::model::validate::Part;
use crate::model::values::{weekday_en, weekday_zh};
use crate::model::{Detail, Occurrence, OccurrenceKey};
use crate::store::git::history::{FileChanges, ReadCache, Version};
use crate::store::git::{GitError, Repo};
use crate::store::parts::restore_change;
use crate::tr;

/// How many versions of an activity's file are looked through: each is
/// read entry by entry, so the window opens at once even on years of
/// saves; older ones stay in git.
pub const ACTIVITY_SCAN: usize = 300;
/// How many versions of the whole folder are listed (each is read entry by
/// entry only when selected).
pub const FOLDER_LIMIT: usize = 500;

/// The activity a history is about: its file, and the names its entries
/// go by in that file.
#[derive(Debug, Clone, PartialEq)]
pub struct Target {
    pub part: Part,
    pub site: u16,
    /// `12月30日 建党伟业`, for the title.
    pub title: String,
    /// An event's or lecture's id, a screening's date, a service day's month.
    keys: Vec<String>,
    /// A screening's film: a change of its catalogue entry concerns it too.
    film: Option<String>,
}

impl Target {
    /// The target of an activity on the calendar.
    pub fn of(app: &App, o: &Occurrence) -> Option<Target> {
        let schedule = app.schedule_of(o.site);
        let (part, keys, film) = match &o.key {
            OccurrenceKey::Screening { date } => {
                let film = match &o.detail {
                    Detail::Screening { film_id, .. } => film_id.clone(),
                    _ => None,
                };
                (Part::Screenings, vec![ymd(*date)], film)
            }
            OccurrenceKey::ServiceDay { month } => (
                Part::ServiceDays,
                vec![month.format("%Y-%m").to_string()],
                None,
            ),
            OccurrenceKey::Session { index } => {
                let id = match &o.detail {
                    Detail::Lecture { lecture_id, .. } => lecture_id.clone(),
                    _ => schedule
                        .lectures
                        .as_ref()?
                        .sessions
                        .get(*index)?
                        .lecture
                        .clone(),
                };
                (Part::Lectures, vec![id], None)
            }
            OccurrenceKey::Event { index, .. } => {
                let id = schedule.events.as_ref()?.events.get(*index)?.id.clone();
                (Part::Events, vec![id], None)
            }
        };
        let title = format!(
            "{} {}",
            labels::short_date(o.date, app.lang),
            labels::title(o, app.lang)
        );
        Some(Target {
            part,
            site: o.site,
            title,
            keys,
            film,
        })
    }

    /// Whether a change of the target's file concerns the activity: it
    /// names one of its keys; for a screening, its film's catalogue entry;
    /// for the weekly screening and the monthly service day, a change of
    /// the series itself (its slot, its rule), which moves every date.
    pub fn concerns(&self, c: &Change) -> bool {
        if self.keys.iter().any(|k| c.concerns(k)) {
            return true;
        }
        if let Some(film) = &self.film
            && c.path.starts_with("films[")
            && c.concerns(film)
        {
            return true;
        }
        matches!(self.part, Part::Screenings | Part::ServiceDays)
            && !c.route.iter().any(|r| matches!(r, Route::Entry(_)))
    }

    /// The file's path in the repository: the active site's through the
    /// repository; another site's only when the repository is the
    /// network's (its folder beside the active one).
    pub fn path(&self, app: &App, repo: &Repo) -> Option<String> {
        let name = self.part.file_name();
        let Some(n) = &app.network else {
            return Some(repo.path_of(name));
        };
        if usize::from(self.site) == n.active {
            return Some(repo.path_of(name));
        }
        if repo.folder().is_empty() {
            return None;
        }
        let folder = &n.sites.get(usize::from(self.site))?.folder;
        Some(format!("{folder}/{name}"))
    }
}

fn ymd(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// One version in the list, with what it changed (of the target's file,
/// only the changes that concern it). `None`: not read yet (the whole
/// folder's versions are read when selected); `Err`: did not read.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub version: Version,
    pub files: Option<Result<Vec<FileChanges>, String>>,
}

/// The versions of `path` that changed the target, newest first, and
/// whether more versions were there than were looked through.
pub fn activity_rows(
    repo: &Repo,
    target: &Target,
    path: &str,
) -> Result<(Vec<Row>, bool), GitError> {
    let versions = repo.versions(path, ACTIVITY_SCAN)?;
    let capped = versions.len() >= ACTIVITY_SCAN;
    let mut cache = ReadCache::default();
    let mut rows = Vec::new();
    for version in versions {
        // Only the activity's file is read, each of its versions once.
        let files: Vec<FileChanges> = repo
            .changes_of(version.id, path, &mut cache)?
            .into_iter()
            .map(|mut f| {
                f.changes.retain(|c| target.concerns(c));
                f
            })
            // A version where the file did not read is kept: whether it
            // changed the activity cannot be told, so it is shown.
            .filter(|f| f.unreadable || !f.changes.is_empty())
            .collect();
        if !files.is_empty() {
            rows.push(Row {
                version,
                files: Some(Ok(files)),
            });
        }
    }
    Ok((rows, capped))
}

/// Every version of the schedule folder, newest first (not read yet).
pub fn folder_rows(repo: &Repo) -> Result<(Vec<Row>, bool), GitError> {
    let versions = repo.versions(repo.folder(), FOLDER_LIMIT)?;
    let capped = versions.len() >= FOLDER_LIMIT;
    let rows = versions
        .into_iter()
        .map(|version| Row {
            version,
            files: None,
        })
        .collect();
    Ok((rows, capped))
}

/// Reads what a row's version changed in the folder, once.
pub fn read_row(repo: &Repo, row: &mut Row, lang: Lang) {
    if row.files.is_none() {
        row.files = Some(
            repo.changes_in(row.version.id, repo.folder(), &mut ReadCache::default())
                .map_err(|e| e.message(lang)),
        );
    }
}

/// When a version was made, as its author's clock said: `12-01 14:32`,
/// with the year when it is not this year's.
pub fn when(v: &Version, today: NaiveDate) -> String {
    if v.when.year() == today.year() {
        v.when.format("%m-%d %H:%M").to_string()
    } else {
        v.when.format("%Y-%m-%d %H:%M").to_string()
    }
}

/// A value as the window shows it: the words the files always write in
/// Chinese (weekdays, speaker groups, a holiday's skip reason) in the
/// interface's language, as the rest of the app shows them.
pub fn shown_value(v: &Value, lang: Lang) -> Value {
    match v {
        Value::String(s) => Value::String(shown_word(s, lang)),
        Value::Array(a) => Value::Array(a.iter().map(|x| shown_value(x, lang)).collect()),
        Value::Object(o) => Value::Object(
            o.iter()
                .map(|(k, x)| (k.clone(), shown_value(x, lang)))
                .collect(),
        ),
        other => other.clone(),
    }
}

fn shown_word(s: &str, lang: Lang) -> String {
    use chrono::Weekday as W;
    let weekday = [W::Mon, W::Tue, W::Wed, W::Thu, W::Fri, W::Sat, W::Sun]
        .into_iter()
        .find(|w| weekday_zh(*w) == s)
        .map(weekday_en);
    let group = SpeakerGroup::ALL
        .into_iter()
        .find(|g| g.zh() == s)
        .map(SpeakerGroup::en);
    match weekday.or(group) {
        Some(en) => tr!(lang, "{s}", "{en}"),
        None => shown_reason(s, lang),
    }
}

/// The file's name without the site's folder, for labels.
fn file_name(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

impl App {
    /// Whether the history's restore may change the schedule now: not in
    /// a read-only folder, not another site's activity (the same words as
    /// every other edit).
    fn may_restore(&mut self, other_site: bool) -> bool {
        if self.read_only_refusal() {
            return false;
        }
        !(other_site && self.refuse_other_site())
    }

    /// Puts `change`'s entry back as it was before `version` changed it,
    /// as one undoable edit. `true` when the schedule changed.
    pub(crate) fn restore_from_history(
        &mut self,
        file: &FileChanges,
        change: &Change,
        version: &Version,
        other_site: bool,
    ) -> bool {
        if !self.may_restore(other_site) {
            return false;
        }
        let lang = self.lang;
        let (name, entry) = (file_name(&file.path), change.path.as_str());
        let Some(next) = restore_change(file.part, &self.schedule, change) else {
            self.status = Some(tr!(
                lang,
                "{name} 的 {entry} 无法恢复：它所在的位置现在已经没有了",
                "{entry} of {name} cannot be put back: where it was is gone now"
            ));
            return false;
        };
        if next == self.schedule {
            self.status = Some(tr!(
                lang,
                "{name} 的 {entry} 现在已经是那次修改之前的样子",
                "{entry} of {name} is already as it was before that change"
            ));
            return false;
        }
        let (day, author) = (
            labels::short_date(version.when.date_naive(), lang),
            &version.author,
        );
        let label = tr!(
            lang,
            "恢复 {name} 的 {entry} 到 {day} {author} 修改之前",
            "put {entry} of {name} back as it was before {author}'s change of {day}"
        );
        self.commit(next.clone(), &crate::sanitize::line(&label));
        // `commit` refuses a file that never read (and says so).
        self.schedule == next
    }

    /// Puts the whole file `path` back as it was after `version`, as one
    /// undoable edit. `true` when the schedule changed.
    pub(crate) fn restore_file_from_history(
        &mut self,
        path: &str,
        part: Part,
        version: &Version,
        other_site: bool,
    ) -> bool {
        if !self.may_restore(other_site) {
            return false;
        }
        let lang = self.lang;
        let name = file_name(path);
        let found = self
            .storage
            .as_ref()
            .and_then(|s| s.repo())
            .map(|r| r.part_at(version.id, path));
        let old = match found {
            Some(Ok(Some(old))) => old,
            Some(Ok(None)) => {
                self.status = Some(tr!(
                    lang,
                    "这个版本里没有 {name}，没有恢复",
                    "{name} is not in this version: nothing put back"
                ));
                return false;
            }
            Some(Err(GitError::Unreadable { problem, .. })) => {
                let (line, col, why) = (problem.line, problem.col, problem.message(lang));
                self.status = Some(tr!(
                    lang,
                    "这个版本的 {name} 读不懂（第 {line} 行第 {col} 列：{why}），没有恢复",
                    "{name} does not read in this version (line {line}, column {col}: {why}): nothing put back"
                ));
                return false;
            }
            Some(Err(e)) => {
                self.status = Some(e.message(lang));
                return false;
            }
            None => return false,
        };
        let mut next = self.schedule.clone();
        next.replace_part(&old, part);
        if next == self.schedule {
            self.status = Some(tr!(
                lang,
                "{name} 现在已经和这个版本一样",
                "{name} is already as in this version"
            ));
            return false;
        }
        let (day, author) = (
            labels::short_date(version.when.date_naive(), lang),
            &version.author,
        );
        let label = tr!(
            lang,
            "把 {name} 恢复为 {day} {author} 保存的版本",
            "put {name} back as {author} saved it on {day}"
        );
        self.commit(next.clone(), &crate::sanitize::line(&label));
        // `commit` refuses a file that never read (and says so).
        self.schedule == next
    }
}
