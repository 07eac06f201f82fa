//! End-to-end tests of the emulator over real HTTPS on 127.0.0.1, with reqwest as the client.

mod bodies;
mod catalog;
mod client;
mod common;
mod concurrency;
mod errors;
mod faults;
mod generic;
mod lro;
mod operations;
mod paging;
mod routing;
mod spec;
