//! `send NAME [--dry-run] [--yes] [--resend]`: sends the order by email, or with `--dry-run`
//! prints the messages instead.
//!
//! The steps, in order: refuse an order sent before; prepare the messages (refused while check
//! finds problems); pick what this send sends; show the preview; make sure a transport and a
//! password are at hand; ask to confirm; deliver and record; report. Exit 0 when sent (or a dry
//! run), 1 when refused or not confirmed, 2 when sending failed (the draft is unchanged). An order
//! that is an access request (filed by hand in a web form that takes no email) is refused, dry run
//! or not, with where to file it.

use std::io::IsTerminal;
use std::process::ExitCode;

use anyhow::{Context as _, Result};
use eid_onboard::draft::{Draft, DraftName, DraftStore};
use eid_onboard::mail::{
    self, AttachmentInfo, MailError, Outgoing, Prepared, SendError, SendRecord, Setting,
};
use eid_onboard::order::Order;
use eid_onboard::report::Report;
use eid_onboard::text::Lang;
use eid_onboard::validate::Context;
use zeroize::Zeroizing;

use super::strings::strings;
use super::{
    FAILED, NOT_READY, complain, existing_draft, facts_for, print, print_json, refuse_not_ready,
};

/// What `send` was asked to do.
pub(super) struct Flags {
    pub dry_run: bool,
    pub yes: bool,
    pub resend: bool,
    /// With `dry_run`: the messages as JSON.
    pub json: bool,
}

pub(super) fn run(
    store: &DraftStore,
    name: &str,
    flags: Flags,
    lang: Lang,
    offline: bool,
) -> Result<ExitCode> {
    let name = existing_draft(store, name, lang)?;
    let config = mail::Config::load().context("mail settings")?;
    // Held from reading the answers to recording the send.
    let lock = store.lock(&name)?;
    let order = Order::open(store, &name)?;
    if let Some(refused) = refuse_if_sent_before(&order, &flags, lang)? {
        return Ok(refused);
    }
    let (facts, _) = facts_for(offline, &order.spec, &order.answers)?;
    let prepared = match mail::prepare(&order, &config, &facts, &Context::now()) {
        Ok(prepared) => prepared,
        Err(MailError::NotReady { report }) if flags.json => {
            return refused_json(&order, Some(&report), None, lang);
        }
        Err(MailError::NotReady { report }) => return not_ready(&order, &report, lang),
        Err(MailError::AccessRequest {
            draft,
            title,
            place,
        }) => {
            // Filed by hand in a web form: nothing to send, by any transport.
            let refusal = mail::access_request_refusal(&draft, &title, &place, lang);
            if flags.json {
                return refused_json(&order, None, Some(refusal.to_string()), lang);
            }
            complain(&refusal);
            return Ok(ExitCode::from(NOT_READY));
        }
        Err(e @ MailError::ChangedSinceBundle { .. }) if flags.json => {
            return refused_json(&order, None, Some(e.to_string()), lang);
        }
        Err(e @ MailError::ChangedSinceBundle { .. }) => {
            complain(&(strings(lang).not_sent)(&e.message(lang)));
            return Ok(ExitCode::from(NOT_READY));
        }
        Err(e) => return Err(e.into()),
    };
    let to_send = match files_to_send(&prepared, &order, &flags) {
        Ok(files) => files,
        Err(refusal) => {
            complain(&(strings(lang).sent_before)(&refusal));
            return Ok(ExitCode::from(NOT_READY));
        }
    };
    if flags.json {
        print_json(dry_run_json(&prepared, &order, config.transport.as_ref()))?;
        return Ok(ExitCode::SUCCESS);
    }
    let preview = preview(&prepared, &to_send, config.transport.as_ref(), lang);
    if flags.dry_run {
        return dry_run(preview, &order, lang);
    }
    let Some(transport) = config.transport.as_ref() else {
        return Ok(failed(&mail::error::not_configured(), lang));
    };
    let interactive = std::io::stdin().is_terminal();
    let env_password = mail::password_from_env();
    // Without a terminal to ask on, a missing password is known before anything is shown.
    if config.needs_password() && env_password.is_none() && !interactive {
        let server = transport.value.to_string();
        return Ok(failed(
            &mail::error::no_password(user(&config), &server),
            lang,
        ));
    }
    print(&preview)?;
    if !flags.yes && !confirmed(&prepared, &to_send, transport, interactive, lang)? {
        return Ok(ExitCode::from(NOT_READY));
    }
    let password = password(env_password, &config, transport, lang)?;
    complain(&(strings(lang).sending)(&transport.value.to_string()));
    let result = mail::deliver(
        store,
        &lock,
        &prepared,
        &config,
        password.as_ref().map(|p| p.as_str()),
        flags.resend,
    );
    // The password is wiped as soon as the server has had it.
    drop(password);
    report_delivery(result, &name, lang)
}

/// The problems that keep the order from being sent.
fn not_ready(order: &Order, report: &Report, lang: Lang) -> Result<ExitCode> {
    refuse_not_ready(order, report, lang, strings(lang).nothing_sent)
}

/// Says on standard error why nothing could be sent.
fn failed(error: &SendError, lang: Lang) -> ExitCode {
    complain(&format!("eid-onboard: {}", error.message(lang)));
    ExitCode::from(FAILED)
}

/// A draft sent before (every message recorded, or marked by hand) is refused before the
/// registry is asked; one sent in part goes on, with what was not sent yet (see `mail::unsent`).
/// `Some(exit status)` when refused.
fn refuse_if_sent_before(order: &Order, flags: &Flags, lang: Lang) -> Result<Option<ExitCode>> {
    let partly_sent = !order.draft.sent.is_empty();
    if flags.dry_run || flags.resend || partly_sent {
        return Ok(None);
    }
    let Some(refusal) = mail::already_sent(&order.draft) else {
        return Ok(None);
    };
    let s = strings(lang);
    // A refusal is an answer on standard error, as the exit status says.
    complain(&(s.sent_before)(&refusal));
    if let MailError::AlreadySent { record } = &refusal
        && let Some(earlier) = (s.earlier_send)(record)
    {
        complain(earlier.trim_end());
    }
    Ok(Some(ExitCode::from(NOT_READY)))
}

/// The files of the messages this send sends, in order: all with --resend (and in a dry run),
/// else those without a record yet.
fn files_to_send(
    prepared: &Prepared,
    order: &Order,
    flags: &Flags,
) -> Result<Vec<String>, MailError> {
    if flags.resend || flags.dry_run {
        return Ok(prepared
            .messages()
            .iter()
            .map(|m| m.file.to_string())
            .collect());
    }
    let left = mail::unsent(prepared, &order.draft)?;
    Ok(left.iter().map(|m| m.file.to_string()).collect())
}

/// The transport line, every message as it will be sent, and what is skipped as sent before:
/// the core's, so the wizard's preview shows the same.
fn preview(
    prepared: &Prepared,
    to_send: &[String],
    transport: Option<&Setting<mail::Transport>>,
    lang: Lang,
) -> String {
    prepared.send_preview(to_send, transport, lang)
}

/// Prints the preview and says nothing was sent (and whether the order was sent before).
fn dry_run(mut text: String, order: &Order, lang: Lang) -> Result<ExitCode> {
    text.push_str(strings(lang).dry_run);
    if let Some(refusal) = mail::already_sent(&order.draft) {
        text.push_str(&format!("{refusal}.\n"));
    }
    print(&text)?;
    Ok(ExitCode::SUCCESS)
}

/// The dry run for scripts: the transport and every message as it would be sent.
fn dry_run_json(
    prepared: &Prepared,
    order: &Order,
    transport: Option<&Setting<mail::Transport>>,
) -> serde_json::Value {
    let transport = transport.map(
        |t| serde_json::json!({ "value": t.value.to_string(), "source": t.source.to_string() }),
    );
    let attachments = std::iter::once(&prepared.attachments)
        .chain(prepared.also.iter().map(|extra| &extra.attachments));
    let messages: Vec<serde_json::Value> = prepared
        .messages()
        .iter()
        .zip(attachments)
        .map(|(message, attachments)| message_json(message, attachments))
        .collect();
    serde_json::json!({
        "draft": order.name.as_str(),
        "form": order.spec.id,
        "dry_run": true,
        "sent": false,
        "transport": transport,
        "messages": messages,
        "body": prepared.body,
        "sent_before": mail::already_sent(&order.draft).map(|refusal| refusal.to_string()),
    })
}

/// One message: its file in the bundle, headers, size and attachments.
fn message_json(message: &Outgoing<'_>, attachments: &[AttachmentInfo]) -> serde_json::Value {
    let attachments: Vec<serde_json::Value> = attachments
        .iter()
        .map(|a| {
            // `source`: the full path the file was read from; null for a file the bundle made.
            serde_json::json!({
                "name": a.name,
                "size": a.size,
                "sha256": a.sha256,
                "source": a.source.as_ref().map(|p| p.display().to_string()),
            })
        })
        .collect();
    serde_json::json!({
        "file": message.file,
        "from": message.from.to_string(),
        "to": message.to.to_string(),
        "cc": message.cc.iter().map(ToString::to_string).collect::<Vec<_>>(),
        "subject": message.subject,
        "message_id": message.message_id,
        "size": message.raw.len(),
        "attachments": attachments,
    })
}

/// A dry run refused, for scripts: the check's report when problems block, else the reason.
fn refused_json(
    order: &Order,
    report: Option<&Report>,
    refusal: Option<String>,
    lang: Lang,
) -> Result<ExitCode> {
    let mut value = match report {
        Some(report) => report.to_json(lang, order.name.as_str(), &order.spec.id),
        None => serde_json::json!({ "draft": order.name.as_str(), "form": order.spec.id }),
    };
    if let Some(object) = value.as_object_mut() {
        object.insert("sent".into(), false.into());
        object.insert("refusal".into(), refusal.into());
    }
    print_json(value)?;
    Ok(ExitCode::from(NOT_READY))
}

/// Asks on the terminal whether to send to these recipients; without a terminal the answer is
/// no (pass --yes), and that is said.
fn confirmed(
    prepared: &Prepared,
    to_send: &[String],
    transport: &Setting<mail::Transport>,
    interactive: bool,
    lang: Lang,
) -> Result<bool> {
    let s = strings(lang);
    if !interactive {
        print(s.confirm_on_terminal)?;
        return Ok(false);
    }
    let recipients: Vec<String> = prepared
        .messages()
        .iter()
        .filter(|m| to_send.iter().any(|f| f == m.file))
        .map(|m| m.to.email.to_string())
        .collect();
    let question = (s.send_to)(&recipients.join(s.and), &transport.value.to_string());
    print(&question)?;
    let mut answer = String::new();
    std::io::stdin()
        .read_line(&mut answer)
        .context("cannot read the answer")?;
    let yes = matches!(
        answer.trim().to_lowercase().as_str(),
        "y" | "yes" | "j" | "ja"
    );
    if !yes {
        print(s.not_confirmed)?;
    }
    Ok(yes)
}

/// The SMTP user, empty when none is set.
fn user(config: &mail::Config) -> &str {
    config.user.as_ref().map(|u| u.value.as_str()).unwrap_or("")
}

/// The password from the environment, else asked for on the terminal when the transport needs
/// one (it is never stored).
fn password(
    from_env: Option<Zeroizing<String>>,
    config: &mail::Config,
    transport: &Setting<mail::Transport>,
    lang: Lang,
) -> Result<Option<Zeroizing<String>>> {
    if from_env.is_some() || !config.needs_password() {
        return Ok(from_env);
    }
    let prompt = (strings(lang).password_prompt)(user(config), &transport.value.to_string());
    let typed = rpassword::prompt_password(prompt).context("cannot read the password")?;
    Ok(Some(Zeroizing::new(typed)))
}

/// What was sent and recorded (stdout) and what failed (stderr), as the exit status says.
fn report_delivery(
    result: Result<(Vec<SendRecord>, Draft), MailError>,
    name: &DraftName,
    lang: Lang,
) -> Result<ExitCode> {
    let s = strings(lang);
    match result {
        Ok((records, _)) => {
            let mut text: String = records.iter().map(|r| sent_line(r, lang)).collect();
            text.push_str(&(s.marked_sent)(name.as_str()));
            print(&text)?;
            Ok(ExitCode::SUCCESS)
        }
        Err(MailError::NotAllSent {
            sent,
            not_sent,
            source,
        }) => not_all_sent(&sent, &not_sent, &source, lang),
        Err(MailError::Send(e)) => {
            complain(&format!(
                "eid-onboard: {}\n{}",
                e.message(lang),
                s.draft_unchanged
            ));
            Ok(ExitCode::from(FAILED))
        }
        Err(
            e @ (MailError::AlreadySent { .. }
            | MailError::AlreadyMarked { .. }
            | MailError::Changed
            | MailError::ChangedSinceBundle { .. }),
        ) => {
            complain(&(s.not_sent)(&e.message(lang)));
            Ok(ExitCode::from(NOT_READY))
        }
        Err(e) => Err(e.into()),
    }
}

/// Some messages went and are recorded, then one failed: what went (stdout), the failure and
/// what is left (stderr).
fn not_all_sent(
    sent: &[SendRecord],
    not_sent: &[String],
    source: &SendError,
    lang: Lang,
) -> Result<ExitCode> {
    let s = strings(lang);
    let text: String = sent.iter().map(|r| sent_line(r, lang)).collect();
    print(&text)?;
    let sent_files = if sent.is_empty() {
        s.nothing.to_string()
    } else {
        let files: Vec<&str> = sent.iter().map(|r| r.message.as_str()).collect();
        files.join(", ")
    };
    complain(&format!(
        "eid-onboard: {}\n{}",
        source.message(lang),
        (s.not_all_sent)(&sent_files, &not_sent.join(", "))
    ));
    Ok(ExitCode::from(FAILED))
}

/// `Sent to … (Cc …) via ….` with the message's file, its Message-ID and the server's reply.
fn sent_line(record: &SendRecord, lang: Lang) -> String {
    let s = strings(lang);
    let cc = if record.cc.is_empty() {
        String::new()
    } else {
        format!(" (Cc {})", record.cc.join(", "))
    };
    let reply = record
        .reply
        .as_ref()
        .map(|r| format!("  {}: {r}\n", s.server_reply))
        .unwrap_or_default();
    (s.sent_to)(record, &cc, &reply)
}
