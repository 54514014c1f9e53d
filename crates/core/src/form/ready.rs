//! The shipped questionnaires, already parsed and checked, in a compact binary encoding.
//!
//! Parsing and checking a questionnaire's TOML takes about 0.3 ms, a large share of the time
//! before the wizard's first frame. The shipped files never change once the binary is built, so
//! the spec the loader builds from each is kept in `assets/forms/ready/<id>.bin`: the SHA-256 of
//! the TOML it was built from, then the spec in postcard. The TOML stays the source of truth:
//! - an encoding whose hash does not match its TOML is ignored and the TOML is parsed, so an
//!   edited questionnaire is never shown stale;
//! - a test builds every encoding afresh from the TOML and fails when a committed one differs
//!   (`EID_ONBOARD_UPDATE_READY=1 cargo test -p eid-onboard-core --lib ready` writes them anew).

use sha2::{Digest, Sha256};

use super::FormSpec;

const HASH_LEN: usize = 32;

/// The spec encoded in `ready`, if it was built from exactly `source`.
pub fn decode(source: &str, ready: &[u8]) -> Option<FormSpec> {
    let (hash, body) = ready.split_at_checked(HASH_LEN)?;
    if hash != Sha256::digest(source.as_bytes()).as_slice() {
        return None;
    }
    postcard::from_bytes(body).ok()
}

/// The encoding of `spec`, built from `source`.
pub fn encode(source: &str, spec: &FormSpec) -> Vec<u8> {
    let mut out = Sha256::digest(source.as_bytes()).to_vec();
    // A spec is plain data (strings, numbers, enums): encoding it cannot fail.
    out.extend(postcard::to_stdvec(spec).expect("a form spec encodes"));
    out
}

/// Serde for the TOML values a spec holds (defaults and condition values). `toml::Value`
/// deserializes only from self-describing formats; this mirrors it as a plain enum.
pub mod plain {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    #[derive(Serialize, Deserialize)]
    enum Plain {
        String(String),
        Integer(i64),
        Float(f64),
        Boolean(bool),
        Datetime(String),
        Array(Vec<Plain>),
        Table(Vec<(String, Plain)>),
    }

    impl From<&toml::Value> for Plain {
        fn from(value: &toml::Value) -> Plain {
            match value {
                toml::Value::String(s) => Plain::String(s.clone()),
                toml::Value::Integer(i) => Plain::Integer(*i),
                toml::Value::Float(f) => Plain::Float(*f),
                toml::Value::Boolean(b) => Plain::Boolean(*b),
                toml::Value::Datetime(d) => Plain::Datetime(d.to_string()),
                toml::Value::Array(items) => Plain::Array(items.iter().map(Plain::from).collect()),
                toml::Value::Table(table) => Plain::Table(
                    table
                        .iter()
                        .map(|(k, v)| (k.clone(), Plain::from(v)))
                        .collect(),
                ),
            }
        }
    }

    impl Plain {
        fn into_value<E: serde::de::Error>(self) -> Result<toml::Value, E> {
            Ok(match self {
                Plain::String(s) => toml::Value::String(s),
                Plain::Integer(i) => toml::Value::Integer(i),
                Plain::Float(f) => toml::Value::Float(f),
                Plain::Boolean(b) => toml::Value::Boolean(b),
                Plain::Datetime(d) => toml::Value::Datetime(d.parse().map_err(E::custom)?),
                Plain::Array(items) => toml::Value::Array(
                    items
                        .into_iter()
                        .map(Plain::into_value)
                        .collect::<Result<_, E>>()?,
                ),
                Plain::Table(entries) => toml::Value::Table(
                    entries
                        .into_iter()
                        .map(|(k, v)| Ok((k, v.into_value()?)))
                        .collect::<Result<_, E>>()?,
                ),
            })
        }
    }

    pub fn serialize<S: Serializer>(value: &toml::Value, s: S) -> Result<S::Ok, S::Error> {
        Plain::from(value).serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<toml::Value, D::Error> {
        Plain::deserialize(d)?.into_value()
    }

    pub mod option {
        use super::Plain;
        use serde::{Deserialize, Deserializer, Serialize, Serializer};

        pub fn serialize<S: Serializer>(
            value: &Option<toml::Value>,
            s: S,
        ) -> Result<S::Ok, S::Error> {
            value.as_ref().map(Plain::from).serialize(s)
        }

        pub fn deserialize<'de, D: Deserializer<'de>>(
            d: D,
        ) -> Result<Option<toml::Value>, D::Error> {
            Option::<Plain>::deserialize(d)?
                .map(Plain::into_value)
                .transpose()
        }
    }

    pub mod vec {
        use super::Plain;
        use serde::{Deserialize, Deserializer, Serialize, Serializer};

        pub fn serialize<S: Serializer>(values: &[toml::Value], s: S) -> Result<S::Ok, S::Error> {
            values
                .iter()
                .map(Plain::from)
                .collect::<Vec<_>>()
                .serialize(s)
        }

        pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<toml::Value>, D::Error> {
            Vec::<Plain>::deserialize(d)?
                .into_iter()
                .map(Plain::into_value)
                .collect()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{decode, encode};
    use crate::form::catalog::SHIPPED;
    use crate::form::parse_form;

    /// Every questionnaire has a committed encoding, exactly what the loader builds from its TOML
    /// today (the build ships a form without one too, parsed at run time, but slower to open).
    #[test]
    fn every_ready_encoding_matches_its_questionnaire() {
        let update = std::env::var_os("EID_ONBOARD_UPDATE_READY").is_some();
        let (mut missing, mut stale) = (Vec::new(), Vec::new());
        for shipped in SHIPPED {
            let spec = parse_form(shipped.file, shipped.source).unwrap_or_else(|e| panic!("{e}"));
            let fresh = encode(shipped.source, &spec);
            assert_eq!(
                decode(shipped.source, &fresh).as_ref(),
                Some(&spec),
                "{}",
                shipped.file
            );
            if fresh == shipped.ready {
                continue;
            }
            if update {
                write_ready(&spec.id, &fresh);
            } else if shipped.ready.is_empty() {
                missing.push(shipped.file);
            } else {
                stale.push(shipped.file);
            }
        }
        let problems: Vec<String> = [
            (missing, "no ready encoding"),
            (stale, "the ready encoding is out of date"),
        ]
        .into_iter()
        .filter(|(files, _)| !files.is_empty())
        .map(|(files, what)| format!("{files:?}: {what}"))
        .collect();
        assert!(
            problems.is_empty(),
            "{}; run `EID_ONBOARD_UPDATE_READY=1 cargo test -p eid-onboard-core --lib ready` and commit assets/forms/ready",
            problems.join("; ")
        );
    }

    fn write_ready(id: &str, encoding: &[u8]) {
        let dir = format!("{}/../../assets/forms/ready", env!("CARGO_MANIFEST_DIR"));
        std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{dir}: {e}"));
        let path = format!("{dir}/{id}.bin");
        std::fs::write(&path, encoding).unwrap_or_else(|e| panic!("{path}: {e}"));
    }

    #[test]
    fn an_encoding_of_other_toml_is_not_used() {
        let shipped = &SHIPPED[0];
        let spec = parse_form(shipped.file, shipped.source).unwrap();
        let ready = encode(shipped.source, &spec);
        let edited = format!("{}\n# edited\n", shipped.source);
        assert_eq!(decode(&edited, &ready), None);
        assert_eq!(
            decode(shipped.source, &ready[..10]),
            None,
            "too short for its hash"
        );
        let mut corrupt = ready.clone();
        corrupt.truncate(ready.len() - 5);
        assert_eq!(decode(shipped.source, &corrupt), None, "a cut-off body");
    }

    #[test]
    fn toml_values_survive_the_encoding() {
        let source = r#"
            s = "text"
            i = -3
            f = 2.5
            b = true
            d = 2026-11-21T08:00:00Z
            a = [1, "two", [3]]
            t = { x = 1, y = { z = "deep" } }
        "#;
        let table: toml::Table = toml::from_str(source).unwrap();
        for (key, value) in &table {
            let bytes = postcard::to_stdvec(&Wrapped(value.clone())).unwrap();
            let back: Wrapped = postcard::from_bytes(&bytes).unwrap();
            assert_eq!(&back.0, value, "{key}");
        }
    }

    #[derive(serde::Serialize, serde::Deserialize)]
    struct Wrapped(#[serde(with = "super::plain")] toml::Value);
}
