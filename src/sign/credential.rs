//! The signer's credential: a PKCS#12 file (.p12/.pfx) with a certificate and
//! its private key, read with `p12-keystore` (PBES2/AES and PBKDF2 files, as
//! made by current OpenSSL and Windows, and the older 3DES/RC2 ones).

use der::{Decode, Encode};
use rsa::pkcs8::DecodePrivateKey;
use rsa::pkcs8::EncodePublicKey;
use x509_cert::Certificate;

use super::{SignError, VnTime};
use crate::diag::Msg;

/// A certificate with its RSA private key, and the chain that came with it.
pub struct Credential {
    pub key: rsa::PrivateKey,
    /// The signer's certificate.
    pub certificate: Certificate,
    /// The signer's certificate first, then the issuers the file holds (DER).
    pub chain: Vec<Vec<u8>>,
    /// The subject's common name (NFC): the name a signed field shows.
    pub common_name: String,
}

impl std::fmt::Debug for Credential {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Credential").field("common_name", &self.common_name).finish_non_exhaustive()
    }
}

/// Reads a PKCS#12 file and checks it can sign at `at`: a private key is
/// there, it is RSA, it belongs to the certificate, and the certificate is
/// within its validity.
pub fn load(path: &str, bytes: &[u8], password: &str, at: VnTime) -> Result<Credential, SignError> {
    use p12_keystore::error::Error as P12;
    let store = p12_keystore::KeyStore::from_pkcs12(bytes, password, p12_keystore::Pkcs12ImportPolicy::Relaxed).map_err(|e| match e {
        P12::MacError(_) | P12::UnpadError | P12::Pkcs5Error(_) => SignError::WrongPassword { path: path.into() },
        // The reader's reason is an ASN.1 detail in English: kept for English only.
        other => SignError::BadP12 { path: path.into(), reason: Msg::new("nội dung tệp không đúng định dạng PKCS#12", other.to_string()) },
    })?;
    let (_, chain) = store.private_key_chain().ok_or_else(|| SignError::NoPrivateKey { path: path.into() })?;
    let leaf = chain.certs().first().ok_or_else(|| SignError::BadP12 {
        path: path.into(),
        reason: Msg::new("khóa bí mật không kèm chứng thư số", "the private key comes without its certificate"),
    })?;
    let certificate = Certificate::from_der(leaf.as_der())
        .map_err(|e| SignError::BadP12 { path: path.into(), reason: Msg::new("chứng thư số trong tệp không đọc được", format!("the certificate cannot be read: {e}")) })?;
    let tbs = certificate.tbs_certificate();
    let common_name = tbs
        .subject()
        .common_name()
        .ok()
        .flatten()
        .map(|cn| super::printable_name(&cn.value()))
        .unwrap_or_else(|| super::printable_name(&tbs.subject().to_string()));

    let key_der = chain.key().as_der();
    let key = match rsa::PrivateKey::from_pkcs8_der(key_der) {
        Ok(k) => k,
        Err(_) => {
            let algorithm = match chain.key().oid().to_string().as_str() {
                "1.2.840.10045.2.1" => "ECDSA".to_owned(),
                "1.3.101.112" => "Ed25519".to_owned(),
                other => other.to_owned(),
            };
            return Err(SignError::UnsupportedKey { path: path.into(), algorithm });
        }
    };
    // The key must be the certificate's.
    let public = rsa::PublicKey::from(&key).to_public_key_der().map_err(|e| SignError::Internal(e.to_string()))?;
    let cert_public = tbs.subject_public_key_info().to_der().map_err(|e| SignError::Internal(e.to_string()))?;
    if public.as_bytes() != cert_public.as_slice() {
        return Err(SignError::BadP12 {
            path: path.into(),
            reason: Msg::new("khóa bí mật không thuộc chứng thư số đi kèm", "the private key does not belong to the certificate"),
        });
    }

    // A certificate that says what its key is for must allow signing
    // (RFC 5280 §4.2.1.3); one that says nothing is not refused.
    use x509_cert::ext::pkix::KeyUsage;
    if let Ok(Some((_, usage))) = tbs.get_extension::<KeyUsage>() {
        if !usage.digital_signature() && !usage.non_repudiation() {
            return Err(SignError::NotForSigning { path: path.into(), subject: common_name });
        }
    }

    let validity = tbs.validity();
    let not_before = validity.not_before.to_unix_duration().as_secs() as i64;
    let not_after = validity.not_after.to_unix_duration().as_secs() as i64;
    if at.unix > not_after {
        return Err(SignError::Expired { path: path.into(), subject: common_name, not_after: VnTime { unix: not_after }.display() });
    }
    if at.unix < not_before {
        return Err(SignError::NotYetValid { path: path.into(), subject: common_name, not_before: VnTime { unix: not_before }.display() });
    }
    let chain = chain.certs().iter().map(|c| c.as_der().to_vec()).collect();
    Ok(Credential { key, certificate, chain, common_name })
}
