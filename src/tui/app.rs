//! The application state and its update step: the only place state changes.
//! Views read `&App` and draw; they never change it.

use std::path::PathBuf;

use chrono::{Days, NaiveDate};
use ratatui::crossterm::event::{Event, KeyEvent, KeyEventKind};

use super::action::Action;
use super::dialog::{Dialog, Flow, Input, is_typing};
use super::dialogs;
use super::keymap::Keymap;
use crate::i18n::Lang;
use crate::model::conflicts::{self, Clashes};
use crate::model::history::History;
use crate::model::recurrence::{DateRange, WeekStart, week_start_of};
use crate::model::validate::Part;
use crate::model::{Detail, Occurrence, Programme, Schedule};
use crate::store::Diagnostic;
use crate::store::storage::Storage;

/// The five ways of looking at the schedule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    Week,
    Month,
    Agenda,
    Catalogue,
    /// The figures of a month, quarter or year (see [`super::stats`]).
    Stats,
}

impl View {
    pub const ALL: [View; 5] = [
        View::Week,
        View::Month,
        View::Agenda,
        View::Catalogue,
        View::Stats,
    ];

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            View::Week => lang.pick("周", "Week"),
            View::Month => lang.pick("月", "Month"),
            View::Agenda => lang.pick("日程", "Agenda"),
            View::Catalogue => lang.pick("目录", "Lists"),
            View::Stats => lang.pick("统计", "Stats"),
        }
    }
}

/// Films or lectures, in the catalogue view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CatalogueTab {
    Films,
    Lectures,
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
    /// The 待补记录 filter: only activities held and still to record.
    pub awaiting_only: bool,
    pub catalogue_tab: CatalogueTab,
    pub catalogue_index: usize,
    /// Whether the statistics view counts a month, a quarter or a year.
    pub stats_span: super::stats::Span,
    /// The statistics view's figures, worked out once per period and
    /// schedule (see [`App::refresh_stats`]); `None` outside that view.
    pub stats: Option<super::stats::Stats>,
    /// Open dialogs, the top one last: it takes the keys.
    dialogs: Vec<Box<dyn Dialog>>,
    /// The screen as last drawn, for dialogs that lay out by it (scrolling
    /// to the end, the caret of a form).
    screen: std::cell::Cell<ratatui::layout::Rect>,
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
    /// Whether the mouse is the app's (config `mouse`, default yes).
    pub mouse: bool,
    /// Whether the views show the lunar calendar (config `lunar`, default yes).
    pub lunar: bool,
    /// The cell of the last click that opened or closed a window, while a
    /// second click there would be the rest of a double click (see
    /// [`super::mouse`]).
    pub(crate) last_click: Option<(u16, u16)>,
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
    /// The staffer's name for the history (config `name:`), and the
    /// settings file to write it into when it is asked for.
    pub author: Option<String>,
    pub config_path: Option<PathBuf>,
    /// The undo history's depth at the last save: the edits since are the
    /// next save's words in the folder's history.
    pub saved_depth: usize,
    /// A sync waiting for the user's choices in the merge dialog.
    pub sync_pending: Option<Box<crate::store::git::sync::Pending>>,
    /// A sync to run once the frame saying so is drawn.
    pub sync_request: Option<super::syncing::SyncRequest>,
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
            awaiting_only: false,
            catalogue_tab: CatalogueTab::Films,
            catalogue_index: 0,
            stats_span: super::stats::Span::Month,
            stats: None,
            dialogs: Vec::new(),
            mouse: true,
            lunar: true,
            last_click: None,
            screen: std::cell::Cell::new(ratatui::layout::Rect::new(0, 0, 80, 24)),
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
            author: None,
            config_path: None,
            saved_depth: 0,
            sync_pending: None,
            sync_request: None,
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
            .filter(|o| self.is_shown(o.programme) && self.passes_record_filter(o))
    }

    pub fn day(&self, date: NaiveDate) -> Vec<&Occurrence> {
        self.occurrences_in(DateRange::new(date, date)).collect()
    }

    pub fn selected_occurrence(&self) -> Option<&Occurrence> {
        match self.view {
            View::Catalogue | View::Stats => None,
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
        if !matches!(event, Event::Mouse(_)) {
            self.forget_click();
        }
        match event {
            // Windows reports releases too; only presses mean anything.
            Event::Key(key) if key.kind == KeyEventKind::Press => self.handle_key(key),
            Event::Paste(text) => {
                if let Some(mut d) = self.dialogs.pop() {
                    let at = self.dialogs.len();
                    let flow = d.paste(self, text);
                    self.put_back(d, at, flow);
                }
            }
            Event::Mouse(m) => self.mouse_event(*m),
            _ => {}
        }
    }

    /// A key: to the top dialog when one is open, else to the calendar.
    pub fn handle_key(&mut self, key: &KeyEvent) {
        let Some(mut d) = self.dialogs.pop() else {
            if let Some(a) = self.keymap.action_for(key) {
                self.update(a);
            }
            return;
        };
        // In a text field, a character is typing, whatever the keymap says;
        // and since letters type there, the arrows always move, even when
        // the user gave up/down to letters.
        let action = if d.typing() && is_typing(key) {
            None
        } else {
            let arrows = || d.typing().then(|| fixed_move(key)).flatten();
            self.keymap.dialog_action(key, d.scope()).or_else(arrows)
        };
        let at = self.dialogs.len();
        let flow = d.handle(self, Input { key, action });
        self.put_back(d, at, flow);
        self.refresh();
    }

    /// Puts a dialog that handled an event back on the stack, under any it
    /// opened meanwhile, unless it closed.
    fn put_back(&mut self, d: Box<dyn Dialog>, at: usize, flow: Flow) {
        if flow == Flow::Keep {
            self.dialogs.insert(at.min(self.dialogs.len()), d);
        }
    }

    /// A mouse event to the top dialog, read against its area as drawn
    /// (see [`super::mouse`]).
    pub(crate) fn dialog_mouse(&mut self, event: ratatui::crossterm::event::MouseEvent) {
        if let Some(mut d) = self.dialogs.pop() {
            let at = self.dialogs.len();
            let screen = self.screen();
            let area = d.area(self, screen).intersection(screen);
            let flow = d.mouse(self, &event, area);
            self.put_back(d, at, flow);
            self.refresh();
        }
    }

    /// Opens a dialog over everything else.
    pub fn open(&mut self, dialog: impl Dialog) {
        self.dialogs.push(Box::new(dialog));
    }

    /// Whether a dialog is open.
    pub fn has_dialog(&self) -> bool {
        !self.dialogs.is_empty()
    }

    /// The top dialog's type, for messages and tests.
    pub fn dialog_name(&self) -> Option<&'static str> {
        self.dialogs.last().map(|d| d.name())
    }

    /// Whether a `T` is open anywhere on the stack.
    pub fn has_open<T: Dialog>(&self) -> bool {
        self.dialogs.iter().any(|d| d.as_any().is::<T>())
    }

    /// Whether edits can be saved somewhere (a folder is behind the app).
    pub fn has_storage(&self) -> bool {
        self.storage.is_some()
    }

    /// The top dialog, if it is a `T`.
    pub fn dialog<T: Dialog>(&self) -> Option<&T> {
        self.dialogs.last()?.as_any().downcast_ref()
    }

    /// The top dialog, if it is a `T`, to change.
    pub fn dialog_mut<T: Dialog>(&mut self) -> Option<&mut T> {
        self.dialogs.last_mut()?.as_any_mut().downcast_mut()
    }

    /// The open dialogs, bottom first (for drawing).
    pub fn dialogs(&self) -> impl Iterator<Item = &dyn Dialog> {
        self.dialogs.iter().map(AsRef::as_ref)
    }

    /// Closes every dialog.
    pub fn close_dialogs(&mut self) {
        self.dialogs.clear();
    }

    /// The screen as last drawn.
    pub fn screen(&self) -> ratatui::layout::Rect {
        self.screen.get()
    }

    /// Notes the screen being drawn (see [`super::draw`]).
    pub fn set_screen(&self, area: ratatui::layout::Rect) {
        self.screen.set(area);
    }

    /// Carries out one action on the calendar (no dialog open).
    pub fn update(&mut self, action: Action) {
        self.status = None;
        match action {
            Action::Quit => dialogs::quit::Quit::request(self),
            Action::Add => dialogs::add_menu::AddMenu::open(self),
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
            Action::ViewStats => self.switch_view(View::Stats),
            Action::GoToDate => dialogs::goto::GoTo::open(self),
            Action::Search => dialogs::search::Search::open(self),
            Action::Filter => dialogs::filter::Filter::open(self),
            Action::Details => dialogs::details::Details::open(self),
            Action::Problems => dialogs::problems::Problems::open(self),
            Action::Help => dialogs::help::Help::open(self),
            Action::Print => dialogs::print_preview::PrintPreview::open(self),
            Action::Record => self.open_record(),
            Action::Sites => dialogs::sites::Sites::open(self),
            Action::Sync => self.sync(),
            Action::History => dialogs::history::History::open(self),
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
            | Action::ShowAllSites
            | Action::HistoryAll
            | Action::RestoreEntry
            | Action::RestoreFile => {}
        }
        self.refresh();
    }

    /// Goes to `date` in every view (go to date).
    pub(crate) fn go_to(&mut self, date: NaiveDate) {
        self.set_cursor(date);
        self.agenda_from = date;
    }

    /// Selects activity `o` (a search result): its date, its place in the
    /// day, its programme shown; the catalogue gives way to the week.
    pub(crate) fn jump_to(&mut self, o: &Occurrence) {
        let (date, key, site) = (o.date, o.key.clone(), o.site);
        self.cursor = date;
        self.agenda_from = date;
        if matches!(self.view, View::Catalogue | View::Stats) {
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

    /// Shows or hides programme `i` (the filter).
    pub(crate) fn toggle_programme(&mut self, i: usize) {
        if let Some(s) = self.shown.get_mut(i) {
            *s = !*s;
        }
        self.selected = 0;
    }

    fn switch_view(&mut self, view: View) {
        if view == View::Agenda && self.view != View::Agenda {
            self.agenda_from = self.cursor;
        }
        self.view = view;
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
    pub(crate) fn refresh(&mut self) {
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
        self.refresh_stats(schedule_changed);
    }
}

/// What the arrow and page keys mean where letters are typed.
fn fixed_move(key: &KeyEvent) -> Option<Action> {
    use ratatui::crossterm::event::KeyCode;
    match key.code {
        KeyCode::Up => Some(Action::Up),
        KeyCode::Down => Some(Action::Down),
        KeyCode::PageUp => Some(Action::PrevPage),
        KeyCode::PageDown => Some(Action::NextPage),
        _ => None,
    }
}
