//! stationcal: a terminal activity calendar for neighbourhood
//! Party-and-masses service stations (党群服务站).
//!
//! Layers, each knowing only the ones below it:
//! - [`model`]: the pure domain (schedule, recurrence, occurrences, validation);
//! - [`store`]: the schedule folder on disk (loading with positions, diagnostics);
//! - [`print`]: the week as HTML, text and iCalendar, the month sheet, the
//!   乐淘淘 flyer and the chat image's SVG (pure, on top of `model`);
//! - [`raster`]: the chat image's SVG drawn into a PNG with the machine's
//!   Chinese font (reads font files, so not in `print`);
//! - [`tui`]: the terminal application;
//! - [`commands`]: what each subcommand does, on top of the others.
//!
//! Below them all, [`textwidth`] measures text as a terminal shows it and
//! [`sanitize`] neutralises the schedule's text on every output.

pub mod cli;
pub mod commands;
pub mod config;
pub mod context;
pub mod i18n;
pub mod model;
pub mod paths;
pub mod print;
pub mod raster;
pub mod sanitize;
pub mod store;
pub mod textwidth;
pub mod tui;
