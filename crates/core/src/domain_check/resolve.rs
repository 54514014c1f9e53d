//! Host names answered from the settings instead of the DNS, like curl's `--resolve`: the request
//! still names the domain (SNI, certificate name, `Host`), only the address connected to changes.
//! Tests point a domain at a loopback server this way.

use std::fmt;
use std::net::{IpAddr, SocketAddr};

use ureq::config::Config;
use ureq::http::Uri;
use ureq::unversioned::resolver::{DefaultResolver, ResolvedSocketAddrs, Resolver};
use ureq::unversioned::transport::NextTimeout;

/// `host:port:address[:port]`: connections to `host` on `port` go to `address` (on the second
/// port when given, else the same one).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mapping {
    /// Lower case.
    pub host: String,
    pub port: u16,
    pub to: SocketAddr,
}

impl Mapping {
    /// Reads `host:port:address[:port]`; an IPv6 address goes in brackets (`[::1]`).
    pub fn parse(entry: &str) -> Result<Mapping, crate::text::Text> {
        let shape = || {
            crate::t!(
                nb: "{entry:?} er ikke vert:port:adresse[:port] (f.eks. login.acme.no:443:127.0.0.1:8443)",
                en: "{entry:?} is not host:port:address[:port] (e.g. login.acme.no:443:127.0.0.1:8443)",
            )
        };
        let mut parts = entry.trim().splitn(3, ':');
        let (Some(host), Some(port), Some(rest)) = (parts.next(), parts.next(), parts.next())
        else {
            return Err(shape());
        };
        let port: u16 = port.parse().map_err(|_| shape())?;
        let (address, to_port) = match rest.strip_prefix('[') {
            Some(v6) => {
                let (address, after) = v6.split_once(']').ok_or_else(shape)?;
                (address, after.strip_prefix(':'))
            }
            None => match rest.split_once(':') {
                Some((address, to_port)) => (address, Some(to_port)),
                None => (rest, None),
            },
        };
        let address: IpAddr = address.parse().map_err(|_| {
            crate::t!(
                nb: "{entry:?}: {address:?} er ikke en IP-adresse",
                en: "{entry:?}: {address:?} is not an IP address",
            )
        })?;
        let to_port = match to_port {
            Some(p) => p.parse().map_err(|_| shape())?,
            None => port,
        };
        if host.is_empty() || host.contains(['/', '[', ']']) {
            return Err(shape());
        }
        Ok(Mapping {
            host: host.to_ascii_lowercase(),
            port,
            to: SocketAddr::new(address, to_port),
        })
    }
}

impl fmt::Display for Mapping {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.host, self.port, self.to)
    }
}

/// The mappings first, then the system's resolver.
#[derive(Debug)]
pub(super) struct MappedResolver {
    pub(super) mappings: Vec<Mapping>,
}

impl Resolver for MappedResolver {
    fn resolve(
        &self,
        uri: &Uri,
        config: &Config,
        timeout: NextTimeout,
    ) -> Result<ResolvedSocketAddrs, ureq::Error> {
        let host = uri.host().unwrap_or_default().to_ascii_lowercase();
        let port = uri.port_u16().unwrap_or(match uri.scheme_str() {
            Some("http") => 80,
            _ => 443,
        });
        match self
            .mappings
            .iter()
            .find(|m| m.host == host && m.port == port)
        {
            Some(mapping) => {
                let mut addresses = self.empty();
                addresses.push(mapping.to);
                Ok(addresses)
            }
            None => DefaultResolver::default().resolve(uri, config, timeout),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_read_like_curls_resolve() {
        let m = Mapping::parse("Login.Acme.no:443:127.0.0.1:8443").unwrap();
        assert_eq!(m.host, "login.acme.no");
        assert_eq!(m.port, 443);
        assert_eq!(m.to, "127.0.0.1:8443".parse().unwrap());
        let m = Mapping::parse("a.example:443:[::1]").unwrap();
        assert_eq!(m.to, "[::1]:443".parse().unwrap());
        for bad in [
            "",
            "login.acme.no",
            "login.acme.no:443",
            "login.acme.no:https:127.0.0.1",
            "login.acme.no:443:localhost",
            "login.acme.no:443:127.0.0.1:x",
            ":443:127.0.0.1",
        ] {
            assert!(Mapping::parse(bad).is_err(), "{bad}");
        }
    }
}
