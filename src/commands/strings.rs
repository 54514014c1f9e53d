//! Every string the commands print, in Norwegian bokmål and English. One typed struct per
//! language, as in `plain::strings`: a string missing in one language is a compile error, not a
//! blank line at run time. Messages with values are functions of them.
//!
//! What the core words itself (reports, errors, previews, the settings' values and sources) it
//! gives in both languages. The names of settings, variables and statuses on the command line
//! (`status NAME sent`) are the same in both, like the configuration they describe.

use eid_onboard::bundle::IssueKind;
use eid_onboard::mail::{MailError, SendRecord};
use eid_onboard::report::counted as count;
use eid_onboard::text::Lang;

pub(super) struct Strings {
    // any command naming a draft
    /// A draft that does not exist, with the closest existing name if one is close.
    pub no_such_draft: fn(name: &str, close: Option<&str>) -> String,
    // help
    pub no_such_command: fn(name: &str) -> String,
    // list
    pub no_drafts: &'static str,
    pub list_header: [&'static str; 5],
    // import
    pub imported: fn(name: &str, form: &str, errors: usize, warnings: usize) -> String,
    pub registry_heading: &'static str,
    // bundle
    pub no_bundle: &'static str,
    pub bundle_written: fn(dir: &str, zip: &str, sha256: &str) -> String,
    /// After the bundle of an access request: where to paste it, then to mark it sent.
    pub bundle_access_request: fn(title: &str, place: &str, name: &str) -> String,
    // forms
    /// After the addressee field: the access request and when it applies.
    pub or_access_request: fn(when: Option<&str>) -> String,
    // verify
    pub verified: fn(files: usize, path: &str) -> String,
    pub issue_kind: fn(kind: IssueKind) -> &'static str,
    pub not_verified: fn(path: &str, issues: usize) -> String,
    // send
    pub nothing_sent: &'static str,
    /// The refusal of an order sent before, without the line break.
    pub sent_before: fn(refusal: &MailError) -> String,
    /// A line on the earlier send, for a language whose refusal does not name it.
    pub earlier_send: fn(record: &SendRecord) -> Option<String>,
    pub dry_run: &'static str,
    pub confirm_on_terminal: &'static str,
    /// Between the recipients in the question.
    pub and: &'static str,
    pub send_to: fn(recipients: &str, transport: &str) -> String,
    pub not_confirmed: &'static str,
    pub password_prompt: fn(user: &str, server: &str) -> String,
    pub sending: fn(transport: &str) -> String,
    /// One sent message; `cc` is empty or ` (Cc …)`, `reply` empty or the server-reply line.
    pub sent_to: fn(record: &SendRecord, cc: &str, reply: &str) -> String,
    pub server_reply: &'static str,
    pub marked_sent: fn(name: &str) -> String,
    /// `sent` is the files sent, or `nothing` when none was.
    pub not_all_sent: fn(sent: &str, not_sent: &str) -> String,
    pub nothing: &'static str,
    pub draft_unchanged: &'static str,
    /// A refusal from the core (already sent, changed since the preview or the bundle).
    pub not_sent: fn(refusal: &str) -> String,
    // list
    /// Before the error of a draft that cannot be read.
    pub row_error: &'static str,
    // config
    pub config_file: fn(path: &str, exists: bool) -> String,
    pub no_config_file: &'static str,
    pub data_folder: fn(folder: &str, source: &str) -> String,
    pub data_dir_flag_or_env: &'static str,
    pub default: &'static str,
    pub none: &'static str,
    pub yes: &'static str,
    pub no: &'static str,
    // errors
    pub no_home: &'static str,
    /// What was being read or written when an error came (the error follows).
    pub mail_settings: &'static str,
    pub registry_settings: &'static str,
    pub domain_check_settings: &'static str,
    pub no_current_folder: &'static str,
    pub no_stdout: &'static str,
    pub no_answer: &'static str,
    pub no_password: &'static str,
}

pub(super) fn strings(lang: Lang) -> &'static Strings {
    match lang {
        Lang::Nb => &NB,
        Lang::En => &EN,
    }
}

const EN: Strings = Strings {
    no_such_draft: |name, close| match close {
        Some(close) => format!("no draft named \"{name}\"; did you mean \"{close}\"?"),
        None => format!("no draft named \"{name}\" (eid-onboard list shows the drafts)"),
    },
    no_such_command: |name| {
        format!("no command named \"{name}\" (eid-onboard help lists the commands)")
    },
    no_drafts: "No drafts yet. Start an order in the wizard: eid-onboard\n\
                or of one questionnaire (see eid-onboard forms): eid-onboard new <FORM>\n\
                or from an answers file: eid-onboard import <FILE> [NAME]\n",
    list_header: ["NAME", "FORM", "PROGRESS", "STATUS", "UPDATED"],
    imported: |name, form, errors, warnings| {
        format!(
            "Saved draft {name} ({form}): {}, {}. See everything with: eid-onboard check {name}\n",
            count(errors, "error", "errors"),
            count(warnings, "warning", "warnings"),
        )
    },
    registry_heading: "Central Coordinating Register:\n",
    no_bundle: "No bundle was written. Fix the problems above and try again.\n",
    bundle_written: |dir, zip, sha256| {
        format!(
            "Bundle written.\n  folder: {dir}\n  zip:    {zip}\n  SHA-256 (zip): {sha256}\nCheck it later with: eid-onboard verify {dir}\n"
        )
    },
    bundle_access_request: |title, place, name| {
        format!(
            "This order is an access request: paste access-request.txt into {title}, upload the attachments, then `eid-onboard status {name} sent`.\n{place}\n"
        )
    },
    or_access_request: |when| match when {
        Some(when) => format!(" or an access request when {when}"),
        None => " or an access request".to_string(),
    },
    verified: |files, path| match files {
        1 => format!("OK: the one file in {path} matches SHA256SUMS.\n"),
        _ => format!("OK: all {files} files in {path} match SHA256SUMS.\n"),
    },
    issue_kind: IssueKind::as_str,
    not_verified: |path, issues| {
        format!(
            "{path} does not match its SHA256SUMS: {}.\n",
            count(issues, "problem", "problems")
        )
    },
    nothing_sent: "Nothing was sent. Fix the problems above and try again.\n",
    // The core's refusal says when, to whom and by which transport.
    sent_before: |refusal| format!("Not sent: {refusal}."),
    earlier_send: |_| None,
    dry_run: "\nDry run: nothing was sent.\n",
    confirm_on_terminal: "\nNot sent: confirm on a terminal, or pass --yes.\n",
    and: " and ",
    send_to: |recipients, transport| format!("\nSend to {recipients} via {transport}? [y/N] "),
    not_confirmed: "Not sent.\n",
    password_prompt: |user, server| format!("SMTP password for {user} at {server}: "),
    sending: |transport| format!("Sending via {transport} …"),
    sent_to: |record, cc, reply| {
        format!(
            "Sent to {}{cc} via {}.\n  Message: {}\n  Message-ID: {}\n{reply}",
            record.to, record.transport, record.message, record.message_id
        )
    },
    server_reply: "Server reply",
    marked_sent: |name| {
        format!(
            "Draft {name} is marked sent. Mark it signed later with: eid-onboard status {name} signed\n"
        )
    },
    not_all_sent: |sent, not_sent| {
        format!(
            "Sent and recorded: {sent}. Not sent: {not_sent}. Send again (without --resend) to send only what is missing."
        )
    },
    nothing: "nothing",
    draft_unchanged: "The draft is unchanged: nothing was recorded as sent.",
    not_sent: |refusal| format!("Not sent: {refusal}."),
    row_error: "error: ",
    config_file: |path, exists| {
        format!(
            "config file  {path}{}\n",
            if exists { "" } else { " (not found: defaults)" }
        )
    },
    no_config_file: "config file  none (no home folder)\n",
    data_folder: |folder, source| format!("data folder  {folder}\n             ({source})\n"),
    data_dir_flag_or_env: "--data-dir or environment EID_ONBOARD_DATA_DIR",
    default: "default",
    none: "none",
    yes: "yes",
    no: "no",
    no_home: "no home folder to keep drafts in; give --data-dir DIR or set EID_ONBOARD_DATA_DIR",
    mail_settings: "mail settings",
    registry_settings: "registry settings",
    domain_check_settings: "domain check settings",
    no_current_folder: "cannot find the current folder",
    no_stdout: "cannot write to standard output",
    no_answer: "cannot read the answer",
    no_password: "cannot read the password",
};

const NB: Strings = Strings {
    no_such_draft: |name, close| match close {
        Some(close) => format!("ingen utkast heter \"{name}\"; mente du \"{close}\"?"),
        None => format!("ingen utkast heter \"{name}\" (eid-onboard list viser utkastene)"),
    },
    no_such_command: |name| {
        format!("ingen kommando heter \"{name}\" (eid-onboard help viser kommandoene)")
    },
    no_drafts: "Ingen utkast ennå. Start en bestilling i veiviseren: eid-onboard\n\
                eller av ett skjema (se eid-onboard forms): eid-onboard new <SKJEMA>\n\
                eller fra en svarfil: eid-onboard import <FIL> [NAVN]\n",
    list_header: ["NAVN", "SKJEMA", "FREMDRIFT", "STATUS", "SIST ENDRET"],
    imported: |name, form, errors, warnings| {
        format!(
            "Utkastet {name} er lagret ({form}): {}, {}. Se alt med: eid-onboard check {name}\n",
            count(errors, "feil", "feil"),
            count(warnings, "advarsel", "advarsler"),
        )
    },
    registry_heading: "Enhetsregisteret:\n",
    no_bundle: "Ingen pakke ble laget. Rett problemene over og prøv igjen.\n",
    bundle_written: |dir, zip, sha256| {
        format!(
            "Pakken er laget.\n  mappe: {dir}\n  zip:   {zip}\n  SHA-256 (zip): {sha256}\nKontroller den senere med: eid-onboard verify {dir}\n"
        )
    },
    bundle_access_request: |title, place, name| {
        format!(
            "Denne bestillingen er en tilgangsforespørsel: lim inn access-request.txt i {title}, last opp vedleggene, og så `eid-onboard status {name} sent`.\n{place}\n"
        )
    },
    or_access_request: |when| match when {
        Some(when) => format!(" eller en tilgangsforespørsel når {when}"),
        None => " eller en tilgangsforespørsel".to_string(),
    },
    verified: |files, path| match files {
        1 => format!("OK: den ene filen i {path} stemmer med SHA256SUMS.\n"),
        _ => format!("OK: alle {files} filer i {path} stemmer med SHA256SUMS.\n"),
    },
    issue_kind: |kind| match kind {
        IssueKind::Modified => "endret",
        IssueKind::Missing => "mangler",
        IssueKind::Unexpected => "uventet",
    },
    not_verified: |path, issues| format!("{path} stemmer ikke med SHA256SUMS: {issues} avvik.\n"),
    nothing_sent: "Ingenting ble sendt. Rett problemene over og prøv igjen.\n",
    // The core's refusal says when, to whom and by which transport.
    sent_before: |refusal| format!("Ikke sendt: {}.", refusal.message(Lang::Nb)),
    earlier_send: |_| None,
    dry_run: "\nPrøvekjøring: ingenting ble sendt.\n",
    confirm_on_terminal: "\nIkke sendt: bekreft i en terminal, eller bruk --yes.\n",
    and: " og ",
    send_to: |recipients, transport| format!("\nSende til {recipients} med {transport}? [j/N] "),
    not_confirmed: "Ikke sendt.\n",
    password_prompt: |user, server| format!("SMTP-passord for {user} på {server}: "),
    sending: |transport| {
        format!(
            "Sender med {} …",
            eid_onboard::mail::recorded_transport(transport, Lang::Nb)
        )
    },
    sent_to: |record, cc, reply| {
        format!(
            "Sendt til {}{cc} med {}.\n  Melding: {}\n  Message-ID: {}\n{reply}",
            record.to,
            eid_onboard::mail::recorded_transport(&record.transport, Lang::Nb),
            record.message,
            record.message_id
        )
    },
    server_reply: "Serveren svarte",
    marked_sent: |name| {
        format!(
            "Utkastet {name} er merket sendt. Merk det signert senere med: eid-onboard status {name} signed\n"
        )
    },
    not_all_sent: |sent, not_sent| {
        format!(
            "Sendt og registrert: {sent}. Ikke sendt: {not_sent}. Send igjen (uten --resend) for å sende bare det som mangler."
        )
    },
    nothing: "ingenting",
    draft_unchanged: "Utkastet er uendret: ingenting ble registrert som sendt.",
    not_sent: |refusal| format!("Ikke sendt: {refusal}."),
    row_error: "feil: ",
    config_file: |path, exists| {
        format!(
            "konfigurasjonsfil  {path}{}\n",
            if exists {
                ""
            } else {
                " (finnes ikke: standardverdier)"
            }
        )
    },
    no_config_file: "konfigurasjonsfil  ingen (ingen hjemmemappe)\n",
    data_folder: |folder, source| {
        format!("datamappe          {folder}\n                   ({source})\n")
    },
    data_dir_flag_or_env: "--data-dir eller miljøvariabelen EID_ONBOARD_DATA_DIR",
    default: "standard",
    none: "ingen",
    yes: "ja",
    no: "nei",
    no_home: "ingen hjemmemappe å ha utkast i; bruk --data-dir MAPPE eller sett EID_ONBOARD_DATA_DIR",
    mail_settings: "innstillingene for e-post",
    registry_settings: "innstillingene for registeroppslag",
    domain_check_settings: "innstillingene for kontroll av produksjonsdomenet",
    no_current_folder: "finner ikke gjeldende mappe",
    no_stdout: "kan ikke skrive til standard ut",
    no_answer: "kan ikke lese svaret",
    no_password: "kan ikke lese passordet",
};
