//! How the order is sent: the sender, one transport (SMTP, the local sendmail, or a folder of
//! `.eml` files), and for SMTP the login, an extra trusted CA and a time limit.
//!
//! From weakest to strongest: the defaults, `[mail]` in the config file (see [`crate::config`]),
//! the environment. A transport set in the environment replaces the file's, whichever kind it is.
//! The SMTP password is never read from a file: it comes from `EID_ONBOARD_SMTP_PASSWORD` or is
//! asked for when sending (see [`password_from_env`]).

use std::fmt;
use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;

use lettre::message::Mailbox;
use serde::Deserialize;

pub use crate::config::Setting;
use crate::config::{self, ConfigError, EnvError, Layers, Source};
use crate::text::{Lang, Text};

/// A text in Norwegian and English, for constants.
type Text2 = (&'static str, &'static str);

pub const FROM_ENV: &str = "EID_ONBOARD_FROM";
pub const SMTP_URL_ENV: &str = "EID_ONBOARD_SMTP_URL";
pub const SMTP_USER_ENV: &str = "EID_ONBOARD_SMTP_USER";
pub const SMTP_PASSWORD_ENV: &str = "EID_ONBOARD_SMTP_PASSWORD";
pub const SMTP_CA_FILE_ENV: &str = "EID_ONBOARD_SMTP_CA_FILE";
/// Seconds, decimals allowed.
pub const SMTP_TIMEOUT_ENV: &str = "EID_ONBOARD_SMTP_TIMEOUT";
pub const SENDMAIL_ENV: &str = "EID_ONBOARD_SENDMAIL";
pub const MAIL_FOLDER_ENV: &str = "EID_ONBOARD_MAIL_FOLDER";

/// Every variable this module reads, for tests and `eid-onboard config`.
pub const ENV_VARS: [&str; 8] = [
    FROM_ENV,
    SMTP_URL_ENV,
    SMTP_USER_ENV,
    SMTP_PASSWORD_ENV,
    SMTP_CA_FILE_ENV,
    SMTP_TIMEOUT_ENV,
    SENDMAIL_ENV,
    MAIL_FOLDER_ENV,
];

/// How long one SMTP step (connecting, each command, the message) may take.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);
const MAX_TIMEOUT: Duration = Duration::from_secs(300);

/// The mail settings in effect.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Config {
    /// The config file read (it may not exist).
    pub file: Option<PathBuf>,
    /// From and Reply-To of the message; `None`: the general contact is From.
    pub sender: Option<Setting<Mailbox>>,
    /// `None`: nothing configured, sending is refused with how to set it up.
    pub transport: Option<Setting<Transport>>,
    /// The SMTP login name; with one the password is needed.
    pub user: Option<Setting<String>>,
    /// A PEM file of CA certificates trusted besides the built-in roots.
    pub ca_file: Option<Setting<PathBuf>>,
    pub timeout: Setting<Duration>,
    /// True when `EID_ONBOARD_SMTP_PASSWORD` is set (its value is not kept here).
    pub password_in_env: bool,
}

/// How the message leaves this machine.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Transport {
    Smtp(SmtpServer),
    /// The command (`sendmail` on the PATH, or a path): run as `CMD -i -f FROM -- TO…`, the message
    /// on its input.
    Sendmail(PathBuf),
    /// A folder where the message is written as `<NAME>-<form>-<id>.eml` (0600).
    Folder(PathBuf),
}

impl fmt::Display for Transport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Transport::Smtp(server) => write!(f, "{server}"),
            Transport::Sendmail(command) => write!(f, "sendmail {}", command.display()),
            Transport::Folder(dir) => write!(f, "folder {}", dir.display()),
        }
    }
}

impl Transport {
    /// The transport as a person reads it in `lang` (the `Display` text is the English one).
    pub fn describe(&self, lang: Lang) -> String {
        match (self, lang) {
            (_, Lang::En) => self.to_string(),
            (Transport::Smtp(server), Lang::Nb) => server.to_string(),
            (Transport::Sendmail(command), Lang::Nb) => {
                format!("sendmail {}", command.display())
            }
            (Transport::Folder(dir), Lang::Nb) => format!("mappen {}", dir.display()),
        }
    }
}

/// An SMTP server; its address never holds a password.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SmtpServer {
    pub host: String,
    pub port: u16,
    pub security: Security,
}

impl SmtpServer {
    /// True when the host is a loopback address (`127.0.0.0/8`, `::1`, `localhost`).
    pub fn is_loopback(&self) -> bool {
        is_loopback(&self.host)
    }
}

impl fmt::Display for SmtpServer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let scheme = match self.security {
            Security::ImplicitTls => "smtps",
            _ => "smtp",
        };
        if self.host.contains(':') {
            write!(f, "{scheme}://[{}]:{}", self.host, self.port)
        } else {
            write!(f, "{scheme}://{}:{}", self.host, self.port)
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Security {
    /// `smtps://`: TLS from the first byte.
    ImplicitTls,
    /// `smtp://` to any host but a loopback one: STARTTLS or nothing is sent.
    StartTlsRequired,
    /// `smtp://` to a loopback address: STARTTLS when the server offers it, else plain text (local
    /// relays and tests).
    StartTlsIfOffered,
}

impl Security {
    /// [`Security::describe`] in `lang`.
    pub fn describe_in(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (_, Lang::En) => self.describe(),
            (Security::ImplicitTls, Lang::Nb) => {
                "TLS fra start (implisitt TLS), sertifikatet kontrolleres"
            }
            (Security::StartTlsRequired, Lang::Nb) => "STARTTLS kreves, sertifikatet kontrolleres",
            (Security::StartTlsIfOffered, Lang::Nb) => {
                "loopback: STARTTLS når tjeneren tilbyr det (sertifikatet kontrolleres), ellers ren tekst"
            }
        }
    }

    pub fn describe(self) -> &'static str {
        match self {
            Security::ImplicitTls => "TLS from the start (implicit TLS), certificate verified",
            Security::StartTlsRequired => "STARTTLS required, certificate verified",
            Security::StartTlsIfOffered => {
                "loopback: STARTTLS when offered (certificate verified), else plain text"
            }
        }
    }
}

/// `[mail]` in config.toml.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct MailSection {
    from: Option<String>,
    smtp: Option<String>,
    user: Option<String>,
    ca_file: Option<PathBuf>,
    /// Seconds.
    timeout: Option<f64>,
    sendmail: Option<String>,
    folder: Option<PathBuf>,
}

/// A setting that cannot be used: where it came from and why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConfigProblem {
    #[error(transparent)]
    File(#[from] ConfigError),
    #[error(transparent)]
    Env(#[from] EnvError),
}

impl ConfigProblem {
    /// The mistake in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            ConfigProblem::File(e) => e.message(lang),
            ConfigProblem::Env(e) => e.message(lang),
        }
    }
}

impl Config {
    /// The settings of this process: `<config dir>/config.toml`, then the environment.
    pub fn load() -> Result<Config, ConfigProblem> {
        Config::load_from(config::config_file().as_deref(), |var| {
            std::env::var(var).ok()
        })
    }

    /// [`Config::load`] with the file and the environment given (tests). A missing file is no error.
    pub fn load_from(
        file: Option<&Path>,
        env: impl Fn(&str) -> Option<String>,
    ) -> Result<Config, ConfigProblem> {
        let layers = Layers::new(file, "mail", env);
        let mut config = Config::defaults(file, layers.var(SMTP_PASSWORD_ENV).is_some());
        if let (Some(path), Some(table)) = (file, layers.file_table()?) {
            config.apply_file(&layers, path, &table)?;
        }
        config.apply_env(&layers)?;
        Ok(config)
    }

    /// Nothing configured yet: no sender, no transport, the default time limit.
    fn defaults(file: Option<&Path>, password_in_env: bool) -> Config {
        Config {
            file: file.map(Path::to_path_buf),
            sender: None,
            transport: None,
            user: None,
            ca_file: None,
            timeout: Setting {
                value: DEFAULT_TIMEOUT,
                source: Source::Default,
            },
            password_in_env,
        }
    }

    /// The file's `[mail]` over the defaults.
    fn apply_file<E: Fn(&str) -> Option<String>>(
        &mut self,
        layers: &Layers<'_, E>,
        path: &Path,
        table: &toml::Table,
    ) -> Result<(), ConfigProblem> {
        refuse_password_in_file(path, table)?;
        let section: MailSection = layers.section(table)?;
        let source = Source::File(path.to_path_buf());
        let error = |key: &str, message: Text| layers.file_error(key, message);
        if let Some(from) = &section.from {
            self.sender = Some(Setting {
                value: parse_sender(from).map_err(|m| error("from", m))?,
                source: source.clone(),
            });
        }
        self.apply_file_transport(layers, path, &section, &source)?;
        if let Some(user) = section.user.filter(|u| !u.trim().is_empty()) {
            self.user = Some(Setting {
                value: user.trim().to_string(),
                source: source.clone(),
            });
        }
        if let Some(ca) = section.ca_file {
            self.ca_file = Some(Setting {
                value: ca,
                source: source.clone(),
            });
        }
        if let Some(limit) = layers.file_time_limit("timeout", section.timeout, MAX_TIMEOUT)? {
            self.timeout = limit;
        }
        Ok(())
    }

    /// The one transport of the file's `[mail]` (smtp, sendmail or folder), and the login of an
    /// SMTP address.
    fn apply_file_transport<E: Fn(&str) -> Option<String>>(
        &mut self,
        layers: &Layers<'_, E>,
        path: &Path,
        section: &MailSection,
        source: &Source,
    ) -> Result<(), ConfigError> {
        let error = |key: &str, message: Text| layers.file_error(key, message);
        let mut transports = Vec::new();
        if let Some(url) = &section.smtp {
            let (server, user) = parse_smtp_url(url).map_err(|m| error("smtp", m))?;
            transports.push(("smtp", Transport::Smtp(server)));
            if let Some(user) = user {
                self.user = Some(Setting {
                    value: user,
                    source: source.clone(),
                });
            }
        }
        if let Some(command) = &section.sendmail {
            let command = parse_command(command).map_err(|m| error("sendmail", m))?;
            transports.push(("sendmail", Transport::Sendmail(command)));
        }
        if let Some(folder) = &section.folder {
            transports.push(("folder", Transport::Folder(folder.clone())));
        }
        self.transport = one_transport(transports, source).map_err(|m| ConfigError {
            path: path.display().to_string(),
            message: Text::new(format!("[mail]: {}", m.nb), format!("[mail]: {}", m.en)),
        })?;
        Ok(())
    }

    /// The environment over the file and the defaults.
    fn apply_env<E: Fn(&str) -> Option<String>>(
        &mut self,
        layers: &Layers<'_, E>,
    ) -> Result<(), ConfigProblem> {
        let env = |var: &str| layers.var(var);
        if let Some(from) = env(FROM_ENV) {
            self.sender = Some(Setting {
                value: parse_sender(&from).map_err(|m| env_error(FROM_ENV, &from, m))?,
                source: Source::Env(FROM_ENV),
            });
        }
        self.apply_env_transport(layers)?;
        if let Some(user) = env(SMTP_USER_ENV) {
            self.user = Some(Setting {
                value: user.trim().to_string(),
                source: Source::Env(SMTP_USER_ENV),
            });
        }
        if let Some(ca) = env(SMTP_CA_FILE_ENV) {
            self.ca_file = Some(Setting {
                value: PathBuf::from(ca),
                source: Source::Env(SMTP_CA_FILE_ENV),
            });
        }
        if let Some(limit) =
            layers.env_time_limit(SMTP_TIMEOUT_ENV, MAX_TIMEOUT, DEFAULT_TIMEOUT)?
        {
            self.timeout = limit;
        }
        Ok(())
    }

    /// A transport set in the environment replaces the file's, whichever kind it is; nothing
    /// changes when the environment sets none.
    fn apply_env_transport<E: Fn(&str) -> Option<String>>(
        &mut self,
        layers: &Layers<'_, E>,
    ) -> Result<(), EnvError> {
        let env = |var: &str| layers.var(var);
        let mut transports = Vec::new();
        let mut url_user = None;
        if let Some(url) = env(SMTP_URL_ENV) {
            // The value is not repeated in the message: it might hold a password.
            let (server, user) =
                parse_smtp_url(&url).map_err(|m| env_error(SMTP_URL_ENV, "…", m))?;
            transports.push((SMTP_URL_ENV, Transport::Smtp(server)));
            url_user = user;
        }
        if let Some(command) = env(SENDMAIL_ENV) {
            let parsed =
                parse_command(&command).map_err(|m| env_error(SENDMAIL_ENV, &command, m))?;
            transports.push((SENDMAIL_ENV, Transport::Sendmail(parsed)));
        }
        if let Some(folder) = env(MAIL_FOLDER_ENV) {
            transports.push((MAIL_FOLDER_ENV, Transport::Folder(PathBuf::from(folder))));
        }
        if transports.is_empty() {
            return Ok(());
        }
        let var = transports[0].0;
        let chosen =
            one_transport(transports, &Source::Env(var)).map_err(|m| env_error(var, "…", m))?;
        if let Some(Setting {
            value: Transport::Smtp(_),
            ..
        }) = &chosen
        {
            self.drop_file_login();
        }
        self.transport = chosen;
        if let Some(user) = url_user {
            self.user = Some(Setting {
                value: user,
                source: Source::Env(SMTP_URL_ENV),
            });
        }
        Ok(())
    }

    /// A login in the file belongs to the file's server, not to one named in the environment.
    fn drop_file_login(&mut self) {
        if self
            .user
            .as_ref()
            .is_some_and(|u| u.source != Source::Env(SMTP_USER_ENV))
        {
            self.user = None;
        }
    }

    /// The sender's mailbox, if one is configured.
    pub fn sender(&self) -> Option<&Mailbox> {
        self.sender.as_ref().map(|s| &s.value)
    }

    /// True when sending will need the SMTP password (SMTP with a login).
    pub fn needs_password(&self) -> bool {
        matches!(
            self.transport,
            Some(Setting {
                value: Transport::Smtp(_),
                ..
            })
        ) && self.user.is_some()
    }

    /// The effective settings with their sources, one per line, never the password.
    pub fn describe(&self) -> String {
        self.describe_in(Lang::En)
    }

    /// [`Config::describe`] in `lang`: the names of settings and variables are as written.
    pub fn describe_in(&self, lang: Lang) -> String {
        self.rows_in(lang)
            .into_iter()
            .map(|(key, value, source)| format!("  {key:<10} {value}\n  {:<10} ({source})\n", ""))
            .collect()
    }

    /// Each setting, its value and where it comes from (what [`Config::describe`] prints).
    pub fn rows(&self) -> Vec<(&'static str, String, String)> {
        self.rows_in(Lang::En)
    }

    /// [`Config::rows`] in `lang`: the names of settings and variables are as written.
    pub fn rows_in(&self, lang: Lang) -> Vec<(&'static str, String, String)> {
        let w = |nb: &str, en: &str| match lang {
            Lang::Nb => nb.to_string(),
            Lang::En => en.to_string(),
        };
        let default = Source::Default.label(lang);
        let mut out = Vec::new();
        let mut line = |key: &'static str, value: String, source: String| {
            out.push((key, value, source));
        };
        match &self.sender {
            Some(s) => line("from", s.value.to_string(), s.source.label(lang)),
            None => line(
                "from",
                w(
                    "ikke satt: den generelle kontakten i hver bestilling er avsender",
                    "not set: the general contact of each order is the sender",
                ),
                default.clone(),
            ),
        }
        match &self.transport {
            Some(t) => {
                let mut value = t.value.describe(lang);
                if let Transport::Smtp(server) = &t.value {
                    value.push_str(&format!(" ({})", server.security.describe_in(lang)));
                }
                line("transport", value, t.source.label(lang));
            }
            None => line(
                "transport",
                match lang {
                    Lang::Nb => format!(
                        "ikke satt: `send` nekter til en av {SMTP_URL_ENV}, {SENDMAIL_ENV}, {MAIL_FOLDER_ENV} eller [mail] smtp / sendmail / folder er satt"
                    ),
                    Lang::En => format!(
                        "not set: `send` refuses until one of {SMTP_URL_ENV}, {SENDMAIL_ENV}, {MAIL_FOLDER_ENV} or [mail] smtp / sendmail / folder is set"
                    ),
                },
                default.clone(),
            ),
        }
        let is_smtp = matches!(
            self.transport,
            Some(Setting {
                value: Transport::Smtp(_),
                ..
            })
        );
        match &self.user {
            Some(u) => line("user", u.value.clone(), u.source.label(lang)),
            None => line(
                "user",
                w(
                    "ikke satt: ingen SMTP-innlogging (AUTH) forsøkes",
                    "not set: no SMTP login (AUTH) is attempted",
                ),
                default.clone(),
            ),
        }
        let password = match (self.password_in_env, self.needs_password(), lang) {
            (true, _, Lang::Nb) => format!("satt i miljøet ({SMTP_PASSWORD_ENV}); vises aldri"),
            (true, _, Lang::En) => {
                format!("set in the environment ({SMTP_PASSWORD_ENV}); never shown")
            }
            (false, true, _) => w(
                "spørres om ved sending (skjult); lagres aldri",
                "asked when sending (masked); never stored",
            ),
            (false, false, _) if is_smtp => w("trengs ikke (ingen bruker)", "not needed (no user)"),
            (false, false, _) => w("trengs ikke", "not needed"),
        };
        line(
            "password",
            password,
            if self.password_in_env {
                Source::Env(SMTP_PASSWORD_ENV).label(lang)
            } else {
                w("aldri fra en fil", "never from a file")
            },
        );
        match &self.ca_file {
            Some(c) => line(
                "ca_file",
                match lang {
                    Lang::Nb => format!(
                        "{} (stoles på i tillegg til de innebygde rotsertifikatene)",
                        c.value.display()
                    ),
                    Lang::En => {
                        format!("{} (trusted besides the built-in roots)", c.value.display())
                    }
                },
                c.source.label(lang),
            ),
            None => line(
                "ca_file",
                w(
                    "ikke satt: bare de innebygde rotsertifikatene fra Mozilla",
                    "not set: the built-in Mozilla roots only",
                ),
                default,
            ),
        }
        line(
            "timeout",
            format!("{} s", self.timeout.value.as_secs_f64()),
            self.timeout.source.label(lang),
        );
        out
    }
}

/// The SMTP password from `EID_ONBOARD_SMTP_PASSWORD`, wiped from memory when dropped.
pub fn password_from_env() -> Option<zeroize::Zeroizing<String>> {
    std::env::var(SMTP_PASSWORD_ENV)
        .ok()
        .filter(|p| !p.is_empty())
        .map(zeroize::Zeroizing::new)
}

/// The SMTP password is never read from a file; one written there is refused, not ignored, so
/// it is noticed and removed.
fn refuse_password_in_file(path: &Path, table: &toml::Table) -> Result<(), ConfigError> {
    if config::has_key(table, "mail", "password") {
        return Err(ConfigError {
            path: path.display().to_string(),
            message: crate::t!(
                nb: "[mail] password: passordet leses aldri fra en fil; fjern det, og sett {SMTP_PASSWORD_ENV} eller skriv det når du blir spurt",
                en: "[mail] password: the password is never read from a file; remove it, and set {SMTP_PASSWORD_ENV} or type it when asked",
            ),
        });
    }
    Ok(())
}

fn env_error(var: &'static str, value: &str, message: Text) -> EnvError {
    EnvError {
        var,
        value: value.to_string(),
        message,
    }
}

fn one_transport(
    mut found: Vec<(&str, Transport)>,
    source: &Source,
) -> Result<Option<Setting<Transport>>, Text> {
    match found.len() {
        0 => Ok(None),
        1 => Ok(found.pop().map(|(_, value)| Setting {
            value,
            source: source.clone(),
        })),
        _ => {
            let names: Vec<&str> = found.iter().map(|(k, _)| *k).collect();
            Err(Text::new(
                format!("sett bare én måte å sende på, ikke {}", names.join(" og ")),
                format!("set only one way to send, not {}", names.join(" and ")),
            ))
        }
    }
}

/// `Name <address>` or a bare address, with a public domain (the provider answers it).
pub fn parse_sender(value: &str) -> Result<Mailbox, Text> {
    let mailbox: Mailbox = value.trim().parse().map_err(|e| {
        crate::t!(
            nb: "ikke en adresse som \"Kari Nordmann <kari@example-company.no>\" ({e})",
            en: "not an address like \"Kari Nordmann <kari@example-company.no>\" ({e})",
        )
    })?;
    let address = mailbox.email.to_string();
    if let Some(finding) = crate::validate::email::validate(&address).first() {
        return Err(Text::new(
            format!("{address}: {}", finding.message.nb),
            format!("{address}: {}", finding.message.en),
        ));
    }
    Ok(mailbox)
}

/// `smtps://[user@]host[:465]` or `smtp://[user@]host[:587]`; plain text only to loopback. A
/// password in the address is refused: it would end up in a file or a shell history.
pub fn parse_smtp_url(value: &str) -> Result<(SmtpServer, Option<String>), Text> {
    const FORM: Text2 = (
        "oppgi smtps://vert:465 (TLS) eller smtp://vert:587 (STARTTLS)",
        "give smtps://host:465 (TLS) or smtp://host:587 (STARTTLS)",
    );
    let with_form =
        |nb: &str, en: &str| Text::new(format!("{nb}; {}", FORM.0), format!("{en}; {}", FORM.1));
    let url = url::Url::parse(value.trim())
        .map_err(|_| with_form("ikke en adresse", "not an address"))?;
    let (security, default_port) = match url.scheme() {
        "smtps" => (Security::ImplicitTls, 465),
        "smtp" => (Security::StartTlsRequired, 587),
        other => {
            return Err(with_form(
                &format!("{other}:// er ikke SMTP"),
                &format!("{other}:// is not SMTP"),
            ));
        }
    };
    if url.password().is_some() {
        return Err(crate::t!(
            nb: "adressen inneholder et passord: fjern det, og sett {SMTP_PASSWORD_ENV} eller skriv det når du blir spurt",
            en: "the address holds a password: remove it, and set {SMTP_PASSWORD_ENV} or type it when asked",
        ));
    }
    let host = match url.host() {
        Some(url::Host::Domain(d)) => d.to_string(),
        Some(url::Host::Ipv4(ip)) => ip.to_string(),
        Some(url::Host::Ipv6(ip)) => ip.to_string(),
        None => return Err(with_form("verten mangler", "the host is missing")),
    };
    if !matches!(url.path(), "" | "/") || url.query().is_some() {
        return Err(with_form(
            "bare skjema, bruker, vert og port leses",
            "only the scheme, user, host and port are read",
        ));
    }
    let user = match url.username() {
        "" => None,
        user => Some(percent_decode(user).ok_or_else(|| {
            Text::new(
                "brukernavnet er ikke gyldig UTF-8",
                "the user name is not valid UTF-8",
            )
        })?),
    };
    let mut server = SmtpServer {
        host,
        port: url.port().unwrap_or(default_port),
        security,
    };
    if server.security == Security::StartTlsRequired && server.is_loopback() {
        server.security = Security::StartTlsIfOffered;
    }
    Ok((server, user))
}

fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(hex) = text.get(i + 1..i + 3)
            && let Ok(byte) = u8::from_str_radix(hex, 16)
        {
            out.push(byte);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).ok()
}

fn parse_command(value: &str) -> Result<PathBuf, Text> {
    let value = value.trim();
    if value.is_empty() || value.contains(char::is_whitespace) {
        return Err(Text::new(
            "oppgi sendmail-programmet alene (et navn i PATH eller en sti), uten argumenter",
            "give the sendmail program alone (a name on the PATH or a path), without arguments",
        ));
    }
    Ok(PathBuf::from(value))
}

/// `127.0.0.0/8`, `::1` (also IPv4-mapped) and the name `localhost`.
pub fn is_loopback(host: &str) -> bool {
    let host = host.trim_start_matches('[').trim_end_matches(']');
    if host.eq_ignore_ascii_case("localhost") {
        return true;
    }
    match host.parse::<IpAddr>() {
        Ok(IpAddr::V4(ip)) => ip.is_loopback(),
        Ok(IpAddr::V6(ip)) => {
            ip.is_loopback() || ip.to_ipv4_mapped().is_some_and(|v4| v4.is_loopback())
        }
        Err(_) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::fake_env as env;

    #[test]
    fn defaults_then_file_then_environment() {
        let tmp = tempfile::tempdir().unwrap();
        let file = tmp.path().join("config.toml");
        let c = Config::load_from(Some(&file), env(&[])).unwrap();
        assert_eq!(c.sender, None);
        assert_eq!(c.transport, None);
        assert_eq!(c.timeout.value, DEFAULT_TIMEOUT);
        assert!(!c.needs_password());

        std::fs::write(
            &file,
            "[registry]\nenabled = false\n[mail]\nfrom = \"Ola Admin <ola@solglott.no>\"\nsmtp = \"smtp://mail.solglott.no\"\nuser = \"ola\"\ntimeout = 2.5\n",
        )
        .unwrap();
        let c = Config::load_from(Some(&file), env(&[])).unwrap();
        assert_eq!(
            c.sender().unwrap().to_string(),
            "Ola Admin <ola@solglott.no>"
        );
        let Some(Setting {
            value: Transport::Smtp(server),
            source: Source::File(_),
        }) = &c.transport
        else {
            panic!("{:?}", c.transport)
        };
        assert_eq!(server.port, 587);
        assert_eq!(server.security, Security::StartTlsRequired);
        assert_eq!(c.user.as_ref().unwrap().value, "ola");
        assert_eq!(c.timeout.value, Duration::from_millis(2500));
        assert!(c.needs_password());

        let vars = [
            (FROM_ENV, "it@solglott.no"),
            (MAIL_FOLDER_ENV, "/tmp/outbox"),
            (SMTP_PASSWORD_ENV, "hunter2"),
        ];
        let c = Config::load_from(Some(&file), env(&vars)).unwrap();
        assert_eq!(c.sender.as_ref().unwrap().source, Source::Env(FROM_ENV));
        assert_eq!(
            c.transport.as_ref().unwrap().value,
            Transport::Folder("/tmp/outbox".into())
        );
        assert!(c.password_in_env);
        assert!(!c.needs_password());
        let shown = c.describe();
        assert!(!shown.contains("hunter2"), "{shown}");
        assert!(shown.contains("set in the environment"), "{shown}");
        assert!(shown.contains("environment EID_ONBOARD_FROM"), "{shown}");

        // An SMTP address in the environment replaces the file's server and its login.
        let vars = [(SMTP_URL_ENV, "smtps://bob%40x.no@smtp.x.no")];
        let c = Config::load_from(Some(&file), env(&vars)).unwrap();
        let Some(Setting {
            value: Transport::Smtp(server),
            ..
        }) = &c.transport
        else {
            panic!()
        };
        assert_eq!((server.port, server.security), (465, Security::ImplicitTls));
        assert_eq!(c.user.as_ref().unwrap().value, "bob@x.no");
        let vars = [(SMTP_URL_ENV, "smtps://smtp.x.no")];
        let c = Config::load_from(Some(&file), env(&vars)).unwrap();
        assert_eq!(c.user, None);
    }

    #[test]
    fn plain_text_only_to_loopback() {
        for (url, security) in [
            ("smtp://127.0.0.1:2525", Security::StartTlsIfOffered),
            ("smtp://127.8.9.10:25", Security::StartTlsIfOffered),
            ("smtp://[::1]:25", Security::StartTlsIfOffered),
            ("smtp://localhost", Security::StartTlsIfOffered),
            ("smtp://10.0.0.1:25", Security::StartTlsRequired),
            ("smtp://localhost.example.no", Security::StartTlsRequired),
            ("smtps://127.0.0.1:4650", Security::ImplicitTls),
        ] {
            assert_eq!(parse_smtp_url(url).unwrap().0.security, security, "{url}");
        }
        assert_eq!(
            parse_smtp_url("smtp://[::1]:25").unwrap().0.to_string(),
            "smtp://[::1]:25"
        );
    }

    #[test]
    fn mistakes_are_named_and_passwords_refused() {
        let tmp = tempfile::tempdir().unwrap();
        let file = tmp.path().join("config.toml");
        for (text, expected) in [
            ("[mail]\npassword = \"x\"\n", "never read from a file"),
            ("[mail]\nsmtp = \"smtp://u:secret@h\"\n", "holds a password"),
            ("[mail]\nsmtp = \"http://h\"\n", "mail.smtp"),
            ("[mail]\nfrom = \"nobody\"\n", "mail.from"),
            ("[mail]\nfrom = \"a@localhost\"\n", "mail.from"),
            (
                "[mail]\nsmtp = \"smtps://h.no\"\nfolder = \"/x\"\n",
                "only one",
            ),
            ("[mail]\ntimeout = 0\n", "mail.timeout"),
            ("[mail]\nsendmail = \"sendmail -t\"\n", "mail.sendmail"),
            ("[mail]\nhost = \"x\"\n", "host"),
        ] {
            std::fs::write(&file, text).unwrap();
            let e = Config::load_from(Some(&file), env(&[]))
                .unwrap_err()
                .to_string();
            assert!(e.contains(expected), "{text}: {e}");
            assert!(!e.contains("secret"), "{e}");
            assert!(e.contains("config.toml"), "{e}");
        }
        for (var, value, expected) in [
            (SMTP_URL_ENV, "smtps://u:secret@h.no", "holds a password"),
            (FROM_ENV, "x", FROM_ENV),
            (SMTP_TIMEOUT_ENV, "soon", SMTP_TIMEOUT_ENV),
        ] {
            let vars = [(var, value)];
            let e = Config::load_from(None, env(&vars)).unwrap_err().to_string();
            assert!(e.contains(expected), "{e}");
            assert!(!e.contains("secret"), "{e}");
        }
        let vars = [(SENDMAIL_ENV, "sendmail"), (MAIL_FOLDER_ENV, "/x")];
        let e = Config::load_from(None, env(&vars)).unwrap_err().to_string();
        assert!(e.contains("only one"), "{e}");
    }
}
