//! The pure domain: what a station's schedule is, how its rules expand into
//! dated activities, and what makes a schedule inconsistent.
//!
//! Nothing here reads files, looks at the clock or knows about the terminal:
//! "today" and the date range are always passed in.

pub mod changes;
pub mod clash_report;
pub mod conflicts;
pub mod history;
pub mod holidays;
pub mod labels;
pub mod lunar;
pub mod merge;
pub mod network;
pub mod occurrence;
pub mod records;
pub mod recurrence;
pub mod report;
pub mod schedule;
pub mod validate;
pub mod values;

pub use holidays::{DayKind, HolidayMark, Holidays, OnHoliday};
pub use occurrence::{Detail, Occurrence, OccurrenceKey, Programme, Status};
pub use schedule::*;
pub use values::{Problem, SpeakerGroup};
