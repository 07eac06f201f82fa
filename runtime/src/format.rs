//! String formats (`format: date`, `date-time`, `uuid`, `byte`, …) as types
//! that keep the exact text of the wire and reject what is not that format.
//!
//! Each text type is a `String` checked once, when it is made: decoding a
//! response ([`serde::Deserialize`]), [`std::str::FromStr`] / `parse`, or
//! `TryFrom<String>`. The text itself is what is kept and sent back, so a
//! value read and written again is byte-for-byte what the service sent (ARM
//! examples use seven fractional digits and `+00:00` offsets, which a
//! parsed date-time would rewrite). Equality is equality of the text;
//! convert (e.g. [`DateTime::unix_timestamp_nanos`]) to compare instants.
//!
//! The checks are lenient where Azure services are sloppy and the Azure
//! SDKs accept it (a date-time without an offset, lowercase `t` and `z`,
//! any number of fractional digits, RFC 1123 names in any case, base64
//! without padding), and strict where the value is not the format at all.
//! Dates and date-times, as written, must lie in the years 0001 to 9999, the
//! range the Azure SDKs represent (.NET's `DateTime`, Python's `datetime`):
//! a five-digit year overflows, year 0000 underflows. The offset may carry
//! the instant past either end (`9999-12-31T23:59:59.999-14:00` is
//! 10000-01-01T13:59:59.999Z): such a value is accepted, as the AutoRest
//! test server's max/min scenarios expect and the Go, Java and JavaScript
//! generators' suites assert.
//!
//! None of this is generic: the checks are plain functions, and each type's
//! serde implementation is the one a `String` field would have had.

use std::fmt;
use std::str::FromStr;

/// A value that is not the format it was declared with. It names the
/// format and what is wrong, never the value (it could be anything the
/// service or a caller sent).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FormatError {
    format: StringFormat,
    reason: &'static str,
}

impl FormatError {
    fn new(format: StringFormat, reason: &'static str) -> Self {
        Self { format, reason }
    }

    /// The format the value was checked against.
    pub fn format(&self) -> StringFormat {
        self.format
    }

    /// What is wrong with the value, e.g. `the month must be 01 to 12`.
    pub fn reason(&self) -> &'static str {
        self.reason
    }
}

impl fmt::Display for FormatError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "not {} (format: {}): {}",
            self.format.describe(),
            self.format.name(),
            self.reason
        )
    }
}

impl std::error::Error for FormatError {}

/// The string formats armgen checks: what a spec's `format` names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum StringFormat {
    /// `date`: `2024-01-31`.
    Date,
    /// `date-time`: RFC 3339, `2024-01-31T12:00:00.1234567Z`.
    DateTime,
    /// `date-time-rfc1123`: `Wed, 31 Jan 2024 12:00:00 GMT`.
    DateTimeRfc1123,
    /// `duration`: ISO 8601, `P1DT2H30M`.
    Duration,
    /// `uuid`: `6dcc7237-45fe-45c4-8a6b-3a8a3f625652`.
    Uuid,
    /// `byte`: base64 (RFC 4648 §4).
    Base64,
    /// `base64url`: base64 with the URL alphabet (RFC 4648 §5).
    Base64Url,
    /// `char`: exactly one character.
    Char,
}

impl StringFormat {
    /// The name the spec uses (`date-time-rfc1123`).
    pub fn name(self) -> &'static str {
        match self {
            StringFormat::Date => "date",
            StringFormat::DateTime => "date-time",
            StringFormat::DateTimeRfc1123 => "date-time-rfc1123",
            StringFormat::Duration => "duration",
            StringFormat::Uuid => "uuid",
            StringFormat::Base64 => "byte",
            StringFormat::Base64Url => "base64url",
            StringFormat::Char => "char",
        }
    }

    /// What a value of the format is, for messages (`RFC 3339 date-time`).
    pub fn describe(self) -> &'static str {
        match self {
            StringFormat::Date => "a date",
            StringFormat::DateTime => "an RFC 3339 date-time",
            StringFormat::DateTimeRfc1123 => "an RFC 1123 date-time",
            StringFormat::Duration => "an ISO 8601 duration",
            StringFormat::Uuid => "a UUID",
            StringFormat::Base64 => "base64 text",
            StringFormat::Base64Url => "base64url text",
            StringFormat::Char => "a single character",
        }
    }

    /// Checks `text` against the format.
    pub fn check(self, text: &str) -> Result<(), FormatError> {
        let result = match self {
            StringFormat::Date => date(text).map(drop),
            StringFormat::DateTime => date_time(text).map(drop),
            StringFormat::DateTimeRfc1123 => rfc1123(text).map(drop),
            StringFormat::Duration => duration(text),
            StringFormat::Uuid => uuid(text),
            StringFormat::Base64 => base64_len(text, false).map(drop),
            StringFormat::Base64Url => base64_len(text, true).map(drop),
            StringFormat::Char => {
                let mut chars = text.chars();
                match (chars.next(), chars.next()) {
                    (Some(_), None) => Ok(()),
                    _ => Err("it must be exactly one character"),
                }
            }
        };
        result.map_err(|reason| FormatError::new(self, reason))
    }
}

/// `not a date (format: date)` when `message` (a decoding error's) starts
/// with a [`FormatError`]'s words: the part that names the format, fixed
/// text that never holds the value.
pub(crate) fn named_in(message: &str) -> Option<String> {
    const ALL: [StringFormat; 8] = [
        StringFormat::Date,
        StringFormat::DateTime,
        StringFormat::DateTimeRfc1123,
        StringFormat::Duration,
        StringFormat::Uuid,
        StringFormat::Base64,
        StringFormat::Base64Url,
        StringFormat::Char,
    ];
    ALL.iter()
        .map(|f| format!("not {} (format: {})", f.describe(), f.name()))
        .find(|words| message.starts_with(words.as_str()))
}

macro_rules! text_format {
    ($(#[$doc:meta])* $name:ident, $format:expr) => {
        $(#[$doc])*
        #[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(String);

        impl $name {
            /// Checks `text` and keeps it as it is.
            pub fn parse(text: &str) -> Result<Self, FormatError> {
                $format.check(text)?;
                Ok(Self(text.to_owned()))
            }

            /// The text, exactly as received or given.
            pub fn as_str(&self) -> &str {
                &self.0
            }

            /// The text, exactly as received or given.
            pub fn into_string(self) -> String {
                self.0
            }
        }

        impl FromStr for $name {
            type Err = FormatError;
            fn from_str(text: &str) -> Result<Self, FormatError> {
                Self::parse(text)
            }
        }

        impl TryFrom<String> for $name {
            type Error = FormatError;
            fn try_from(text: String) -> Result<Self, FormatError> {
                $format.check(&text)?;
                Ok(Self(text))
            }
        }

        impl TryFrom<&str> for $name {
            type Error = FormatError;
            fn try_from(text: &str) -> Result<Self, FormatError> {
                Self::parse(text)
            }
        }

        impl From<$name> for String {
            fn from(value: $name) -> String {
                value.0
            }
        }

        /// The text, so that a value reads as the `&str` it is.
        impl std::ops::Deref for $name {
            type Target = str;
            fn deref(&self) -> &str {
                &self.0
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                fmt::Debug::fmt(&self.0, f)
            }
        }

        impl PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                self.0 == other
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.0 == *other
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(&self.0)
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let text = String::deserialize(deserializer)?;
                Self::try_from(text).map_err(serde::de::Error::custom)
            }
        }
    };
}

text_format!(
    /// `format: date`: a calendar date, `YYYY-MM-DD`, year 0001 to 9999.
    Date,
    StringFormat::Date
);
text_format!(
    /// `format: date-time`: an RFC 3339 date-time, kept as sent (any number
    /// of fractional digits, `Z` or an offset as written). Lenient as the
    /// Azure SDKs are: lowercase `t`/`z`, no offset (read as UTC).
    DateTime,
    StringFormat::DateTime
);
text_format!(
    /// `format: date-time-rfc1123`: `Fri, 31 Dec 9999 23:59:59 GMT` (names in
    /// any case, a one- or two-digit day).
    DateTimeRfc1123,
    StringFormat::DateTimeRfc1123
);
text_format!(
    /// `format: duration`: an ISO 8601 duration, `P3Y6M4DT12H30M5S`,
    /// `PT0.5S`, `P2W`, optionally negative (`-P1D`).
    Duration,
    StringFormat::Duration
);
text_format!(
    /// `format: uuid`: `6dcc7237-45fe-45c4-8a6b-3a8a3f625652`, hex digits in
    /// either case.
    Uuid,
    StringFormat::Uuid
);
text_format!(
    /// `format: byte`: base64 text (standard alphabet; padding optional).
    /// [`Base64::to_bytes`] decodes it, [`Base64::from_bytes`] encodes.
    Base64,
    StringFormat::Base64
);
text_format!(
    /// `format: base64url`: base64 with the URL-safe alphabet (padding
    /// optional, none written). [`Base64Url::to_bytes`] decodes it.
    Base64Url,
    StringFormat::Base64Url
);

impl Date {
    /// The year, month (1 to 12) and day (1 to 31).
    pub fn ymd(&self) -> (i32, u8, u8) {
        // Checked when made.
        date(&self.0).unwrap_or((1, 1, 1))
    }
}

impl DateTime {
    /// The instant as nanoseconds since 1970-01-01T00:00:00Z (a missing
    /// offset is UTC; fractional digits past the ninth are dropped).
    pub fn unix_timestamp_nanos(&self) -> i128 {
        date_time(&self.0).map(|p| p.unix_nanos()).unwrap_or(0)
    }

    /// The date-time of an instant given in nanoseconds since the Unix
    /// epoch, written as RFC 3339 in UTC with the fractional digits it needs
    /// (`2024-01-31T12:00:00Z`, `…00.5Z`). `None` outside the years 0001 to
    /// 9999.
    pub fn from_unix_timestamp_nanos(nanos: i128) -> Option<Self> {
        let secs = nanos.div_euclid(1_000_000_000);
        let frac = nanos.rem_euclid(1_000_000_000) as u32;
        let days = i64::try_from(secs.div_euclid(86_400)).ok()?;
        let rest = secs.rem_euclid(86_400) as u32;
        let (y, m, d) = civil_from_days(days);
        if !(1..=9999).contains(&y) {
            return None;
        }
        let mut text = format!(
            "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}",
            rest / 3600,
            rest / 60 % 60,
            rest % 60
        );
        if frac != 0 {
            let digits = format!("{frac:09}");
            text.push('.');
            text.push_str(digits.trim_end_matches('0'));
        }
        text.push('Z');
        Some(Self(text))
    }
}

#[cfg(feature = "client")]
impl DateTime {
    /// The instant as `azure_core`'s `OffsetDateTime` (in UTC).
    pub fn to_offset_date_time(&self) -> Option<azure_core::time::OffsetDateTime> {
        azure_core::time::OffsetDateTime::from_unix_timestamp_nanos(self.unix_timestamp_nanos())
            .ok()
    }
}

#[cfg(feature = "client")]
impl From<azure_core::time::OffsetDateTime> for DateTime {
    /// RFC 3339 in UTC. `OffsetDateTime` spans the years -9999 to 9999; a
    /// year before 0001 is written as 0001-01-01T00:00:00Z.
    fn from(value: azure_core::time::OffsetDateTime) -> Self {
        DateTime::from_unix_timestamp_nanos(value.unix_timestamp_nanos())
            .unwrap_or_else(|| DateTime("0001-01-01T00:00:00Z".to_owned()))
    }
}

impl DateTimeRfc1123 {
    /// The instant as seconds since 1970-01-01T00:00:00Z.
    pub fn unix_timestamp(&self) -> i64 {
        rfc1123(&self.0).unwrap_or(0)
    }
}

impl Uuid {
    /// The 16 bytes, in the order the text writes them.
    pub fn to_bytes(&self) -> [u8; 16] {
        let mut out = [0u8; 16];
        let hex = self.0.bytes().filter(|b| *b != b'-').map(hex_value);
        for (i, v) in hex.enumerate() {
            out[i / 2] |= v << if i % 2 == 0 { 4 } else { 0 };
        }
        out
    }
}

#[cfg(feature = "client")]
impl From<azure_core::Uuid> for Uuid {
    fn from(value: azure_core::Uuid) -> Self {
        Uuid(value.hyphenated().to_string())
    }
}

#[cfg(feature = "client")]
impl From<&Uuid> for azure_core::Uuid {
    fn from(value: &Uuid) -> Self {
        azure_core::Uuid::from_bytes(value.to_bytes())
    }
}

impl Base64 {
    /// Encodes `bytes` (standard alphabet, padded).
    pub fn from_bytes(bytes: &[u8]) -> Self {
        Self(encode(bytes, STANDARD, true))
    }

    /// The decoded bytes.
    pub fn to_bytes(&self) -> Vec<u8> {
        decode(&self.0)
    }
}

impl Base64Url {
    /// Encodes `bytes` (URL-safe alphabet, unpadded).
    pub fn from_bytes(bytes: &[u8]) -> Self {
        Self(encode(bytes, URL_SAFE, false))
    }

    /// The decoded bytes.
    pub fn to_bytes(&self) -> Vec<u8> {
        decode(&self.0)
    }
}

/// `type: integer, format: unixtime`: seconds since 1970-01-01T00:00:00Z,
/// a JSON number on the wire (any `i64`: the number round-trips exactly).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct UnixTime(pub i64);

impl UnixTime {
    /// The seconds since the epoch.
    pub fn seconds(self) -> i64 {
        self.0
    }
}

impl fmt::Display for UnixTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

impl FromStr for UnixTime {
    type Err = std::num::ParseIntError;
    /// The decimal seconds, as in a header.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        text.parse().map(UnixTime)
    }
}

impl From<i64> for UnixTime {
    fn from(seconds: i64) -> Self {
        UnixTime(seconds)
    }
}

#[cfg(feature = "client")]
impl UnixTime {
    /// The instant as `azure_core`'s `OffsetDateTime` (in UTC); `None` out
    /// of its range.
    pub fn to_offset_date_time(self) -> Option<azure_core::time::OffsetDateTime> {
        azure_core::time::OffsetDateTime::from_unix_timestamp(self.0).ok()
    }
}

impl serde::Serialize for UnixTime {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_i64(self.0)
    }
}

impl<'de> serde::Deserialize<'de> for UnixTime {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        i64::deserialize(deserializer).map(UnixTime)
    }
}

// ---- the checks ----

type Check<T> = Result<T, &'static str>;

/// Two to four ASCII digits at `text[at..at + n]`.
fn digits(text: &[u8], at: usize, n: usize) -> Option<u32> {
    let part = text.get(at..at + n)?;
    part.iter().try_fold(0u32, |acc, b| {
        b.is_ascii_digit().then(|| acc * 10 + u32::from(b - b'0'))
    })
}

fn is_leap(year: i32) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn check_ymd(year: u32, month: u32, day: u32) -> Check<(i32, u8, u8)> {
    if year == 0 {
        return Err("the year must be 0001 to 9999");
    }
    if !(1..=12).contains(&month) {
        return Err("the month must be 01 to 12");
    }
    let (year, month) = (year as i32, month as u8);
    if day == 0 || day > u32::from(days_in_month(year, month)) {
        return Err("the day does not exist in that month");
    }
    Ok((year, month, day as u8))
}

/// `YYYY-MM-DD`.
fn date(text: &str) -> Check<(i32, u8, u8)> {
    let b = text.as_bytes();
    let year_len = b.iter().take_while(|c| c.is_ascii_digit()).count();
    if year_len > 4 {
        return Err("the year must be 0001 to 9999");
    }
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return Err("expected YYYY-MM-DD");
    }
    let (Some(y), Some(m), Some(d)) = (digits(b, 0, 4), digits(b, 5, 2), digits(b, 8, 2)) else {
        return Err("expected YYYY-MM-DD");
    };
    check_ymd(y, m, d)
}

/// Days from 1970-01-01 to a date of the proleptic Gregorian calendar
/// (Howard Hinnant's `days_from_civil`).
fn days_from_civil(y: i32, m: u8, d: u8) -> i64 {
    let y = i64::from(y) - i64::from(m <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The inverse of [`days_from_civil`].
fn civil_from_days(days: i64) -> (i64, u8, u8) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

struct DateTimeParts {
    /// Seconds since the epoch of the instant (in UTC).
    seconds: i64,
    /// The first nine fractional digits, as nanoseconds.
    nanos: u32,
}

impl DateTimeParts {
    fn unix_nanos(&self) -> i128 {
        i128::from(self.seconds) * 1_000_000_000 + i128::from(self.nanos)
    }
}

/// `hh:mm:ss` at `at`: seconds into the day.
fn time_of_day(b: &[u8], at: usize) -> Check<i64> {
    let bad = "expected hh:mm:ss";
    if b.get(at + 2) != Some(&b':') || b.get(at + 5) != Some(&b':') {
        return Err(bad);
    }
    let (Some(h), Some(m), Some(s)) =
        (digits(b, at, 2), digits(b, at + 3, 2), digits(b, at + 6, 2))
    else {
        return Err(bad);
    };
    if h > 23 || m > 59 || s > 59 {
        return Err("the time of day must be 00:00:00 to 23:59:59");
    }
    Ok(i64::from(h * 3600 + m * 60 + s))
}

/// RFC 3339 `YYYY-MM-DDThh:mm:ss[.f…][Z|±hh:mm]`.
fn date_time(text: &str) -> Check<DateTimeParts> {
    let b = text.as_bytes();
    let (date_part, rest) = match text.find(['T', 't']) {
        Some(at) => (&text[..at], &b[at + 1..]),
        None => return Err("expected a date, `T` and a time"),
    };
    let (y, m, d) = date(date_part)?;
    let mut seconds = days_from_civil(y, m, d) * 86_400 + time_of_day(rest, 0)?;
    let mut at = 8;
    let mut nanos = 0u32;
    if rest.get(at) == Some(&b'.') {
        let count = rest[at + 1..]
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .count();
        if count == 0 {
            return Err("expected digits after the decimal point");
        }
        for (i, c) in rest[at + 1..at + 1 + count].iter().take(9).enumerate() {
            nanos += u32::from(c - b'0') * 10u32.pow(8 - i as u32);
        }
        at += 1 + count;
    }
    match &rest[at..] {
        [] | [b'Z' | b'z'] => {}
        [sign @ (b'+' | b'-'), ..] => {
            let off = &rest[at + 1..];
            let (Some(h), Some(mm), 5) = (digits(off, 0, 2), digits(off, 3, 2), off.len()) else {
                return Err("expected the offset as ±hh:mm");
            };
            if off[2] != b':' || h > 23 || mm > 59 {
                return Err("expected the offset as ±hh:mm");
            }
            let offset = i64::from(h * 3600 + mm * 60);
            seconds -= if *sign == b'+' { offset } else { -offset };
        }
        _ => return Err("expected `Z` or an offset ±hh:mm after the time"),
    }
    Ok(DateTimeParts { seconds, nanos })
}

const DAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// RFC 1123 `Ddd, DD Mon YYYY hh:mm:ss GMT`: seconds since the epoch.
fn rfc1123(text: &str) -> Check<i64> {
    let bad = "expected `Ddd, DD Mon YYYY hh:mm:ss GMT`";
    let mut parts = text.split(' ');
    let (Some(weekday), Some(day), Some(month), Some(year), Some(time), Some(zone), None) = (
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
    ) else {
        return Err(bad);
    };
    let named = |name: &str, names: &[&str]| {
        names
            .iter()
            .position(|n| n.eq_ignore_ascii_case(name))
            .map(|i| i as u32 + 1)
    };
    let weekday = weekday.strip_suffix(',').ok_or(bad)?;
    named(weekday, &DAYS).ok_or("the day of the week must be Mon to Sun")?;
    if !(zone.eq_ignore_ascii_case("GMT") || zone.eq_ignore_ascii_case("UTC")) {
        return Err("the time zone must be GMT");
    }
    let number = |s: &str, max_len: usize| {
        (!s.is_empty() && s.len() <= max_len && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse::<u32>().ok())
            .flatten()
    };
    let day = number(day, 2).ok_or(bad)?;
    let month = named(month, &MONTHS).ok_or("the month must be Jan to Dec")?;
    if year.len() != 4 {
        return Err("the year must be 0001 to 9999");
    }
    let year = number(year, 4).ok_or(bad)?;
    let (y, m, d) = check_ymd(year, month, day)?;
    if time.len() != 8 {
        return Err("expected hh:mm:ss");
    }
    Ok(days_from_civil(y, m, d) * 86_400 + time_of_day(time.as_bytes(), 0)?)
}

/// ISO 8601 `[-]PnYnMnWnDTnHnMnS`, each part optional but at least one, a
/// decimal fraction allowed.
fn duration(text: &str) -> Check<()> {
    let bad =
        "expected `P`, then numbers each followed by Y, M, W or D, and after `T` by H, M or S";
    let rest = text.strip_prefix('-').unwrap_or(text);
    let rest = rest.strip_prefix(['P', 'p']).ok_or(bad)?;
    let (date_part, time_part) = match rest.find(['T', 't']) {
        Some(at) => (&rest[..at], Some(&rest[at + 1..])),
        None => (rest, None),
    };
    let parts = |s: &str, units: &[u8]| -> Check<usize> {
        let b = s.as_bytes();
        let (mut at, mut count, mut next_unit) = (0, 0, 0);
        while at < b.len() {
            let start = at;
            while at < b.len() && (b[at].is_ascii_digit() || b[at] == b'.' || b[at] == b',') {
                at += 1;
            }
            let number = &s[start..at];
            let digits = number.bytes().filter(u8::is_ascii_digit).count();
            if digits == 0 || number.len() - digits > 1 || !b[start].is_ascii_digit() {
                return Err(bad);
            }
            let unit = b.get(at).map(u8::to_ascii_uppercase).ok_or(bad)?;
            let i = units[next_unit..]
                .iter()
                .position(|u| *u == unit)
                .ok_or(bad)?;
            next_unit += i + 1;
            at += 1;
            count += 1;
        }
        Ok(count)
    };
    let mut count = parts(date_part, b"YMWD")?;
    if let Some(time_part) = time_part {
        let in_time = parts(time_part, b"HMS")?;
        if in_time == 0 {
            return Err("expected at least one number after `T`");
        }
        count += in_time;
    }
    if count == 0 {
        return Err("expected at least one number after `P`");
    }
    Ok(())
}

fn uuid(text: &str) -> Check<()> {
    let b = text.as_bytes();
    let ok = b.len() == 36
        && b.iter().enumerate().all(|(i, c)| match i {
            8 | 13 | 18 | 23 => *c == b'-',
            _ => c.is_ascii_hexdigit(),
        });
    if ok {
        Ok(())
    } else {
        Err("expected 32 hex digits grouped 8-4-4-4-12")
    }
}

fn hex_value(b: u8) -> u8 {
    match b {
        b'0'..=b'9' => b - b'0',
        b'a'..=b'f' => b - b'a' + 10,
        _ => b.wrapping_sub(b'A').wrapping_add(10) & 0x0f,
    }
}

const STANDARD: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const URL_SAFE: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// The value of a base64 character of either alphabet.
fn sextet(c: u8) -> Option<u8> {
    match c {
        b'A'..=b'Z' => Some(c - b'A'),
        b'a'..=b'z' => Some(c - b'a' + 26),
        b'0'..=b'9' => Some(c - b'0' + 52),
        b'+' | b'-' => Some(62),
        b'/' | b'_' => Some(63),
        _ => None,
    }
}

/// Checks base64 text of one alphabet; the number of data characters.
fn base64_len(text: &str, url: bool) -> Check<usize> {
    let data = text.trim_end_matches('=');
    let padding = text.len() - data.len();
    let alphabet_ok = data.bytes().all(|c| match c {
        b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' => true,
        b'+' | b'/' => !url,
        b'-' | b'_' => url,
        _ => false,
    });
    if !alphabet_ok {
        return Err(if url {
            "only A-Z, a-z, 0-9, `-`, `_` and trailing `=` may appear"
        } else {
            "only A-Z, a-z, 0-9, `+`, `/` and trailing `=` may appear"
        });
    }
    if data.len() % 4 == 1 || padding > 2 || (padding > 0 && !text.len().is_multiple_of(4)) {
        return Err("the length does not match whole bytes");
    }
    Ok(data.len())
}

fn decode(text: &str) -> Vec<u8> {
    let data = text.trim_end_matches('=').as_bytes();
    let mut out = Vec::with_capacity(data.len() * 3 / 4);
    for chunk in data.chunks(4) {
        let v: Vec<u32> = chunk
            .iter()
            .map(|c| u32::from(sextet(*c).unwrap_or(0)))
            .collect();
        let n = v.iter().fold(0u32, |acc, s| acc << 6 | s) << (6 * (4 - v.len()));
        let bytes = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
        out.extend_from_slice(&bytes[..v.len().saturating_sub(1)]);
    }
    out
}

fn encode(bytes: &[u8], alphabet: &[u8; 64], pad: bool) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n =
            chunk.iter().fold(0u32, |acc, b| acc << 8 | u32::from(*b)) << (8 * (3 - chunk.len()));
        for i in 0..=chunk.len() {
            out.push(char::from(alphabet[(n >> (18 - 6 * i) & 63) as usize]));
        }
        if pad {
            for _ in chunk.len()..3 {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 9999-12-31T23:59:59Z in seconds since the epoch: the last second the
    /// Azure SDKs represent.
    fn max_seconds() -> i64 {
        days_from_civil(9999, 12, 31) * 86_400 + 86_399
    }

    fn ok(format: StringFormat, text: &str) {
        assert_eq!(format.check(text), Ok(()), "{text}");
    }

    fn bad(format: StringFormat, text: &str) -> String {
        match format.check(text) {
            Ok(()) => panic!("{text} accepted as {}", format.name()),
            Err(e) => e.to_string(),
        }
    }

    #[test]
    fn dates_in_range_are_accepted_and_kept() {
        for text in ["9999-12-31", "0001-01-01", "2024-02-29", "2000-02-29"] {
            ok(StringFormat::Date, text);
            assert_eq!(Date::parse(text).unwrap().as_str(), text);
        }
        assert_eq!(Date::parse("2024-02-29").unwrap().ymd(), (2024, 2, 29));
    }

    #[test]
    fn dates_that_are_not_dates_are_refused_with_the_format_named() {
        let message = bad(StringFormat::Date, "201O-18-90");
        assert_eq!(message, "not a date (format: date): expected YYYY-MM-DD");
        assert!(bad(StringFormat::Date, "10000000000-12-31").contains("0001 to 9999"));
        assert!(bad(StringFormat::Date, "0000-00-00").contains("0001 to 9999"));
        assert!(bad(StringFormat::Date, "2023-02-29").contains("day"));
        assert!(bad(StringFormat::Date, "1900-02-29").contains("day"));
        assert!(bad(StringFormat::Date, "2023-13-01").contains("month"));
        bad(StringFormat::Date, "date");
        bad(StringFormat::Date, "2023-1-01");
        bad(StringFormat::Date, "");
    }

    #[test]
    fn date_times_as_azure_sends_them_are_accepted() {
        for text in [
            "2017-06-30T13:21:46.1234567Z",
            "2017-06-30T13:21:46.1234567+00:00",
            "2000-12-01t00:00:01z",
            "1980-01-02T00:11:35+01:00",
            "1492-10-12T10:15:01-08:00",
            "0001-01-01T00:00:00",
            "0001-01-01T00:00:00+14:00",
            "9999-12-31T23:59:59.9999999Z",
            "9999-12-31T09:59:59.999+14:00",
            "9999-12-31T23:59:59.999-14:00",
        ] {
            ok(StringFormat::DateTime, text);
        }
    }

    #[test]
    fn date_times_out_of_range_or_malformed_are_refused() {
        assert!(bad(StringFormat::DateTime, "10000-01-01T00:00:00Z").contains("0001 to 9999"));
        assert!(
            bad(StringFormat::DateTime, "0000-00-00T00:00:00.000+00:00").contains("0001 to 9999")
        );
        for text in [
            "201O-18-90D00:89:56.9AX",
            "date-time",
            "2000-01-01T24:00:00Z",
            "2000-01-01T00:60:00Z",
            "2000-01-01T00:00:00.Z",
            "2000-01-01T00:00:00+0100",
            "2000-01-01T00:00:00ZZ",
            "2000-01-01T00:00Z",
            "2000-01-01",
        ] {
            bad(StringFormat::DateTime, text);
        }
    }

    #[test]
    fn date_times_convert_to_instants_and_back() {
        let dt = DateTime::parse("1970-01-01T01:00:00.5+01:00").unwrap();
        assert_eq!(dt.unix_timestamp_nanos(), 500_000_000);
        let dt = DateTime::parse("2000-02-29T12:34:56.1234567891Z").unwrap();
        let back = DateTime::from_unix_timestamp_nanos(dt.unix_timestamp_nanos()).unwrap();
        assert_eq!(back.as_str(), "2000-02-29T12:34:56.123456789Z");
        assert_eq!(
            DateTime::from_unix_timestamp_nanos(0).unwrap().as_str(),
            "1970-01-01T00:00:00Z"
        );
        assert_eq!(
            DateTime::from_unix_timestamp_nanos(-1).unwrap().as_str(),
            "1969-12-31T23:59:59.999999999Z"
        );
        assert!(
            DateTime::from_unix_timestamp_nanos(i128::from(max_seconds() + 1) * 1_000_000_000)
                .is_none()
        );
    }

    #[cfg(feature = "client")]
    #[test]
    fn date_times_convert_to_offset_date_time() {
        let dt = DateTime::parse("2024-01-31T12:00:00.25-02:00").unwrap();
        let odt = dt.to_offset_date_time().unwrap();
        assert_eq!(odt.unix_timestamp(), 1_706_709_600);
        assert_eq!(DateTime::from(odt).as_str(), "2024-01-31T14:00:00.25Z");
        assert_eq!(
            UnixTime(1_706_709_600)
                .to_offset_date_time()
                .unwrap()
                .unix_timestamp(),
            1_706_709_600
        );
    }

    #[test]
    fn rfc1123_in_any_case_and_out_of_range() {
        for text in [
            "Fri, 31 Dec 9999 23:59:59 GMT",
            "fri, 31 dec 9999 23:59:59 gmt",
            "FRI, 31 DEC 9999 23:59:59 GMT",
            "Mon, 01 Jan 0001 00:00:00 GMT",
            "Mon, 1 Jan 2024 00:00:00 GMT",
        ] {
            ok(StringFormat::DateTimeRfc1123, text);
        }
        bad(
            StringFormat::DateTimeRfc1123,
            "Tue, 01 Dec 2000 00:00:0A ABC",
        );
        assert!(
            bad(
                StringFormat::DateTimeRfc1123,
                "Sat, 1 Jan 10000 00:00:00 GMT"
            )
            .contains("9999")
        );
        bad(
            StringFormat::DateTimeRfc1123,
            "Tue, 00 Jan 0000 00:00:00 GMT",
        );
        bad(StringFormat::DateTimeRfc1123, "Fri, 31 Dec 9999 23:59:59");
        let value = DateTimeRfc1123::parse("Thu, 01 Jan 1970 00:01:00 GMT").unwrap();
        assert_eq!(value.unix_timestamp(), 60);
    }

    #[test]
    fn durations() {
        for text in [
            "P3Y6M4DT12H30M5S",
            "P123DT22H14M12.011S",
            "PT0.5S",
            "P2W",
            "-P1D",
            "PT1H",
            "P0D",
            "PT0,5S",
        ] {
            ok(StringFormat::Duration, text);
        }
        for text in [
            "123ABC", "P", "PT", "P1H", "PT1D", "P1M1Y", "P1.2.3D", "P.5D", "1D", "",
        ] {
            bad(StringFormat::Duration, text);
        }
    }

    #[test]
    fn uuids_and_chars() {
        ok(StringFormat::Uuid, "6dcc7237-45fe-45c4-8a6b-3a8a3f625652");
        ok(StringFormat::Uuid, "6DCC7237-45FE-45C4-8A6B-3A8A3F625652");
        bad(StringFormat::Uuid, "foo");
        bad(StringFormat::Uuid, "6dcc723745fe45c48a6b3a8a3f625652");
        let uuid = Uuid::parse("000102ff-0000-0000-0000-00000000000a").unwrap();
        assert_eq!(&uuid.to_bytes()[..4], &[0, 1, 2, 255]);
        assert_eq!(uuid.to_bytes()[15], 10);
        ok(StringFormat::Char, "x");
        ok(StringFormat::Char, "é");
        bad(StringFormat::Char, "");
        bad(StringFormat::Char, "xy");
    }

    #[test]
    fn base64_round_trips_bytes_and_refuses_other_text() {
        let bytes: Vec<u8> = (246..=255).rev().collect();
        let text = Base64::from_bytes(&bytes);
        assert_eq!(text.as_str(), "//79/Pv6+fj39g==");
        assert_eq!(text.to_bytes(), bytes);
        assert_eq!(Base64::parse("//79/Pv6+fj39g").unwrap().to_bytes(), bytes);
        assert_eq!(Base64::parse("").unwrap().to_bytes(), Vec::<u8>::new());
        assert!(bad(StringFormat::Base64, "::::SWAGGER::::").contains("only A-Z"));
        bad(StringFormat::Base64, "abcde");
        bad(StringFormat::Base64, "ab=c");
        bad(StringFormat::Base64, "-_-_");
        let url = Base64Url::from_bytes(b"a string that gets encoded with base64url");
        assert_eq!(
            url.as_str(),
            "YSBzdHJpbmcgdGhhdCBnZXRzIGVuY29kZWQgd2l0aCBiYXNlNjR1cmw"
        );
        assert_eq!(url.to_bytes(), b"a string that gets encoded with base64url");
        bad(StringFormat::Base64Url, "//79");
        for n in 0..8 {
            let bytes: Vec<u8> = (0..n).map(|i| i * 37 + 1).collect();
            assert_eq!(Base64::from_bytes(&bytes).to_bytes(), bytes);
            assert_eq!(Base64Url::from_bytes(&bytes).to_bytes(), bytes);
        }
    }

    #[test]
    fn serde_keeps_the_text_and_refuses_invalid_values() {
        let text = "\"2017-06-30T13:21:46.1234567+00:00\"";
        let dt: DateTime = serde_json::from_str(text).unwrap();
        assert_eq!(serde_json::to_string(&dt).unwrap(), text);
        let error = serde_json::from_str::<Vec<Date>>("[\"2011-03-22\", \"date\"]").unwrap_err();
        assert!(
            error.to_string().contains("not a date (format: date)"),
            "{error}"
        );
        let time: UnixTime = serde_json::from_str("1460505600").unwrap();
        assert_eq!(time, UnixTime(1_460_505_600));
        assert_eq!(serde_json::to_string(&time).unwrap(), "1460505600");
        assert_eq!(format!("{dt:?}"), "\"2017-06-30T13:21:46.1234567+00:00\"");
        assert_eq!(dt.to_string(), "2017-06-30T13:21:46.1234567+00:00");
    }
}
