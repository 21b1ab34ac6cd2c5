//! The mouse on the calendar (dialogs take their own: see
//! [`super::dialog::Dialog::mouse`]). A click on a day selects it, on an
//! activity selects that; a second click on what is selected opens its
//! details (a double click is two clicks). A click on a view's tab switches
//! to it, on the detail pane opens the details, on the problems count opens
//! the problems. The wheel moves as the up and down keys do. Where a click
//! lands is decided by the same layout the screen is drawn with.

use ratatui::crossterm::event::{MouseButton, MouseEvent, MouseEventKind};

use super::action::Action;
use super::app::{App, View};
use super::dialogs;
use super::views::{self, Spot};

impl App {
    /// A mouse event with no dialog open.
    pub(crate) fn calendar_mouse(&mut self, event: MouseEvent) {
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
