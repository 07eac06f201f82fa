//! Where a `null` (or an empty success body) is read as "no value".
//!
//! Swagger 2.0 has no `null` type; Azure specs mark the places a service may
//! send one with `x-nullable: true`. Many services send nulls their spec
//! does not declare, and AutoRest's Python, Go, Java and C# clients read
//! them anyway: their lists hold references and their results may be
//! null. armgen's types are strict by default (a `Vec<bool>` cannot hold
//! a `null`, so such a body is a decoding error naming where it failed);
//! a project whose service sends undeclared nulls says so once, and gets
//! `Option`s where the wire may hold them.

/// Where `null` is accepted: where the spec declares it, or everywhere the
/// spec does not forbid it. `nulls` in `armgen.yaml`, `--nulls` on the
/// command line.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Nulls {
    /// Only where the spec says `x-nullable: true` (the default). An
    /// undeclared `null` item or map value, or an empty body where a
    /// success body is declared, is a decoding error.
    #[default]
    Declared,
    /// Also where the spec says nothing (never where it says
    /// `x-nullable: false`): array items and map values are `Option`s
    /// (`Vec<Option<bool>>`), and a success body may be `null` or empty
    /// (`Ok(None)`), as in AutoRest's clients. Paged lists and long-running
    /// results keep their declared type: the pager and the poller need a
    /// body to go on.
    Tolerated,
}

impl Nulls {
    /// The setting named `name` (`declared` or `tolerated`), as written in
    /// `armgen.yaml` and on the command line.
    pub fn from_name(name: &str) -> Option<Nulls> {
        match name {
            "declared" => Some(Nulls::Declared),
            "tolerated" => Some(Nulls::Tolerated),
            _ => None,
        }
    }

    /// Whether a schema that says nothing about `x-nullable` may be null.
    pub(crate) fn by_default(self) -> bool {
        self == Nulls::Tolerated
    }
}
