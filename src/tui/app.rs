//! The application state and its update step: the only place state changes.
//! Views read `&App` and draw; they never change it.

use std::path::PathBuf;

use chrono::{Datelike, Days, Months, NaiveDate};
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::action::Action;
use super::editing::DeleteDialog;
use super::forms::EditForm;
use super::keymap::Keymap;
use super::text::LineInput;
use crate::i18n::Lang;
use crate::model::conflicts::{self, Clashes};
use crate::model::history::History;
use crate::model::recurrence::{DateRange, WeekStart, week_start_of};
use crate::model::validate::Part;
use crate::model::{Detail, Occurrence, Programme, Schedule};
use crate::store::Diagnostic;
use crate::store::storage::Storage;

/// The four ways of looking at the schedule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    Week,
    Month,
    Agenda,
    Catalogue,
}

impl View {
    pub const ALL: [View; 4] = [View::Week, View::Month, View::Agenda, View::Catalogue];

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            View::Week => lang.pick("周", "Week"),
            View::Month => lang.pick("月", "Month"),
            View::Agenda => lang.pick("日程", "Agenda"),
            View::Catalogue => lang.pick("目录", "Lists"),
        }
    }
}

/// Films or lectures, in the catalogue view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CatalogueTab {
    Films,
    Lectures,
}

/// A window drawn over the view that takes the keys while open.
#[derive(Debug, Clone, PartialEq)]
pub enum Overlay {
    Help {
        scroll: u16,
    },
    Details,
    GoTo {
        input: LineInput,
        error: Option<String>,
    },
    Search {
        input: LineInput,
        results: Vec<Occurrence>,
        selected: usize,
    },
    Filter {
        selected: usize,
    },
    Problems {
        scroll: u16,
    },
    /// What to add: the programme is asked first.
    AddMenu {
        selected: usize,
    },
    Form(Box<EditForm>),
    Delete(Box<DeleteDialog>),
    /// Quit with unsaved changes: save, discard or stay.
    Quit {
        selected: usize,
    },
    /// A file changed on disk where the user also changed it: pick a side.
    Merge(Box<MergeDialog>),
    /// The week as it will print.
    Print {
        scroll: u16,
    },
    /// Unsaved edits from last time were found: restore, discard or decide later.
    Restore(Box<super::recovery::RestoreDialog>),
    /// The sites of a network: which are shown, which is edited.
    Sites {
        selected: usize,
    },
}

/// Conflicts of a save, decided one by one.
#[derive(Debug, Clone, PartialEq)]
pub struct MergeDialog {
    pub part: Part,
    pub conflicts: Vec<crate::model::merge::Conflict>,
    /// Decided so far: `true` keeps the user's version.
    pub take_mine: Vec<bool>,
}

/// The editor to open when the event loop can hand over the terminal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditorRequest {
    pub part: Part,
    pub path: PathBuf,
    pub line: usize,
}

/// How many days the agenda lists.
pub const AGENDA_DAYS: u64 = 60;
/// How far around the cursor a search looks.
const SEARCH_DAYS_BEFORE: u64 = 366;
const SEARCH_DAYS_AFTER: u64 = 731;

/// What the app starts from.
pub struct AppInit {
    pub schedule: Schedule,
    pub diagnostics: Vec<Diagnostic>,
    pub dir: PathBuf,
    pub today: NaiveDate,
    pub lang: Lang,
    pub keymap: Keymap,
    /// A message for the status line at start, e.g. "wrote the sample".
    pub status: Option<String>,
    pub storage: Option<Box<dyn Storage>>,
}

pub struct App {
    pub schedule: Schedule,
    pub diagnostics: Vec<Diagnostic>,
    pub dir: PathBuf,
    pub today: NaiveDate,
    pub lang: Lang,
    pub keymap: Keymap,
    pub view: View,
    /// The selected day.
    pub cursor: NaiveDate,
    /// The selected activity among the cursor day's shown activities.
    pub selected: usize,
    /// The first day the agenda lists.
    pub agenda_from: NaiveDate,
    /// Which programmes are shown, in [`Programme::ALL`] order.
    pub shown: [bool; 4],
    pub catalogue_tab: CatalogueTab,
    pub catalogue_index: usize,
    pub overlay: Option<Overlay>,
    pub status: Option<String>,
    pub quit: bool,
    /// Room and speaker clashes among `occurrences`, as groups.
    pub conflicts: Clashes,
    /// The schedule as the files hold it: edits are what differs.
    pub saved: Schedule,
    pub history: History,
    /// Where the schedule is kept; `None` when it came from elsewhere (tests, the embedded sample).
    pub storage: Option<Box<dyn Storage>>,
    /// Set when another copy holds the folder: who, and since when.
    pub read_only: Option<crate::store::lock::HeldBy>,
    /// Set by `E`; the event loop opens the editor and reports back.
    pub editor_request: Option<EditorRequest>,
    /// A printed page the event loop opens in the system's browser.
    pub open_request: Option<PathBuf>,
    /// Where printed pages are written.
    pub print_dir: PathBuf,
    /// Activities of the dates any view may show now, kept up to date by `update`.
    window: DateRange,
    occurrences: Vec<Occurrence>,
    /// The first day of the week (config `week_start`); see [`App::set_week_start`].
    pub week_start: WeekStart,
    /// Colours (config `theme`, `NO_COLOR`), applied when drawing.
    pub theme: crate::config::Theme,
    /// The user put off deciding about last time's unsaved edits: their
    /// recovery journal stays until asked again.
    pub keep_journal: bool,
    /// The other sites when the folder is a network (see [`super::sites`]);
    /// `None` for a single station. `schedule` is always the active site's.
    pub network: Option<super::sites::NetworkView>,
    /// Opens another site's folder for saving when the active site changes.
    pub open_storage: Option<super::sites::StorageOpener>,
    /// What search looks through in a network, kept while the schedules
    /// and the shown sites stay the same.
    pub(crate) search_cache: std::cell::RefCell<Option<(DateRange, Vec<Occurrence>)>>,
}

impl App {
    pub fn new(init: AppInit) -> App {
        let read_only = init.storage.as_ref().and_then(|s| s.read_only());
        let status = init
            .status
            .or_else(|| read_only.as_ref().map(|h| h.message(init.lang)));
        let mut app = App {
            saved: init.schedule.clone(),
            history: History::default(),
            storage: init.storage,
            read_only,
            editor_request: None,
            open_request: None,
            print_dir: std::env::current_dir().unwrap_or_else(|_| PathBuf::from(".")),
            conflicts: Clashes::default(),
            schedule: init.schedule,
            diagnostics: init.diagnostics,
            dir: init.dir,
            today: init.today,
            lang: init.lang,
            keymap: init.keymap,
            view: View::Week,
            cursor: init.today,
            selected: 0,
            agenda_from: init.today,
            shown: [true; 4],
            catalogue_tab: CatalogueTab::Films,
            catalogue_index: 0,
            overlay: None,
            status,
            quit: false,
            window: DateRange::new(init.today, init.today),
            occurrences: Vec::new(),
            week_start: WeekStart::default(),
            theme: crate::config::Theme::default(),
            keep_journal: false,
            network: None,
            open_storage: None,
            search_cache: std::cell::RefCell::default(),
        };
        app.refresh();
        app
    }

    // ----- reading the state (used by views) -----

    pub fn is_shown(&self, p: Programme) -> bool {
        self.shown[p as usize]
    }

    /// The shown activities of `range`, which must lie inside the window.
    pub fn occurrences_in(&self, range: DateRange) -> impl Iterator<Item = &Occurrence> {
        let start = self.occurrences.partition_point(|o| o.date < range.first);
        self.occurrences[start..]
            .iter()
            .take_while(move |o| o.date <= range.last)
            .filter(|o| self.is_shown(o.programme))
    }

    pub fn day(&self, date: NaiveDate) -> Vec<&Occurrence> {
        self.occurrences_in(DateRange::new(date, date)).collect()
    }

    pub fn selected_occurrence(&self) -> Option<&Occurrence> {
        match self.view {
            View::Catalogue => None,
            _ => self.day(self.cursor).get(self.selected).copied(),
        }
    }

    /// The agenda's dates.
    pub fn agenda_range(&self) -> DateRange {
        DateRange::new(
            self.agenda_from,
            self.agenda_from + Days::new(AGENDA_DAYS - 1),
        )
    }

    /// The weeks the month view shows: from the week start before the 1st
    /// to the end of the last day's week.
    pub fn month_grid(&self) -> DateRange {
        let m = DateRange::month_of(self.cursor);
        DateRange::new(
            week_start_of(m.first, self.week_start),
            week_start_of(m.last, self.week_start) + Days::new(6),
        )
    }

    // ----- the update step -----

    /// Takes one terminal event.
    pub fn handle_event(&mut self, event: &Event) {
        match event {
            // Windows reports releases too; only presses mean anything.
            Event::Key(key) if key.kind == KeyEventKind::Press => self.handle_key(key),
            Event::Paste(text) => {
                if let Some(Overlay::Form(f)) = &mut self.overlay {
                    f.form.paste(text);
                } else if let Some(Overlay::Delete(d)) = &mut self.overlay {
                    d.reason.paste(text);
                } else if let Some(input) = self.input_mut() {
                    input.paste(text);
                    self.after_input_change();
                }
            }
            _ => {}
        }
    }

    pub fn handle_key(&mut self, key: &KeyEvent) {
        if self.overlay_takes_text() {
            self.text_key(key);
            return;
        }
        // Windows that take their own keys (text fields, choices).
        match self.overlay.take() {
            Some(Overlay::Form(f)) => return self.form_key(f, key),
            Some(Overlay::Delete(d)) => return self.delete_key(d, key),
            Some(Overlay::AddMenu { selected }) => return self.add_menu_key(selected, key),
            Some(Overlay::Quit { selected }) => return self.quit_key(selected, key),
            Some(Overlay::Merge(m)) => return self.merge_key(m, key),
            Some(Overlay::Print { scroll }) => return self.print_key(scroll, key),
            Some(Overlay::Restore(d)) => return self.restore_key(d, key),
            Some(Overlay::Sites { selected }) => return self.sites_key(selected, key),
            other => self.overlay = other,
        }
        let action = self.keymap.action_for(key);
        if let Some(overlay) = self.overlay.clone() {
            self.overlay_key(&overlay, key, action);
            return;
        }
        if let Some(a) = action {
            self.update(a);
        }
    }

    /// Carries out one action on the view (no overlay open).
    pub fn update(&mut self, action: Action) {
        self.status = None;
        match action {
            Action::Quit => self.request_quit(),
            Action::Add => self.open_add_menu(),
            Action::Delete => self.open_delete(),
            Action::Undo => self.undo(),
            Action::Redo => self.redo(),
            Action::Save => self.save(),
            Action::OpenEditor => self.request_editor(),
            Action::Left => self.move_horizontal(-1),
            Action::Right => self.move_horizontal(1),
            Action::Up => self.move_vertical(-1),
            Action::Down => self.move_vertical(1),
            Action::PrevPage => self.page(-1),
            Action::NextPage => self.page(1),
            Action::Today => {
                self.cursor = self.today;
                self.agenda_from = self.today;
                self.selected = 0;
            }
            Action::NextView | Action::PrevView => {
                let i = View::ALL.iter().position(|v| *v == self.view).unwrap_or(0);
                let step = if action == Action::NextView {
                    1
                } else {
                    View::ALL.len() - 1
                };
                self.switch_view(View::ALL[(i + step) % View::ALL.len()]);
            }
            Action::ViewWeek => self.switch_view(View::Week),
            Action::ViewMonth => self.switch_view(View::Month),
            Action::ViewAgenda => self.switch_view(View::Agenda),
            Action::ViewCatalogue => self.switch_view(View::Catalogue),
            Action::GoToDate => {
                self.overlay = Some(Overlay::GoTo {
                    input: LineInput::default(),
                    error: None,
                });
            }
            Action::Search => {
                self.overlay = Some(Overlay::Search {
                    input: LineInput::default(),
                    results: Vec::new(),
                    selected: 0,
                });
            }
            Action::Filter => self.overlay = Some(Overlay::Filter { selected: 0 }),
            Action::Details => {
                let has_item = match self.view {
                    View::Catalogue => self.catalogue_len() > 0,
                    _ => self.selected_occurrence().is_some(),
                };
                if has_item {
                    self.overlay = Some(Overlay::Details);
                } else {
                    self.status = Some(
                        self.lang
                            .pick("这一天没有活动", "nothing on this day")
                            .to_owned(),
                    );
                }
            }
            Action::Problems => self.overlay = Some(Overlay::Problems { scroll: 0 }),
            Action::Help => self.overlay = Some(Overlay::Help { scroll: 0 }),
            Action::Print => self.open_print_preview(),
            Action::Sites => self.open_site_picker(),
            // The keymap gives these only to dialogs.
            Action::Confirm
            | Action::Cancel
            | Action::NextField
            | Action::PrevField
            | Action::Toggle
            | Action::ClearField
            | Action::DeleteItem
            | Action::Yes
            | Action::KeepMine
            | Action::KeepTheirs
            | Action::WriteHtml
            | Action::WriteText
            | Action::WriteCalendar
            | Action::ShowAllSites => {}
        }
        self.refresh();
    }

    fn switch_view(&mut self, view: View) {
        if view == View::Agenda && self.view != View::Agenda {
            self.agenda_from = self.cursor;
        }
        self.view = view;
    }

    fn move_horizontal(&mut self, dir: i64) {
        match self.view {
            View::Catalogue => {
                self.catalogue_tab = match self.catalogue_tab {
                    CatalogueTab::Films => CatalogueTab::Lectures,
                    CatalogueTab::Lectures => CatalogueTab::Films,
                };
                self.catalogue_index = 0;
            }
            View::Agenda => self.move_vertical(dir),
            View::Week | View::Month => self.set_cursor(shift(self.cursor, dir)),
        }
    }

    fn move_vertical(&mut self, dir: i64) {
        match self.view {
            View::Week => {
                let n = self.day(self.cursor).len();
                self.selected = step_index(self.selected, dir, n);
            }
            View::Month => self.set_cursor(shift(self.cursor, dir * 7)),
            View::Agenda => self.agenda_step(dir),
            View::Catalogue => {
                self.catalogue_index = step_index(self.catalogue_index, dir, self.catalogue_len());
            }
        }
    }

    /// Moves to the next or previous activity in the agenda's list.
    fn agenda_step(&mut self, dir: i64) {
        let items: Vec<(NaiveDate, usize)> = self.agenda_items();
        let pos = items
            .iter()
            .position(|(d, i)| *d == self.cursor && *i == self.selected);
        let next = match pos {
            Some(p) => step_index(p, dir, items.len()),
            // The cursor is on a day with nothing: go to the first item after it.
            None => items
                .iter()
                .position(|(d, _)| *d >= self.cursor)
                .unwrap_or(0),
        };
        if let Some((d, i)) = items.get(next) {
            self.cursor = *d;
            self.selected = *i;
        }
    }

    /// (date, index within the day) of every agenda line, in order.
    pub fn agenda_items(&self) -> Vec<(NaiveDate, usize)> {
        let mut out = Vec::new();
        let mut last: Option<NaiveDate> = None;
        let mut i = 0;
        for o in self.occurrences_in(self.agenda_range()) {
            i = if last == Some(o.date) { i + 1 } else { 0 };
            last = Some(o.date);
            out.push((o.date, i));
        }
        out
    }

    fn page(&mut self, dir: i64) {
        match self.view {
            View::Week => self.set_cursor(shift(self.cursor, dir * 7)),
            View::Agenda => {
                self.agenda_from = shift(self.agenda_from, dir * 7);
                self.cursor = self.agenda_from;
                self.selected = 0;
            }
            View::Month | View::Catalogue => {
                let m = Months::new(1);
                let moved = if dir < 0 {
                    self.cursor.checked_sub_months(m)
                } else {
                    self.cursor.checked_add_months(m)
                };
                if let Some(d) = moved {
                    self.set_cursor(d);
                }
            }
        }
    }

    fn set_cursor(&mut self, date: NaiveDate) {
        self.cursor = date;
        self.selected = 0;
    }

    pub fn catalogue_len(&self) -> usize {
        match self.catalogue_tab {
            CatalogueTab::Films => self
                .schedule
                .screenings
                .as_ref()
                .map_or(0, |s| s.films.len()),
            CatalogueTab::Lectures => self
                .schedule
                .lectures
                .as_ref()
                .map_or(0, |l| l.catalogue.len()),
        }
    }

    // ----- overlays -----

    fn overlay_takes_text(&self) -> bool {
        matches!(
            self.overlay,
            Some(Overlay::GoTo { .. } | Overlay::Search { .. })
        )
    }

    fn input_mut(&mut self) -> Option<&mut LineInput> {
        match &mut self.overlay {
            Some(Overlay::GoTo { input, .. } | Overlay::Search { input, .. }) => Some(input),
            _ => None,
        }
    }

    /// Keys in a text field: characters are typed, not looked up in the keymap.
    fn text_key(&mut self, key: &KeyEvent) {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        match key.code {
            KeyCode::Esc => self.overlay = None,
            KeyCode::Enter => self.confirm_text(),
            KeyCode::Up | KeyCode::Down => {
                if let Some(Overlay::Search {
                    results, selected, ..
                }) = &mut self.overlay
                {
                    let dir = if key.code == KeyCode::Up { -1 } else { 1 };
                    *selected = step_index(*selected, dir, results.len());
                }
            }
            code => {
                let Some(input) = self.input_mut() else {
                    return;
                };
                match code {
                    KeyCode::Char('u') if ctrl => *input = LineInput::default(),
                    KeyCode::Char(_) if ctrl => return,
                    KeyCode::Char(c) => input.insert(c),
                    KeyCode::Backspace => input.backspace(),
                    KeyCode::Delete => input.delete(),
                    KeyCode::Left => input.left(),
                    KeyCode::Right => input.right(),
                    KeyCode::Home => input.home(),
                    KeyCode::End => input.end(),
                    _ => return,
                }
                self.after_input_change();
            }
        }
    }

    fn after_input_change(&mut self) {
        if let Some(Overlay::Search { input, .. }) = &self.overlay {
            let results = self.search(input.text());
            if let Some(Overlay::Search {
                results: r,
                selected,
                ..
            }) = &mut self.overlay
            {
                *r = results;
                *selected = 0;
            }
        } else if let Some(Overlay::GoTo { error, .. }) = &mut self.overlay {
            *error = None;
        }
    }

    fn confirm_text(&mut self) {
        match self.overlay.take() {
            Some(Overlay::GoTo { input, .. }) => {
                if let Some(d) = parse_goto(input.text(), self.cursor) {
                    self.set_cursor(d);
                    self.agenda_from = d;
                } else {
                    let error = Some(
                        self.lang
                            .pick(
                                "看不懂这个日期：请写成 2026-12-01 或 12-01",
                                "not a date: write 2026-12-01 or 12-01",
                            )
                            .to_owned(),
                    );
                    self.overlay = Some(Overlay::GoTo { input, error });
                }
            }
            Some(Overlay::Search {
                results, selected, ..
            }) => {
                if let Some(o) = results.get(selected) {
                    let (date, key, site) = (o.date, o.key.clone(), o.site);
                    self.cursor = date;
                    self.agenda_from = date;
                    if self.view == View::Catalogue {
                        self.view = View::Week;
                    }
                    self.shown[o.programme as usize] = true;
                    self.refresh();
                    self.selected = self
                        .day(date)
                        .iter()
                        .position(|x| x.key == key && x.site == site)
                        .unwrap_or(0);
                }
            }
            other => self.overlay = other,
        }
        self.refresh();
    }

    fn overlay_key(&mut self, overlay: &Overlay, key: &KeyEvent, action: Option<Action>) {
        let closes = key.code == KeyCode::Esc || action == Some(Action::Quit);
        match *overlay {
            Overlay::Help { scroll } | Overlay::Problems { scroll } => {
                let scroll = match action {
                    Some(Action::Down) => scroll.saturating_add(1),
                    Some(Action::Up) => scroll.saturating_sub(1),
                    Some(Action::NextPage) => scroll.saturating_add(10),
                    Some(Action::PrevPage) => scroll.saturating_sub(10),
                    _ => scroll,
                };
                let same = action.is_some_and(|a| {
                    matches!(
                        (&self.overlay, a),
                        (Some(Overlay::Help { .. }), Action::Help)
                            | (Some(Overlay::Problems { .. }), Action::Problems)
                    )
                });
                if closes || same || key.code == KeyCode::Enter {
                    self.overlay = None;
                } else if let Some(Overlay::Help { scroll: s } | Overlay::Problems { scroll: s }) =
                    &mut self.overlay
                {
                    *s = scroll;
                }
            }
            Overlay::Details => {
                if matches!(action, Some(Action::Details)) {
                    self.overlay = None;
                    self.edit_selected();
                } else if matches!(action, Some(Action::Delete)) {
                    self.overlay = None;
                    self.open_delete();
                } else if closes {
                    self.overlay = None;
                }
            }
            Overlay::Filter { selected } => {
                let n = Programme::ALL.len();
                match (key.code, action) {
                    (KeyCode::Char(' ') | KeyCode::Enter, _) => {
                        self.shown[selected] = !self.shown[selected];
                    }
                    (KeyCode::Char(c @ '1'..='4'), _) => {
                        let i = (c as usize) - ('1' as usize);
                        self.shown[i] = !self.shown[i];
                    }
                    (_, Some(Action::Down)) => {
                        self.overlay = Some(Overlay::Filter {
                            selected: step_index(selected, 1, n),
                        });
                    }
                    (_, Some(Action::Up)) => {
                        self.overlay = Some(Overlay::Filter {
                            selected: step_index(selected, -1, n),
                        });
                    }
                    (_, Some(Action::Filter)) => self.overlay = None,
                    _ if closes => self.overlay = None,
                    _ => {}
                }
                self.selected = 0;
            }
            Overlay::GoTo { .. }
            | Overlay::Search { .. }
            | Overlay::AddMenu { .. }
            | Overlay::Form(_)
            | Overlay::Delete(_)
            | Overlay::Quit { .. }
            | Overlay::Merge(_)
            | Overlay::Print { .. }
            | Overlay::Restore(_)
            | Overlay::Sites { .. } => {}
        }
        self.refresh();
    }

    /// Activities whose title, film, speaker, theme, services or room contain `query`.
    pub fn search(&self, query: &str) -> Vec<Occurrence> {
        let q = query.trim().to_lowercase();
        if q.is_empty() {
            return Vec::new();
        }
        let range = DateRange::new(
            self.cursor - Days::new(SEARCH_DAYS_BEFORE),
            self.cursor + Days::new(SEARCH_DAYS_AFTER),
        );
        let hit = |s: &str| s.to_lowercase().contains(&q);
        self.search_occurrences(range, &|o: &Occurrence| {
            o.title.as_deref().is_some_and(hit)
                || match &o.detail {
                    Detail::Lecture { speaker, .. } => speaker.as_deref().is_some_and(hit),
                    Detail::ServiceDay {
                        services, partners, ..
                    } => services.iter().chain(partners).any(|s| hit(s)),
                    Detail::Event { .. } | Detail::Screening { .. } => false,
                }
        })
    }

    /// Recomputes the activities of the dates the views may show.
    fn refresh(&mut self) {
        self.refresh_window(false);
    }

    /// Recomputes after the schedule itself changed.
    pub(crate) fn refresh_all(&mut self) {
        self.refresh_window(true);
    }

    fn refresh_window(&mut self, schedule_changed: bool) {
        let month = self.month_grid();
        let week = self.week();
        let agenda = self.agenda_range();
        let first = month.first.min(week.first).min(agenda.first);
        let last = month.last.max(week.last).max(agenda.last);
        let window = DateRange::new(first, last);
        if schedule_changed {
            self.search_cache.take();
        }
        if schedule_changed || window != self.window || self.occurrences.is_empty() {
            self.window = window;
            self.occurrences = self.window_occurrences(window);
            self.conflicts = conflicts::find(&self.occurrences);
        }
        let n = self.day(self.cursor).len();
        if self.selected >= n {
            self.selected = n.saturating_sub(1);
        }
        let c = self.catalogue_len();
        if self.catalogue_index >= c {
            self.catalogue_index = c.saturating_sub(1);
        }
    }
}

impl App {
    /// The week the week view shows, starting on the configured day.
    pub fn week(&self) -> DateRange {
        DateRange::week_starting(self.cursor, self.week_start)
    }

    /// The ISO week number of the shown week (of its Monday).
    pub fn week_number(&self) -> u32 {
        let w = self.week();
        let monday = week_start_of(w.last, WeekStart::Monday);
        monday.iso_week().week()
    }

    /// Starts weeks on `start` (config `week_start`).
    pub fn set_week_start(&mut self, start: WeekStart) {
        self.week_start = start;
        self.refresh();
    }
}

fn shift(d: NaiveDate, days: i64) -> NaiveDate {
    let n = Days::new(days.unsigned_abs());
    let moved = if days < 0 {
        d.checked_sub_days(n)
    } else {
        d.checked_add_days(n)
    };
    moved.unwrap_or(d)
}

/// Moves an index by `dir` within `0..n`, stopping at the ends.
fn step_index(i: usize, dir: i64, n: usize) -> usize {
    if n == 0 {
        return 0;
    }
    if dir < 0 {
        i.saturating_sub(dir.unsigned_abs() as usize)
    } else {
        (i + dir as usize).min(n - 1)
    }
}

/// Reads a date as typed in "go to": `2026-12-01`, `12-01`, `12/1`, `12月1日`.
pub fn parse_goto(text: &str, around: NaiveDate) -> Option<NaiveDate> {
    let t = text.trim();
    if let Ok(d) = crate::model::values::parse_date(t) {
        return Some(d);
    }
    let cleaned: String = t.replace(['月', '/', '.'], "-").replace(['日', '号'], "");
    let (m, d) = cleaned.split_once('-')?;
    let (m, d): (u32, u32) = (m.trim().parse().ok()?, d.trim().parse().ok()?);
    NaiveDate::from_ymd_opt(around.year(), m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn goto_reads_what_people_type() {
        let around = NaiveDate::from_ymd_opt(2026, 11, 27).expect("date");
        let want = NaiveDate::from_ymd_opt(2026, 12, 1);
        for t in ["2026-12-01", "12-01", "12/1", "12月1日", " 12-1 "] {
            assert_eq!(parse_goto(t, around), want, "{t}");
        }
        assert_eq!(parse_goto("13-01", around), None);
        assert_eq!(parse_goto("明天", around), None);
    }

    #[test]
    fn step_index_stops_at_both_ends() {
        assert_eq!(step_index(0, -1, 3), 0);
        assert_eq!(step_index(2, 1, 3), 2);
        assert_eq!(step_index(1, 1, 3), 2);
        assert_eq!(step_index(5, 1, 0), 0);
    }
}
