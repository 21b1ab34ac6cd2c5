//! `a`: what to add. The programme is asked first, preselected from what
//! is selected; the chosen one's form opens.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::form::FormDialog;
use ratatui::crossterm::event::MouseEvent;

use super::{Pointer, centered, draw_options, frame, pointer, row_at};
use crate::i18n::Lang;
use crate::model::Programme;
use crate::model::recurrence::DateRange;
use crate::tr;
use crate::tui::action::Action;
use crate::tui::app::{App, CatalogueTab, View};
use crate::tui::dialog::{Dialog, Flow, Input};
use crate::tui::forms::FormKind;
use crate::tui::widgets::menu::Menu;

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

    pub fn label(self, lang: Lang) -> String {
        match self {
            AddChoice::ScreeningFilm => tr!(
                lang,
                "电影放映：为本周放映日选片",
                "Film screening: pick this week's film"
            ),
            AddChoice::Film => tr!(lang, "片单：新增影片", "Film list: add a film"),
            AddChoice::ServiceMonth => tr!(
                lang,
                "乐淘淘：本月主题、服务、联建单位",
                "Service day: this month's theme"
            ),
            AddChoice::Session => tr!(lang, "微党课：安排一场", "Lecture: schedule a session"),
            AddChoice::Lecture => tr!(
                lang,
                "微党课目录：新增课程",
                "Lecture catalogue: add a lecture"
            ),
            AddChoice::Event => tr!(lang, "其他活动：新增", "Other activity: add"),
        }
    }
}

#[derive(Debug)]
pub struct AddMenu {
    pub menu: Menu,
}

impl AddMenu {
    pub fn open(app: &mut App) {
        if app.read_only_refusal() {
            return;
        }
        let preselect = match (
            app.view,
            app.catalogue_tab,
            app.selected_occurrence().map(|o| o.programme),
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
        app.open(AddMenu {
            menu: Menu::new(AddChoice::ALL.len(), selected),
        });
    }
}

/// Opens the form for `choice`, or says why it cannot be added here.
fn choose(app: &mut App, choice: AddChoice) {
    let kind = match choice {
        AddChoice::ScreeningFilm => {
            let week = app.week();
            let date = app
                .schedule
                .screenings
                .as_ref()
                .and_then(|s| week.days().find(|d| s.segment_on(*d).is_some()));
            let Some(date) = date else {
                app.status = Some(tr!(
                    app.lang,
                    "这一周没有放映日",
                    "no screening date this week"
                ));
                return;
            };
            FormKind::Screening { date }
        }
        AddChoice::Film => FormKind::Film { index: None },
        AddChoice::ServiceMonth => FormKind::ServiceMonth {
            month: DateRange::month_of(app.cursor).first,
        },
        AddChoice::Session => FormKind::Session { index: None },
        AddChoice::Lecture => FormKind::Lecture { index: None },
        AddChoice::Event => FormKind::Event { index: None },
    };
    FormDialog::open(app, kind);
}

impl Dialog for AddMenu {
    fn handle(&mut self, app: &mut App, input: Input<'_>) -> Flow {
        if input.closes() {
            return Flow::Close;
        }
        if let Some(i) = input.digit().filter(|i| *i < AddChoice::ALL.len()) {
            choose(app, AddChoice::ALL[i]);
            return Flow::Close;
        }
        if input.action == Some(Action::Confirm) {
            choose(app, AddChoice::ALL[self.menu.selected()]);
            return Flow::Close;
        }
        self.menu.step(input.action);
        Flow::Keep
    }

    fn mouse(&mut self, app: &mut App, event: &MouseEvent, area: Rect) -> Flow {
        let inner = super::inner(area);
        match pointer(event, area) {
            Pointer::Click { x, y } => match row_at(inner, inner.y, AddChoice::ALL.len(), x, y) {
                Some(i) => {
                    choose(app, AddChoice::ALL[i]);
                    Flow::Close
                }
                None => Flow::Keep,
            },
            Pointer::ClickOutside => Flow::Close,
            Pointer::Wheel(a) => {
                self.menu.step(Some(a));
                Flow::Keep
            }
            Pointer::Other => Flow::Keep,
        }
    }

    fn area(&self, _app: &App, screen: Rect) -> Rect {
        centered(screen, 52, AddChoice::ALL.len() as u16 + 3)
    }

    fn render(&self, app: &App, area: Rect, buf: &mut Buffer) {
        let lang = app.lang;
        let title = tr!(
            lang,
            "新增什么？({} 选择  {} 取消)",
            "Add what? ({} chooses, {} cancels)",
            app.keymap.label(Action::Confirm),
            app.keymap.label(Action::Cancel)
        );
        let inner = frame(buf, area, &title);
        let options: Vec<String> = AddChoice::ALL
            .iter()
            .enumerate()
            .map(|(i, c)| format!("{} {}", i + 1, c.label(lang)))
            .collect();
        draw_options(buf, inner, inner.y, &options, self.menu.selected());
    }

    crate::dialog_any!();
}
