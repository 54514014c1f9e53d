//! Every word the wizard draws, in Norwegian bokmål and English. A typed struct per language keeps
//! the two in step: a string missing in one language is a compile error. A message with values in
//! it is a function of those values, so a misspelt or missing value is a compile error too.

use crate::text::Lang;

pub struct Strings {
    pub app_title: &'static str,
    pub home_drafts: &'static str,
    pub home_no_drafts: &'static str,
    pub home_new: &'static str,
    pub home_pick_form: &'static str,
    pub home_name_prompt: &'static str,
    pub draft_exists: fn(name: &str) -> String,
    pub confirm_delete: fn(name: &str) -> String,
    pub remove_entry_title: &'static str,
    pub confirm_remove_entry: fn(entry: &str) -> String,
    pub yes: &'static str,
    pub no: &'static str,
    pub checklist_step: &'static str,
    pub review_step: &'static str,
    pub step_of: fn(n: usize, total: usize) -> String,
    pub required_marker: &'static str,
    pub empty_value: &'static str,
    pub saved_at: fn(time: &str) -> String,
    pub not_saved: &'static str,
    pub too_small: fn(w: u16, h: u16, min_w: u16, min_h: u16) -> String,
    pub state_met: &'static str,
    pub state_not_met: &'static str,
    pub state_unknown: &'static str,
    pub review_ready: &'static str,
    pub review_not_ready: fn(errors: usize, not_met: usize) -> String,
    pub add_entry: &'static str,
    pub entry: &'static str,
    pub filter: &'static str,
    pub no_matches: &'static str,
    pub other_value: fn(value: &str) -> String,
    /// A multi-select's typed value that Space or Enter adds.
    pub other_value_marked: fn(value: &str) -> String,
    pub same_as_title: &'static str,
    pub help_title: &'static str,
    pub help_intro: &'static str,
    /// The help's heading over the text editor's own keys.
    pub help_editing: &'static str,
    pub draft_locked: &'static str,
    pub bank_filled: fn(bank: &str) -> String,
    pub copied_from: fn(role: &str) -> String,
    /// The second question of "same as": which other roles the copied person fills too.
    pub same_as_also: fn(source: &str) -> String,
    /// After filling several roles at once.
    pub copied_to: fn(source: &str, roles: &str) -> String,
    /// After a proposal shown in an empty line.
    pub proposed: &'static str,
    /// In the help: what an email address was proposed from.
    pub proposed_email_like: fn(example: &str) -> String,
    /// In the help: the answer a display name was proposed from.
    pub proposed_name_of: fn(label: &str) -> String,
    /// In the help: the email domain a production domain was proposed under.
    pub proposed_domain: fn(domain: &str) -> String,
    pub col_name: &'static str,
    pub col_form: &'static str,
    pub col_progress: &'static str,
    pub col_status: &'static str,
    pub col_updated: &'static str,
    pub completions: &'static str,
    pub step_empty: &'static str,
    pub prefilled: fn(fields: &str) -> String,
    pub field_cleared: &'static str,
    pub replace_title: &'static str,
    pub replace_intro: &'static str,
    pub use_parent_title: &'static str,
    pub bundle_to: &'static str,
    pub bundle_done: &'static str,
    pub bundle_folder: &'static str,
    pub bundle_next: fn(dir: &str) -> String,
    /// After the bundle of an access request: where to paste it, then to mark it sent.
    pub bundle_access_request: fn(title: &str, place: &str) -> String,
    pub bundle_blocked: fn(errors: usize, not_met: usize) -> String,
    pub not_ready_to_go: fn(errors: usize, not_met: usize) -> String,
    pub not_sent: &'static str,
    pub draft_unchanged: &'static str,
    pub sent_title: &'static str,
    pub sent_to: fn(to: &str, time: &str) -> String,
    pub sent_next: &'static str,
    pub password_needed: &'static str,
    pub password_prompt: &'static str,
    pub sending: &'static str,
    pub preview_title: &'static str,
    pub mark_title: &'static str,
    pub status_signed: &'static str,
    pub status_credentials: &'static str,
}

const NB: Strings = Strings {
    app_title: "eid-onboard",
    home_drafts: "Utkast",
    home_no_drafts: "Ingen utkast ennå. Trykk n for å starte en ny bestilling.",
    home_new: "Ny bestilling",
    home_pick_form: "Velg spørreskjema",
    home_name_prompt: "Navn på utkastet (bokstaver, tall, - og _; skriv for å erstatte forslaget)",
    draft_exists: |name| format!("Utkastet {name} finnes allerede."),
    confirm_delete: |name| format!("Slette utkastet {name}? Det kan ikke angres."),
    remove_entry_title: "Fjerne oppføringen?",
    confirm_remove_entry: |entry| format!("Fjerne {entry}?"),
    yes: "Ja",
    no: "Nei",
    checklist_step: "Sjekkliste",
    review_step: "Gjennomgang",
    step_of: |n, total| format!("Steg {n} av {total}"),
    required_marker: "*",
    empty_value: "(ikke besvart)",
    saved_at: |time| format!("Lagret {time}"),
    not_saved: "Ikke lagret ennå",
    too_small: |w, h, min_w, min_h| {
        format!("Vinduet er for lite: {w}×{h}. Trenger minst {min_w}×{min_h}.")
    },
    state_met: "oppfylt",
    state_not_met: "ikke oppfylt",
    state_unknown: "ukjent",
    review_ready: "Klar: ingenting blokkerer.",
    review_not_ready: |errors, not_met| {
        format!("Ikke klar: {errors} feil, {not_met} forutsetninger ikke oppfylt.")
    },
    add_entry: "+ Legg til oppføring",
    entry: "oppføring",
    filter: "Filter",
    no_matches: "Ingen treff",
    other_value: |value| format!("Bruk «{value}»"),
    other_value_marked: |value| format!("Mellomrom eller Enter legger til «{value}»"),
    same_as_title: "Samme som …",
    help_title: "Hjelp",
    help_intro: "Tastene som virker her, og hva de gjør. Alt lagres automatisk når du forlater et felt.",
    help_editing: "Redigere teksten",
    draft_locked: "Utkastet er åpent i et annet eid-onboard-vindu.",
    bank_filled: |bank| format!("Organisasjonsnummeret til {bank} er fylt inn."),
    copied_from: |role| format!("Kopierte {role}."),
    same_as_also: |source| format!("Også disse rollene uten navn, med {source}?"),
    copied_to: |source, roles| format!("Kopierte {source} til {roles}."),
    proposed: "(forslag)",
    proposed_email_like: |example| format!("Forslaget følger mønsteret til {example}."),
    proposed_name_of: |label| format!("Forslaget er laget av «{label}»."),
    proposed_domain: |domain| {
        format!(
            "Forslaget ligger under e-postdomenet {domain}; sjekk at det er domenet dere har satt opp."
        )
    },
    col_name: "Navn",
    col_form: "Skjema",
    col_progress: "Fremdrift",
    col_status: "Status",
    col_updated: "Sist endret",
    completions: "Forslag",
    step_empty: "Ingenting å svare på her for denne bestillingen. Trykk Tab for å gå videre.",
    prefilled: |fields| format!("Fylt inn fra Enhetsregisteret: {fields}."),
    field_cleared: "Feltet er tømt. Ctrl-Z angrer.",
    replace_title: "Enhetsregisteret",
    replace_intro: "Registeret har andre opplysninger enn det du skrev. Bytte til registerets?",
    use_parent_title: "Underenhet",
    bundle_to: "Lag pakken i mappen",
    bundle_done: "Pakken er laget",
    bundle_folder: "mappe",
    bundle_next: |dir| {
        format!(
            "Signer request.pdf og send pakken. Kontroller den senere med: eid-onboard verify {dir}"
        )
    },
    bundle_access_request: |title, place| {
        format!(
            "Denne bestillingen er en tilgangsforespørsel, ikke en e-post: lim inn access-request.txt i {title}, last opp vedleggene, og merk bestillingen som sendt på startsiden (m). {place}"
        )
    },
    bundle_blocked: |errors, not_met| {
        format!(
            "Pakken kan ikke lages ennå: {errors} feil, {not_met} forutsetninger ikke oppfylt. Se gjennomgangen."
        )
    },
    not_ready_to_go: |errors, not_met| {
        format!(
            "Bestillingen kan ikke sendes ennå: {errors} feil, {not_met} forutsetninger ikke oppfylt. Se gjennomgangen."
        )
    },
    not_sent: "Ikke sendt",
    draft_unchanged: "Utkastet er uendret; ingenting er merket som sendt.",
    sent_title: "Sendt",
    sent_to: |to, time| format!("Sendt til {to} {time}."),
    sent_next: "Når avtalen er signert, merk bestillingen som signert på startsiden (m).",
    password_needed: "Skriv passordet til e-postserveren først.",
    password_prompt: "Passord til e-postserveren (lagres ikke)",
    sending: "Sender",
    preview_title: "Dette blir sendt",
    mark_title: "Merk bestillingen",
    status_signed: "Avtalen er signert",
    status_credentials: "Klient-ID og hemmelighet er mottatt",
};

const EN: Strings = Strings {
    app_title: "eid-onboard",
    home_drafts: "Drafts",
    home_no_drafts: "No drafts yet. Press n to start a new order.",
    home_new: "New order",
    home_pick_form: "Pick the questionnaire",
    home_name_prompt: "Draft name (letters, digits, - and _; type to replace the proposal)",
    draft_exists: |name| format!("A draft named {name} exists already."),
    confirm_delete: |name| format!("Delete draft {name}? This cannot be undone."),
    remove_entry_title: "Remove the entry?",
    confirm_remove_entry: |entry| format!("Remove {entry}?"),
    yes: "Yes",
    no: "No",
    checklist_step: "Checklist",
    review_step: "Review",
    step_of: |n, total| format!("Step {n} of {total}"),
    required_marker: "*",
    empty_value: "(not answered)",
    saved_at: |time| format!("Saved {time}"),
    not_saved: "Not saved yet",
    too_small: |w, h, min_w, min_h| {
        format!("The window is too small: {w}×{h}. It needs at least {min_w}×{min_h}.")
    },
    state_met: "met",
    state_not_met: "not met",
    state_unknown: "unknown",
    review_ready: "Ready: nothing blocks.",
    review_not_ready: |errors, not_met| {
        format!("Not ready: {errors} errors, {not_met} prerequisites not met.")
    },
    add_entry: "+ Add an entry",
    entry: "entry",
    filter: "Filter",
    no_matches: "No matches",
    other_value: |value| format!("Use \"{value}\""),
    other_value_marked: |value| format!("Space or Enter adds \"{value}\""),
    same_as_title: "Same as …",
    help_title: "Help",
    help_intro: "The keys that work here, and what they do. Everything is saved when you leave a field.",
    help_editing: "Editing the text",
    draft_locked: "The draft is open in another eid-onboard window.",
    bank_filled: |bank| format!("Filled in the organisation number of {bank}."),
    copied_from: |role| format!("Copied {role}."),
    same_as_also: |source| format!("These roles without a name too, with {source}?"),
    copied_to: |source, roles| format!("Copied {source} to {roles}."),
    proposed: "(proposed)",
    proposed_email_like: |example| format!("Proposed in the pattern of {example}."),
    proposed_name_of: |label| format!("Proposed from “{label}”."),
    proposed_domain: |domain| {
        format!("Proposed under the email domain {domain}; check it is the domain you set up.")
    },
    col_name: "Name",
    col_form: "Form",
    col_progress: "Progress",
    col_status: "Status",
    col_updated: "Updated",
    completions: "Completions",
    step_empty: "Nothing to answer here for this order. Press Tab to go on.",
    prefilled: |fields| format!("Filled in from the register: {fields}."),
    field_cleared: "The field is cleared. Ctrl-Z undoes it.",
    replace_title: "The register",
    replace_intro: "The register says something else than you typed. Use the register's?",
    use_parent_title: "A sub-unit",
    bundle_to: "Write the bundle into the folder",
    bundle_done: "The bundle is ready",
    bundle_folder: "folder",
    bundle_next: |dir| {
        format!(
            "Sign request.pdf and send the bundle. Check it later with: eid-onboard verify {dir}"
        )
    },
    bundle_access_request: |title, place| {
        format!(
            "This order is an access request, not an email: paste access-request.txt into {title}, upload the attachments, and mark the order sent on the home screen (m). {place}"
        )
    },
    bundle_blocked: |errors, not_met| {
        format!(
            "The bundle cannot be made yet: {errors} errors, {not_met} prerequisites not met. See the review."
        )
    },
    not_ready_to_go: |errors, not_met| {
        format!(
            "The order cannot be sent yet: {errors} errors, {not_met} prerequisites not met. See the review."
        )
    },
    not_sent: "Not sent",
    draft_unchanged: "The draft is unchanged; nothing is marked as sent.",
    sent_title: "Sent",
    sent_to: |to, time| format!("Sent to {to} {time}."),
    sent_next: "When the agreement is signed, mark the order as signed on the home screen (m).",
    password_needed: "Type the mail server's password first.",
    password_prompt: "Mail server password (not stored)",
    sending: "Sending",
    preview_title: "This will be sent",
    mark_title: "Mark the order",
    status_signed: "The agreement is signed",
    status_credentials: "The client ID and secret have arrived",
};

pub fn strings(lang: Lang) -> &'static Strings {
    match lang {
        Lang::Nb => &NB,
        Lang::En => &EN,
    }
}
