//! The app: keys, screens at several sizes, edit forms, saving through the
//! workspace, faults while working; and the real binary in a terminal
//! (`e2e_pty`, `recovery_pty`, `hangup_tmux`), doing a staffer's daily work
//! (`staffer_pty`).

mod app_faults;
mod e2e_pty;
mod edit;
mod forms;
mod hangup_tmux;
mod header;
mod history;
mod holiday_views;
mod hostile_text;
mod keys;
mod keys_remapped;
mod lunar_views;
mod mouse;
mod other_sites;
mod pane;
mod print;
mod records;
mod recovery_pty;
mod save;
mod screens;
mod sizes;
mod staffer_pty;
mod stats;
mod status_line;
mod sync_pty;
