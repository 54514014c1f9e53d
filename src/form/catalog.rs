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
    (
        "bankid-oidc.toml",
        include_str!("../../assets/forms/bankid-oidc.toml"),
    ),
    (
        "idporten-oidc.toml",
        include_str!("../../assets/forms/idporten-oidc.toml"),
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

/// The shipped questionnaire with this id. Only its own file is parsed (files are named after
/// their id, which the tests check), so opening a draft does not pay for every questionnaire.
pub fn find(id: &str) -> Result<Option<FormSpec>, FormError> {
    let file = format!("{id}.toml");
    SHIPPED
        .iter()
        .find(|(name, _)| *name == file)
        .map(|(name, source)| parse_form(&format!("assets/forms/{name}"), source))
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
        for ((file, _), form) in super::SHIPPED.iter().zip(&forms) {
            assert_eq!(
                *file,
                format!("{}.toml", form.id),
                "a form file is named after its id"
            );
            assert_eq!(super::find(&form.id).unwrap().as_ref(), Some(form));
        }
    }
}
