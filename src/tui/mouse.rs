//! The mouse on the calendar (dialogs take their own: see
//! [`super::dialog::Dialog::mouse`]). A click on a day selects it, on an
//! activity selects that; a second click on what is selected opens its
//! details (a double click is two clicks). A click on a view's tab switches
//! to it, on the detail pane opens the details, on the problems count opens
//! the problems. The wheel moves as the up and down keys do. Where a click
//! lands is decided by the same layout the screen is drawn with.
//!
//! Terminals report no double clicks, only two clicks, so a click that
//! opens or closes a window is remembered: a second click on the same cell
//! right after it (nothing else in between, see [`App::forget_click`]) is
//! the rest of a double click and is dropped. Otherwise it would land on
//! what the first click just revealed: the calendar under a closed menu,
//! or outside the details window that the click on a selected activity
//! opened, closing it again.
//!
//! With config `mouse: false` the terminal keeps the mouse (capture is not
//! turned on, see [`super::run`]) and mouse events are ignored here too.

use ratatui::crossterm::event::{MouseButton, MouseEvent, MouseEventKind};

use super::action::Action;
use super::app::{App, View};
use super::dialogs;
use super::views::{self, Spot};

impl App {
    /// A mouse event: to the top dialog, or to the calendar.
    pub(crate) fn mouse_event(&mut self, event: MouseEvent) {
        if !self.mouse {
            return;
        }
        let at = (event.column, event.row);
        let last = self.last_click.take();
        let press = event.kind == MouseEventKind::Down(MouseButton::Left);
        if last == Some(at) {
            match event.kind {
                // The second click of a double click: already answered.
                MouseEventKind::Down(MouseButton::Left) => return,
                // A release or a report of the pointer where it was.
                MouseEventKind::Up(_) | MouseEventKind::Moved | MouseEventKind::Drag(_) => {
                    self.last_click = last;
                }
                _ => {}
            }
        }
        let before = (self.dialogs().count(), self.dialog_name());
        if self.has_dialog() {
            self.dialog_mouse(event);
        } else {
            self.calendar_mouse(event);
        }
        if press && (self.dialogs().count(), self.dialog_name()) != before {
            self.last_click = Some(at);
        }
    }

    /// Ends a possible double click: after a key, or half a second of quiet.
    pub fn forget_click(&mut self) {
        self.last_click = None;
    }

    /// A mouse event with no dialog open.
    fn calendar_mouse(&mut self, event: MouseEvent) {
        match event.kind {
            MouseEventKind::ScrollDown => self.update(Action::Down),
            MouseEventKind::ScrollUp => self.update(Action::Up),
            MouseEventKind::Down(MouseButton::Left) => {
                let spot = views::spot(self, self.screen(), event.column, event.row);
                if let Some(spot) = spot {
                    self.click(spot);
                }
            }
            _ => {}
        }
    }

    fn click(&mut self, spot: Spot) {
        self.status = None;
        match spot {
            Spot::Tab(view) => self.update(match view {
                View::Week => Action::ViewWeek,
                View::Month => Action::ViewMonth,
                View::Agenda => Action::ViewAgenda,
                View::Catalogue => Action::ViewCatalogue,
                View::Stats => Action::ViewStats,
            }),
            Spot::Pane => dialogs::details::Details::open(self),
            Spot::Problems => dialogs::problems::Problems::open(self),
            Spot::Entry(i) => {
                if i == self.catalogue_index {
                    dialogs::details::Details::open(self);
                } else {
                    self.catalogue_index = i;
                }
            }
            Spot::Day(date, item) => {
                let again = date == self.cursor && item == Some(self.selected);
                if again {
                    dialogs::details::Details::open(self);
                } else {
                    self.cursor = date;
                    self.selected = item.unwrap_or(0);
                }
            }
        }
        self.refresh();
    }
}
