//! Integration tests of the readers: real office files from `../shared/data` (skipped with a
//! message when that folder is absent), bad inputs, and a property test that no input panics.

mod bad_input;
mod common;
mod csv;
mod epo;
mod fuzz;
mod greenbook;
mod interchange;
mod jsonl;
mod reference;
mod st66_st96;
mod uspto_casefile;
mod uspto_patent;
mod uspto_patent_2001;
