//! Masking credentials in what a service said, before it is displayed.
//!
//! Error bodies are the service's words, and a broken or hostile service can
//! quote a key, a connection string or the bearer token in them. Anything
//! shown from such a body (an error's `Display` and `Debug`) goes through
//! here first; the body as received stays reachable on purpose only.

use std::borrow::Cow;
use std::sync::LazyLock;

use regex::{Captures, Regex};
use serde_json::Value;

/// What replaces a credential.
pub(crate) const MASK: &str = "<redacted>";

/// How many characters of a service's text `Display` shows: enough for any
/// real error message, not a whole HTML page.
pub(crate) const DISPLAY_LIMIT: usize = 300;

/// `Bearer <token>`, in any letter case.
static BEARER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\b(bearer)\s+[A-Za-z0-9\-._~+/]+=*").expect("valid"));

/// The secret settings of connection strings and SAS URLs: `SharedAccessKey=`,
/// `AccountKey=`, `sig=`, `Password=`, up to the next separator.
static SETTING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)\b(SharedAccessKey|AccountKey|sig|password)=[^;&\s"'<>]+"#).expect("valid")
});

/// How the name of a member that holds a credential ends: `key`, `key1`,
/// `primaryKey`, `…ConnectionString`, `…Password`, `…Secret`, `…Token`,
/// `…Sas`, `…SasUri`, `…Signature` (in any letter case). These are the names
/// armgen's default `SecretPolicy` makes `Secret` fields of, so what a model
/// hides, an error body shows masked.
const SECRET_SUFFIX: &str =
    r"(?:key\d*|connectionstring|password|secret|token|sas(?:uri|url|key)?|signature)";

static SECRET_NAME: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"(?is)^.*{SECRET_SUFFIX}$")).expect("valid"));

/// A secret-named JSON member with a string value, up to the value's opening
/// quote (group 1), or the same with its quotes escaped (group 2), as when
/// JSON is quoted inside a JSON string. Members with other names are not
/// matched, so the search goes on inside their values.
static SECRET_MEMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r#"(?i)("[^"\\]{{0,100}}?{SECRET_SUFFIX}"\s*:\s*")(?:[^"\\]|\\.)*"|(\\"[^"\\]{{0,100}}?{SECRET_SUFFIX}\\"\s*:\s*\\")(?:[^"\\]|\\[^"])*\\""#
    ))
    .expect("valid")
});

/// A secret member's value shorter than this is not searched for elsewhere
/// in the text: masking every `true` or `1` would garble the message for no
/// gain, and real keys and tokens are longer.
const ECHO_MIN: usize = 8;

/// Whether a member called `name` holds a credential (see [`SECRET_SUFFIX`]).
pub(crate) fn is_secret_name(name: &str) -> bool {
    SECRET_NAME.is_match(name)
}

/// `text` with every credential it seems to hold replaced by [`MASK`]. The
/// value of a secret-named member is masked wherever else it appears too:
/// services quote the key they refused in their message (`"Shared key … is
/// not permitted"`).
pub(crate) fn redact_text(text: &str) -> Cow<'_, str> {
    let echoed: Vec<String> = SECRET_MEMBER
        .captures_iter(text)
        .filter_map(|member| {
            let whole = member.get(0)?.as_str();
            // The value lies between the captured start and the closing
            // quote, `"` or `\"`.
            let (start, quote) = match member.get(1) {
                Some(start) => (start.len(), 1),
                None => (member.get(2)?.len(), 2),
            };
            let value = whole.get(start..whole.len().checked_sub(quote)?)?;
            (value.len() >= ECHO_MIN).then(|| value.to_owned())
        })
        .collect();
    let mut text = Cow::Borrowed(text);
    for (pattern, replacement) in [
        (&*BEARER, format!("$1 {MASK}")),
        (&*SETTING, format!("$1={MASK}")),
    ] {
        if let Cow::Owned(masked) = pattern.replace_all(&text, replacement.as_str()) {
            text = Cow::Owned(masked);
        }
    }
    let masked = SECRET_MEMBER.replace_all(&text, |member: &Captures<'_>| match member.get(1) {
        Some(start) => format!(r#"{}{MASK}""#, start.as_str()),
        None => format!(r#"{}{MASK}\""#, &member[2]),
    });
    let mut text = match masked {
        Cow::Owned(masked) => Cow::Owned(masked),
        Cow::Borrowed(_) => text,
    };
    for value in &echoed {
        if text.contains(value.as_str()) {
            text = Cow::Owned(text.replace(value.as_str(), MASK));
        }
    }
    text
}

/// `value` with the value of every secret-named member replaced by [`MASK`],
/// also where another string quotes it, and every string passed through
/// [`redact_text`].
pub(crate) fn redact_json(value: &mut Value) {
    let mut echoed = Vec::new();
    secret_strings(value, false, &mut echoed);
    mask_json(value, &echoed);
}

/// The strings held by secret-named members of `value` (`secret`: `value`
/// is one), long enough to be searched for elsewhere.
fn secret_strings(value: &Value, secret: bool, out: &mut Vec<String>) {
    match value {
        Value::String(text) if secret && text.len() >= ECHO_MIN => out.push(text.clone()),
        Value::Array(items) => items.iter().for_each(|v| secret_strings(v, secret, out)),
        Value::Object(members) => {
            for (name, member) in members {
                secret_strings(member, secret || is_secret_name(name), out);
            }
        }
        _ => {}
    }
}

fn mask_json(value: &mut Value, echoed: &[String]) {
    match value {
        Value::String(text) => {
            if let Cow::Owned(masked) = redact_text(text) {
                *text = masked;
            }
            for secret in echoed {
                if text.contains(secret.as_str()) {
                    *text = text.replace(secret.as_str(), MASK);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|v| mask_json(v, echoed)),
        Value::Object(members) => {
            for (name, member) in members.iter_mut() {
                if is_secret_name(name) && !member.is_null() {
                    *member = Value::from(MASK);
                } else {
                    mask_json(member, echoed);
                }
            }
        }
        Value::Null | Value::Bool(_) | Value::Number(_) => {}
    }
}

/// The first [`DISPLAY_LIMIT`] characters of `text`, with `…` and the whole
/// length when there was more.
pub(crate) fn bounded(text: &str) -> Cow<'_, str> {
    match text.char_indices().nth(DISPLAY_LIMIT) {
        Some((end, _)) => Cow::Owned(format!("{}… ({} bytes in all)", &text[..end], text.len())),
        None => Cow::Borrowed(text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: &str = "c2VjcmV0LWtleS1tYXRlcmlhbA+/=";

    #[test]
    fn bearer_tokens_are_masked() {
        let text = format!("Authorization: Bearer {KEY} and bearer\teyJ0.eyJ1.c2ln");
        let masked = redact_text(&text);
        assert_eq!(
            masked,
            format!("Authorization: Bearer {MASK} and bearer {MASK}")
        );
    }

    #[test]
    fn connection_string_and_sas_secrets_are_masked() {
        let text = format!(
            "Endpoint=sb://n/;SharedAccessKeyName=rule;SharedAccessKey={KEY};x AccountKey={KEY} ?sv=1&sig={KEY}&se=2 Password={KEY}"
        );
        assert_eq!(
            redact_text(&text),
            format!(
                "Endpoint=sb://n/;SharedAccessKeyName=rule;SharedAccessKey={MASK};x AccountKey={MASK} ?sv=1&sig={MASK}&se=2 Password={MASK}"
            )
        );
    }

    #[test]
    fn secret_json_members_are_masked_in_text_plain_or_quoted() {
        let text = format!(r#"{{"keyName": "rule", "primaryKey": "{KEY}", "key2":"{KEY}"}}"#);
        assert_eq!(
            redact_text(&text),
            format!(r#"{{"keyName": "rule", "primaryKey": "{MASK}", "key2":"{MASK}"}}"#)
        );
        let quoted = format!(r#"{{"message": "{{\"accessToken\": \"{KEY}\"}}"}}"#);
        assert!(
            !redact_text(&quoted).contains(KEY),
            "{}",
            redact_text(&quoted)
        );
    }

    #[test]
    fn a_secret_member_quoted_elsewhere_is_masked_there_too() {
        // As the AutoRest test server's `ErrorWithSecrets` answers.
        let text = format!(
            r#"{{"error": {{"details": [{{"innererror": "Shared key {KEY} is not permitted access."}}], "token": "{KEY}"}}, "code": "on"}}"#
        );
        let masked = redact_text(&text);
        assert!(!masked.contains(KEY), "{masked}");
        assert!(
            masked.contains("Shared key <redacted> is not permitted"),
            "{masked}"
        );
        let mut value: Value = serde_json::from_str(&text).expect("JSON");
        redact_json(&mut value);
        assert!(!value.to_string().contains(KEY), "{value}");
        assert_eq!(
            value["error"]["details"][0]["innererror"],
            "Shared key <redacted> is not permitted access."
        );
        // Short values are not hunted down: `on` stays in `code`.
        let mut short = serde_json::json!({"key": "on", "code": "on"});
        redact_json(&mut short);
        assert_eq!(short["code"], "on");
    }

    #[test]
    fn text_without_credentials_is_left_alone() {
        let text = r#"The namespace "keyName" was not found; SharedAccessKeyName=rule."#;
        assert!(matches!(redact_text(text), Cow::Borrowed(_)));
    }

    #[test]
    fn secret_names() {
        for name in [
            "key",
            "key1",
            "primaryKey",
            "secondaryKey",
            "primaryConnectionString",
            "adminPassword",
            "clientSecret",
            "accessToken",
            "sasUri",
            "Signature",
        ] {
            assert!(is_secret_name(name), "{name}");
        }
        for name in ["keyName", "code", "message", "keyVaultUri", "tokenType"] {
            assert!(!is_secret_name(name), "{name}");
        }
    }

    #[test]
    fn json_values_are_masked_by_name_and_by_content() {
        let mut value = serde_json::json!({
            "error": {"message": format!("Bearer {KEY}"), "code": "X"},
            "info": [{"primaryKey": KEY, "key1": {"nested": KEY}, "keyName": "rule"}],
        });
        redact_json(&mut value);
        assert!(!value.to_string().contains(KEY), "{value}");
        assert_eq!(value["info"][0]["keyName"], "rule");
        assert_eq!(value["info"][0]["key1"], MASK);
        assert_eq!(value["error"]["code"], "X");
    }

    #[test]
    fn long_text_is_bounded_on_a_character_boundary() {
        let long = "é".repeat(DISPLAY_LIMIT + 10);
        let shown = bounded(&long);
        assert!(shown.starts_with(&"é".repeat(DISPLAY_LIMIT)));
        assert!(
            shown.ends_with(&format!("… ({} bytes in all)", long.len())),
            "{shown}"
        );
        assert!(matches!(bounded("short"), Cow::Borrowed("short")));
    }
}
