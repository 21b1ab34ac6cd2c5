//! `d`: delete or skip, saying exactly what will go. The first option is
//! always the safe one (this date only) and Enter takes it; the whole
//! series needs another choice and a confirming `y`. Skipping a date asks
//! for a reason (a day off proposes its name).

use chrono::{Datelike, Days, NaiveDate};
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::{Modifier, Style};

use ratatui::crossterm::event::MouseEvent;

use super::{Pointer, centered, draw_options, frame, pointer, row_at};
use crate::i18n::Lang;
use crate::model::recurrence::DateRange;
use crate::model::values::Date;
use crate::model::{Exception, OccurrenceKey, Programme, Schedule};
use crate::tr;
use crate::tui::action::Action;
use crate::tui::app::{App, CatalogueTab, View};
use crate::tui::dialog::{Dialog, Flow, Input};
use crate::tui::text::{self, LineInput};
use crate::tui::views::style;
use crate::tui::widgets::menu::Menu;

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
pub struct Delete {
    pub target: DeleteTarget,
    /// What the dialog says will happen, one line per option.
    pub options: Vec<String>,
    /// 0 is always the safe choice: this date only.
    pub menu: Menu,
    pub reason: LineInput,
    /// The whole series was chosen; `y` confirms.
    pub confirming: bool,
    pub title: String,
}

impl Delete {
    /// Opens the dialog for the selected activity or catalogue entry.
    pub fn open(app: &mut App) {
        if app.read_only_refusal() || app.refuse_other_site() {
            return;
        }
        let lang = app.lang;
        let target = if app.view == View::Catalogue {
            match app.catalogue_tab {
                CatalogueTab::Films => DeleteTarget::Film(app.catalogue_index),
                CatalogueTab::Lectures => DeleteTarget::Lecture(app.catalogue_index),
            }
        } else {
            let Some(o) = app.selected_occurrence() else {
                app.status = Some(tr!(lang, "这一天没有活动", "nothing here"));
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
        match describe(&app.schedule, target, lang) {
            Ok((title, options)) => {
                // A date on a statutory day off is most likely skipped for it.
                let holiday = (app.view != View::Catalogue)
                    .then(|| app.selected_occurrence().and_then(|o| o.holiday.clone()))
                    .flatten();
                // `国庆节放假`, or in English `National Day holiday`.
                let reason = holiday.map_or_else(LineInput::default, |f| {
                    use crate::model::holidays::{holiday_reason, shown_reason};
                    LineInput::with_text(&shown_reason(&holiday_reason(&f), lang))
                });
                let menu = Menu::new(options.len(), 0);
                app.open(Delete {
                    target,
                    options,
                    menu,
                    reason,
                    confirming: false,
                    title,
                });
            }
            Err(why) => app.status = Some(why),
        }
    }

    /// Whether the first option asks for a reason (skipping a date does).
    pub fn asks_reason(&self) -> bool {
        matches!(
            self.target,
            DeleteTarget::ScreeningDate(_) | DeleteTarget::ServiceMonth { .. }
        )
    }

    fn reason_open(&self) -> bool {
        self.asks_reason() && self.menu.selected() == 0 && !self.confirming
    }

    fn label(app: &App) -> String {
        tr!(app.lang, "  原因：", "  Reason: ")
    }
}

/// The dialog's title and its options, stating exactly what will go.
// Long on purpose: one arm per kind of thing deleted, each saying exactly
// what will go; together they read as the dialog's whole wording.
fn describe(
    s: &Schedule,
    target: DeleteTarget,
    lang: Lang,
) -> Result<(String, Vec<String>), String> {
    let md = |d: NaiveDate| crate::model::labels::short_date(d, lang);
    let count_from = |p: Programme, from: NaiveDate| {
        let horizon = from + Days::new(366 * 3);
        s.occurrences(DateRange::new(from, horizon))
            .iter()
            .filter(|o| o.programme == p && !o.is_skipped())
            .count()
    };
    let gone = || tr!(lang, "这一项已经不在了", "this entry is no longer there");
    Ok(match target {
        DeleteTarget::ScreeningDate(date) => {
            let (n, d) = (count_from(Programme::Screening, date), md(date));
            (
                tr!(lang, "电影放映 {d}", "Film screening {d}"),
                vec![
                    tr!(
                        lang,
                        "仅这一次：{d} 暂停放映（写明原因）",
                        "this date only: skip {d} (give a reason)"
                    ),
                    tr!(
                        lang,
                        "整个系列：从 {d} 起结束每周放映（共 {n} 场不再举行）",
                        "the whole series: end the weekly screening from {d} ({n} screenings)"
                    ),
                ],
            )
        }
        DeleteTarget::ServiceMonth { month, date } => {
            let n = count_from(Programme::ServiceDay, date);
            let (number, name) = (month.month(), month.format("%B"));
            let m = tr!(lang, "{number}月", "{name}");
            (
                tr!(lang, "乐淘淘 {m}", "Service day {m}"),
                vec![
                    tr!(
                        lang,
                        "仅这一次：{m} 暂停（写明原因）",
                        "this month only: skip {m} (give a reason)"
                    ),
                    tr!(
                        lang,
                        "整个系列：从 {m} 起结束乐淘淘（共 {n} 次不再举行）",
                        "the whole series: end the service day from {m} ({n} days)"
                    ),
                ],
            )
        }
        DeleteTarget::Session(i) => {
            let x = s
                .lectures
                .as_ref()
                .and_then(|l| l.sessions.get(i))
                .ok_or_else(gone)?;
            let t = s
                .lecture(&x.lecture)
                .map_or(x.lecture.clone(), |l| l.title.clone());
            let (d, at) = (md(*x.date), x.start.format("%H:%M"));
            (
                tr!(lang, "微党课 {d}", "Lecture {d}"),
                vec![tr!(
                    lang,
                    "删除这一场：{d} {at}《{t}》",
                    "delete this session: {d} {at} {t}"
                )],
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
                .ok_or_else(gone)?;
            let (d, t) = (md(date), &e.title);
            let options = if repeats {
                vec![
                    tr!(lang, "仅这一次：{d} 不举行", "this date only: not on {d}"),
                    tr!(
                        lang,
                        "整个系列：删除这项定期活动（所有日期）",
                        "the whole series: delete this recurring activity (every date)"
                    ),
                ]
            } else {
                vec![tr!(
                    lang,
                    "删除这项活动：{d} {t}",
                    "delete this activity: {d} {t}"
                )]
            };
            (e.title.clone(), options)
        }
        DeleteTarget::Film(i) => {
            let sc = s.screenings.as_ref().ok_or_else(gone)?;
            let f = sc.films.get(i).ok_or_else(gone)?;
            let t = &f.title;
            let used = sc.programme.iter().filter(|p| p.film == f.id).count();
            if used > 0 {
                return Err(tr!(
                    lang,
                    "《{t}》已排了 {used} 场，不能删除：请先在放映日换片",
                    "{t} is programmed {used} times: change those dates first"
                ));
            }
            (
                t.clone(),
                vec![tr!(
                    lang,
                    "从片单删除《{t}》",
                    "delete {t} from the film list"
                )],
            )
        }
        DeleteTarget::Lecture(i) => {
            let l = s.lectures.as_ref().ok_or_else(gone)?;
            let x = l.catalogue.get(i).ok_or_else(gone)?;
            let t = &x.title;
            let used = l.sessions.iter().filter(|y| y.lecture == x.id).count();
            if used > 0 {
                return Err(tr!(
                    lang,
                    "《{t}》已安排 {used} 场，不能删除：请先删除这些场次",
                    "{t} has {used} sessions: delete them first"
                ));
            }
            (
                t.clone(),
                vec![tr!(
                    lang,
                    "从课程目录删除《{t}》",
                    "delete {t} from the catalogue"
                )],
            )
        }
    })
}

/// The schedule with the chosen option done; `None` when it cannot be done
/// from here (ending a series at its very first date).
fn apply(s: &Schedule, d: &Delete, lang: Lang) -> Option<Schedule> {
    let mut next = s.clone();
    let series = d.menu.selected() == 1;
    let reason = Some(d.reason.text().trim().to_owned())
        .filter(|r| !r.is_empty())
        .unwrap_or_else(|| tr!(lang, "暂停", "cancelled"));
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
    done.then_some(next)
}

/// What was done, for the status line and undo: the chosen option's words,
/// but a skip says what it did (`11月25日 暂停放映`) rather than what the
/// dialog asked for (`（写明原因）`), and short enough that the status
/// line keeps its save hint at 80 columns. The reason shows in the calendar.
fn done_label(d: &Delete, lang: Lang) -> String {
    let option = d
        .options
        .get(d.menu.selected())
        .cloned()
        .unwrap_or_default();
    if !(d.asks_reason() && d.menu.selected() == 0) {
        return option;
    }
    match d.target {
        DeleteTarget::ScreeningDate(date) => {
            let d = crate::model::labels::short_date(date, lang);
            tr!(lang, "{d} 暂停放映", "screening of {d} skipped")
        }
        DeleteTarget::ServiceMonth { month, .. } => {
            let (number, name) = (month.month(), month.format("%B"));
            tr!(
                lang,
                "乐淘淘 {number}月 暂停",
                "service day of {name} skipped"
            )
        }
        _ => option,
    }
}

fn carry_out(app: &mut App, d: &Delete) {
    let label = done_label(d, app.lang);
    match apply(&app.schedule, d, app.lang) {
        Some(next) => app.commit(next, &label),
        None => {
            app.status = Some(tr!(
                app.lang,
                "这是系列的第一次，无法从这里结束：请直接在文件中删除",
                "this is the first date of the series: remove it in the file"
            ));
        }
    }
}

impl Dialog for Delete {
    fn typing(&self) -> bool {
        self.reason_open()
    }

    fn handle(&mut self, app: &mut App, input: Input<'_>) -> Flow {
        if self.confirming {
            if input.action == Some(Action::Yes) {
                carry_out(app, self);
                return Flow::Close;
            }
            // Anything else goes back: the whole series is never one slip away.
            self.confirming = false;
            return Flow::Keep;
        }
        match input.action {
            Some(Action::Cancel) => {
                app.status = Some(tr!(
                    app.lang,
                    "已取消，未作修改",
                    "cancelled, nothing changed"
                ));
                return Flow::Close;
            }
            Some(Action::Confirm) if self.menu.selected() == 0 => {
                carry_out(app, self);
                return Flow::Close;
            }
            Some(Action::Confirm) => {
                self.confirming = true;
                return Flow::Keep;
            }
            Some(Action::NextField) => {
                self.menu.step(Some(Action::Down));
                return Flow::Keep;
            }
            Some(Action::PrevField) => {
                self.menu.step(Some(Action::Up));
                return Flow::Keep;
            }
            _ => {}
        }
        if self.menu.step(input.action) {
            return Flow::Keep;
        }
        if self.reason_open() {
            self.reason.edit(input);
        }
        Flow::Keep
    }

    fn paste(&mut self, _app: &mut App, text: &str) -> Flow {
        if self.reason_open() {
            self.reason.paste(text);
        }
        Flow::Keep
    }

    fn mouse(&mut self, app: &mut App, event: &MouseEvent, area: Rect) -> Flow {
        let inner = super::inner(area);
        if self.confirming {
            return Flow::Keep;
        }
        match pointer(event, area) {
            // A click chooses an option; a click on the chosen one confirms
            // it as Enter does (the whole series still asks for y).
            Pointer::Click { x, y } => {
                if let Some(i) = row_at(inner, inner.y, self.options.len(), x, y) {
                    if i == self.menu.selected() {
                        if i == 0 {
                            carry_out(app, self);
                            return Flow::Close;
                        }
                        self.confirming = true;
                    } else {
                        self.menu.select(i);
                    }
                }
                Flow::Keep
            }
            Pointer::Wheel(a) => {
                self.menu.step(Some(a));
                Flow::Keep
            }
            Pointer::ClickOutside | Pointer::Other => Flow::Keep,
        }
    }

    fn area(&self, _app: &App, screen: Rect) -> Rect {
        centered(screen, screen.width.saturating_sub(4).min(80), 9)
    }

    fn render(&self, app: &App, area: Rect, buf: &mut Buffer) {
        let lang = app.lang;
        let inner = frame(buf, area, &self.title);
        let w = usize::from(inner.width);
        let mut y = draw_options(buf, inner, inner.y, &self.options, self.menu.selected());
        if self.asks_reason() && self.menu.selected() == 0 && y < inner.bottom() {
            let label = Delete::label(app);
            buf.set_string(inner.x, y, &label, style::dim());
            let x = inner.x + text::width(&label) as u16;
            if self.reason.text().is_empty() {
                buf.set_string(
                    x,
                    y,
                    tr!(lang, "（留空即写 暂停）", "(empty: cancelled)"),
                    style::dim(),
                );
            } else {
                let shown = self.reason.visible(w.saturating_sub(text::width(&label))).0;
                buf.set_string(x, y, shown, Style::new().add_modifier(Modifier::UNDERLINED));
            }
        }
        y += 2;
        let k = |a| app.keymap.label(a);
        let (msg, st) = if self.confirming {
            (
                tr!(
                    lang,
                    "确定要结束整个系列吗？按 {} 确认，其他键返回",
                    "Really end the whole series? {} to confirm, any other key to go back",
                    k(Action::Yes)
                ),
                style::error(),
            )
        } else {
            (
                tr!(
                    lang,
                    "{} 确认（默认仅这一次）  {}/{} 选择  {} 取消",
                    "{} confirms (default: this date only)  {}/{} choose  {} cancels",
                    k(Action::Confirm),
                    k(Action::Up),
                    k(Action::Down),
                    k(Action::Cancel)
                ),
                style::dim(),
            )
        };
        if y < inner.bottom() {
            buf.set_string(inner.x, y, text::ellipsize(&msg, w), st);
        }
    }

    fn cursor(&self, app: &App, area: Rect) -> Option<Position> {
        if !self.reason_open() {
            return None;
        }
        let inner = super::inner(area);
        let label_w = text::width(&Delete::label(app));
        let (_, col) = self
            .reason
            .visible(usize::from(inner.width).saturating_sub(label_w));
        let y = inner.y + self.options.len() as u16;
        (y < inner.bottom()).then(|| {
            Position::new(
                (inner.x + (label_w + col) as u16).min(inner.right().saturating_sub(1)),
                y,
            )
        })
    }

    crate::dialog_any!();
}
