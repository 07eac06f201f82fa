//! The endpoint of a spec with `x-ms-parameterized-host`: its host template
//! filled in with the parameters the client was made with.

use url::Url;

/// One piece of a host template, for [`parameterized_host`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HostPart<'a> {
    /// Literal text of the template.
    Literal(&'a str),
    /// A parameter marked `x-ms-skip-url-encoding`: placed as written, as it
    /// may hold a scheme, a host name and a port (`https://myvault`).
    Raw(&'a str),
    /// Any other parameter: percent-encoded, so that its value cannot change
    /// which host the template names.
    Encoded(&'a str),
}

/// Why a host template filled in is not an endpoint. The parameters' values
/// are not repeated: they are the caller's, who has them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InvalidHost {
    template: String,
    reason: String,
}

impl std::fmt::Display for InvalidHost {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "the host template `{}` filled in with the client's host parameters is not an https URL: {}",
            self.template, self.reason
        )
    }
}

impl std::error::Error for InvalidHost {}

/// The endpoint `template` names once its parameters are filled in:
/// `scheme_prefix` (the spec's `useSchemePrefix`) puts `https://` before it;
/// otherwise the template itself must start with `https://`.
///
/// ```
/// use armgen_runtime::{HostPart, parameterized_host};
/// let url = parameterized_host(
///     "{accountName}{host}",
///     true,
///     &[HostPart::Raw("myaccount"), HostPart::Raw(".example.net")],
/// )
/// .unwrap();
/// assert_eq!(url.as_str(), "https://myaccount.example.net/");
/// ```
pub fn parameterized_host(
    template: &str,
    scheme_prefix: bool,
    parts: &[HostPart<'_>],
) -> Result<Url, InvalidHost> {
    let mut text = String::from(if scheme_prefix { "https://" } else { "" });
    for part in parts {
        match part {
            HostPart::Literal(s) | HostPart::Raw(s) => text.push_str(s),
            HostPart::Encoded(s) => crate::http::encode_segment(s, &mut text),
        }
    }
    let invalid = |reason: String| InvalidHost {
        template: template.to_owned(),
        reason,
    };
    let url = Url::parse(&text).map_err(|e| invalid(e.to_string()))?;
    if url.scheme() != "https" {
        return Err(invalid(format!(
            "its scheme is `{}`; the clients speak https only",
            url.scheme()
        )));
    }
    if url.host().is_none() {
        return Err(invalid("it has no host".to_owned()));
    }
    Ok(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parameters_marked_raw_are_placed_as_written() {
        let url = parameterized_host(
            "{vault}{secret}{dnsSuffix}",
            false,
            &[
                HostPart::Raw("https://lo"),
                HostPart::Raw("cal"),
                HostPart::Raw("host:3000"),
            ],
        )
        .unwrap();
        assert_eq!(url.as_str(), "https://localhost:3000/");
    }

    #[test]
    fn other_parameters_are_percent_encoded() {
        // A `/` or `@` in the value cannot move the request to another host:
        // encoded, it stays inside the host name, which is then refused.
        let error = parameterized_host(
            "{account}.example.net",
            true,
            &[
                HostPart::Encoded("evil.test/x@"),
                HostPart::Literal(".example.net"),
            ],
        )
        .unwrap_err();
        assert!(error.to_string().contains("not an https URL"), "{error}");
        // In the path, the encoded value is one segment.
        let url = parameterized_host(
            "example.net/{tenant}",
            true,
            &[
                HostPart::Literal("example.net/"),
                HostPart::Encoded("a/b c"),
            ],
        )
        .unwrap();
        assert_eq!(url.as_str(), "https://example.net/a%2Fb%20c");
    }

    #[test]
    fn the_template_keeps_its_path() {
        let url = parameterized_host(
            "{endpoint}/api",
            true,
            &[HostPart::Raw("example.net"), HostPart::Literal("/api")],
        )
        .unwrap();
        assert_eq!(url.as_str(), "https://example.net/api");
    }

    #[test]
    fn plain_http_and_broken_urls_are_refused_without_the_values() {
        let error = parameterized_host("{vault}", false, &[HostPart::Raw("http://secret-name")])
            .unwrap_err();
        assert!(error.to_string().contains("scheme is `http`"), "{error}");
        assert!(!error.to_string().contains("secret-name"), "{error}");
        let error = parameterized_host("{vault}", true, &[HostPart::Raw("")]).unwrap_err();
        assert!(error.to_string().contains("`{vault}`"), "{error}");
    }
}
