//! Who the client is, as far as limits and audit records are concerned: its address (the TCP
//! peer, or behind a trusted proxy the rightmost untrusted hop of `X-Forwarded-For`) and the
//! keyed hash of that address that rate limits are counted under.

use std::fmt;
use std::net::IpAddr;
use std::str::FromStr;
use std::sync::Arc;

use axum::http::HeaderMap;
use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;

/// An address block, `192.0.2.0/24`, `2001:db8::/32`, or one address (`10.0.0.1`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cidr {
    addr: IpAddr,
    prefix: u8,
}

impl FromStr for Cidr {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let s = s.trim();
        let (addr, prefix) = match s.split_once('/') {
            Some((a, p)) => (a, Some(p)),
            None => (s, None),
        };
        let addr: IpAddr = addr
            .parse()
            .map_err(|_| format!("{s} is not an address or address block"))?;
        let max = if addr.is_ipv4() { 32 } else { 128 };
        let prefix = match prefix {
            Some(p) => p
                .parse::<u8>()
                .ok()
                .filter(|p| *p <= max)
                .ok_or_else(|| format!("{s}: the prefix length must be 0–{max}"))?,
            None => max,
        };
        Ok(Self { addr, prefix })
    }
}

impl fmt::Display for Cidr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.addr, self.prefix)
    }
}

impl Cidr {
    /// Whether `ip` is inside this block (an IPv4-mapped IPv6 address counts as its IPv4 one).
    pub fn contains(&self, ip: IpAddr) -> bool {
        let ip = ip.to_canonical();
        match (self.addr.to_canonical(), ip) {
            (IpAddr::V4(net), IpAddr::V4(ip)) => {
                let shift = 32 - u32::from(self.prefix.min(32));
                shift == 32 || (u32::from(net) >> shift) == (u32::from(ip) >> shift)
            }
            (IpAddr::V6(net), IpAddr::V6(ip)) => {
                let shift = 128 - u32::from(self.prefix.min(128));
                shift == 128 || (u128::from(net) >> shift) == (u128::from(ip) >> shift)
            }
            _ => false,
        }
    }
}

/// The client's address. The TCP peer, unless the peer is a trusted proxy: then the hops of
/// `X-Forwarded-For` are read from the right (the proxy appends the address it saw) and the
/// first one that is not itself a trusted proxy is the client. A header from an untrusted peer
/// is ignored, so a client cannot choose its own address; a malformed hop stops the walk at the
/// last trusted address seen.
pub fn client_ip(peer: IpAddr, headers: &HeaderMap, trusted: &[Cidr]) -> IpAddr {
    let is_trusted = |ip: IpAddr| trusted.iter().any(|c| c.contains(ip));
    let peer = peer.to_canonical();
    if !is_trusted(peer) {
        return peer;
    }
    let hops: Vec<&str> = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .collect();
    let mut client = peer;
    for hop in hops.iter().rev() {
        let Ok(ip) = hop.parse::<IpAddr>().map(|ip| ip.to_canonical()) else {
            break;
        };
        client = ip;
        if !is_trusted(ip) {
            break;
        }
    }
    client
}

/// The deployment secret rate-limit subjects are keyed with (created by `camlo migrate` or
/// `camlo demo` in the data folder, never stored in the database). Prints as `***`.
#[derive(Clone)]
pub struct ClientKey(Arc<[u8]>);

impl fmt::Debug for ClientKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ClientKey(***)")
    }
}

impl ClientKey {
    /// A key from secret bytes.
    pub fn new(secret: &[u8]) -> Self {
        Self(Arc::from(secret))
    }

    /// A fresh random key (tests, or a deployment that has not made one yet).
    pub fn random() -> Self {
        let mut bytes = [0u8; 32];
        // Without randomness the key is all zeros: limits still work, only the hashes are
        // guessable; the binary always passes a stored key.
        let _ = getrandom::fill(&mut bytes);
        Self::new(&bytes)
    }

    /// The subject an address is counted under: HMAC-SHA256 of the address (an IPv6 client by
    /// its /64, which one subscriber usually holds whole), hex, 128 bits.
    pub fn subject(&self, ip: IpAddr) -> String {
        let text = match ip.to_canonical() {
            IpAddr::V4(v4) => v4.to_string(),
            IpAddr::V6(v6) => {
                let net = u128::from(v6) & !((1u128 << 64) - 1);
                format!("{}/64", std::net::Ipv6Addr::from(net))
            }
        };
        self.hmac(text.as_bytes())
    }

    /// HMAC-SHA256 of `data` under this key, the first 128 bits in hex.
    pub fn hmac(&self, data: &[u8]) -> String {
        match <Hmac<Sha256> as KeyInit>::new_from_slice(&self.0) {
            Ok(mut m) => {
                m.update(data);
                hex::encode(&m.finalize().into_bytes()[..16])
            }
            // HMAC takes a key of any length; this branch is never taken.
            Err(_) => String::new(),
        }
    }
}

impl Default for ClientKey {
    fn default() -> Self {
        Self::random()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    fn xff(v: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert("x-forwarded-for", v.parse().unwrap());
        h
    }

    #[test]
    fn blocks_parse_and_contain() {
        let c: Cidr = "10.0.0.0/8".parse().unwrap();
        assert!(c.contains(ip("10.1.2.3")) && !c.contains(ip("11.0.0.1")));
        assert!(c.contains(ip("::ffff:10.0.0.1")), "IPv4-mapped");
        let one: Cidr = "192.0.2.7".parse().unwrap();
        assert!(one.contains(ip("192.0.2.7")) && !one.contains(ip("192.0.2.8")));
        let v6: Cidr = "2001:db8::/32".parse().unwrap();
        assert!(v6.contains(ip("2001:db8:1::1")) && !v6.contains(ip("2001:db9::1")));
        let all: Cidr = "0.0.0.0/0".parse().unwrap();
        assert!(all.contains(ip("203.0.113.9")));
        for bad in ["10.0.0.0/33", "nonsense", "10.0.0/8", "::/129"] {
            assert!(bad.parse::<Cidr>().is_err(), "{bad}");
        }
    }

    #[test]
    fn forwarded_for_is_believed_only_from_trusted_proxies() {
        let trusted: Vec<Cidr> = vec!["127.0.0.1".parse().unwrap(), "10.0.0.0/8".parse().unwrap()];
        // Untrusted peer: the header is the client's own claim, ignored.
        assert_eq!(
            client_ip(ip("203.0.113.5"), &xff("198.51.100.1"), &trusted),
            ip("203.0.113.5")
        );
        // Trusted proxy: the rightmost untrusted hop, not the leftmost (which the client wrote).
        assert_eq!(
            client_ip(
                ip("127.0.0.1"),
                &xff("6.6.6.6, 198.51.100.1, 10.0.0.2"),
                &trusted
            ),
            ip("198.51.100.1")
        );
        // No header behind a trusted proxy: the proxy itself.
        assert_eq!(
            client_ip(ip("127.0.0.1"), &HeaderMap::new(), &trusted),
            ip("127.0.0.1")
        );
        // Garbage stops the walk.
        assert_eq!(
            client_ip(ip("127.0.0.1"), &xff("1.2.3.4, nonsense"), &trusted),
            ip("127.0.0.1")
        );
        // Nothing trusted (the default): always the peer.
        assert_eq!(
            client_ip(ip("127.0.0.1"), &xff("198.51.100.1"), &[]),
            ip("127.0.0.1")
        );
    }

    #[test]
    fn subjects_are_keyed_and_ipv6_counts_by_its_64() {
        let k = ClientKey::new(b"deployment secret");
        let other = ClientKey::new(b"another deployment");
        assert_eq!(k.subject(ip("192.0.2.1")).len(), 32);
        assert_ne!(k.subject(ip("192.0.2.1")), other.subject(ip("192.0.2.1")));
        assert_ne!(k.subject(ip("192.0.2.1")), k.subject(ip("192.0.2.2")));
        assert_eq!(
            k.subject(ip("2001:db8:1:2::1")),
            k.subject(ip("2001:db8:1:2:ffff::9"))
        );
        assert_ne!(
            k.subject(ip("2001:db8:1:2::1")),
            k.subject(ip("2001:db8:1:3::1"))
        );
        assert_eq!(format!("{k:?}"), "ClientKey(***)");
        // RFC 4231 test case 2 (HMAC-SHA256, key "Jefe"), first 128 bits.
        assert_eq!(
            ClientKey::new(b"Jefe").hmac(b"what do ya want for nothing?"),
            "5bdcc146bf60754e6a042426089575c7"
        );
    }
}
