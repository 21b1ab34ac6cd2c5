//! Editing in the app: the add menu, edit forms, delete-or-skip dialogs,
//! undo and redo, saving and quitting with unsaved changes. Every change
//! goes through [`App::commit`], which records it for undo.

use chrono::{Datelike, Days, NaiveDate};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::app::{App, CatalogueTab, Overlay, View};
use super::form::FormOutcome;
use super::forms::{self, EditForm, FormKind};
use super::text::LineInput;
use crate::i18n::Lang;
use crate::model::recurrence::DateRange;
use crate::model::values::Date;
use crate::model::{Exception, OccurrenceKey, Programme, Schedule};

/// What `a` can add, in the order the menu lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AddChoice {
    ScreeningFilm,
    Film,
    ServiceMonth,
    Session,
    Lecture,
    Event,
}

impl AddChoice {
    pub const ALL: [AddChoice; 6] = [
        AddChoice::ScreeningFilm,
        AddChoice::Film,
        AddChoice::ServiceMonth,
        AddChoice::Session,
        AddChoice::Lecture,
        AddChoice::Event,
    ];

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            AddChoice::ScreeningFilm => lang.pick(
                "电影放映：为本周放映日选片",
                "Film screening: pick this week's film",
            ),
            AddChoice::Film => lang.pick("片单：新增影片", "Film list: add a film"),
            AddChoice::ServiceMonth => lang.pick(
                "乐淘淘：本月主题、服务、联建单位",
                "Service day: this month's theme",
            ),
            AddChoice::Session => lang.pick("微党课：安排一场", "Lecture: schedule a session"),
            AddChoice::Lecture => {
                lang.pick("微党课目录：新增课程", "Lecture catalogue: add a lecture")
            }
            AddChoice::Event => lang.pick("其他活动：新增", "Other activity: add"),
        }
    }
}

/// What `d` removes or skips.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeleteTarget {
    /// A date of the weekly screening (skip it, or end the series).
    ScreeningDate(NaiveDate),
    /// The 乐淘淘 day of a month (skip it, or end the series), held on `date`.
    ServiceMonth {
        month: NaiveDate,
        date: NaiveDate,
    },
    Session(usize),
    /// A one-off event, or one date of a repeating one.
    Event {
        index: usize,
        date: NaiveDate,
        repeats: bool,
    },
    Film(usize),
    Lecture(usize),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeleteDialog {
    pub target: DeleteTarget,
    /// What the dialog says will happen, one line per option.
    pub options: Vec<String>,
    /// 0 is always the safe choice: this date only.
    pub choice: usize,
    pub reason: LineInput,
    /// The whole series was chosen; `y` confirms.
    pub confirming: bool,
    pub title: String,
}

impl DeleteDialog {
    /// Whether the first option asks for a reason (skipping a date does).
    pub fn asks_reason(&self) -> bool {
        matches!(
            self.target,
            DeleteTarget::ScreeningDate(_) | DeleteTarget::ServiceMonth { .. }
        )
    }
}

/// Quit with unsaved changes: the three ways out.
pub const QUIT_OPTIONS: usize = 3;

impl App {
    fn read_only_refusal(&mut self) -> bool {
        if let Some(held) = &self.read_only {
            let who = held.message(self.lang);
            self.status = Some(match self.lang {
                Lang::Zh => format!("只读：{who}。请在那边保存后关闭，再重新打开"),
                Lang::En => format!("read-only: {who}. Close it there, then open again"),
            });
            return true;
        }
        false
    }

    /// Whether there are edits not yet written to the files.
    pub fn is_dirty(&self) -> bool {
        self.schedule != self.saved
    }

    /// Records a change for undo and makes it the current schedule.
    pub fn commit(&mut self, next: Schedule, label: &str) {
        // A file in the folder that never read can only be written over:
        // edits to it wait until it is fixed and read.
        let never_read = self
            .storage
            .as_ref()
            .map(|s| s.never_read())
            .unwrap_or_default();
        if let Some(part) = never_read
            .into_iter()
            .find(|p| next.part_differs(&self.schedule, *p))
        {
            self.status = Some(match self.lang {
                Lang::Zh => format!(
                    "{} 没有读进来（按 e 查看问题），为了不覆盖它，现在不能在这里修改它；请先改正文件",
                    part.file_name()
                ),
                Lang::En => format!(
                    "{} did not read (press e for the problems): to keep it from being written over, it cannot be edited here until it is fixed",
                    part.file_name()
                ),
            });
            return;
        }
        self.history.record(&self.schedule, label);
        self.schedule = next;
        self.status = Some(match self.lang {
            Lang::Zh => format!("已修改：{label}（未保存，Ctrl-s 保存）"),
            Lang::En => format!("changed: {label} (not saved: Ctrl-s)"),
        });
        self.refresh_all();
    }

    pub fn undo(&mut self) {
        match self.history.undo(&self.schedule) {
            Some((prev, label)) => {
                self.schedule = prev;
                self.status = Some(format!("{}{label}", self.lang.pick("已撤销：", "undone: ")));
            }
            None => {
                self.status = Some(
                    self.lang
                        .pick("没有可撤销的修改", "nothing to undo")
                        .to_owned(),
                )
            }
        }
        self.refresh_all();
    }

    pub fn redo(&mut self) {
        match self.history.redo(&self.schedule) {
            Some((next, label)) => {
                self.schedule = next;
                self.status = Some(format!("{}{label}", self.lang.pick("已重做：", "redone: ")));
            }
            None => {
                self.status = Some(
                    self.lang
                        .pick("没有可重做的修改", "nothing to redo")
                        .to_owned(),
                )
            }
        }
        self.refresh_all();
    }

    // ----- add -----

    pub fn open_add_menu(&mut self) {
        if self.read_only_refusal() {
            return;
        }
        let preselect = match (
            self.view,
            self.catalogue_tab,
            self.selected_occurrence().map(|o| o.programme),
        ) {
            (View::Catalogue, CatalogueTab::Films, _) => AddChoice::Film,
            (View::Catalogue, CatalogueTab::Lectures, _) => AddChoice::Lecture,
            (_, _, Some(Programme::Screening)) => AddChoice::ScreeningFilm,
            (_, _, Some(Programme::ServiceDay)) => AddChoice::ServiceMonth,
            (_, _, Some(Programme::Lecture)) => AddChoice::Session,
            _ => AddChoice::Event,
        };
        let selected = AddChoice::ALL
            .iter()
            .position(|c| *c == preselect)
            .unwrap_or(0);
        self.overlay = Some(Overlay::AddMenu { selected });
    }

    pub(crate) fn add_menu_key(&mut self, selected: usize, key: &KeyEvent) {
        let n = AddChoice::ALL.len();
        match key.code {
            KeyCode::Esc | KeyCode::Char('q') => self.overlay = None,
            KeyCode::Up | KeyCode::Char('k') | KeyCode::BackTab => {
                self.overlay = Some(Overlay::AddMenu {
                    selected: (selected + n - 1) % n,
                })
            }
            KeyCode::Down | KeyCode::Char('j') | KeyCode::Tab => {
                self.overlay = Some(Overlay::AddMenu {
                    selected: (selected + 1) % n,
                })
            }
            KeyCode::Char(c @ '1'..='6') => {
                self.choose_add(AddChoice::ALL[(c as usize) - ('1' as usize)])
            }
            KeyCode::Enter => self.choose_add(AddChoice::ALL[selected]),
            _ => {}
        }
    }

    fn choose_add(&mut self, choice: AddChoice) {
        let kind = match choice {
            AddChoice::ScreeningFilm => {
                let week = self.week();
                let date = self
                    .schedule
                    .screenings
                    .as_ref()
                    .and_then(|s| week.days().find(|d| s.segment_on(*d).is_some()));
                let Some(date) = date else {
                    self.overlay = None;
                    self.status = Some(
                        self.lang
                            .pick("这一周没有放映日", "no screening date this week")
                            .to_owned(),
                    );
                    return;
                };
                FormKind::Screening { date }
            }
            AddChoice::Film => FormKind::Film { index: None },
            AddChoice::ServiceMonth => FormKind::ServiceMonth {
                month: DateRange::month_of(self.cursor).first,
            },
            AddChoice::Session => FormKind::Session { index: None },
            AddChoice::Lecture => FormKind::Lecture { index: None },
            AddChoice::Event => FormKind::Event { index: None },
        };
        self.open_form(kind);
    }

    // ----- edit -----

    /// The form for the selected activity or catalogue entry.
    pub fn edit_selected(&mut self) {
        if self.read_only_refusal() || self.refuse_other_site() {
            return;
        }
        let kind = if self.view == View::Catalogue {
            match self.catalogue_tab {
                CatalogueTab::Films => FormKind::Film {
                    index: Some(self.catalogue_index),
                },
                CatalogueTab::Lectures => FormKind::Lecture {
                    index: Some(self.catalogue_index),
                },
            }
        } else {
            let Some(o) = self.selected_occurrence() else {
                self.status = Some(
                    self.lang
                        .pick("这一天没有活动：按 a 新增", "nothing here: press a to add")
                        .to_owned(),
                );
                return;
            };
            match o.key {
                OccurrenceKey::Screening { date } => FormKind::Screening { date },
                OccurrenceKey::ServiceDay { month } => FormKind::ServiceMonth { month },
                OccurrenceKey::Session { index } => FormKind::Session { index: Some(index) },
                OccurrenceKey::Event { index, .. } => FormKind::Event { index: Some(index) },
            }
        };
        self.open_form(kind);
    }

    fn open_form(&mut self, kind: FormKind) {
        match forms::build(kind, &self.schedule, self.cursor, self.lang) {
            Ok(f) => self.overlay = Some(Overlay::Form(Box::new(f))),
            Err(why) => {
                self.overlay = None;
                self.status = Some(why);
            }
        }
    }

    pub(crate) fn form_key(&mut self, mut ef: Box<EditForm>, key: &KeyEvent) {
        match ef.form.handle_key(key) {
            FormOutcome::Continue => self.overlay = Some(Overlay::Form(ef)),
            FormOutcome::Cancel => {
                self.overlay = None;
                self.status = Some(
                    self.lang
                        .pick("已取消，未作修改", "cancelled, nothing changed")
                        .to_owned(),
                );
            }
            FormOutcome::Submit => self.submit_form(ef),
        }
    }

    fn submit_form(&mut self, mut ef: Box<EditForm>) {
        let Some((next, label)) = forms::apply(&mut ef, &self.schedule, self.lang) else {
            self.overlay = Some(Overlay::Form(ef));
            return;
        };
        if next == self.schedule {
            self.overlay = None;
            self.status = Some(self.lang.pick("没有改动", "nothing changed").to_owned());
            return;
        }
        let new_conflicts = self.new_conflicts(&next, &ef);
        if !new_conflicts.is_empty() && !ef.form.warned {
            ef.form.warnings = new_conflicts;
            ef.form.warned = true;
            self.overlay = Some(Overlay::Form(ef));
            return;
        }
        self.overlay = None;
        self.commit(next, &label);
    }

    /// Conflicts the form would add, in words, for the dates it touches.
    fn new_conflicts(&self, next: &Schedule, ef: &EditForm) -> Vec<String> {
        let date = forms::parse_form_date(ef).unwrap_or(self.cursor);
        let range = DateRange::new(
            date.checked_sub_days(Days::new(7)).unwrap_or(date),
            date + Days::new(7),
        );
        let before = self.schedule.occurrences(range);
        let after = next.occurrences(range);
        super::clash_words::added(&before, &after, self.lang)
    }

    // ----- delete or skip -----

    pub fn open_delete(&mut self) {
        if self.read_only_refusal() || self.refuse_other_site() {
            return;
        }
        let lang = self.lang;
        let target = if self.view == View::Catalogue {
            match self.catalogue_tab {
                CatalogueTab::Films => DeleteTarget::Film(self.catalogue_index),
                CatalogueTab::Lectures => DeleteTarget::Lecture(self.catalogue_index),
            }
        } else {
            let Some(o) = self.selected_occurrence() else {
                self.status = Some(lang.pick("这一天没有活动", "nothing here").to_owned());
                return;
            };
            match o.key {
                OccurrenceKey::Screening { date } => DeleteTarget::ScreeningDate(date),
                OccurrenceKey::ServiceDay { month } => DeleteTarget::ServiceMonth {
                    month,
                    date: o.date,
                },
                OccurrenceKey::Session { index } => DeleteTarget::Session(index),
                OccurrenceKey::Event { index, date } => DeleteTarget::Event {
                    index,
                    date,
                    repeats: matches!(o.detail, crate::model::Detail::Event { repeats: true, .. }),
                },
            }
        };
        match self.describe_delete(target) {
            Ok((title, options)) => {
                // A date on a statutory day off is most likely skipped for it.
                let holiday = (self.view != View::Catalogue)
                    .then(|| self.selected_occurrence().and_then(|o| o.holiday.clone()))
                    .flatten();
                let reason = holiday.map_or_else(LineInput::default, |f| {
                    LineInput::with_text(&format!("{}放假", f.replace('·', "、")))
                });
                self.overlay = Some(Overlay::Delete(Box::new(DeleteDialog {
                    target,
                    options,
                    choice: 0,
                    reason,
                    confirming: false,
                    title,
                })));
            }
            Err(why) => self.status = Some(why),
        }
    }

    /// The dialog's title and its options, stating exactly what will go.
    fn describe_delete(&self, target: DeleteTarget) -> Result<(String, Vec<String>), String> {
        let zh = self.lang == Lang::Zh;
        let md = |d: NaiveDate| {
            if zh {
                format!("{}月{}日", d.month(), d.day())
            } else {
                d.format("%-d %b").to_string()
            }
        };
        let s = &self.schedule;
        let count_from = |p: Programme, from: NaiveDate| {
            let horizon = from + Days::new(366 * 3);
            s.occurrences(DateRange::new(from, horizon))
                .iter()
                .filter(|o| o.programme == p && !o.is_skipped())
                .count()
        };
        Ok(match target {
            DeleteTarget::ScreeningDate(date) => {
                let n = count_from(Programme::Screening, date);
                (
                    if zh {
                        format!("电影放映 {}", md(date))
                    } else {
                        format!("Film screening {}", md(date))
                    },
                    vec![
                        if zh {
                            format!("仅这一次：{} 暂停放映（写明原因）", md(date))
                        } else {
                            format!("this date only: skip {} (give a reason)", md(date))
                        },
                        if zh {
                            format!(
                                "整个系列：从 {} 起结束每周放映（共 {n} 场不再举行）",
                                md(date)
                            )
                        } else {
                            format!(
                                "the whole series: end the weekly screening from {} ({n} screenings)",
                                md(date)
                            )
                        },
                    ],
                )
            }
            DeleteTarget::ServiceMonth { month, date } => {
                let n = count_from(Programme::ServiceDay, date);
                let m = if zh {
                    format!("{}月", month.month())
                } else {
                    month.format("%B").to_string()
                };
                (
                    if zh {
                        format!("乐淘淘 {m}")
                    } else {
                        format!("Service day {m}")
                    },
                    vec![
                        if zh {
                            format!("仅这一次：{m} 暂停（写明原因）")
                        } else {
                            format!("this month only: skip {m} (give a reason)")
                        },
                        if zh {
                            format!("整个系列：从 {m} 起结束乐淘淘（共 {n} 次不再举行）")
                        } else {
                            format!("the whole series: end the service day from {m} ({n} days)")
                        },
                    ],
                )
            }
            DeleteTarget::Session(i) => {
                let x = s
                    .lectures
                    .as_ref()
                    .and_then(|l| l.sessions.get(i))
                    .ok_or("?")?;
                let t = s
                    .lecture(&x.lecture)
                    .map_or(x.lecture.clone(), |l| l.title.clone());
                (
                    if zh {
                        format!("微党课 {}", md(*x.date))
                    } else {
                        format!("Lecture {}", md(*x.date))
                    },
                    vec![if zh {
                        format!(
                            "删除这一场：{} {}《{t}》",
                            md(*x.date),
                            x.start.format("%H:%M")
                        )
                    } else {
                        format!(
                            "delete this session: {} {} {t}",
                            md(*x.date),
                            x.start.format("%H:%M")
                        )
                    }],
                )
            }
            DeleteTarget::Event {
                index,
                date,
                repeats,
            } => {
                let e = s
                    .events
                    .as_ref()
                    .and_then(|ev| ev.events.get(index))
                    .ok_or("?")?;
                if repeats {
                    (
                        e.title.clone(),
                        vec![
                            if zh {
                                format!("仅这一次：{} 不举行", md(date))
                            } else {
                                format!("this date only: not on {}", md(date))
                            },
                            if zh {
                                "整个系列：删除这项定期活动（所有日期）".to_owned()
                            } else {
                                "the whole series: delete this recurring activity (every date)"
                                    .to_owned()
                            },
                        ],
                    )
                } else {
                    (
                        e.title.clone(),
                        vec![if zh {
                            format!("删除这项活动：{} {}", md(date), e.title)
                        } else {
                            format!("delete this activity: {} {}", md(date), e.title)
                        }],
                    )
                }
            }
            DeleteTarget::Film(i) => {
                let sc = s.screenings.as_ref().ok_or("?")?;
                let f = sc.films.get(i).ok_or("?")?;
                let used = sc.programme.iter().filter(|p| p.film == f.id).count();
                if used > 0 {
                    return Err(if zh {
                        format!(
                            "《{}》已排了 {used} 场，不能删除：请先在放映日换片",
                            f.title
                        )
                    } else {
                        format!(
                            "{} is programmed {used} times: change those dates first",
                            f.title
                        )
                    });
                }
                (
                    f.title.clone(),
                    vec![if zh {
                        format!("从片单删除《{}》", f.title)
                    } else {
                        format!("delete {} from the film list", f.title)
                    }],
                )
            }
            DeleteTarget::Lecture(i) => {
                let l = s.lectures.as_ref().ok_or("?")?;
                let x = l.catalogue.get(i).ok_or("?")?;
                let used = l.sessions.iter().filter(|y| y.lecture == x.id).count();
                if used > 0 {
                    return Err(if zh {
                        format!(
                            "《{}》已安排 {used} 场，不能删除：请先删除这些场次",
                            x.title
                        )
                    } else {
                        format!("{} has {used} sessions: delete them first", x.title)
                    });
                }
                (
                    x.title.clone(),
                    vec![if zh {
                        format!("从课程目录删除《{}》", x.title)
                    } else {
                        format!("delete {} from the catalogue", x.title)
                    }],
                )
            }
        })
    }

    pub(crate) fn delete_key(&mut self, mut d: Box<DeleteDialog>, key: &KeyEvent) {
        if d.confirming {
            if matches!(key.code, KeyCode::Char('y' | 'Y')) {
                self.overlay = None;
                self.apply_delete(&d);
            } else {
                d.confirming = false;
                self.overlay = Some(Overlay::Delete(d));
            }
            return;
        }
        let n = d.options.len();
        match key.code {
            KeyCode::Esc => {
                self.overlay = None;
                self.status = Some(
                    self.lang
                        .pick("已取消，未作修改", "cancelled, nothing changed")
                        .to_owned(),
                );
                return;
            }
            KeyCode::Down | KeyCode::Tab => d.choice = (d.choice + 1).min(n - 1),
            KeyCode::Up | KeyCode::BackTab => d.choice = d.choice.saturating_sub(1),
            KeyCode::Enter if d.choice == 0 => {
                self.overlay = None;
                self.apply_delete(&d);
                return;
            }
            // The whole series is never one key away: it asks again.
            KeyCode::Enter => d.confirming = true,
            KeyCode::Char('u') if key.modifiers.contains(KeyModifiers::CONTROL) => {
                d.reason = LineInput::default()
            }
            KeyCode::Char(_) if key.modifiers.contains(KeyModifiers::CONTROL) => {}
            KeyCode::Char(c) if d.asks_reason() && d.choice == 0 => d.reason.insert(c),
            KeyCode::Backspace if d.asks_reason() => d.reason.backspace(),
            KeyCode::Left => d.reason.left(),
            KeyCode::Right => d.reason.right(),
            _ => {}
        }
        self.overlay = Some(Overlay::Delete(d));
    }

    fn apply_delete(&mut self, d: &DeleteDialog) {
        let mut next = self.schedule.clone();
        let series = d.choice == 1;
        let reason = Some(d.reason.text().trim().to_owned())
            .filter(|r| !r.is_empty())
            .unwrap_or_else(|| self.lang.pick("暂停", "cancelled").to_owned());
        let label = d.options.get(d.choice).cloned().unwrap_or_default();
        let done = match d.target {
            DeleteTarget::ScreeningDate(date) => next.screenings.as_mut().is_some_and(|sc| {
                if series {
                    match date.pred_opt().filter(|p| *p >= *sc.slot.from) {
                        Some(last) => {
                            sc.slot.until = Some(Date(last));
                            sc.changes.retain(|c| *c.from <= last);
                            true
                        }
                        None => false,
                    }
                } else {
                    sc.set_exception(Exception::Skip {
                        date: Date(date),
                        reason,
                    });
                    true
                }
            }),
            DeleteTarget::ServiceMonth { month, date } => {
                next.service_days.as_mut().is_some_and(|sd| {
                    if series {
                        match date.pred_opt().filter(|p| *p >= *sd.rule.from) {
                            Some(last) => {
                                sd.rule.until = Some(Date(last));
                                true
                            }
                            None => false,
                        }
                    } else {
                        sd.skip_month(month, reason);
                        true
                    }
                })
            }
            DeleteTarget::Session(i) => next.lectures.as_mut().is_some_and(|l| {
                i < l.sessions.len() && {
                    l.sessions.remove(i);
                    true
                }
            }),
            DeleteTarget::Event {
                index,
                date,
                repeats,
            } => next.events.as_mut().is_some_and(|ev| {
                if repeats && !series {
                    ev.events.get_mut(index).is_some_and(|e| {
                        e.skip_date(date);
                        true
                    })
                } else {
                    index < ev.events.len() && {
                        ev.events.remove(index);
                        true
                    }
                }
            }),
            DeleteTarget::Film(i) => next.screenings.as_mut().is_some_and(|sc| {
                i < sc.films.len() && {
                    sc.films.remove(i);
                    true
                }
            }),
            DeleteTarget::Lecture(i) => next.lectures.as_mut().is_some_and(|l| {
                i < l.catalogue.len() && {
                    l.catalogue.remove(i);
                    true
                }
            }),
        };
        if done {
            self.commit(next, &label);
        } else {
            self.status = Some(
                self.lang
                    .pick(
                        "这是系列的第一次，无法从这里结束：请直接在文件中删除",
                        "this is the first date of the series: remove it in the file",
                    )
                    .to_owned(),
            );
        }
    }

    // ----- quit -----

    /// `q`: quits at once when everything is saved, otherwise asks.
    pub fn request_quit(&mut self) {
        if self.is_dirty() {
            self.overlay = Some(Overlay::Quit { selected: 0 });
        } else {
            self.quit = true;
        }
    }

    pub(crate) fn quit_key(&mut self, selected: usize, key: &KeyEvent) {
        match key.code {
            KeyCode::Esc => self.overlay = None,
            KeyCode::Down | KeyCode::Tab => {
                self.overlay = Some(Overlay::Quit {
                    selected: (selected + 1).min(QUIT_OPTIONS - 1),
                })
            }
            KeyCode::Up | KeyCode::BackTab => {
                self.overlay = Some(Overlay::Quit {
                    selected: selected.saturating_sub(1),
                })
            }
            KeyCode::Enter => {
                self.overlay = None;
                match selected {
                    0 => {
                        self.save();
                        if !self.is_dirty() {
                            self.quit = true;
                        }
                    }
                    1 => self.quit = true,
                    _ => {}
                }
            }
            _ => {}
        }
    }
}
