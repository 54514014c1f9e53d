//! Who may sign, from the register, in the session: the company's roles are looked up once its
//! number is known (the front end runs the lookup, as for units, and hands the answer to
//! [`Session::roles_looked_up`]); the signatories' name rows then offer the people who hold
//! signing authority as choices, each a proposal the user picks (typed names stay allowed), and
//! the signing rule the register tells is shown with the question.

use super::{ChoiceOption, OptionOrigin, Row, Session, Slot};
use crate::registry::{self, RolesLookup};
use crate::signatory;
use crate::text::Text;

impl Session {
    /// The company's number when its roles are wanted and not yet looked up nor on their way; it
    /// counts as on its way from now on, so it is handed out once.
    pub fn roles_to_look_up(&mut self) -> Vec<String> {
        let Some(number) = registry::roles_to_check(&self.spec, &self.answers) else {
            return Vec::new();
        };
        if self.roles.contains_key(&number) || self.roles_pending.contains(&number) {
            return Vec::new();
        }
        self.roles_pending.insert(number.clone());
        vec![number]
    }

    /// A roles lookup came back: the checklist and the signatory choices use it.
    pub fn roles_looked_up(&mut self, lookup: RolesLookup) {
        self.roles_pending.remove(&lookup.orgnr);
        self.roles.insert(lookup.orgnr.clone(), lookup);
        self.recheck();
    }

    /// The roles of the company as it stands, when they were looked up and found.
    fn company_roles(&self) -> Option<&registry::Roles> {
        let number = registry::roles_to_check(&self.spec, &self.answers)?;
        self.roles.get(&number)?.outcome.roles()
    }

    /// The people the register lists with signing authority, as choices for a signatory's name:
    /// the value is the name, the label the role ("Signatur i fellesskap"). Empty until the roles
    /// are known.
    pub fn signatory_choices(&self) -> Vec<ChoiceOption> {
        let Some(roles) = self.company_roles() else {
            return Vec::new();
        };
        roles
            .active_signers()
            .into_iter()
            .map(|s| ChoiceOption {
                value: s.name.clone(),
                label: Some(s.description.clone()),
                origin: OptionOrigin::Signatory {
                    role: s.description,
                },
            })
            .collect()
    }

    /// The choices for a row when it is a contact's name and the register named someone: for a
    /// signatory the people with signing authority, for another of the company's contacts every
    /// person holding a role.
    pub fn name_choices(&self, row: &Row) -> Option<Vec<ChoiceOption>> {
        let choices = if is_signatory_name(row) {
            self.signatory_choices()
        } else if self.is_own_contact_name(row) {
            self.role_holder_choices()
        } else {
            return None;
        };
        (!choices.is_empty()).then_some(choices)
    }

    /// The people the register lists in any role, as choices for a contact's name.
    pub fn role_holder_choices(&self) -> Vec<ChoiceOption> {
        let Some(roles) = self.company_roles() else {
            return Vec::new();
        };
        roles
            .active_people()
            .into_iter()
            .map(|(name, role)| ChoiceOption {
                value: name,
                label: Some(role.clone()),
                origin: OptionOrigin::RoleHolder { role },
            })
            .collect()
    }

    /// A name part of one of the company's own contacts (not another party's).
    fn is_own_contact_name(&self, row: &Row) -> bool {
        let is_name = match &row.slot {
            Slot::Leaf(id) => id.ends_with(".name"),
            Slot::Entry { part, .. } => *part == Some("name"),
            Slot::Repeat(_) => false,
        };
        is_name
            && super::same_as_target(&self.spec, row)
                .is_some_and(|contact| !self.is_other_party_contact(&contact))
    }

    /// [`Session::name_choices`] for a question of the line-by-line wizard: a signatory's (its
    /// repeat, or a single signatory's name) or another own contact's name; empty otherwise.
    pub fn question_name_choices(&self, question: super::Question) -> Vec<ChoiceOption> {
        let id = question.id(&self.spec);
        let field = question.field(&self.spec);
        if id == signatory::FIELD || id == format!("{}.name", signatory::FIELD) {
            return self.signatory_choices();
        }
        let own_contact = matches!(field.kind, crate::form::FieldKind::Contact { .. })
            && !field.kind.is_other_party();
        if own_contact && id == format!("{}.name", field.id) {
            self.role_holder_choices()
        } else {
            Vec::new()
        }
    }

    /// The signing rule as the register tells it, once the roles are known.
    pub fn signing_rule(&self) -> Option<Text> {
        self.company_roles().map(crate::roles::rule_text)
    }

    /// What the register said about the company's roles, by number.
    pub fn roles_lookups(&self) -> impl Iterator<Item = &RolesLookup> {
        self.roles.values()
    }
}

/// Whether a row holds a signatory's name (`contacts.signatory.name`, `contacts.signatory[1].name`).
pub fn is_signatory_name(row: &Row) -> bool {
    match &row.slot {
        Slot::Leaf(id) => id == &format!("{}.name", signatory::FIELD),
        Slot::Entry { field, part, .. } => field == signatory::FIELD && *part == Some("name"),
        Slot::Repeat(_) => false,
    }
}
