//! Alignment: does each Chinese line really translate the English line beside it?
//!
//! `numbers` normalises the numbers both sides mention so they can be compared as multisets.

pub mod numbers;
