//! The pure model: clashes, statutory holidays, the bundled sample's content.

mod clashes;
mod holidays;
mod lunar;
mod sample_data;
