//! Paged lists (`x-ms-pageable`): which slice a `$skipToken` selects, and the `nextLink` to
//! the slice after it.

use std::ops::Range;

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

use crate::error::ArmError;
use crate::query::query_values;

/// Query values are encoded except for RFC 3986's unreserved characters.
const QUERY_VALUE: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// One page of a list of `total` items.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Page {
    /// The indexes of the items on this page.
    pub(crate) items: Range<usize>,
    /// The `$skipToken` of the next page; `None` on the last.
    pub(crate) next: Option<usize>,
}

/// The page `query`'s `$skipToken` selects (the first page without one), `page_size` items
/// long. The token is the index of the page's first item; one that is not a number, is
/// repeated, or lies past the end is ARM's 400 `InvalidSkipToken`.
pub(crate) fn page(query: &str, total: usize, page_size: usize) -> Result<Page, ArmError> {
    let start = match query_values(query, "$skipToken").as_slice() {
        [] => 0,
        [token] => token
            .parse::<usize>()
            .ok()
            // 0 stays valid for an empty list, which is one (empty) page.
            .filter(|&start| start == 0 || start < total)
            .ok_or_else(ArmError::invalid_skip_token)?,
        _ => return Err(ArmError::invalid_skip_token()),
    };
    let end = start.saturating_add(page_size.max(1)).min(total);
    Ok(Page {
        items: start..end,
        next: (end < total).then_some(end),
    })
}

/// The `nextLink` for skip token `next`: `base` and the request's own (still encoded) path,
/// with the api-version the request used.
pub(crate) fn next_link(base: &str, raw_path: &str, api_version: &str, next: usize) -> String {
    format!(
        "{base}{raw_path}?api-version={}&$skipToken={next}",
        utf8_percent_encode(api_version, QUERY_VALUE)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items(query: &str, total: usize) -> Result<(Range<usize>, Option<usize>), String> {
        page(query, total, 2)
            .map(|p| (p.items, p.next))
            .map_err(|e| e.code().to_owned())
    }

    #[test]
    fn pages_cover_the_list_in_order() {
        assert_eq!(items("api-version=x", 5), Ok((0..2, Some(2))));
        assert_eq!(items("$skipToken=2", 5), Ok((2..4, Some(4))));
        assert_eq!(items("%24skiptoken=4", 5), Ok((4..5, None)));
        assert_eq!(items("", 0), Ok((0..0, None)));
        assert_eq!(items("$skipToken=0", 0), Ok((0..0, None)));
        assert_eq!(items("", 2), Ok((0..2, None)));
    }

    #[test]
    fn bad_tokens_are_rejected() {
        for query in [
            "$skipToken=5",
            "$skipToken=x",
            "$skipToken=-1",
            "$skipToken=",
            "$skipToken=1&$skipToken=2",
        ] {
            assert_eq!(
                items(query, 5),
                Err("InvalidSkipToken".to_owned()),
                "{query}"
            );
        }
    }

    #[test]
    fn next_links_keep_the_path_and_version() {
        assert_eq!(
            next_link("https://h:1", "/subscriptions/s/x%20y", "2024-01-01", 4),
            "https://h:1/subscriptions/s/x%20y?api-version=2024-01-01&$skipToken=4"
        );
    }
}
