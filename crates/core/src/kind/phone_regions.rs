//! libphonenumber's metadata, one country calling code at a time. The library's global util
//! decodes every region into one table sized for all of them (4.3 MB, most of the wizard's heap)
//! the first time any number is checked; an order holds numbers of one or two countries. So the
//! metadata is read here region by region from its protobuf, and a util is built for a calling
//! code when a number of it is first met, and kept.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::{LazyLock, Mutex};

use prost::Message;
use prost::encoding::{WireType, decode_key, decode_varint};
use rlibphonenumber::{PhoneMetadata, PhoneMetadataCollection, PhoneNumberUtil};

/// libphonenumber's metadata as `rlibphonenumber` ships it (see `assets/phone/README.md`).
static METADATA: &[u8] = include_bytes!("../../../../assets/phone/metadata.bin");

/// Norway's calling code: numbers written without one are Norwegian.
pub const NORWAY: i32 = 47;

/// Where each region's metadata lies in [`METADATA`], by its country calling code.
static INDEX: LazyLock<HashMap<i32, Vec<Range<usize>>>> = LazyLock::new(index);

/// The utils built so far, one per calling code; leaked, as they live as long as the process.
static UTILS: LazyLock<Mutex<HashMap<i32, &'static PhoneNumberUtil>>> =
    LazyLock::new(|| Mutex::new(HashMap::new()));

/// The regions of `METADATA` (field 1 of the collection, each length-delimited), decoded one at a
/// time only to read their calling code, so no more than one is in memory at once.
fn index() -> HashMap<i32, Vec<Range<usize>>> {
    let mut index: HashMap<i32, Vec<Range<usize>>> = HashMap::new();
    let mut rest = METADATA;
    while !rest.is_empty() {
        let Ok((field, wire)) = decode_key(&mut rest) else {
            break;
        };
        let Ok(length) = decode_varint(&mut rest) else {
            break;
        };
        let length = usize::try_from(length).unwrap_or(usize::MAX);
        if wire != WireType::LengthDelimited || length > rest.len() {
            break;
        }
        let body = METADATA.len() - rest.len();
        let range = body..body + length;
        rest = &rest[length..];
        if field != 1 {
            continue;
        }
        let code = PhoneMetadata::decode(&METADATA[range.clone()])
            .ok()
            .and_then(|metadata| metadata.country_code);
        if let Some(code) = code {
            index.entry(code).or_default().push(range);
        }
    }
    index
}

/// Whether `code` is a country calling code libphonenumber knows.
pub fn is_calling_code(code: i32) -> bool {
    INDEX.contains_key(&code)
}

/// The calling code a number in international form starts with (`+46 8 …` → 46): the one
/// prefix of one to three digits that is a calling code (the ITU assigns them prefix-free).
pub fn calling_code_of(digits: &str) -> Option<i32> {
    (1..=3)
        .filter_map(|n| digits.get(..n))
        .filter_map(|prefix| prefix.parse::<i32>().ok())
        .find(|&code| is_calling_code(code))
}

/// The util that knows the regions of calling code `code`; `None` for an unknown code.
pub fn util_for(code: i32) -> Option<&'static PhoneNumberUtil> {
    let mut utils = UTILS
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    if let Some(util) = utils.get(&code) {
        return Some(util);
    }
    let metadata: Vec<PhoneMetadata> = INDEX
        .get(&code)?
        .iter()
        .filter_map(|range| PhoneMetadata::decode(&METADATA[range.clone()]).ok())
        .collect();
    let util = PhoneNumberUtil::new_for_metadata(PhoneMetadataCollection { metadata }).ok()?;
    let util: &'static PhoneNumberUtil = Box::leak(Box::new(util));
    utils.insert(code, util);
    Some(util)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_region_of_the_metadata_is_indexed() {
        let whole = PhoneMetadataCollection::decode(METADATA).expect("the metadata decodes");
        let indexed: usize = INDEX.values().map(Vec::len).sum();
        let coded = whole
            .metadata
            .iter()
            .filter(|m| m.country_code.is_some())
            .count();
        assert_eq!(indexed, coded);
        assert!(is_calling_code(NORWAY) && is_calling_code(46) && is_calling_code(1));
        assert!(!is_calling_code(999));
    }

    #[test]
    fn the_calling_code_is_the_prefix_that_is_one() {
        assert_eq!(calling_code_of("4791234567"), Some(47));
        assert_eq!(calling_code_of("46812345678"), Some(46));
        assert_eq!(calling_code_of("12025550123"), Some(1));
        assert_eq!(calling_code_of("35812345678"), Some(358));
        assert_eq!(calling_code_of("999"), None);
    }

    #[test]
    fn a_util_is_built_once_per_calling_code() {
        let first = util_for(NORWAY).expect("Norway");
        let again = util_for(NORWAY).expect("Norway");
        assert!(std::ptr::eq(first, again));
        assert!(util_for(999).is_none());
    }
}
