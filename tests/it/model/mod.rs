//! The pure model: clashes, statutory holidays, the bundled sample's content.

mod clashes;
mod holidays;
mod lunar;
mod records;
mod sample_data;
