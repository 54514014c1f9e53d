//! The recorded Enhetsregisteret answers (`tests/fixtures/brreg/`, see SOURCES.md there), the
//! variants made from them, and a test registry that serves them by organisation number.

use super::http::{Gate, Reply, Server};

pub const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/brreg");

pub const DNB: &str = include_str!("../fixtures/brreg/enhet_984851006_dnb_2019.json");
pub const SR_BANK: &str = include_str!("../fixtures/brreg/enhet_937895321_sr-bank_2019.json");
pub const DIGDIR: &str = include_str!("../fixtures/brreg/enhet_991825827_digdir.json");
pub const DELETED: &str = include_str!("../fixtures/brreg/enhet_821227062_slettet.json");
pub const REMOVED: &str = include_str!("../fixtures/brreg/underenhet_433695968_410_fjernet.json");
pub const SUB_UNIT: &str = include_str!("../fixtures/brreg/underenhet_924203617_digdir_avd.json");

/// Roles answers (`/enheter/{orgnr}/roller`), written in the register's shape (see SOURCES.md).
pub mod roles {
    /// SOLGLØTT EIENDOMSMEGLING AS: DAGL, STYR, SIGN with SIFE (Åse Bråten, Trygve Johan
    /// Ødegård, jointly), PROK with POHV (Kari Solvang, alone).
    pub const JOINT: &str = include_str!("../fixtures/brreg/roller_928471632_sife.json");
    /// A sole proprietorship: INNH Nils Enkeltmann.
    pub const ENK: &str = include_str!("../fixtures/brreg/roller_910000055_enk.json");
    /// An AS with only DAGL (Mona Leder) and STYR / LEDE (Geir Styresen): no signing group.
    pub const DAGL_LEDE: &str = include_str!("../fixtures/brreg/roller_910000063_dagl_lede.json");
    /// SIGN held by a deceased person (Olav Avdød), PROK by Eva Levende.
    pub const DECEASED: &str = include_str!("../fixtures/brreg/roller_910000071_doed.json");
    /// SIGN / SIHV: Bjørn Fratrådt (`fratraadt`), Hege Avmeldt (`avregistrert`), Lise Aktiv.
    pub const DEREGISTERED: &str =
        include_str!("../fixtures/brreg/roller_910000098_avregistrert.json");
    /// Every fixture, for scanning output for their birth dates.
    pub const ALL: [&str; 5] = [JOINT, ENK, DAGL_LEDE, DECEASED, DEREGISTERED];

    /// The birth dates in the fixtures: none may ever be written anywhere.
    pub fn birth_dates() -> Vec<String> {
        let mut dates = Vec::new();
        for body in ALL {
            let value: serde_json::Value = serde_json::from_str(body).expect("fixture is JSON");
            for group in value["rollegrupper"].as_array().expect("groups") {
                for role in group["roller"].as_array().expect("roles") {
                    if let Some(date) = role["person"]["fodselsdato"].as_str() {
                        dates.push(date.to_string());
                    }
                }
            }
        }
        dates.sort();
        dates.dedup();
        dates
    }
}

/// What each number returns from [`registry`].
pub mod numbers {
    /// DNB BANK ASA: found, good standing, sector 3200 (recorded).
    pub const FOUND: &str = "984851006";
    /// SPAREBANK 1 SR-BANK ASA: found, a bank (recorded).
    pub const SR_BANK: &str = "937895321";
    /// SPAREBANK 1 SMN, the bank of `idura-complete.toml`: SR-Bank's answer renamed.
    pub const SMN: &str = "937901003";
    /// The invented company of `idura-complete.toml`: DNB's answer renamed, sector 2100.
    pub const SOLGLOTT: &str = "928471632";
    /// Deleted: 200 with `slettedato` 2024-11-26 (recorded).
    pub const DELETED: &str = "821227062";
    /// Removed for legal reasons: 410 (recorded body).
    pub const REMOVED: &str = "433695968";
    /// Not in the register: 404.
    pub const UNKNOWN: &str = "123456785";
    /// Bankrupt and being wound up: DNB's answer with `konkurs` and `underAvvikling` true.
    pub const BANKRUPT: &str = "910000004";
    /// 200 with DNB's answer cut in half.
    pub const MALFORMED: &str = "910000012";
    /// The server reads the request and never answers.
    pub const HANGS: &str = "910000020";
    /// Answers DNB's answer (renumbered, "VENTENDE SVAR AS") once the test opens the gate; only in
    /// [`routes_held`](super::routes_held).
    pub const HELD: &str = "910000039";
    /// 500 Internal Server Error.
    pub const SERVER_ERROR: &str = "910000047";
    /// Digitaliseringsdirektoratet: found, sector 6100, not a bank (recorded).
    pub const NOT_A_BANK: &str = "991825827";
    /// DIGITALISERINGSDIREKTORATET AVD BRØNNØYSUND: 404 as a main unit, 200 as a sub-unit of
    /// [`NOT_A_BANK`] (recorded).
    pub const SUB_UNIT: &str = "924203617";
    /// The parent of [`SUB_UNIT`].
    pub const SUB_UNIT_PARENT: &str = "991825827";
    /// A sole proprietorship (DNB's answer renamed); roles: INNH.
    pub const ENK: &str = "910000055";
    /// An AS (DNB's answer renamed); roles: only DAGL and LEDE.
    pub const DAGL_LEDE: &str = "910000063";
    /// An AS whose SIGN holder is deceased.
    pub const DECEASED_SIGNER: &str = "910000071";
    /// An AS whose SIGN roles are partly deregistered.
    pub const DEREGISTERED_SIGNER: &str = "910000098";
    /// An AS whose roles answer 410.
    pub const ROLES_REMOVED: &str = "910000101";
}

/// `body` with top-level keys replaced (or added).
pub fn variant(body: &str, changes: &[(&str, serde_json::Value)]) -> String {
    let mut value: serde_json::Value = serde_json::from_str(body).expect("fixture is JSON");
    let object = value.as_object_mut().expect("fixture is an object");
    for (key, new) in changes {
        object.insert(key.to_string(), new.clone());
    }
    serde_json::to_string(&value).expect("serialise")
}

/// `body` for another number (and name).
pub fn renumbered(body: &str, number: &str, name: &str) -> String {
    variant(
        body,
        &[
            ("organisasjonsnummer", number.into()),
            ("navn", name.into()),
        ],
    )
}

pub fn bankrupt() -> String {
    variant(
        &renumbered(DNB, numbers::BANKRUPT, "EKSEMPEL KONKURSBO AS"),
        &[
            ("konkurs", true.into()),
            ("konkursdato", "2024-03-01".into()),
            ("underAvvikling", true.into()),
            ("underAvviklingDato", "2024-03-01".into()),
        ],
    )
}

pub fn solglott() -> String {
    variant(
        &renumbered(DNB, numbers::SOLGLOTT, "SOLGLØTT EIENDOMSMEGLING AS"),
        &[
            (
                "forretningsadresse",
                serde_json::json!({"land": "Norge", "landkode": "NO", "postnummer": "7011",
                    "poststed": "TRONDHEIM", "adresse": ["Kongens gate 14"]}),
            ),
            (
                "institusjonellSektorkode",
                serde_json::json!({"kode": "2100", "beskrivelse": "Private aksjeselskaper mv."}),
            ),
        ],
    )
}

pub fn path(number: &str) -> String {
    format!("/enheter/{number}")
}

/// The roles path for `number`.
pub fn roles_path(number: &str) -> String {
    format!("/enheter/{number}/roller")
}

/// The sub-unit register's path for `number`.
pub fn sub_path(number: &str) -> String {
    format!("/underenheter/{number}")
}

/// Every answer above, by path.
pub fn routes() -> Vec<(String, Reply)> {
    use numbers as n;
    vec![
        (path(n::FOUND), Reply::json(200, DNB)),
        (path(n::SR_BANK), Reply::json(200, SR_BANK)),
        (
            path(n::SMN),
            Reply::json(200, renumbered(SR_BANK, n::SMN, "SPAREBANK 1 SMN")),
        ),
        (path(n::SOLGLOTT), Reply::json(200, solglott())),
        (path(n::DELETED), Reply::json(200, DELETED)),
        (path(n::REMOVED), Reply::json(410, REMOVED)),
        (path(n::BANKRUPT), Reply::json(200, bankrupt())),
        (path(n::MALFORMED), Reply::json(200, &DNB[..DNB.len() / 2])),
        (path(n::HANGS), Reply::Never),
        (
            path(n::SERVER_ERROR),
            Reply::json(500, r#"{"status":500,"error":"Internal Server Error"}"#),
        ),
        (path(n::NOT_A_BANK), Reply::json(200, DIGDIR)),
        (sub_path(n::SUB_UNIT), Reply::json(200, SUB_UNIT)),
        (
            path(n::ENK),
            Reply::json(200, renumbered(DNB, n::ENK, "NILS ENKELTMANN")),
        ),
        (
            path(n::DAGL_LEDE),
            Reply::json(200, renumbered(DNB, n::DAGL_LEDE, "LEDERLØS AS")),
        ),
        (
            path(n::DECEASED_SIGNER),
            Reply::json(200, renumbered(DNB, n::DECEASED_SIGNER, "ETTERLATT AS")),
        ),
        (
            path(n::DEREGISTERED_SIGNER),
            Reply::json(200, renumbered(DNB, n::DEREGISTERED_SIGNER, "OMSKIFTE AS")),
        ),
        (
            path(n::ROLES_REMOVED),
            Reply::json(200, renumbered(DNB, n::ROLES_REMOVED, "FJERNEDE ROLLER AS")),
        ),
        (roles_path(n::SOLGLOTT), Reply::json(200, roles::JOINT)),
        (roles_path(n::ENK), Reply::json(200, roles::ENK)),
        (roles_path(n::DAGL_LEDE), Reply::json(200, roles::DAGL_LEDE)),
        (
            roles_path(n::DECEASED_SIGNER),
            Reply::json(200, roles::DECEASED),
        ),
        (
            roles_path(n::DEREGISTERED_SIGNER),
            Reply::json(200, roles::DEREGISTERED),
        ),
        (roles_path(n::ROLES_REMOVED), Reply::json(410, REMOVED)),
    ]
}

/// The held answer's name.
pub const HELD_NAME: &str = "VENTENDE SVAR AS";

/// [`routes`] and [`numbers::HELD`], whose answer waits for `gate`.
pub fn routes_held(gate: &Gate) -> Vec<(String, Reply)> {
    let mut routes = routes();
    routes.push((
        path(numbers::HELD),
        Reply::held(gate, 200, renumbered(DNB, numbers::HELD, HELD_NAME)),
    ));
    routes
}

/// A test registry serving [`routes`].
pub fn registry() -> Server {
    Server::start(routes())
}
