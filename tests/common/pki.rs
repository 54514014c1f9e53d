//! A CA the test generates and a rustls server configuration with a certificate it signed: the
//! loopback SMTP server and the server that plays a production domain both use it.

use std::sync::Arc;

use rustls::ServerConfig;
use rustls::pki_types::{PrivateKeyDer, PrivatePkcs8KeyDer};

/// A generated CA and a server configuration with a certificate it signed.
pub struct Pki {
    /// The CA certificate, PEM: what the client must trust.
    pub ca_pem: String,
    pub server: Arc<ServerConfig>,
}

impl Pki {
    /// A certificate for localhost and 127.0.0.1.
    pub fn new() -> Pki {
        Pki::for_names(&["localhost".to_string(), "127.0.0.1".to_string()])
    }

    /// A certificate for `names` (the first is also its common name).
    pub fn for_names(names: &[String]) -> Pki {
        use rcgen::{
            BasicConstraints, CertificateParams, CertifiedIssuer, DnType, IsCa, KeyPair,
            KeyUsagePurpose,
        };
        let mut ca_params = CertificateParams::new(Vec::<String>::new()).unwrap();
        ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        ca_params
            .distinguished_name
            .push(DnType::CommonName, "eid-onboard test CA");
        ca_params.key_usages = vec![
            KeyUsagePurpose::KeyCertSign,
            KeyUsagePurpose::CrlSign,
            KeyUsagePurpose::DigitalSignature,
        ];
        let ca = CertifiedIssuer::self_signed(ca_params, KeyPair::generate().unwrap()).unwrap();

        let key = KeyPair::generate().unwrap();
        let mut params = CertificateParams::new(names.to_vec()).unwrap();
        params
            .distinguished_name
            .push(DnType::CommonName, names[0].clone());
        let leaf = params.signed_by(&key, &ca).unwrap();
        let key_der = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(key.serialize_der()));
        let server =
            ServerConfig::builder_with_provider(Arc::new(rustls::crypto::ring::default_provider()))
                .with_safe_default_protocol_versions()
                .unwrap()
                .with_no_client_auth()
                .with_single_cert(vec![leaf.der().clone()], key_der)
                .unwrap();
        Pki {
            ca_pem: ca.pem(),
            server: Arc::new(server),
        }
    }
}
