//! Brønnøysund Enhetsregisteret: looks up organisation numbers to check the company's standing,
//! prefill names and addresses, and show banks under their current names.
//!
//! Optional and offline-tolerant: without the network (`--offline`, `[registry] enabled = false`, or
//! a registry that does not answer) the registry's checklist item is **unknown** with the reason, a
//! warning and never a block, and answers cached by earlier lookups are used with their date.
//!
//! For front ends:
//! - [`Registry::spawn_lookup`] (or [`spawn_lookup`]) runs a lookup on its own thread and returns a
//!   receiver at once: poll it with `try_recv` between key presses, so typing never waits.
//! - [`prefill`] turns a lookup into proposed answers (name and address), marking those that would
//!   replace what the user typed; [`apply`] writes the accepted ones.
//! - [`bank_choices`] is the bank list with the registry's current names, from the cache.
//! - [`Registry::facts_for`] looks up every number the checklist reads, in parallel, and gives the
//!   [`Facts`] for [`crate::prereq::evaluate`].
//! - [`Registry::spawn_roles`] (or [`Registry::lookup_roles`]) asks who holds which role in the
//!   company (`/enheter/{orgnr}/roller`), under the same time limit, cache and offline rules; birth
//!   dates in the answer are never read (see `roles.rs`).

mod cache;
mod client;
mod enhet;
mod prefill;
mod roles;
mod settings;
mod underenhet;

use std::sync::mpsc::{self, Receiver};
use std::time::Duration;

use jiff::Timestamp;

pub use crate::roles::{Group, Holder, Role, Roles, Rule, Signer, words};
pub use cache::{CACHE_DIR_ENV, Cache, CachedAnswer, Stored};
pub use client::{Answer, Client, Unit, interpret, interpret_unit};
pub use enhet::{Address, Code, Enhet};
pub use prefill::{
    BankChoice, Prefill, UseParent, apply, bank_choices, fill_bank_orgnr, prefill, use_parent,
};
pub use roles::{RolesLookup, RolesOutcome, interpret as interpret_roles};
pub use settings::{DEFAULT_TIMEOUT, DEFAULT_URL, Settings, SettingsError, TIMEOUT_ENV, URL_ENV};
pub use underenhet::{SubUnit, Underenhet};

use crate::answers::Answers;
use crate::form::{FormSpec, PrereqCheck};
use crate::prereq::{Facts, Sector, Standing};
use crate::t;
use crate::text::{Lang, Text};
use crate::validate::orgnr;

/// What the registry said about one number, or why it said nothing.
#[derive(Clone, Debug, PartialEq)]
pub enum Outcome {
    /// 200: the unit as registered. Deleted units answer 200 too, with `slettedato`.
    Found(Box<Enhet>),
    /// 404 as a main unit, 200 as a sub-unit (`/underenheter`): a branch or department, not a
    /// legal entity, with its parent's name when the parent was found.
    SubUnit(Box<SubUnit>),
    /// 404: no unit (main or sub-unit) has this number.
    NotFound,
    /// 410: removed for legal reasons, with the deletion date when the answer gives it.
    Removed { deleted: Option<String> },
    /// Not asked: lookups are off and nothing is cached.
    Offline,
    /// Not asked: not a valid organisation number.
    InvalidNumber,
    /// No answer: refused, timed out, no network, TLS failure, server error.
    Unreachable(Failure),
    /// An answer that cannot be understood.
    Unreadable(Failure),
}

/// Why there is no usable answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Failure {
    Timeout {
        after: Duration,
    },
    Refused,
    HostNotFound,
    Connection(String),
    Tls(String),
    BadUrl(String),
    Status(u16),
    NotHttp,
    NotJson,
    NoNumber,
    OtherNumber(String),
    Shape(String),
    TooLarge,
    Redirect,
    /// A redirect to another host than the registry's (the host named): not followed.
    RedirectElsewhere(String),
    Other(String),
}

/// Why an earlier answer from the cache is used.
#[derive(Clone, Debug, PartialEq)]
pub enum Fallback {
    Offline,
    Unreachable(Failure),
    Unreadable(Failure),
}

/// One lookup: the number, what came of it, and when the answer was fetched.
#[derive(Clone, Debug, PartialEq)]
pub struct Lookup {
    /// The normalised number.
    pub orgnr: String,
    pub outcome: Outcome,
    /// When the registry gave this answer: now, or earlier for a cached one. `None` without one.
    pub fetched: Option<Timestamp>,
    /// Set when the answer is an earlier one from the cache, with the reason.
    pub from_cache: Option<Fallback>,
}

impl Outcome {
    /// A definite answer from the registry, worth keeping: found, a sub-unit found, unknown
    /// number, removed.
    pub fn is_definite(&self) -> bool {
        matches!(
            self,
            Outcome::Found(_) | Outcome::SubUnit(_) | Outcome::NotFound | Outcome::Removed { .. }
        )
    }

    /// A short machine-readable name: found, deleted, sub-unit, not-found, removed, offline,
    /// invalid-number, unreachable, unreadable.
    pub fn kind(&self) -> &'static str {
        match self {
            Outcome::Found(e) if e.is_deleted() => "deleted",
            Outcome::Found(_) => "found",
            Outcome::SubUnit(_) => "sub-unit",
            Outcome::NotFound => "not-found",
            Outcome::Removed { .. } => "removed",
            Outcome::Offline => "offline",
            Outcome::InvalidNumber => "invalid-number",
            Outcome::Unreachable(_) => "unreachable",
            Outcome::Unreadable(_) => "unreadable",
        }
    }

    pub fn enhet(&self) -> Option<&Enhet> {
        match self {
            Outcome::Found(e) => Some(e),
            _ => None,
        }
    }

    pub fn sub_unit(&self) -> Option<&SubUnit> {
        match self {
            Outcome::SubUnit(s) => Some(s),
            _ => None,
        }
    }

    /// The registered name of the unit found (main or sub-unit), cleaned.
    pub fn name(&self) -> Option<String> {
        match self {
            Outcome::Found(e) => e.name(),
            Outcome::SubUnit(s) => s.name(),
            _ => None,
        }
    }
}

impl Failure {
    pub fn text(&self) -> Text {
        match self {
            Failure::Timeout { after } => {
                let secs = seconds(*after);
                let secs_nb = secs.replace('.', ",");
                t!(nb: "ikke svar innen {secs_nb} s", en: "no answer within {secs} s")
            }
            Failure::Refused => t!(nb: "tilkoblingen ble avvist", en: "connection refused"),
            Failure::HostNotFound => t!(
                nb: "fant ikke vertsnavnet til registeret; er maskinen uten nett?",
                en: "the registry's host name was not found; is there no network?",
            ),
            Failure::Connection(d) => {
                t!(nb: "tilkoblingen feilet: {d}", en: "connection failed: {d}")
            }
            Failure::Tls(d) => {
                t!(nb: "sikker tilkobling feilet: {d}", en: "secure connection failed: {d}")
            }
            Failure::BadUrl(d) => t!(nb: "ugyldig adresse: {d}", en: "bad address: {d}"),
            Failure::Status(code) => {
                t!(nb: "det svarte HTTP {code}", en: "it answered HTTP {code}")
            }
            Failure::NotHttp => t!(nb: "svaret er ikke HTTP", en: "the answer is not HTTP"),
            Failure::NotJson => t!(nb: "svaret er ikke JSON", en: "the answer is not JSON"),
            Failure::NoNumber => t!(
                nb: "svaret har ikke noe organisasjonsnummer",
                en: "the answer has no organisation number",
            ),
            Failure::OtherNumber(n) => t!(
                nb: "svaret gjelder et annet nummer, {n}",
                en: "the answer is about another number, {n}",
            ),
            Failure::Shape(d) => {
                t!(nb: "svaret har en uventet form: {d}", en: "the answer has an unexpected form: {d}")
            }
            Failure::TooLarge => {
                t!(nb: "svaret er større enn 256 kB", en: "the answer is larger than 256 KB")
            }
            Failure::Redirect => t!(
                nb: "for mange eller ødelagte videresendinger",
                en: "too many or broken redirects",
            ),
            Failure::RedirectElsewhere(host) => t!(
                nb: "det videresendte til en annen vert, {host}, og det følges ikke",
                en: "it redirected to another host, {host}, which is not followed",
            ),
            Failure::Other(d) => Text::new(d.clone(), d.clone()),
        }
    }
}

/// `5`, `0.3`, `2.5`.
fn seconds(d: Duration) -> String {
    let text = format!("{:.1}", d.as_secs_f64());
    text.strip_suffix(".0").unwrap_or(&text).to_string()
}

impl Fallback {
    fn from_outcome(outcome: &Outcome) -> Option<Fallback> {
        match outcome {
            Outcome::Offline => Some(Fallback::Offline),
            Outcome::Unreachable(f) => Some(Fallback::Unreachable(f.clone())),
            Outcome::Unreadable(f) => Some(Fallback::Unreadable(f.clone())),
            _ => None,
        }
    }
}

impl Lookup {
    fn answer(orgnr: &str, outcome: Outcome, fetched: Option<Timestamp>) -> Lookup {
        Lookup {
            orgnr: orgnr.to_string(),
            outcome,
            fetched,
            from_cache: None,
        }
    }

    /// The standing this answer gives. Deleted, removed, bankrupt, being wound up and unknown numbers
    /// are bad; no usable answer is unknown.
    pub fn standing(&self) -> Standing {
        let number = &self.orgnr;
        match &self.outcome {
            Outcome::Found(enhet) => enhet.standing(),
            Outcome::SubUnit(sub) => sub.standing(),
            Outcome::NotFound => Standing::Bad {
                reason: t!(
                    nb: "{number} finnes ikke i Enhetsregisteret: ingen enhet har dette nummeret. Sjekk nummeret på brreg.no.",
                    en: "{number} is not in the Central Coordinating Register: no unit has this number. Check the number at brreg.no.",
                ),
            },
            Outcome::Removed { deleted } => Standing::Bad {
                reason: match deleted {
                    Some(date) => t!(
                        nb: "{number} er fjernet fra Enhetsregisteret av juridiske årsaker (slettet {date}).",
                        en: "{number} has been removed from the Central Coordinating Register for legal reasons (deleted on {date}).",
                    ),
                    None => t!(
                        nb: "{number} er fjernet fra Enhetsregisteret av juridiske årsaker.",
                        en: "{number} has been removed from the Central Coordinating Register for legal reasons.",
                    ),
                },
            },
            Outcome::Offline => Standing::Unknown {
                reason: t!(
                    nb: "Frakoblet: {number} ble ikke slått opp i Enhetsregisteret, og ikke noe tidligere svar er lagret. Sjekk nummeret på brreg.no: ikke slettet, ikke konkurs, ikke under avvikling.",
                    en: "Offline: {number} was not looked up in the Central Coordinating Register, and no earlier answer is saved. Check it at brreg.no: not deleted, not bankrupt, not being wound up.",
                ),
            },
            Outcome::InvalidNumber => Standing::Unknown {
                reason: t!(
                    nb: "{number} er ikke et gyldig organisasjonsnummer og ble ikke slått opp.",
                    en: "{number} is not a valid organisation number and was not looked up.",
                ),
            },
            Outcome::Unreachable(f) => {
                let Text { nb, en } = f.text();
                Standing::Unknown {
                    reason: t!(
                        nb: "Fikk ikke kontakt med Enhetsregisteret ({nb}). Sjekk {number} selv på brreg.no: ikke slettet, ikke konkurs, ikke under avvikling.",
                        en: "Could not reach the Central Coordinating Register ({en}). Check {number} at brreg.no yourself: not deleted, not bankrupt, not being wound up.",
                    ),
                }
            }
            Outcome::Unreadable(f) => {
                let Text { nb, en } = f.text();
                Standing::Unknown {
                    reason: t!(
                        nb: "Svaret fra Enhetsregisteret om {number} kunne ikke leses ({nb}). Sjekk nummeret selv på brreg.no: ikke slettet, ikke konkurs, ikke under avvikling.",
                        en: "The Central Coordinating Register's answer about {number} could not be read ({en}). Check it at brreg.no yourself: not deleted, not bankrupt, not being wound up.",
                    ),
                }
            }
        }
    }

    /// For an earlier answer from the cache: that it is one, from when, and why.
    pub fn note(&self) -> Option<Text> {
        let fetched = self.fetched?;
        let when_nb = crate::text::local_time_in_words(fetched, Lang::Nb);
        let when_en = crate::text::local_time_in_words(fetched, Lang::En);
        let Some(reason) = self.from_cache.as_ref() else {
            // A fresh answer is dated too: the documents say when the register said it.
            return Some(t!(
                nb: "(Enhetsregisterets svar {when_nb}.)",
                en: "(The register's answer of {when_en}.)",
            ));
        };
        Some(match reason {
            Fallback::Offline => t!(
                nb: "(Frakoblet: fra Enhetsregisterets svar {when_nb}.)",
                en: "(Offline: from the register's answer of {when_en}.)",
            ),
            Fallback::Unreachable(f) => {
                let Text { nb, en } = f.text();
                t!(
                    nb: "(Fikk ikke kontakt med Enhetsregisteret nå ({nb}); dette er svaret fra {when_nb}.)",
                    en: "(The register could not be reached now ({en}); this is its answer of {when_en}.)",
                )
            }
            Fallback::Unreadable(f) => {
                let Text { nb, en } = f.text();
                t!(
                    nb: "(Svaret fra Enhetsregisteret nå kunne ikke leses ({nb}); dette er svaret fra {when_nb}.)",
                    en: "(The register's answer now could not be read ({en}); this is its answer of {when_en}.)",
                )
            }
        })
    }

    /// The unit's sector code, when it was found with one.
    pub fn sector(&self) -> Option<Sector> {
        self.outcome.enhet().and_then(Enhet::sector)
    }

    /// One line for a summary: the standing in words, with the note.
    pub fn summary(&self) -> Text {
        let number = &self.orgnr;
        let text = match self.standing() {
            Standing::Good { name } => t!(
                nb: "{number}: registrert som {name}, i god stand.",
                en: "{number}: registered as {name}, in good standing.",
            ),
            Standing::Bad { reason } | Standing::Unknown { reason } => reason,
        };
        match self.note() {
            Some(note) => Text::new(
                format!("{} {}", text.nb, note.nb),
                format!("{} {}", text.en, note.en),
            ),
            None => text,
        }
    }

    /// The lookup for scripts (`check --json`), messages in `lang`.
    pub fn to_json(&self, lang: Lang) -> serde_json::Value {
        let standing = match self.standing() {
            Standing::Good { .. } => "good",
            Standing::Bad { .. } => "bad",
            Standing::Unknown { .. } => "unknown",
        };
        let parent = self.outcome.sub_unit().and_then(|sub| {
            let orgnr = sub.parent()?;
            Some(serde_json::json!({ "orgnr": orgnr, "name": sub.parent_name }))
        });
        serde_json::json!({
            "orgnr": self.orgnr,
            "result": self.outcome.kind(),
            "standing": standing,
            "name": self.outcome.name(),
            "parent": parent,
            "sector": self.sector().map(|s| s.code),
            "fetched": self.fetched.map(|t| t.to_string()),
            "cached": self.from_cache.is_some(),
            "message": self.summary().get(lang),
        })
    }
}

/// Asks the registry (or, offline, the cache). Cheap to clone; each lookup can run on its own thread.
#[derive(Clone, Debug)]
pub struct Registry {
    client: Option<Client>,
    cache: Option<Cache>,
}

impl Registry {
    pub fn new(settings: &Settings) -> Registry {
        Registry {
            client: settings
                .enabled
                .then(|| Client::new(&settings.url, settings.timeout)),
            cache: settings.cache_dir.as_ref().map(Cache::new),
        }
    }

    /// A registry from its parts: no client means offline, no cache means nothing is kept.
    pub fn from_parts(client: Option<Client>, cache: Option<Cache>) -> Registry {
        Registry { client, cache }
    }

    pub fn is_online(&self) -> bool {
        self.client.is_some()
    }

    pub fn cache(&self) -> Option<&Cache> {
        self.cache.as_ref()
    }

    /// Looks up one number, blocking for at most the client's timeout per request. A number the
    /// main-unit register does not know (404) is asked as a sub-unit, and a sub-unit's parent as a
    /// main unit, for its name. Online, definite answers are cached; when the registry gives none,
    /// an earlier cached answer is used and says so. Offline, only the cache is read.
    pub fn lookup(&self, number: &str) -> Lookup {
        let number = orgnr::normalize(number);
        if !orgnr::is_valid(&number) {
            return Lookup::answer(&number, Outcome::InvalidNumber, None);
        }
        let now = Timestamp::now();
        let live = match &self.client {
            None => Outcome::Offline,
            Some(client) => match self.ask(client, &number, now) {
                Ok(outcome) => return Lookup::answer(&number, outcome, Some(now)),
                Err(outcome) => outcome,
            },
        };
        let cached = self.cache.as_ref().and_then(|c| c.get(&number));
        match (cached, Fallback::from_outcome(&live)) {
            (Some(cached), Some(reason)) => Lookup {
                orgnr: number,
                outcome: cached.outcome,
                fetched: Some(cached.fetched),
                from_cache: Some(reason),
            },
            _ => Lookup::answer(&number, live, None),
        }
    }

    /// The register's definite answer about `number` (kept in the cache), or the outcome that
    /// stands for no usable answer.
    fn ask(&self, client: &Client, number: &str, now: Timestamp) -> Result<Outcome, Outcome> {
        let (outcome, answer) = definite(client, Unit::Enhet, number)?;
        if outcome != Outcome::NotFound {
            self.keep(number, &Stored::plain(Unit::Enhet, answer), now);
            return Ok(outcome);
        }
        let (outcome, answer) = definite(client, Unit::Underenhet, number)?;
        match outcome {
            Outcome::SubUnit(mut sub) => {
                let parent = self.parent_answer(client, &sub, now);
                sub.parent_name = parent.as_ref().and_then(|(name, _)| name.clone());
                let mut stored = Stored::plain(Unit::Underenhet, answer);
                stored.parent = parent.map(|(_, body)| body);
                self.keep(number, &stored, now);
                Ok(Outcome::SubUnit(sub))
            }
            other => {
                self.keep(number, &Stored::plain(Unit::Underenhet, answer), now);
                Ok(other)
            }
        }
    }

    /// A sub-unit's parent asked as a main unit (and cached): its name and answer when found.
    fn parent_answer(
        &self,
        client: &Client,
        sub: &SubUnit,
        now: Timestamp,
    ) -> Option<(Option<String>, String)> {
        let parent = sub.parent()?;
        let (outcome, answer) = definite(client, Unit::Enhet, &parent).ok()?;
        self.keep(&parent, &Stored::plain(Unit::Enhet, answer.clone()), now);
        let enhet = outcome.enhet()?;
        Some((enhet.name(), answer.body))
    }

    fn keep(&self, number: &str, stored: &Stored, now: Timestamp) {
        if let Some(cache) = &self.cache {
            // The cache is a convenience: a full disk must not spoil a good answer.
            let _ = cache.put_stored(number, stored, now);
        }
    }

    /// Starts a lookup on its own thread and returns at once; the result arrives on the receiver.
    pub fn spawn_lookup(&self, number: &str) -> Receiver<Lookup> {
        let (tx, rx) = mpsc::channel();
        let registry = self.clone();
        let owned = number.to_string();
        let started = std::thread::Builder::new()
            .name("registry-lookup".into())
            .spawn(move || {
                // The receiver may be gone (the user moved on): then nobody wants the result.
                let _ = tx.send(registry.lookup(&owned));
            });
        if let Err(e) = started {
            let (tx, rx) = mpsc::channel();
            let failure = Failure::Other(format!("cannot start a lookup: {e}"));
            let _ = tx.send(Lookup::answer(
                &orgnr::normalize(number),
                Outcome::Unreachable(failure),
                None,
            ));
            return rx;
        }
        rx
    }

    /// Looks up several numbers in parallel (each once), in the order given.
    pub fn lookup_all(&self, numbers: &[String]) -> Vec<Lookup> {
        let mut unique: Vec<String> = Vec::new();
        for n in numbers.iter().map(|n| orgnr::normalize(n)) {
            if !unique.contains(&n) {
                unique.push(n);
            }
        }
        let pending: Vec<(String, Receiver<Lookup>)> = unique
            .into_iter()
            .map(|n| {
                let rx = self.spawn_lookup(&n);
                (n, rx)
            })
            .collect();
        pending
            .into_iter()
            .map(|(n, rx)| {
                rx.recv().unwrap_or_else(|_| {
                    Lookup::answer(
                        &n,
                        Outcome::Unreachable(Failure::Other("the lookup stopped".into())),
                        None,
                    )
                })
            })
            .collect()
    }

    /// Looks up every number the questionnaire's checklist reads (company and bank), and the
    /// company's roles when the checklist reads them, and gives the facts for the checklist
    /// together with the lookups.
    pub fn facts_for(&self, spec: &FormSpec, answers: &Answers) -> (Facts, Vec<Lookup>) {
        let roles = roles_to_check(spec, answers).map(|n| self.spawn_roles(&n));
        let lookups = self.lookup_all(&numbers_to_check(spec, answers));
        let mut facts = facts(&lookups);
        if let Some(rx) = roles
            && let Ok(roles) = rx.recv()
        {
            facts.roles.insert(roles.orgnr.clone(), roles.fact());
        }
        (facts, lookups)
    }

    /// Asks who holds which role in `number`, blocking for at most the client's time limit. Online,
    /// definite answers are cached (without birth dates); when the register gives none, an earlier
    /// cached answer is used and says so. Offline, only the cache is read.
    pub fn lookup_roles(&self, number: &str) -> RolesLookup {
        let number = orgnr::normalize(number);
        if !orgnr::is_valid(&number) {
            return RolesLookup::answer(&number, RolesOutcome::InvalidNumber, None);
        }
        let now = Timestamp::now();
        let live = match &self.client {
            None => RolesOutcome::Offline,
            Some(client) => roles::ask(client, &number),
        };
        if live.is_definite() {
            if let Some(cache) = &self.cache {
                // The cache is a convenience: a full disk must not spoil a good answer.
                let _ = cache.put_roles(&number, &live, now);
            }
            return RolesLookup::answer(&number, live, Some(now));
        }
        let cached = self.cache.as_ref().and_then(|c| c.get_roles(&number));
        RolesLookup::answer(&number, live, None).or_cached(cached)
    }

    /// [`Registry::lookup_roles`] on its own thread; returns at once.
    pub fn spawn_roles(&self, number: &str) -> Receiver<RolesLookup> {
        let (tx, rx) = mpsc::channel();
        let registry = self.clone();
        let owned = number.to_string();
        let started = std::thread::Builder::new()
            .name("registry-roles".into())
            .spawn(move || {
                let _ = tx.send(registry.lookup_roles(&owned));
            });
        if let Err(e) = started {
            let (tx, rx) = mpsc::channel();
            let failure = Failure::Other(format!("cannot start a lookup: {e}"));
            let _ = tx.send(RolesLookup::answer(
                &orgnr::normalize(number),
                RolesOutcome::Unreachable(failure),
                None,
            ));
            return rx;
        }
        rx
    }
}

/// One request to the register of `unit`: its definite outcome with the answer, or the outcome
/// that stands for none.
fn definite(client: &Client, unit: Unit, number: &str) -> Result<(Outcome, Answer), Outcome> {
    let answer = client.get_unit(unit, number)?;
    let outcome = interpret_unit(unit, number, answer.status, &answer.body);
    if outcome.is_definite() {
        Ok((outcome, answer))
    } else {
        Err(outcome)
    }
}

/// [`Registry::spawn_lookup`]: starts a lookup off the caller's thread and returns at once.
pub fn spawn_lookup(registry: &Registry, number: &str) -> Receiver<Lookup> {
    registry.spawn_lookup(number)
}

/// The valid organisation numbers the checklist's registry and bank items read, in checklist order.
/// Items that do not apply (a foreign company's registry id) are left out.
pub fn numbers_to_check(spec: &FormSpec, answers: &Answers) -> Vec<String> {
    let mut numbers = Vec::new();
    for p in &spec.prerequisites {
        if !matches!(
            p.check,
            PrereqCheck::RegistryStanding | PrereqCheck::NorwegianBank | PrereqCheck::PublicSector
        ) {
            continue;
        }
        if p.when
            .as_ref()
            .is_some_and(|when| !answers.condition_holds(spec, when))
        {
            continue;
        }
        if let Some(value) = answers.text(&p.field) {
            let number = orgnr::normalize(value);
            if orgnr::is_valid(&number) && !numbers.contains(&number) {
                numbers.push(number);
            }
        }
    }
    numbers
}

/// The company number whose roles the checklist reads: `company.orgnr` when valid, the company
/// is Norwegian (or its country not given) and the questionnaire has a signing-authority item.
pub fn roles_to_check(spec: &FormSpec, answers: &Answers) -> Option<String> {
    let reads_roles = spec
        .prerequisites
        .iter()
        .any(|p| p.check == PrereqCheck::SigningAuthority);
    if !reads_roles || !crate::prereq::is_norwegian_company(answers) {
        return None;
    }
    let number = orgnr::normalize(answers.text(crate::prereq::COMPANY_ORGNR)?);
    orgnr::is_valid(&number).then_some(number)
}

/// The checklist facts from lookups: standing, sector code and cache note per number.
pub fn facts(lookups: &[Lookup]) -> Facts {
    let mut facts = Facts::default();
    for lookup in lookups {
        if lookup.outcome == Outcome::InvalidNumber {
            continue;
        }
        let number = lookup.orgnr.clone();
        if let Some(sector) = lookup.sector() {
            facts.sectors.insert(number.clone(), sector);
        }
        if let Some(form) = lookup.outcome.enhet().and_then(Enhet::org_form) {
            facts.forms.insert(number.clone(), form);
        }
        if let Some(note) = lookup.note() {
            facts.notes.insert(number.clone(), note);
        }
        facts.registry.insert(number, lookup.standing());
    }
    facts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seconds_are_short() {
        assert_eq!(seconds(Duration::from_secs(5)), "5");
        assert_eq!(seconds(Duration::from_millis(300)), "0.3");
        assert_eq!(
            Failure::Timeout {
                after: Duration::from_millis(2500)
            }
            .text()
            .nb,
            "ikke svar innen 2,5 s"
        );
    }

    #[test]
    fn every_message_exists_in_both_languages() {
        let failures = [
            Failure::Timeout {
                after: Duration::from_secs(5),
            },
            Failure::Refused,
            Failure::HostNotFound,
            Failure::Connection("x".into()),
            Failure::Tls("x".into()),
            Failure::BadUrl("x".into()),
            Failure::Status(500),
            Failure::NotHttp,
            Failure::NotJson,
            Failure::NoNumber,
            Failure::OtherNumber("1".into()),
            Failure::Shape("x".into()),
            Failure::TooLarge,
            Failure::Redirect,
            Failure::RedirectElsewhere("192.0.2.1".into()),
        ];
        let sub: Underenhet = serde_json::from_str(
            r#"{"organisasjonsnummer":"984851006","overordnetEnhet":"991825827"}"#,
        )
        .unwrap();
        let mut outcomes = vec![
            Outcome::SubUnit(Box::new(SubUnit::new(sub))),
            Outcome::NotFound,
            Outcome::Removed { deleted: None },
            Outcome::Removed {
                deleted: Some("2025-05-24".into()),
            },
            Outcome::Offline,
            Outcome::InvalidNumber,
        ];
        for f in failures {
            let text = f.text();
            assert!(!text.nb.is_empty() && !text.en.is_empty());
            assert_ne!(text.nb, text.en, "{f:?}");
            outcomes.push(Outcome::Unreachable(f.clone()));
            outcomes.push(Outcome::Unreadable(f));
        }
        for outcome in outcomes {
            let lookup = Lookup::answer("984851006", outcome, None);
            let summary = lookup.summary();
            assert!(summary.en.contains("984851006"), "{summary:?}");
            assert!(summary.nb.contains("984851006"), "{summary:?}");
            assert_ne!(summary.nb, summary.en);
        }
    }
}
