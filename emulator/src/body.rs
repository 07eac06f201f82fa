//! Request bodies: decoded and validated with the generated models, exactly as the clients
//! encode and check them, so that client and emulator agree on what a valid body is.
//!
//! Errors name the offending field by its wire path (`location`, `sku.name`) but never repeat
//! the value sent: a body may carry a key.

use arm_bindings::runtime::{Validate, ValidationErrors};
use hyper::StatusCode;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::error::ArmError;

/// Decodes the JSON body of `content_type` into model `T` and checks the spec's constraints.
/// `parameter` is the spec's name of the body parameter, the target of whole-body errors.
pub(crate) fn decode<T: DeserializeOwned + Validate>(
    content_type: Option<&str>,
    body: &[u8],
    parameter: &str,
) -> Result<T, ArmError> {
    if body.is_empty() {
        return Err(
            ArmError::invalid_request_content("the request body is required.")
                .with_target(parameter),
        );
    }
    if let Some(content_type) = content_type {
        let media_type = content_type.split(';').next().unwrap_or("").trim();
        if !media_type.eq_ignore_ascii_case("application/json") {
            return Err(ArmError::unsupported_media_type(media_type));
        }
    }
    // Syntax first: serde_json's syntax errors give a position, never a value.
    let json: Value = serde_json::from_slice(body)
        .map_err(|e| ArmError::invalid_request_content(format!("{e}.")).with_target(parameter))?;
    let model: T = serde_path_to_error::deserialize(&json).map_err(|e| {
        let (target, problem) = describe(&e.path().to_string(), &e.inner().to_string());
        // A problem with the whole body is the body parameter's.
        let target = if target == "." { parameter } else { &target };
        field_error(target, &problem)
    })?;
    model
        .validate_as(parameter)
        .map_err(|errors| constraint_errors(&errors, parameter))?;
    Ok(model)
}

/// One field's error, in the shape ARM uses: the whole-request code, naming the field, with
/// the field-level error nested in `details`.
fn field_error(target: &str, problem: &str) -> ArmError {
    let reason = format!("`{target}` {problem}.");
    let detail = ArmError::new(StatusCode::BAD_REQUEST, "InvalidRequestProperty", &reason)
        .with_target(target);
    ArmError::invalid_request_content(reason)
        .with_target(target)
        .with_detail(detail)
}

/// Every broken constraint, targets made relative to the body like decoding errors' are.
fn constraint_errors(errors: &ValidationErrors, parameter: &str) -> ArmError {
    let relative = |target: &str| -> String {
        target
            .strip_prefix(parameter)
            .and_then(|rest| rest.strip_prefix('.'))
            .unwrap_or(target)
            .to_owned()
    };
    let described: Vec<(String, String)> = errors
        .errors()
        .iter()
        .map(|e| (relative(&e.target), e.constraint.to_string()))
        .collect();
    let reason = described
        .iter()
        .map(|(target, problem)| format!("`{target}` {problem}"))
        .collect::<Vec<_>>()
        .join("; ");
    let mut error = ArmError::invalid_request_content(format!("{reason}."));
    if let Some((target, _)) = described.first() {
        error = error.with_target(target);
    }
    for (target, problem) in &described {
        let detail = ArmError::new(
            StatusCode::BAD_REQUEST,
            "InvalidRequestProperty",
            format!("`{target}` {problem}."),
        )
        .with_target(target);
        error = error.with_detail(detail);
    }
    error
}

/// Turns serde's error at `path` (`.` for the root) into the field it is about and what is
/// wrong with it, dropping any value serde quoted.
fn describe(path: &str, message: &str) -> (String, String) {
    let at = |field: &str| -> String {
        match path {
            "." | "" => field.to_owned(),
            _ => format!("{path}.{field}"),
        }
    };
    let here = if path.is_empty() { "." } else { path }.to_owned();
    if let Some(field) = quoted_name(message, "missing field `") {
        return (at(field), "is required (required)".to_owned());
    }
    if let Some(field) = quoted_name(message, "unknown field `") {
        return (at(field), "is not a property of this model".to_owned());
    }
    if let Some(field) = quoted_name(message, "duplicate field `") {
        return (at(field), "appears more than once".to_owned());
    }
    let expected = expected_part(message);
    let problem = if let Some(rest) = message.strip_prefix("invalid type: ") {
        let found = value_kind(rest);
        match expected {
            Some(expected) => format!("must be {expected}, not {found}"),
            None => format!("must not be {found}"),
        }
    } else if message.starts_with("unknown variant ") {
        match expected {
            Some(expected) => format!("has a value not allowed here: expected {expected}"),
            None => "has a value not allowed here".to_owned(),
        }
    } else if message.starts_with("invalid value: ") || message.starts_with("invalid length ") {
        match expected {
            Some(expected) => format!("is invalid: expected {expected}"),
            None => "is invalid".to_owned(),
        }
    } else {
        // A message of unknown shape may quote the value: say only that it is wrong.
        "is invalid".to_owned()
    };
    (here, problem)
}

/// The name in `` prefix`name` ... `` at the start of `message`.
fn quoted_name<'m>(message: &'m str, prefix: &str) -> Option<&'m str> {
    message.strip_prefix(prefix)?.split('`').next()
}

/// What serde says it expected: the text after the last `, expected `. It describes a type or
/// the spec's allowed values, never the value sent.
fn expected_part(message: &str) -> Option<&str> {
    message
        .rsplit_once(", expected ")
        .map(|(_, expected)| expected.trim())
        .filter(|expected| !expected.is_empty())
}

/// The kind of value in serde's `unexpected` text (`string "abc"` → `a string`), without it.
fn value_kind(unexpected: &str) -> &'static str {
    let kind = unexpected
        .split([',', '`', '"'])
        .next()
        .unwrap_or("")
        .trim();
    match kind {
        "string" | "character" => "a string",
        "integer" | "floating point" => "a number",
        "boolean" => "a boolean",
        "null" | "unit value" | "unit" => "null",
        "sequence" => "an array",
        "map" => "an object",
        _ => "a value of another type",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use arm_bindings::eventgrid::models::PartnerNamespaceRegenerateKeyRequest;
    use arm_bindings::relay::models::RelayNamespace;

    fn error_of<T: DeserializeOwned + Validate + std::fmt::Debug>(body: &str) -> serde_json::Value {
        let error = decode::<T>(Some("application/json"), body.as_bytes(), "parameters")
            .expect_err("invalid body");
        error.into_body()["error"].clone()
    }

    #[test]
    fn decodes_valid_bodies_ignoring_read_only_members() {
        let ns: RelayNamespace = decode(
            None,
            br#"{"location":"westus","id":"x","properties":{"provisioningState":"Succeeded"}}"#,
            "parameters",
        )
        .unwrap();
        assert_eq!(ns.location, "westus");
    }

    #[test]
    fn missing_fields_are_named_with_their_path() {
        let error = error_of::<RelayNamespace>(r#"{"tags":{}}"#);
        assert_eq!(error["code"], "InvalidRequestContent");
        assert_eq!(error["target"], "location");
        assert!(error["message"].as_str().unwrap().contains("`location`"));
        let error = error_of::<RelayNamespace>(r#"{"location":"w","sku":{"tier":"Standard"}}"#);
        assert_eq!(error["target"], "sku.name");
        assert_eq!(error["details"][0]["target"], "sku.name");
    }

    #[test]
    fn wrong_types_name_the_field_but_not_the_value() {
        let error = error_of::<RelayNamespace>(
            r#"{"location":"w","tags":{"a":"secret-value-1"},"sku":"secret-value-2"}"#,
        );
        let shown = error.to_string();
        assert_eq!(error["target"], "sku", "{shown}");
        assert!(!shown.contains("secret-value"), "{shown}");
        let error = error_of::<PartnerNamespaceRegenerateKeyRequest>(r#"{"keyName":12345}"#);
        assert_eq!(error["target"], "keyName");
        assert!(!error.to_string().contains("12345"));
        assert!(
            error["message"]
                .as_str()
                .unwrap()
                .contains("must be a string")
        );
    }

    #[test]
    fn syntax_errors_and_empty_bodies_name_the_parameter() {
        let error = error_of::<RelayNamespace>("{\"location\": ");
        assert_eq!(error["target"], "parameters");
        let error = decode::<RelayNamespace>(None, b"", "parameters").unwrap_err();
        assert_eq!(error.code(), "InvalidRequestContent");
        let error = decode::<RelayNamespace>(Some("text/plain"), b"{}", "parameters").unwrap_err();
        assert_eq!(error.code(), "UnsupportedMediaType");
    }

    #[test]
    fn serde_messages_are_reduced_to_safe_descriptions() {
        assert_eq!(
            describe(".", "invalid type: string \"hunter2\", expected a sequence"),
            (
                ".".to_owned(),
                "must be a sequence, not a string".to_owned()
            )
        );
        assert_eq!(
            describe(
                "rights[0]",
                "unknown variant `hunter2`, expected one of `Manage`, `Send`"
            ),
            (
                "rights[0]".to_owned(),
                "has a value not allowed here: expected one of `Manage`, `Send`".to_owned()
            )
        );
        assert_eq!(
            describe("a", "something about hunter2"),
            ("a".to_owned(), "is invalid".to_owned())
        );
    }
}
