//! Reading query strings the way ARM does: parameter names case-insensitively, values decoded.

use percent_encoding::percent_decode_str;

/// A query string component decoded as a form value (`+` is a space).
fn decode(s: &str) -> String {
    let spaced = s.replace('+', " ");
    percent_decode_str(&spaced).decode_utf8_lossy().into_owned()
}

/// Every `name=value` pair of `query`, decoded, in order.
pub(crate) fn query_pairs(query: &str) -> Vec<(String, String)> {
    query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            (decode(key), decode(value))
        })
        .collect()
}

/// The decoded values of query parameter `name`, whose name ARM matches case-insensitively.
pub(crate) fn query_values(query: &str, name: &str) -> Vec<String> {
    query_pairs(query)
        .into_iter()
        .filter_map(|(key, value)| key.eq_ignore_ascii_case(name).then_some(value))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_values_decode_and_ignore_name_case() {
        assert_eq!(
            query_values("a=1&API-Version=2024-01-01&b", "api-version"),
            ["2024-01-01"]
        );
        assert_eq!(
            query_values("api-version=x&api%2Dversion=y", "api-version"),
            ["x", "y"]
        );
        assert_eq!(query_values("%24skipToken=4", "$skipToken"), ["4"]);
        assert!(query_values("", "api-version").is_empty());
    }

    #[test]
    fn pairs_keep_order_and_decode() {
        assert_eq!(
            query_pairs("a=1&%24top=2+3&flag"),
            [
                ("a".to_owned(), "1".to_owned()),
                ("$top".to_owned(), "2 3".to_owned()),
                ("flag".to_owned(), String::new()),
            ]
        );
    }
}
