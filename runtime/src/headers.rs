//! Typed response headers: the `*Headers` struct armgen generates for an
//! operation whose success responses declare headers implements
//! [`ResponseHeaders`], which reads it from whatever holds the response.

use crate::{HttpResponse, ValidationErrors};

/// A generated `*Headers` struct: the headers an operation declares on its
/// success responses, typed. Read it from the response a client's method
/// returned with [`from_response`](Self::from_response) (with the `client`
/// feature), from a request function's [`HttpResponse`] with
/// [`from_http_response`](Self::from_http_response), or from any
/// `(name, value)` pairs with [`from_header_pairs`](Self::from_header_pairs).
///
/// ```ignore
/// use armgen_runtime::ResponseHeaders as _;
/// let response = client.things().get("name", None).await?;
/// let headers = things::GetHeaders::from_response(&response)?;
/// ```
pub trait ResponseHeaders: Sized {
    /// Reads the declared headers from `(name, value)` pairs, names in any
    /// case: one that is absent stays `None`; one whose value is not of its
    /// declared type is an error naming it.
    fn from_header_pairs<'h>(
        headers: impl IntoIterator<Item = (&'h str, &'h str)>,
    ) -> Result<Self, ValidationErrors>;

    /// Reads the declared headers of a request function's response.
    fn from_http_response(response: &HttpResponse) -> Result<Self, ValidationErrors> {
        Self::from_header_pairs(
            response
                .headers
                .iter()
                .map(|(name, value)| (name.as_str(), value.as_str())),
        )
    }

    /// Reads the declared headers of a response a client's method returned.
    #[cfg(feature = "client")]
    fn from_response<T, F>(
        response: &azure_core::http::Response<T, F>,
    ) -> Result<Self, ValidationErrors> {
        Self::from_header_pairs(
            response
                .headers()
                .iter()
                .map(|(name, value)| (name.as_str(), value.as_str())),
        )
    }
}
