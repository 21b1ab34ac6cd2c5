//! Pieces every dialog shares: a list that moves by actions ([`menu`]).

pub mod menu;
