//! The app: keys, screens at several sizes, edit forms, saving through the
//! workspace, faults while working; and the real binary in a terminal
//! (`e2e_pty`, `recovery_pty`, `hangup_tmux`).

mod app_faults;
mod e2e_pty;
mod edit;
mod forms;
mod hangup_tmux;
mod holiday_views;
mod hostile_text;
mod keys;
mod keys_remapped;
mod mouse;
mod print;
mod recovery_pty;
mod save;
mod screens;
mod sizes;
mod status_line;
