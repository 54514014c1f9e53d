//! The questionnaires shipped in the binary, so it runs without any files beside it.

use super::{FormError, FormSpec, parse_form, ready};

/// One questionnaire shipped in the binary.
pub struct Shipped {
    /// Where it lives in the source tree, for messages: `assets/forms/<id>.toml`.
    pub file: &'static str,
    pub source: &'static str,
    /// The spec built from `source` ahead of time (see `form::ready`).
    pub ready: &'static [u8],
}

macro_rules! shipped {
    ($id:literal) => {
        Shipped {
            file: concat!("assets/forms/", $id, ".toml"),
            source: include_str!(concat!("../../../../assets/forms/", $id, ".toml")),
            ready: include_bytes!(concat!("../../../../assets/forms/ready/", $id, ".bin")),
        }
    };
}

/// Every shipped questionnaire, in the order `forms` lists them.
pub const SHIPPED: &[Shipped] = &[
    shipped!("idura-no-bankid"),
    shipped!("criipto-no-bankid"),
    shipped!("bankid-oidc"),
    shipped!("idporten-oidc"),
];

impl Shipped {
    /// Its spec: the ready encoding when it was built from this very TOML, else parsed and
    /// checked from the TOML.
    pub fn spec(&self) -> Result<FormSpec, FormError> {
        match ready::decode(self.source, self.ready) {
            Some(spec) => Ok(spec),
            None => parse_form(self.file, self.source),
        }
    }
}

/// Every shipped questionnaire. A form that fails its own checks is a build defect (the tests load
/// them all), reported here as an error rather than a panic.
pub fn shipped() -> Result<Vec<FormSpec>, FormError> {
    SHIPPED.iter().map(Shipped::spec).collect()
}

/// The shipped questionnaire with this id. Only that one is decoded (files are named after their
/// id, which the tests check), so opening a draft does not pay for every questionnaire.
pub fn find(id: &str) -> Result<Option<FormSpec>, FormError> {
    let file = format!("assets/forms/{id}.toml");
    SHIPPED
        .iter()
        .find(|shipped| shipped.file == file)
        .map(Shipped::spec)
        .transpose()
}

/// The ids of the shipped questionnaires, for messages.
pub fn shipped_ids() -> Vec<String> {
    shipped()
        .map(|forms| forms.into_iter().map(|f| f.id).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_shipped_form_loads() {
        let forms = super::shipped().unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(forms.len(), super::SHIPPED.len());
        for (shipped, form) in super::SHIPPED.iter().zip(&forms) {
            assert_eq!(
                shipped.file,
                format!("assets/forms/{}.toml", form.id),
                "a form file is named after its id"
            );
            assert_eq!(super::find(&form.id).unwrap().as_ref(), Some(form));
            let parsed = super::parse_form(shipped.file, shipped.source).unwrap();
            assert_eq!(&parsed, form, "the ready spec is the parsed one");
        }
    }
}
