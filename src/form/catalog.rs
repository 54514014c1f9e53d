//! The questionnaires shipped in the binary, so it runs without any files beside it.

use super::{FormError, FormSpec, parse_form};

/// (file name, contents) of every shipped questionnaire, in the order `forms` lists them.
pub const SHIPPED: &[(&str, &str)] = &[
    (
        "idura-no-bankid.toml",
        include_str!("../../assets/forms/idura-no-bankid.toml"),
    ),
    (
        "criipto-no-bankid.toml",
        include_str!("../../assets/forms/criipto-no-bankid.toml"),
    ),
];

/// Every shipped questionnaire. A form that fails its own checks is a build defect (the tests load
/// them all), reported here as an error rather than a panic.
pub fn shipped() -> Result<Vec<FormSpec>, FormError> {
    SHIPPED
        .iter()
        .map(|(file, source)| parse_form(&format!("assets/forms/{file}"), source))
        .collect()
}

/// The shipped questionnaire with this id.
pub fn find(id: &str) -> Result<Option<FormSpec>, FormError> {
    Ok(shipped()?.into_iter().find(|f| f.id == id))
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
    }
}
