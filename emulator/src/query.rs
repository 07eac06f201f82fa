//! Reading query strings the way ARM does: parameter names case-insensitively, values decoded.

use percent_encoding::percent_decode_str;

/// The decoded values of query parameter `name`, whose name ARM matches case-insensitively.
pub(crate) fn query_values(query: &str, name: &str) -> Vec<String> {
    let decode = |s: &str| {
        let spaced = s.replace('+', " ");
        percent_decode_str(&spaced).decode_utf8_lossy().into_owned()
    };
    query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .filter_map(|pair| {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            decode(key)
                .eq_ignore_ascii_case(name)
                .then(|| decode(value))
        })
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
}
