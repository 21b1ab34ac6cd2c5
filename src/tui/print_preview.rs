//! `p`: the week as it will print (the text form), and from there the HTML
//! page for the notice board (opened in the browser), a text file for the
//! chat group, or an iCalendar file for phones.

use std::path::PathBuf;

use ratatui::crossterm::event::{KeyCode, KeyEvent};

use super::app::{App, Overlay};
use crate::i18n::Lang;
use crate::model::recurrence::DateRange;
use crate::print;

impl App {
    /// The printed form of the week on screen.
    /// In a network, the shown sites, grouped by site as `print` does.
    pub fn print_sheet(&self) -> print::WeekSheet {
        let range = DateRange::week_of(self.cursor);
        let Some(n) = &self.network else {
            return print::week_sheet(&self.schedule, range, self.today, self.lang);
        };
        let sites = n
            .sites
            .iter()
            .enumerate()
            .map(|(i, s)| crate::model::network::Site {
                name: s.name.clone(),
                folder: s.folder.clone(),
                short: s.short.clone(),
                loaded: s.loaded,
                // The active site's live schedule holds its unsaved edits.
                schedule: if i == n.active {
                    self.schedule.clone()
                } else {
                    s.schedule.clone()
                },
            })
            .collect();
        let network = crate::model::network::Network {
            name: n.name.clone(),
            sites,
        };
        print::network::network_sheet(&network, &n.shown, range, self.today, self.lang)
    }

    pub fn open_print_preview(&mut self) {
        self.overlay = Some(Overlay::Print { scroll: 0 });
    }

    pub(crate) fn print_key(&mut self, scroll: u16, key: &KeyEvent) {
        let keep = |app: &mut App, scroll| app.overlay = Some(Overlay::Print { scroll });
        match key.code {
            KeyCode::Esc | KeyCode::Char('q') => self.overlay = None,
            KeyCode::Down | KeyCode::Char('j') => keep(self, scroll.saturating_add(1)),
            KeyCode::Up | KeyCode::Char('k') => keep(self, scroll.saturating_sub(1)),
            KeyCode::Enter | KeyCode::Char('h') => {
                self.overlay = None;
                match print::write_html(&self.print_dir, &self.print_sheet()) {
                    Ok(path) => {
                        self.status = Some(match self.lang {
                            Lang::Zh => format!(
                                "已写入 {}，正在用浏览器打开（A4 横向打印）",
                                path.display()
                            ),
                            Lang::En => format!(
                                "wrote {}, opening it in the browser (print A4 landscape)",
                                path.display()
                            ),
                        });
                        self.open_request = Some(path);
                    }
                    Err(e) => self.status = Some(self.write_failed(&e)),
                }
            }
            KeyCode::Char('t') => {
                self.overlay = None;
                let sheet = self.print_sheet();
                let text = print::text::render(&sheet, None);
                self.write_print_file("txt", &text);
            }
            KeyCode::Char('i') => {
                self.overlay = None;
                let sheet = self.print_sheet();
                let ics = print::ics::render(&sheet, chrono::Utc::now());
                self.write_print_file("ics", &ics);
            }
            _ => keep(self, scroll),
        }
    }

    fn write_print_file(&mut self, ext: &str, contents: &str) {
        let sheet_name = print::file_name(DateRange::week_of(self.cursor), self.lang);
        let path: PathBuf = self.print_dir.join(sheet_name).with_extension(ext);
        match print::write_out(&path, contents) {
            Ok(p) => {
                self.status = Some(match self.lang {
                    Lang::Zh => format!("已写入 {}", p.display()),
                    Lang::En => format!("wrote {}", p.display()),
                });
            }
            Err(e) => self.status = Some(self.write_failed(&e)),
        }
    }

    fn write_failed(&self, e: &std::io::Error) -> String {
        match self.lang {
            Lang::Zh => format!("无法写入 {}：{e}", self.print_dir.display()),
            Lang::En => format!("cannot write to {}: {e}", self.print_dir.display()),
        }
    }
}
