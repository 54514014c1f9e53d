//! ISO 3166-1 alpha-2 country codes.

use super::{Around, Kind};
use crate::t;
use crate::text::Text;
use crate::validate::Finding;

/// Every officially assigned alpha-2 code.
const CODES: &str = "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ \
CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR \
GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP \
KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT \
MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW \
SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG \
UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW";

pub fn normalize(input: &str) -> String {
    input.trim().to_ascii_uppercase()
}

pub fn is_known(code: &str) -> bool {
    code.len() == 2 && CODES.split_ascii_whitespace().any(|c| c == code)
}

pub fn validate(input: &str) -> Vec<Finding> {
    let code = normalize(input);
    if code.is_empty() || is_known(&code) {
        return Vec::new();
    }
    let code = crate::inert::quote(&code);
    vec![Finding::error(t!(
        nb: "«{code}» er ikke en landkode. Bruk to bokstaver etter ISO 3166, f.eks. NO, SE eller DK.",
        en: "\"{code}\" is not a country code. Use the two-letter ISO 3166 code, e.g. NO, SE or DK.",
    ))]
}

/// `country`: an ISO 3166-1 alpha-2 code.
pub struct Country;

impl<'a> Kind<'a> for Country {
    fn normalize(&self, input: &str) -> String {
        normalize(input)
    }

    fn check(&self, value: &str, _around: &Around) -> Vec<Finding> {
        validate(value)
    }

    fn hint(&self) -> Option<Text> {
        Some(Text::new(
            "landkode, f.eks. NO, SE, DK",
            "country code, e.g. NO, SE, DK",
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_checked_and_case_is_forgiven() {
        assert!(validate("no").is_empty());
        assert!(validate(" SE ").is_empty());
        assert!(!validate("NOR").is_empty());
        assert!(!validate("XX").is_empty());
        assert_eq!(CODES.split_ascii_whitespace().count(), 249);
    }
}
