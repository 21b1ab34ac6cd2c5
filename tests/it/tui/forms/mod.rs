//! Forms give back every value the user did not change, exactly. (Their
//! helpers: `support::forms`.)
//!
//! [`untouched`]: the edit form of every entry (every screening date, moved
//! and skipped ones included, every film, every 乐淘淘 month, every lecture
//! and session, every event) of the bundled sample, of each site of the
//! network sample, of generated schedules and of hand-written oddities is
//! opened by keys, walked through field by field and item by item,
//! confirmed untouched and saved through the real workspace: the folder
//! stays byte for byte as it was.
//!
//! [`one_change`]: one field changed (a time, a title, a room, one list
//! item) changes exactly that value's text, in exactly one file.
//!
//! [`values`]: any text and any list items (separators, spaces, empty
//! items) survive a change of another field of their form.
//!
//! [`seats`]: seats above the room's capacity are flagged before they
//! are kept, as a clash is.
//!
//! [`drawing`]: a list field drawn one item a row, with its hint and the
//! real cursor at the caret's display column.

mod drawing;
mod one_change;
mod records;
mod seats;
mod untouched;
mod values;
