//! Randomness for keys, tokens and request ids, drawn from aws-lc-rs's system RNG.

use std::io;

use base64::Engine as _;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};

/// Number of random bytes in a shared access key: Azure's keys are 256-bit.
const KEY_BYTES: usize = 32;

/// Fills `buf` from the operating system's CSPRNG.
fn fill(buf: &mut [u8]) -> io::Result<()> {
    aws_lc_rs::rand::fill(buf).map_err(|_| io::Error::other("the system random generator failed"))
}

/// A fresh shared access key: 32 random bytes in padded standard base64, as Azure issues them.
pub(crate) fn access_key() -> io::Result<String> {
    let mut bytes = [0u8; KEY_BYTES];
    fill(&mut bytes)?;
    Ok(STANDARD.encode(bytes))
}

/// A fresh bearer token; URL-safe so that it survives being pasted into shells and headers.
pub(crate) fn bearer_token() -> io::Result<String> {
    let mut bytes = [0u8; KEY_BYTES];
    fill(&mut bytes)?;
    Ok(URL_SAFE_NO_PAD.encode(bytes))
}

/// A random (version 4) UUID in its hyphenated lowercase form, as ARM's `x-ms-request-id`.
pub(crate) fn uuid_v4() -> io::Result<String> {
    let mut b = [0u8; 16];
    fill(&mut b)?;
    // RFC 9562: the version nibble is 4 and the variant bits are 10.
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let hex: String = b.iter().map(|byte| format!("{byte:02x}")).collect();
    Ok(format!(
        "{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn access_keys_are_padded_base64_of_32_bytes() {
        let key = access_key().unwrap();
        assert_eq!(key.len(), 44);
        assert!(key.ends_with('='));
        assert_eq!(STANDARD.decode(&key).unwrap().len(), 32);
        assert_ne!(key, access_key().unwrap());
    }

    #[test]
    fn uuids_have_version_and_variant() {
        let id = uuid_v4().unwrap();
        assert_eq!(id.len(), 36);
        let parts: Vec<&str> = id.split('-').collect();
        assert_eq!(
            parts.iter().map(|p| p.len()).collect::<Vec<_>>(),
            [8, 4, 4, 4, 12]
        );
        assert!(parts[2].starts_with('4'));
        assert!(matches!(&parts[3][..1], "8" | "9" | "a" | "b"));
    }
}
