//! The choices of a select: the questionnaire's own options, then its source's (the bank list
//! under the registry's current names, the legal bases), in the order validation knows them.

use super::Session;
use crate::assets;
use crate::form::{Choice, FieldKind, OptionSource};
use crate::kind::select_choice;
use crate::text::Lang;

/// One choice, as both wizards offer it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChoiceOption {
    /// What is stored when it is picked.
    pub value: String,
    /// The questionnaire's or the legal basis's label; none for a bank (its name is the value).
    pub label: Option<String>,
    pub origin: OptionOrigin,
}

/// A bank picked from the bank list filled its organisation number into `orgnr_field`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BankFilled {
    pub orgnr_field: String,
    pub bank: crate::registry::BankChoice,
}

/// Where a choice comes from, so a front end can show what matters for it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OptionOrigin {
    /// One of the questionnaire's own options.
    Listed,
    /// A bank of the bank list: picking it fills the bank's organisation number.
    Bank { orgnr: String },
    /// A legal basis for requesting the national identity number.
    LegalBasis,
    /// A person the register lists with signing authority, with the role's description.
    Signatory { role: String },
    /// A person the register lists in some role (a contact's name), with the role's description.
    RoleHolder { role: String },
}

impl ChoiceOption {
    /// `label (value)`, or the value alone.
    pub fn shown(&self) -> String {
        match &self.label {
            Some(label) if label != &self.value => format!("{label} ({})", self.value),
            _ => self.value.clone(),
        }
    }

    /// The label, or the value where there is none.
    pub fn label_or_value(&self) -> &str {
        self.label.as_deref().unwrap_or(&self.value)
    }
}

impl Session {
    /// The choices of a select or multi-select kind; `None` for any other kind.
    pub fn choices(&self, kind: &FieldKind, lang: Lang) -> Option<Vec<ChoiceOption>> {
        Some(self.choices_of(select_choice(kind)?, lang))
    }

    /// The choices of one select.
    pub fn choices_of(&self, choice: &Choice, lang: Lang) -> Vec<ChoiceOption> {
        let mut options: Vec<ChoiceOption> = choice
            .options
            .iter()
            .map(|o| ChoiceOption {
                value: o.value.clone(),
                label: Some(o.label.get(lang).to_string()),
                origin: OptionOrigin::Listed,
            })
            .collect();
        match choice.source {
            Some(OptionSource::Banks) => options.extend(self.banks.iter().map(|b| ChoiceOption {
                value: b.name.clone(),
                label: None,
                origin: OptionOrigin::Bank {
                    orgnr: b.orgnr.clone(),
                },
            })),
            Some(OptionSource::LegalBases) => {
                options.extend(assets::legal_bases().iter().map(|b| ChoiceOption {
                    value: b.value.clone(),
                    label: Some(b.label.get(lang).to_string()),
                    origin: OptionOrigin::LegalBasis,
                }))
            }
            None => {}
        }
        options
    }

    /// The bank list's banks, under the registry's current names where known.
    pub fn banks(&self) -> &[crate::registry::BankChoice] {
        &self.banks
    }

    /// The bank list as the front end read it from the lookup cache (`registry::bank_choices`).
    pub fn set_banks(&mut self, banks: Vec<crate::registry::BankChoice>) {
        self.banks = banks;
    }

    /// Stores a picked choice in a row; a bank picked from the bank list brings its organisation
    /// number when that is still empty. Returns the bank whose number was filled.
    pub fn pick(&mut self, row: &super::Row, value: String) -> Option<BankFilled> {
        super::rows::set_row_text(&mut self.answers, row, value.clone());
        self.dirty = true;
        self.fill_bank_orgnr(row.field, &value)
    }

    /// [`Session::pick`] for a question of the line-by-line wizard.
    pub fn pick_answer(&mut self, question: super::Question, value: String) -> Option<BankFilled> {
        let id = question.id(&self.spec);
        self.set_answer(id, crate::answers::Answer::Text(value.clone()));
        self.fill_bank_orgnr(question.field, &value)
    }

    fn fill_bank_orgnr(&mut self, field: usize, value: &str) -> Option<BankFilled> {
        let field = self.spec.fields.get(field)?.clone();
        let (orgnr_field, bank) = crate::registry::fill_bank_orgnr(
            &self.spec,
            &mut self.answers,
            &field,
            value,
            &self.banks,
        )?;
        Some(BankFilled { orgnr_field, bank })
    }
}
