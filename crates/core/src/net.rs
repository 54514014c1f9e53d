//! What the HTTP clients (the registry, the domain check) need to know about an address: whether
//! it is this machine (never sent through a proxy) and whether a redirect stays where it was asked.

use std::net::{Ipv4Addr, Ipv6Addr};

/// Whether `host` is this machine: `localhost`, any of 127.0.0.0/8, `::1`, or an IPv4-mapped
/// loopback address (`::ffff:127.0.0.0/104`). A proxy on the way to one of these would see (or
/// answer) what was meant to stay local.
pub fn is_loopback(host: &url::Host<&str>) -> bool {
    match host {
        url::Host::Domain(name) => {
            let name = name.trim_end_matches('.');
            name.eq_ignore_ascii_case("localhost")
        }
        url::Host::Ipv4(ip) => ip.is_loopback(),
        url::Host::Ipv6(ip) => is_loopback_v6(ip),
    }
}

fn is_loopback_v6(ip: &Ipv6Addr) -> bool {
    ip.is_loopback()
        || ip
            .to_ipv4_mapped()
            .as_ref()
            .is_some_and(Ipv4Addr::is_loopback)
}

/// Whether the address `url` is on this machine (see [`is_loopback`]); `false` when it is not a
/// URL with a host.
pub fn is_loopback_url(url: &str) -> bool {
    url::Url::parse(url)
        .ok()
        .is_some_and(|u| u.host().is_some_and(|h| is_loopback(&h)))
}

/// Whether `a` and `b` are the same origin: scheme, host and port (the scheme's default port
/// when none is given).
pub fn same_origin(a: &url::Url, b: &url::Url) -> bool {
    a.scheme() == b.scheme()
        && a.host() == b.host()
        && a.port_or_known_default() == b.port_or_known_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_loopback_form_is_this_machine() {
        for local in [
            "http://localhost:8080/",
            "http://LOCALHOST./x",
            "http://127.0.0.1/",
            "http://127.0.0.2:9/",
            "http://127.255.255.254/",
            "http://[::1]:80/",
            "http://[::ffff:127.0.0.1]:80/",
            "http://[::ffff:127.1.2.3]/",
        ] {
            assert!(is_loopback_url(local), "{local}");
        }
        for remote in [
            "https://data.brreg.no/enhetsregisteret/api",
            "http://192.0.2.1/",
            "http://128.0.0.1/",
            "http://[::ffff:192.0.2.1]/",
            "http://[::2]/",
            "http://localhost.example.com/",
            "not a url",
        ] {
            assert!(!is_loopback_url(remote), "{remote}");
        }
    }

    #[test]
    fn the_same_origin_is_scheme_host_and_port() {
        let url = |s: &str| url::Url::parse(s).unwrap();
        let base = url("https://data.brreg.no/enhetsregisteret/api");
        assert!(same_origin(&base, &url("https://data.brreg.no:443/other")));
        assert!(same_origin(&base, &url("https://DATA.brreg.no/x")));
        for other in [
            "http://data.brreg.no/enhetsregisteret/api",
            "https://data.brreg.no:8443/enhetsregisteret/api",
            "https://evil.example/enhetsregisteret/api",
            "https://192.0.2.1/enhetsregisteret/api",
        ] {
            assert!(!same_origin(&base, &url(other)), "{other}");
        }
    }
}
