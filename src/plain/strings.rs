//! Every string the plain mode prints, in Norwegian bokmål and English. One typed struct per
//! language: a string missing in one language is a compile error, not a blank line at run time.

use crate::text::Lang;

pub struct Strings {
    /// The input conventions, printed at the start and on `?`.
    pub conventions: &'static str,
    pub wizard_title: fn(name: &str, title: &str, form: &str) -> String,
    pub step: fn(n: usize, total: usize, title: &str) -> String,
    pub now: &'static str,
    pub default: &'static str,
    pub yes: &'static str,
    pub no: &'static str,
    pub yes_no_hint: &'static str,
    pub not_yes_no: &'static str,
    pub multiline_hint: &'static str,
    pub select_hint: &'static str,
    pub select_search_hint: fn(count: usize) -> String,
    pub other_allowed: &'static str,
    pub matches: fn(count: usize) -> String,
    pub more_matches: fn(more: usize) -> String,
    pub matches_hint: &'static str,
    pub no_match: fn(input: &str) -> String,
    pub no_choice_number: fn(n: usize, max: usize) -> String,
    pub picked: fn(value: &str) -> String,
    /// The people the register lists with signing authority, numbered, for a signatory's name.
    pub signers_hint: fn(listed: &str) -> String,
    pub bank_filled: fn(field: &str, orgnr: &str, bank: &str) -> String,
    pub multi_hint: &'static str,
    /// `detail` is empty or ` (1–100 days)`.
    pub number_hint: fn(detail: &str) -> String,
    pub not_number: fn(input: &str) -> String,
    pub file_hint: fn(cwd: &str) -> String,
    pub repeat_hint: &'static str,
    pub repeat_empty: &'static str,
    pub repeat_bad: &'static str,
    pub entry_label: fn(label: &str, n: usize) -> String,
    pub no_entry: fn(n: usize) -> String,
    pub entry_cancelled: &'static str,
    pub cleaned: &'static str,
    pub cleared: &'static str,
    pub first_question: &'static str,
    /// An empty line on a required question without an answer, the first time.
    pub required_empty: &'static str,
    /// `same` as typed at a contact question, for the roles it can be copied from.
    pub same_as_hint: fn(roles: &str) -> String,
    /// After a copy: which other roles without a name get the same person.
    pub same_as_also: fn(source: &str, roles: &str) -> String,
    pub copied_to: fn(source: &str, roles: &str) -> String,
    /// A proposed answer for an unanswered question.
    pub proposed: fn(value: &str) -> String,
    pub same_as_none: &'static str,
    pub same_as_unknown: fn(typed: &str) -> String,
    pub copied_from: fn(role: &str) -> String,
    /// The registry filled empty fields.
    pub prefilled: fn(fields: &str) -> String,
    /// The production domain is being checked, within this many seconds.
    pub checking_domain: fn(domain: &str, seconds: f64) -> String,
    /// What the domain check found: the checklist item's state and reason.
    pub domain_checked: fn(state: crate::prereq::State, reason: &str) -> String,
    /// The registry has another value than the one typed: replace it?
    pub replace_from_registry: fn(field: &str, registered: &str, typed: &str) -> String,
    pub kept_typed: &'static str,
    pub use_parent: fn(question: &str) -> String,
    pub kept_number: fn(number: &str) -> String,
    pub error: &'static str,
    pub warning: &'static str,
    pub resume_at: fn(label: &str) -> String,
    pub saved_quit: fn(name: &str) -> String,
    pub finished: fn(name: &str) -> String,
    pub home_title: &'static str,
    pub drafts: &'static str,
    pub no_drafts: &'static str,
    pub forms: &'static str,
    pub home_hint: &'static str,
    pub home_bad: &'static str,
    pub no_draft_number: fn(n: usize) -> String,
    pub pick_form: &'static str,
    pub draft_name: fn(default: &str) -> String,
    pub name_taken: fn(name: &str) -> String,
    pub unreadable: &'static str,
}

pub fn strings(lang: Lang) -> &'static Strings {
    match lang {
        Lang::Nb => &NB,
        Lang::En => &EN,
    }
}

const EN: Strings = Strings {
    conventions: "How to answer: type the answer and press Enter. * marks a required question.\n  Enter on an empty line  keeps the current answer and moves on; an unanswered required question asks once more\n  ?                       help for the question\n  <                       back to the previous question\n  -                       clears the answer (or leaves the question empty on purpose)\n  =N                      at a contact: the same person as role N of the list shown\n  :check                  problems and the checklist so far\n  :q                      save and quit (end of input does the same)\nEverything is saved after each answer.",
    wizard_title: |name, title, form| format!("Draft {name}: {title} ({form})"),
    step: |n, total, title| format!("Step {n} of {total}: {title}"),
    now: "now",
    default: "default",
    yes: "yes",
    no: "no",
    yes_no_hint: "Answer y (yes) or n (no).",
    not_yes_no: "Answer y (yes) or n (no); Enter keeps the current answer.",
    multiline_hint: "Type the text over as many lines as you like; end with a line holding only a dot (.), or :q to keep it and quit.",
    select_hint: "Type a number or the value.",
    select_search_hint: |count| format!("Type part of the name to search the {count} choices."),
    other_allowed: "Not in the list? Type it as you want it.",
    matches: |count| format!("{count} choices match:"),
    more_matches: |more| format!("… and {more} more: type more letters."),
    matches_hint: "Type a number, more letters, or the same text again to use it as written.",
    no_match: |input| format!("No choice matches \"{input}\". Type part of a name, or ? for help."),
    no_choice_number: |n, max| format!("There is no choice {n}; type a number from 1 to {max}."),
    picked: |value| format!("Picked: {value}"),
    signers_hint: |listed| {
        format!("From the register (type a number to use the name, or type a name): {listed}")
    },
    bank_filled: |field, orgnr, bank| format!("Filled in {field}: {orgnr} ({bank})."),
    multi_hint: "Type numbers or values separated by commas.",
    number_hint: |detail| format!("A whole number{detail}."),
    not_number: |input| format!("\"{input}\" is not a whole number."),
    file_hint: |cwd| format!("The path of the file; a relative path starts from {cwd}."),
    repeat_hint: "a adds an entry, d N removes entry N, u N moves entry N up, Enter when done.",
    repeat_empty: "(no entries yet)",
    repeat_bad: "Type a to add an entry, d N to remove entry N, u N to move it up, or Enter when done.",
    entry_label: |label, n| format!("{label}, entry {n}"),
    no_entry: |n| format!("There is no entry {n}."),
    entry_cancelled: "The entry was not added.",
    cleaned: "Control characters were removed from what you typed.",
    cleared: "Cleared.",
    first_question: "This is the first question.",
    required_empty: "This question needs an answer. Type it, or press Enter again (or -) to leave it empty for now.",
    same_as_hint: |roles| format!("Same person as another role? Type = and its number: {roles}."),
    same_as_also: |source, roles| {
        format!(
            "{source} for these roles without a name too? Type their numbers, or Enter for none: {roles}."
        )
    },
    copied_to: |source, roles| format!("Copied {source} to {roles}."),
    proposed: |value| format!("Proposed: {value} (Enter takes it, - leaves it empty)"),
    same_as_none: "No other contact to copy from yet.",
    same_as_unknown: |typed| {
        format!("\"{typed}\" is not one of the roles listed; type = and its number.")
    },
    copied_from: |role| format!("Copied from {role}."),
    prefilled: |fields| format!("Filled in from the register: {fields}."),
    checking_domain: |domain, seconds| format!("Checking {domain}… (at most {seconds} s)"),
    domain_checked: |state, reason| {
        let state = match state {
            crate::prereq::State::Met => "Production domain set up",
            crate::prereq::State::NotMet => "Production domain not set up",
            crate::prereq::State::Unknown => "Production domain not confirmed",
        };
        format!("{state}: {reason}")
    },
    replace_from_registry: |field, registered, typed| {
        format!(
            "The register has \"{registered}\" for {field}, you typed \"{typed}\". Use the register's? (y/n)"
        )
    },
    kept_typed: "Kept what you typed.",
    use_parent: |question| format!("{question} (y/n)"),
    kept_number: |number| format!("Kept {number}."),
    error: "error",
    warning: "warning",
    resume_at: |label| format!("Continuing at: {label}"),
    saved_quit: |name| format!("Saved draft {name}. Continue later with: eid-onboard edit {name}"),
    finished: |name| {
        format!(
            "That was the last question; draft {name} is saved.\nNext: eid-onboard check {name} (change answers with eid-onboard edit {name})"
        )
    },
    home_title: "eid-onboard: order BankID login, line by line.",
    drafts: "Drafts:",
    no_drafts: "No drafts yet.",
    forms: "Questionnaires:",
    home_hint: "Type a draft number to continue it, n to start a new order, or q to quit.",
    home_bad: "Type a draft number, n or q.",
    no_draft_number: |n| format!("There is no draft {n}."),
    pick_form: "Which questionnaire? Type its number.",
    draft_name: |default| {
        format!("Name of the draft: letters, digits, - and _ (Enter gives {default}).")
    },
    name_taken: |name| format!("A draft named {name} exists already; pick another name."),
    unreadable: "cannot be read",
};

const NB: Strings = Strings {
    conventions: "Slik svarer du: skriv svaret og trykk Enter. * betyr at spørsmålet må besvares.\n  Enter på tom linje  beholder svaret og går videre; et ubesvart obligatorisk spørsmål spør én gang til\n  ?                   hjelp til spørsmålet\n  <                   tilbake til forrige spørsmål\n  -                   tømmer svaret (eller lar spørsmålet stå tomt med vilje)\n  =N                  ved en kontakt: samme person som rolle N i listen\n  :check              problemer og sjekklisten så langt\n  :q                  lagre og avslutt (slutt på input gjør det samme)\nAlt lagres etter hvert svar.",
    wizard_title: |name, title, form| format!("Utkast {name}: {title} ({form})"),
    step: |n, total, title| format!("Steg {n} av {total}: {title}"),
    now: "nå",
    default: "standard",
    yes: "ja",
    no: "nei",
    yes_no_hint: "Svar j (ja) eller n (nei).",
    not_yes_no: "Svar j (ja) eller n (nei); Enter beholder svaret.",
    multiline_hint: "Skriv teksten over så mange linjer du vil; avslutt med en linje med bare et punktum (.), eller :q for å beholde den og avslutte.",
    select_hint: "Skriv et nummer eller verdien.",
    select_search_hint: |count| {
        format!("Skriv en del av navnet for å søke blant de {count} valgene.")
    },
    other_allowed: "Står det ikke på listen? Skriv det slik du vil ha det.",
    matches: |count| format!("{count} valg passer:"),
    more_matches: |more| format!("… og {more} til: skriv flere bokstaver."),
    matches_hint: "Skriv et nummer, flere bokstaver, eller den samme teksten igjen for å bruke den slik den står.",
    no_match: |input| {
        format!("Ingen valg passer til «{input}». Skriv en del av et navn, eller ? for hjelp.")
    },
    no_choice_number: |n, max| {
        format!("Det finnes ikke noe valg {n}; skriv et nummer fra 1 til {max}.")
    },
    picked: |value| format!("Valgt: {value}"),
    signers_hint: |listed| {
        format!(
            "Fra registeret (skriv et nummer for å bruke navnet, eller skriv et navn): {listed}"
        )
    },
    bank_filled: |field, orgnr, bank| format!("Fylte ut {field}: {orgnr} ({bank})."),
    multi_hint: "Skriv numre eller verdier skilt med komma.",
    number_hint: |detail| format!("Et heltall{detail}."),
    not_number: |input| format!("«{input}» er ikke et heltall."),
    file_hint: |cwd| format!("Stien til filen; en relativ sti regnes fra {cwd}."),
    repeat_hint: "a legger til en oppføring, d N fjerner oppføring N, u N flytter oppføring N opp, Enter når du er ferdig.",
    repeat_empty: "(ingen oppføringer ennå)",
    repeat_bad: "Skriv a for å legge til, d N for å fjerne oppføring N, u N for å flytte den opp, eller Enter når du er ferdig.",
    entry_label: |label, n| format!("{label}, oppføring {n}"),
    no_entry: |n| format!("Det finnes ingen oppføring {n}."),
    entry_cancelled: "Oppføringen ble ikke lagt til.",
    cleaned: "Kontrolltegn ble fjernet fra det du skrev.",
    cleared: "Tømt.",
    first_question: "Dette er det første spørsmålet.",
    required_empty: "Dette spørsmålet må besvares. Skriv svaret, eller trykk Enter igjen (eller -) for å la det stå tomt inntil videre.",
    same_as_hint: |roles| format!("Samme person som en annen rolle? Skriv = og nummeret: {roles}."),
    same_as_also: |source, roles| {
        format!(
            "{source} også for disse rollene uten navn? Skriv numrene, eller Enter for ingen: {roles}."
        )
    },
    copied_to: |source, roles| format!("Kopierte {source} til {roles}."),
    proposed: |value| format!("Forslag: {value} (Enter tar det, - lar feltet stå tomt)"),
    same_as_none: "Ingen annen kontakt å kopiere fra ennå.",
    same_as_unknown: |typed| {
        format!("«{typed}» er ikke en av rollene i listen; skriv = og nummeret.")
    },
    copied_from: |role| format!("Kopiert fra {role}."),
    prefilled: |fields| format!("Fylt ut fra registeret: {fields}."),
    checking_domain: |domain, seconds| format!("Sjekker {domain} … (høyst {seconds} s)"),
    domain_checked: |state, reason| {
        let state = match state {
            crate::prereq::State::Met => "Produksjonsdomenet er satt opp",
            crate::prereq::State::NotMet => "Produksjonsdomenet er ikke satt opp",
            crate::prereq::State::Unknown => "Produksjonsdomenet er ikke bekreftet",
        };
        format!("{state}: {reason}")
    },
    replace_from_registry: |field, registered, typed| {
        format!(
            "Registeret har «{registered}» for {field}, du skrev «{typed}». Bruke registerets? (j/n)"
        )
    },
    kept_typed: "Beholdt det du skrev.",
    use_parent: |question| format!("{question} (j/n)"),
    kept_number: |number| format!("Beholdt {number}."),
    error: "feil",
    warning: "advarsel",
    resume_at: |label| format!("Fortsetter ved: {label}"),
    saved_quit: |name| {
        format!("Utkastet {name} er lagret. Fortsett senere med: eid-onboard edit {name}")
    },
    finished: |name| {
        format!(
            "Det var siste spørsmål; utkastet {name} er lagret.\nNeste: eid-onboard check {name} (endre svar med eid-onboard edit {name})"
        )
    },
    home_title: "eid-onboard: bestill BankID-innlogging, linje for linje.",
    drafts: "Utkast:",
    no_drafts: "Ingen utkast ennå.",
    forms: "Spørreskjemaer:",
    home_hint: "Skriv nummeret på et utkast for å fortsette, n for å starte en ny bestilling, eller q for å avslutte.",
    home_bad: "Skriv nummeret på et utkast, n eller q.",
    no_draft_number: |n| format!("Det finnes ikke noe utkast {n}."),
    pick_form: "Hvilket spørreskjema? Skriv nummeret.",
    draft_name: |default| {
        format!("Navn på utkastet: bokstaver, sifre, - og _ (Enter gir {default}).")
    },
    name_taken: |name| format!("Et utkast med navnet {name} finnes allerede; velg et annet navn."),
    unreadable: "kan ikke leses",
};
