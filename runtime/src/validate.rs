//! Constraint checks run before anything is sent.
//!
//! Errors name the parameter or field path (with the spec's wire names, since
//! those are what the service documentation shows) and the constraint that
//! failed. They never contain the offending value: it may be a key.

use std::fmt;

use crate::pattern::LazyPattern;

/// A constraint from the spec that a value broke.
#[derive(Clone, Debug, PartialEq)]
pub enum Constraint {
    /// A required value is missing.
    Required,
    /// `minLength`: fewer characters than allowed.
    MinLength(u64),
    /// `maxLength`: more characters than allowed.
    MaxLength(u64),
    /// `pattern`: the value does not match the regular expression.
    Pattern(&'static str),
    /// `minimum` (and `exclusiveMinimum` when the flag is set).
    Minimum {
        /// The bound.
        bound: f64,
        /// Whether the bound itself is excluded.
        exclusive: bool,
    },
    /// `maximum` (and `exclusiveMaximum` when the flag is set).
    Maximum {
        /// The bound.
        bound: f64,
        /// Whether the bound itself is excluded.
        exclusive: bool,
    },
    /// `minItems`: fewer array items than allowed.
    MinItems(u64),
    /// `maxItems`: more array items than allowed.
    MaxItems(u64),
    /// `uniqueItems`: an array holds the same item twice.
    UniqueItems,
    /// `multipleOf`: the number divided by it is not a whole number.
    MultipleOf(f64),
    /// `minProperties`: a map with fewer entries than allowed.
    MinProperties(u64),
    /// `maxProperties`: a map with more entries than allowed.
    MaxProperties(u64),
    /// `enum`: the value is not one of the listed ones.
    Enum(&'static [&'static str]),
    /// A path parameter equal to `.` or `..`, or a multi-segment value with an
    /// empty, `.` or `..` segment: it would address another resource.
    PathSegment,
    /// An empty path parameter: `/a//b` is another URL than the template
    /// means, whether or not the spec sets `minLength`.
    EmptySegment,
    /// A value that could not be read as the declared type (dynamic calls).
    Type(String),
    /// Not the string format the spec declares (`format: date`, …).
    Format(crate::StringFormat),
}

impl fmt::Display for Constraint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Constraint::Required => write!(f, "is required (required)"),
            Constraint::MinLength(n) => write!(
                f,
                "must be at least {n} {} long (minLength: {n})",
                plural(*n, "character")
            ),
            Constraint::MaxLength(n) => write!(
                f,
                "must be at most {n} {} long (maxLength: {n})",
                plural(*n, "character")
            ),
            Constraint::Pattern(p) => write!(f, "must match the pattern `{p}` (pattern)"),
            Constraint::Minimum {
                bound,
                exclusive: false,
            } => write!(f, "must be at least {bound} (minimum: {bound})"),
            Constraint::Minimum {
                bound,
                exclusive: true,
            } => write!(
                f,
                "must be greater than {bound} (exclusiveMinimum: {bound})"
            ),
            Constraint::Maximum {
                bound,
                exclusive: false,
            } => write!(f, "must be at most {bound} (maximum: {bound})"),
            Constraint::Maximum {
                bound,
                exclusive: true,
            } => write!(f, "must be less than {bound} (exclusiveMaximum: {bound})"),
            Constraint::MinItems(n) => write!(
                f,
                "must have at least {n} {} (minItems: {n})",
                plural(*n, "item")
            ),
            Constraint::MaxItems(n) => write!(
                f,
                "must have at most {n} {} (maxItems: {n})",
                plural(*n, "item")
            ),
            Constraint::UniqueItems => write!(f, "must not repeat an item (uniqueItems)"),
            Constraint::MultipleOf(n) => write!(f, "must be a multiple of {n} (multipleOf: {n})"),
            Constraint::MinProperties(n) => write!(
                f,
                "must have at least {n} {} (minProperties: {n})",
                if *n == 1 { "entry" } else { "entries" }
            ),
            Constraint::MaxProperties(n) => write!(
                f,
                "must have at most {n} {} (maxProperties: {n})",
                if *n == 1 { "entry" } else { "entries" }
            ),
            Constraint::Enum(values) => write!(f, "must be one of {} (enum)", values.join(", ")),
            Constraint::PathSegment => write!(f, "must not be `.` or `..` (path segment)"),
            Constraint::EmptySegment => write!(f, "must not be empty (path segment)"),
            Constraint::Type(expected) => write!(f, "must be {expected} (type)"),
            Constraint::Format(format) => {
                write!(
                    f,
                    "must be {} (format: {})",
                    format.describe(),
                    format.name()
                )
            }
        }
    }
}

/// Whether `value / factor` is a whole number, allowing for the rounding
/// of binary floats (see [`Validator::multiple_of`]).
fn is_multiple(value: f64, factor: f64) -> bool {
    let quotient = value / factor;
    // `0.3 / 0.1` is 2.9999999999999996: the value, the factor and the
    // division are each rounded (relative error about 1e-16 each).
    let slack = quotient.abs() * 1e-15 + 1e-12;
    quotient.is_finite() && (quotient - quotient.round()).abs() <= slack
}

fn plural(n: u64, word: &str) -> String {
    if n == 1 {
        word.to_owned()
    } else {
        format!("{word}s")
    }
}

/// One broken constraint: where, and which.
#[derive(Clone, Debug, PartialEq)]
pub struct ValidationError {
    /// The parameter name or the field path, e.g. `namespaceName` or
    /// `regenerateKeyRequest.keyName`.
    pub target: String,
    /// The constraint that failed.
    pub constraint: Constraint,
}

impl ValidationError {
    /// Makes an error for `target`.
    pub fn new(target: impl Into<String>, constraint: Constraint) -> Self {
        Self {
            target: target.into(),
            constraint,
        }
    }
}

impl fmt::Display for ValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}` {}", self.target, self.constraint)
    }
}

impl std::error::Error for ValidationError {}

/// Every constraint a call broke, in the order they were checked.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ValidationErrors(pub Vec<ValidationError>);

impl ValidationErrors {
    /// Records one more broken constraint.
    pub fn push(&mut self, error: ValidationError) {
        self.0.push(error);
    }

    /// The broken constraints.
    pub fn errors(&self) -> &[ValidationError] {
        &self.0
    }

    /// `Ok(())` when nothing was recorded.
    pub fn into_result(self) -> Result<(), ValidationErrors> {
        if self.0.is_empty() { Ok(()) } else { Err(self) }
    }
}

impl fmt::Display for ValidationErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, error) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            write!(f, "{error}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ValidationErrors {}

/// Models that carry constraints check themselves with this trait. Every
/// generated model implements it; one whose schema constrains nothing, down
/// to its last member, keeps the default, which checks nothing.
pub trait Validate {
    /// Records every broken constraint below `path` (the wire path of `self`).
    /// The default records none.
    fn validate_at(&self, path: &str, validator: &mut Validator) {
        let _ = (path, validator);
    }

    /// Checks the whole value; `path` names it in errors (a parameter name).
    fn validate_as(&self, path: &str) -> Result<(), ValidationErrors> {
        let mut validator = Validator::default();
        self.validate_at(path, &mut validator);
        validator.finish()
    }
}

impl<T: Validate> Validate for Option<T> {
    fn validate_at(&self, path: &str, validator: &mut Validator) {
        if let Some(value) = self {
            value.validate_at(path, validator);
        }
    }
}

impl<T: Validate> Validate for Box<T> {
    fn validate_at(&self, path: &str, validator: &mut Validator) {
        (**self).validate_at(path, validator);
    }
}

impl<T: Validate> Validate for Vec<T> {
    fn validate_at(&self, path: &str, validator: &mut Validator) {
        for (i, item) in self.iter().enumerate() {
            item.validate_at(&format!("{path}[{i}]"), validator);
        }
    }
}

impl<T: Validate> Validate for std::collections::BTreeMap<String, T> {
    fn validate_at(&self, path: &str, validator: &mut Validator) {
        for (key, item) in self {
            item.validate_at(&format!("{path}.{key}"), validator);
        }
    }
}

// Scalars carry no constraints of their own (their parameters and fields
// do), but success types must be `Validate` for dynamic callers.
macro_rules! no_constraints {
    ($($ty:ty),*) => {
        $(impl Validate for $ty {})*
    };
}

no_constraints!(String, str, bool, i32, i64, f32, f64, char, super::Secret);
// Checked when made: a value of a format type is always valid.
no_constraints!(
    crate::Date,
    crate::DateTime,
    crate::DateTimeRfc1123,
    crate::Duration,
    crate::Uuid,
    crate::Base64,
    crate::Base64Url,
    crate::UnixTime
);

/// Collects broken constraints; the generated code calls one method per
/// constraint in the spec.
#[derive(Debug, Default)]
pub struct Validator {
    errors: ValidationErrors,
}

impl Validator {
    /// Records a broken constraint.
    pub fn fail(&mut self, target: &str, constraint: Constraint) {
        self.errors.push(ValidationError::new(target, constraint));
    }

    /// `minLength`, counted in characters as JSON Schema does.
    pub fn min_length(&mut self, target: &str, value: &str, min: u64) {
        if (value.chars().count() as u64) < min {
            self.fail(target, Constraint::MinLength(min));
        }
    }

    /// `maxLength`, counted in characters as JSON Schema does.
    pub fn max_length(&mut self, target: &str, value: &str, max: u64) {
        if value.chars().count() as u64 > max {
            self.fail(target, Constraint::MaxLength(max));
        }
    }

    /// `pattern`; the pattern is compiled once, on first use, by the
    /// generated static that holds it, and was checked to compile when the
    /// code was generated.
    pub fn pattern(&mut self, target: &str, value: &str, pattern: &LazyPattern) {
        if let Some(compiled) = pattern.get()
            && !compiled.is_match(value)
        {
            self.fail(target, Constraint::Pattern(pattern.source()));
        }
    }

    /// `minimum` / `exclusiveMinimum`.
    pub fn minimum(&mut self, target: &str, value: f64, bound: f64, exclusive: bool) {
        if value < bound || (exclusive && value == bound) {
            self.fail(target, Constraint::Minimum { bound, exclusive });
        }
    }

    /// `maximum` / `exclusiveMaximum`.
    pub fn maximum(&mut self, target: &str, value: f64, bound: f64, exclusive: bool) {
        if value > bound || (exclusive && value == bound) {
            self.fail(target, Constraint::Maximum { bound, exclusive });
        }
    }

    /// `multipleOf`: `value` divided by `factor` (greater than zero, as the
    /// generator checks) must be a whole number. The quotient may miss its
    /// rounding by what binary floats lose (about 1e-15 of it), so that
    /// decimal factors (`0.01`) accept the values they mean.
    pub fn multiple_of(&mut self, target: &str, value: f64, factor: f64) {
        if !is_multiple(value, factor) {
            self.fail(target, Constraint::MultipleOf(factor));
        }
    }

    /// `minProperties`, of a map.
    pub fn min_properties(&mut self, target: &str, len: usize, min: u64) {
        if (len as u64) < min {
            self.fail(target, Constraint::MinProperties(min));
        }
    }

    /// `maxProperties`, of a map.
    pub fn max_properties(&mut self, target: &str, len: usize, max: u64) {
        if len as u64 > max {
            self.fail(target, Constraint::MaxProperties(max));
        }
    }

    /// `minItems`.
    pub fn min_items(&mut self, target: &str, len: usize, min: u64) {
        if (len as u64) < min {
            self.fail(target, Constraint::MinItems(min));
        }
    }

    /// `maxItems`.
    pub fn max_items(&mut self, target: &str, len: usize, max: u64) {
        if len as u64 > max {
            self.fail(target, Constraint::MaxItems(max));
        }
    }

    /// `uniqueItems`.
    pub fn unique_items<T: PartialEq>(&mut self, target: &str, items: &[T]) {
        let repeated = items
            .iter()
            .enumerate()
            .any(|(i, a)| items[..i].contains(a));
        if repeated {
            self.fail(target, Constraint::UniqueItems);
        }
    }

    /// `enum` on a value kept as a string.
    pub fn one_of(&mut self, target: &str, value: &str, allowed: &'static [&'static str]) {
        if !allowed.contains(&value) {
            self.fail(target, Constraint::Enum(allowed));
        }
    }

    /// Checks that `value` is of the string `format`.
    pub fn format(&mut self, target: &str, value: &str, format: crate::StringFormat) {
        if format.check(value).is_err() {
            self.fail(target, Constraint::Format(format));
        }
    }

    /// Validates a nested model below `target`.
    pub fn nested<T: Validate + ?Sized>(&mut self, target: &str, value: &T) {
        value.validate_at(target, self);
    }

    /// `Ok(())` when every check passed.
    pub fn finish(self) -> Result<(), ValidationErrors> {
        self.errors.into_result()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pattern_is_compiled_once_and_a_failure_names_it() {
        static NAME: LazyPattern = LazyPattern::new(r"^[-\w\._\(\)]+$");
        // A pattern that no longer compiles is skipped, not a panic.
        static BROKEN: LazyPattern = LazyPattern::new("(");
        let mut v = Validator::default();
        v.pattern("resourceGroupName", "my-group_1.(x)", &NAME);
        v.pattern("other", "anything", &BROKEN);
        assert!(v.finish().is_ok());
        assert!(std::ptr::eq(NAME.get().unwrap(), NAME.get().unwrap()));
        let mut v = Validator::default();
        v.pattern("resourceGroupName", "a/b", &NAME);
        let errors = v.finish().unwrap_err();
        assert_eq!(
            errors.0,
            vec![ValidationError::new(
                "resourceGroupName",
                Constraint::Pattern(r"^[-\w\._\(\)]+$")
            )]
        );
        assert_eq!(format!("{NAME:?}"), r#"LazyPattern("^[-\\w\\._\\(\\)]+$")"#);
    }

    #[test]
    fn lengths_count_characters_not_bytes() {
        let mut v = Validator::default();
        v.max_length("name", "ééé", 3);
        v.min_length("name", "ééé", 3);
        assert!(v.finish().is_ok());
    }

    #[test]
    fn errors_name_target_and_constraint_without_value() {
        let mut v = Validator::default();
        v.min_length("namespaceName", "hunter", 7);
        let text = v.finish().unwrap_err().to_string();
        assert_eq!(
            text,
            "`namespaceName` must be at least 7 characters long (minLength: 7)"
        );
        assert!(!text.contains("hunter"));
    }

    #[test]
    fn multiple_of_accepts_whole_quotients_only() {
        let whole = [
            (30.0, 10.0),
            (0.0, 10.0),
            (-20.0, 10.0),
            (0.3, 0.1),
            (1.15, 0.05),
            (1e12, 10.0),
        ];
        for (value, factor) in whole {
            assert!(is_multiple(value, factor), "{value} / {factor}");
        }
        for (value, factor) in [(35.0, 10.0), (1.0, 3.0), (0.25, 0.1), (1e12 + 5.0, 10.0)] {
            assert!(!is_multiple(value, factor), "{value} / {factor}");
        }
        let mut v = Validator::default();
        v.multiple_of("value", 105.0, 10.0);
        assert_eq!(
            v.finish().unwrap_err().to_string(),
            "`value` must be a multiple of 10 (multipleOf: 10)"
        );
    }

    #[test]
    fn map_sizes_are_counted() {
        let mut v = Validator::default();
        v.min_properties("tags", 1, 1);
        v.max_properties("tags", 2, 2);
        assert!(v.finish().is_ok());
        let mut v = Validator::default();
        v.min_properties("tags", 0, 1);
        v.max_properties("labels", 3, 2);
        assert_eq!(
            v.finish().unwrap_err().to_string(),
            "`tags` must have at least 1 entry (minProperties: 1); `labels` must have at most 2 entries (maxProperties: 2)"
        );
    }

    #[test]
    fn numeric_bounds_respect_exclusivity() {
        let mut v = Validator::default();
        v.minimum("n", 1.0, 1.0, false);
        v.maximum("n", 5.0, 5.0, false);
        assert!(v.finish().is_ok());
        let mut v = Validator::default();
        v.minimum("n", 1.0, 1.0, true);
        v.maximum("n", 5.0, 5.0, true);
        assert_eq!(v.finish().unwrap_err().errors().len(), 2);
    }

    #[test]
    fn unique_items_detects_repeats() {
        let mut v = Validator::default();
        v.unique_items("tags", &["a", "b", "a"]);
        assert_eq!(
            v.finish().unwrap_err().errors()[0].constraint,
            Constraint::UniqueItems
        );
    }
}
