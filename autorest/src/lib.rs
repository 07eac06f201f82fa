//! Bindings armgen generates at build time from the swaggers of the AutoRest
//! test server (npm `@microsoft.azure/autorest.testserver`, pinned in
//! `package-lock.json`), one module per swagger that armgen generates and
//! whose code compiles (`body_integer`, `paging`, `lro`, …).
//!
//! The tests in `tests/testserver/` start that server, drive these
//! modules' async clients through its scenarios, assert each result, stop the
//! server and print the coverage figures from the server's own reports.
//! [`SWAGGERS`] says what became of every swagger of the package: generated,
//! refused by armgen (with its located diagnostics), generated but left out
//! because the code does not compile yet, or out of scope.
//!
//! When the package is missing the crate holds no bindings
//! ([`TESTSERVER_MISSING`] says why) and the tests fail, unless
//! `ARMGEN_SKIP_AUTOREST=1`; see `build.rs` for how the package is found and
//! installed.

#![warn(missing_docs)]

/// What became of one swagger of the test server's package.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// armgen generated it and the bindings are a module of this crate.
    Generated,
    /// armgen refused it; the text is its located diagnostics.
    Refused(&'static str),
    /// armgen generated it, but the code is left out of the crate for this
    /// reason (it does not compile yet).
    Excluded(&'static str),
    /// Outside the scope of the conformance suite, for this reason.
    OutOfScope(&'static str),
}

/// One swagger of the test server's package (`swagger/<file>`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Swagger {
    /// The file name in the package's `swagger/` folder.
    pub file: &'static str,
    /// The module its bindings are generated as.
    pub module: &'static str,
    /// What became of it.
    pub outcome: Outcome,
}

include!(concat!(env!("OUT_DIR"), "/swaggers.rs"));

/// The generated modules, re-exported at the crate root. The one lint that
/// generated code of these unusual swaggers trips is allowed here, not in
/// the hand-written code: option fields of some parameters have no
/// description to document them with.
#[allow(missing_docs)]
mod generated {
    include!(concat!(env!("OUT_DIR"), "/bindings.rs"));
}

pub use generated::*;
