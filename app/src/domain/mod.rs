//! Pure domain rules: no I/O, compiled for the server and the browser, unit-tested alone.
pub mod articles;
pub mod attachments;
pub mod calendar;
pub mod consultation;
pub mod deadline;
pub mod doc_number;
pub mod near_duplicates;
pub mod policy;
pub mod rate_limit;
