//! The files: loading with exact positions, saving by splicing, faults of
//! the disk and the folder, what the store refuses to trust, networks.

mod faults;
mod git_hostile;
pub mod git_sync;
mod ime_slips;
mod load_errors;
mod load_fuzz;
mod network;
mod records;
mod save;
mod trust;
mod windows_files;
