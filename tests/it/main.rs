//! Every integration test of stationcal, in one test crate (one binary to
//! build and link instead of one per file), grouped by the layer a test
//! drives:
//!
//! - [`model`]: the pure model (clashes, holidays, the sample's content);
//! - [`store`]: loading, saving, the folder's safety, networks of sites;
//! - [`print`]: the printed outputs, checked with real tools (Chromium,
//!   OCR, a QR decoder, Python's icalendar) where the machine has them;
//! - [`tui`]: the app driven by keys, its screens, forms, and the real
//!   binary in a terminal (PTY, tmux);
//! - [`cli`]: the binary's commands, exit codes and outputs;
//! - [`layers`] and [`text_width_props`]: the whole source and the text
//!   helpers every layer uses; [`layout`]: this crate's own layout (every
//!   file a module, every snapshot beside its module).
//!
//! Helpers shared by the tests live in [`support`], nowhere else.
//!
//! Run one part with a filter: `cargo test --test it store::` (or
//! `tui::forms::`, or one test's name). Snapshots (insta) sit in a
//! `snapshots/` folder beside each layer's modules, named after the module
//! path (`it__tui__screens__help_80x24.snap`).
//!
//! Every test here can share the process with the others: none changes the
//! working folder or the environment (children get their environment on
//! their `Command`), and the one test that installs a panic hook
//! (`tui::app_faults`) takes it down again and only writes into its own
//! temporary folder.

mod support;

mod cli;
mod docs_agree;
mod lang_en;
mod layers;
mod layout;
mod model;
mod print;
pub mod store;
mod strings_scan;
mod text_width_props;
mod tui;
