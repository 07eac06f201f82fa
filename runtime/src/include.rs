//! Macros for the crate that holds generated bindings: including what its
//! build script generated, and leaving out the async clients when the
//! `client` feature is off.

/// Includes the bindings that `armgen::Config::compile` wrote to `OUT_DIR`
/// in the build script, as `tonic::include_proto!` does for gRPC.
///
/// With no argument it includes `OUT_DIR/armgen/mod.rs`, the default; with a
/// string, the folder of that name below `OUT_DIR` (for a build script that
/// called `Config::out_subdir`).
///
/// ```ignore
/// // src/lib.rs
/// armgen_runtime::include_bindings!();
/// // now `crate::myprovider::clients::MyProviderClient` and the rest exist.
/// ```
#[macro_export]
macro_rules! include_bindings {
    () => {
        include!(concat!(env!("OUT_DIR"), "/armgen/mod.rs"));
    };
    ($dir:literal) => {
        include!(concat!(env!("OUT_DIR"), "/", $dir, "/mod.rs"));
    };
}

/// Expands to the items it is given when this crate's `client` feature is
/// on, and to nothing otherwise: generated `clients` modules are wrapped in
/// it, so bindings still compile against a runtime built without
/// `azure_core`.
#[cfg(feature = "client")]
#[doc(hidden)]
#[macro_export]
macro_rules! __armgen_client_only {
    ($($item:item)*) => { $($item)* };
}

/// Expands to the items it is given when this crate's `client` feature is
/// on, and to nothing otherwise.
#[cfg(not(feature = "client"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __armgen_client_only {
    ($($item:item)*) => {};
}

#[doc(inline)]
pub use crate::__armgen_client_only as client_only;
