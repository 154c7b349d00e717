//! The signature value of a PDF signature: a detached CMS SignedData (RFC 5652)
//! as PAdES baseline B-B asks (ETSI EN 319 142-1, SubFilter ETSI.CAdES.detached):
//! SHA-256 over the signed byte ranges, signed attributes content-type,
//! message-digest and signing-certificate-v2, no signing-time attribute (the
//! claimed time is the signature dictionary's /M), RSA PKCS#1 v1.5.
//! Assembled from RustCrypto's `cms` types; checked back by [`check`].

use cms::cert::{CertificateChoices, IssuerAndSerialNumber};
use cms::content_info::{CmsVersion, ContentInfo};
use cms::signed_data::{CertificateSet, EncapsulatedContentInfo, SignedData, SignerIdentifier, SignerInfo, SignerInfos};
use der::asn1::{ObjectIdentifier, OctetString, SetOfVec};
use der::{Decode, Encode};
use sha2::{Digest, Sha256, Sha384, Sha512};
use spki::AlgorithmIdentifierOwned;
use x509_cert::attr::{Attribute, AttributeValue};
use x509_cert::Certificate;

use super::credential::Credential;

pub const ID_DATA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.1");
pub const ID_SIGNED_DATA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.2");
pub const ID_SHA256: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.1");
pub const ID_SHA384: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.2");
pub const ID_SHA512: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.3");
pub const ID_CONTENT_TYPE: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.3");
pub const ID_MESSAGE_DIGEST: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.4");
pub const ID_SIGNING_TIME: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.5");
pub const ID_SIGNING_CERTIFICATE_V2: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.16.2.47");
const RSA_ENCRYPTION: &str = "1.2.840.113549.1.1.1";
const SHA256_WITH_RSA: &str = "1.2.840.113549.1.1.11";
const SHA384_WITH_RSA: &str = "1.2.840.113549.1.1.12";
const SHA512_WITH_RSA: &str = "1.2.840.113549.1.1.13";
const RSASSA_PSS: &str = "1.2.840.113549.1.1.10";
const EC_PUBLIC_KEY: &str = "1.2.840.10045.2.1";
const DSA: &str = "1.2.840.10040.4.1";
const ED25519: &str = "1.3.101.112";
const ED448: &str = "1.3.101.113";

/// The DER of a ContentInfo holding the SignedData over `digest` (SHA-256 of
/// the PDF's signed byte ranges). Assembled from `cms`'s types: the crate's
/// builder feature does not build against the current RustCrypto releases.
pub fn sign_digest(cred: &Credential, digest: &[u8]) -> Result<Vec<u8>, String> {
    use rsa::signature::{SignatureEncoding, Signer};
    let err = |e: &dyn std::fmt::Display| format!("CMS: {e}");
    let tbs = cred.certificate.tbs_certificate();
    let sha256 = AlgorithmIdentifierOwned { oid: ID_SHA256, parameters: None };

    let mut attrs = SetOfVec::new();
    let one = |value: AttributeValue| -> der::Result<SetOfVec<AttributeValue>> {
        let mut values = SetOfVec::new();
        values.insert(value)?;
        Ok(values)
    };
    let content_type = AttributeValue::from_der(&ID_DATA.to_der().map_err(|e| err(&e))?).map_err(|e| err(&e))?;
    attrs.insert(Attribute { oid: ID_CONTENT_TYPE, values: one(content_type).map_err(|e| err(&e))? }).map_err(|e| err(&e))?;
    let md = OctetString::new(digest.to_vec()).and_then(|o| o.to_der()).map_err(|e| err(&e))?;
    attrs.insert(Attribute { oid: ID_MESSAGE_DIGEST, values: one(AttributeValue::from_der(&md).map_err(|e| err(&e))?).map_err(|e| err(&e))? }).map_err(|e| err(&e))?;
    attrs.insert(signing_certificate_v2(&cred.chain[0]).map_err(|e| err(&e))?).map_err(|e| err(&e))?;

    // The signature is over the DER of the attributes as a SET OF.
    let signed_attrs_der = attrs.to_der().map_err(|e| err(&e))?;
    let signer = rsa::pkcs1v15::SigningKey::<Sha256>::new(cred.key.clone());
    let signature = signer.try_sign(&signed_attrs_der).map_err(|e| err(&e))?.to_vec();

    let info = SignerInfo {
        version: CmsVersion::V1,
        sid: SignerIdentifier::IssuerAndSerialNumber(IssuerAndSerialNumber {
            issuer: tbs.issuer().clone(),
            serial_number: tbs.serial_number().clone(),
        }),
        digest_alg: sha256.clone(),
        signed_attrs: Some(attrs),
        signature_algorithm: AlgorithmIdentifierOwned {
            oid: ObjectIdentifier::new_unwrap(SHA256_WITH_RSA),
            parameters: Some(der::asn1::Null.into()),
        },
        signature: OctetString::new(signature).map_err(|e| err(&e))?,
        unsigned_attrs: None,
    };
    let mut certs = SetOfVec::new();
    for der in &cred.chain {
        let cert = Certificate::from_der(der).map_err(|e| err(&e))?;
        certs.insert(CertificateChoices::Certificate(cert)).map_err(|e| err(&e))?;
    }
    let mut digest_algorithms = SetOfVec::new();
    digest_algorithms.insert(sha256).map_err(|e| err(&e))?;
    let mut signer_infos = SetOfVec::new();
    signer_infos.insert(info).map_err(|e| err(&e))?;
    let sd = SignedData {
        version: CmsVersion::V1,
        digest_algorithms,
        encap_content_info: EncapsulatedContentInfo { econtent_type: ID_DATA, econtent: None },
        certificates: Some(CertificateSet(certs)),
        crls: None,
        signer_infos: SignerInfos(signer_infos),
    };
    let content = der::Any::encode_from(&sd).map_err(|e| err(&e))?;
    ContentInfo { content_type: ID_SIGNED_DATA, content }.to_der().map_err(|e| err(&e))
}

/// signing-certificate-v2 (RFC 5035) naming the signer's certificate by its
/// SHA-256 hash (the default algorithm, so not written; no issuerSerial, as
/// EN 319 122-1 advises).
fn signing_certificate_v2(cert_der: &[u8]) -> der::Result<Attribute> {
    let hash = OctetString::new(Sha256::digest(cert_der).to_vec())?;
    // SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2 }
    // ESSCertIDv2 ::= SEQUENCE { certHash OCTET STRING }
    let ess_cert_id = seq(&hash.to_der()?);
    let value = seq(&seq(&ess_cert_id));
    let mut values = der::asn1::SetOfVec::new();
    values.insert(AttributeValue::from_der(&value)?)?;
    Ok(Attribute { oid: ID_SIGNING_CERTIFICATE_V2, values })
}

/// A DER SEQUENCE around already encoded contents.
fn seq(contents: &[u8]) -> Vec<u8> {
    let mut out = vec![0x30];
    let n = contents.len();
    if n < 0x80 {
        out.push(n as u8);
    } else if n < 0x100 {
        out.extend_from_slice(&[0x81, n as u8]);
    } else {
        out.extend_from_slice(&[0x82, (n >> 8) as u8, n as u8]);
    }
    out.extend_from_slice(contents);
    out
}

/// What a signature value says, checked against the signed bytes.
#[derive(Debug, Clone, PartialEq)]
pub struct Checked {
    /// The signer certificate's common name (or its subject).
    pub signer: String,
    /// The signed attributes' digest equals the digest of the signed bytes.
    pub digest_matches: bool,
    /// Whether the signature over the signed attributes verifies with the
    /// certificate's key, or could not be checked.
    pub signature: SignatureCheck,
    /// signing-certificate-v2 is present and names this certificate.
    pub signing_certificate: bool,
    /// A signing-time attribute is present (PAdES B-B says it must not be).
    pub has_signing_time: bool,
}

/// The signature over the signed attributes, checked with the certificate's
/// key.
#[derive(Debug, Clone, PartialEq)]
pub enum SignatureCheck {
    Valid,
    Invalid,
    /// The algorithm (its common name, "ECDSA", or its OID) is one vanban
    /// cannot check: neither valid nor invalid, and said so.
    Unsupported(String),
}

/// Checks a CMS signature value (the /Contents bytes, zero padding allowed)
/// against `signed` (the bytes its /ByteRange covers).
pub fn check(contents: &[u8], signed: &[u8]) -> Result<Checked, String> {
    let der = super::ber::first_element_as_der(contents).ok_or("the signature value is not a DER or BER element")?;
    let info = ContentInfo::from_der(&der).map_err(|e| format!("CMS: {e}"))?;
    if info.content_type != ID_SIGNED_DATA {
        return Err("the signature value is not a CMS SignedData".into());
    }
    let sd: SignedData = info.content.decode_as().map_err(|e| format!("SignedData: {e}"))?;
    let si = sd.signer_infos.0.iter().next().ok_or("SignedData without a signer")?;
    let certs: Vec<Certificate> = sd
        .certificates
        .iter()
        .flat_map(|set| set.0.iter())
        .filter_map(|c| match c {
            CertificateChoices::Certificate(c) => Some(c.clone()),
            _ => None,
        })
        .collect();
    let cert = match &si.sid {
        SignerIdentifier::IssuerAndSerialNumber(ias) => certs
            .iter()
            .find(|c| c.tbs_certificate().issuer() == &ias.issuer && c.tbs_certificate().serial_number() == &ias.serial_number),
        SignerIdentifier::SubjectKeyIdentifier(_) => certs.first(),
    }
    .ok_or("the signer's certificate is not in the signature")?;
    let tbs = cert.tbs_certificate();
    let signer = tbs
        .subject()
        .common_name()
        .ok()
        .flatten()
        .map(|cn| super::printable_name(&cn.value()))
        .unwrap_or_else(|| super::printable_name(&tbs.subject().to_string()));

    let digest_of = |oid: ObjectIdentifier, data: &[u8]| -> Option<Vec<u8>> {
        match oid {
            ID_SHA256 => Some(Sha256::digest(data).to_vec()),
            ID_SHA384 => Some(Sha384::digest(data).to_vec()),
            ID_SHA512 => Some(Sha512::digest(data).to_vec()),
            _ => None,
        }
    };
    let attrs = si.signed_attrs.as_ref().ok_or("no signed attributes")?;
    let attr = |oid: ObjectIdentifier| attrs.iter().find(|a| a.oid == oid);
    let digest = digest_of(si.digest_alg.oid, signed).ok_or("unsupported digest algorithm")?;
    let claimed = attr(ID_MESSAGE_DIGEST)
        .and_then(|a| a.values.iter().next())
        .and_then(|v| v.decode_as::<OctetString>().ok())
        .map(|o| o.as_bytes().to_vec());
    let digest_matches = claimed.as_deref() == Some(digest.as_slice())
        && attr(ID_CONTENT_TYPE)
            .and_then(|a| a.values.iter().next())
            .and_then(|v| v.decode_as::<ObjectIdentifier>().ok())
            == Some(sd.encap_content_info.econtent_type);

    let cert_der = cert.to_der().map_err(|e| e.to_string())?;
    let signing_certificate = attr(ID_SIGNING_CERTIFICATE_V2)
        .and_then(|a| a.values.iter().next())
        .map(|v| {
            let hash = Sha256::digest(&cert_der);
            // The hash sits in the attribute's DER; a different hash algorithm
            // (not SHA-256) is not recognised here.
            v.value().windows(hash.len()).any(|w| w == hash.as_slice())
        })
        .unwrap_or(false);

    let signed_attrs_der = attrs.to_der().map_err(|e| e.to_string())?;
    let signature = verify_rsa(cert, &si.signature_algorithm, si.digest_alg.oid, &signed_attrs_der, si.signature.as_bytes());
    Ok(Checked { signer, digest_matches, signature, signing_certificate, has_signing_time: attr(ID_SIGNING_TIME).is_some() })
}

/// Checks an RSA PKCS#1 v1.5 signature; any other key or scheme (ECDSA, the
/// VGCA tokens' other choice, RSASSA-PSS, EdDSA) is `Unsupported`, not
/// `Invalid`: a signature vanban cannot check is not a broken one.
fn verify_rsa(cert: &Certificate, alg: &AlgorithmIdentifierOwned, digest: ObjectIdentifier, message: &[u8], signature: &[u8]) -> SignatureCheck {
    use rsa::signature::Verifier;
    use SignatureCheck::{Invalid, Unsupported, Valid};
    let spki = cert.tbs_certificate().subject_public_key_info();
    let key_alg = spki.algorithm.oid.to_string();
    if key_alg != RSA_ENCRYPTION {
        return Unsupported(algorithm_name(&key_alg));
    }
    let alg = alg.oid.to_string();
    let hash = match alg.as_str() {
        SHA256_WITH_RSA => ID_SHA256,
        SHA384_WITH_RSA => ID_SHA384,
        SHA512_WITH_RSA => ID_SHA512,
        RSA_ENCRYPTION => digest,
        _ => return Unsupported(algorithm_name(&alg)),
    };
    let Ok(spki_der) = spki.to_der() else { return Invalid };
    let Ok(key) = <rsa::PublicKey as rsa::pkcs8::DecodePublicKey>::from_public_key_der(&spki_der) else { return Invalid };
    let Ok(sig) = rsa::pkcs1v15::Signature::try_from(signature) else { return Invalid };
    let ok = match hash {
        ID_SHA256 => rsa::pkcs1v15::VerifyingKey::<Sha256>::new(key).verify(message, &sig).is_ok(),
        ID_SHA384 => rsa::pkcs1v15::VerifyingKey::<Sha384>::new(key).verify(message, &sig).is_ok(),
        ID_SHA512 => rsa::pkcs1v15::VerifyingKey::<Sha512>::new(key).verify(message, &sig).is_ok(),
        other => return Unsupported(other.to_string()),
    };
    if ok { Valid } else { Invalid }
}

/// A key or signature algorithm's common name, or its OID.
fn algorithm_name(oid: &str) -> String {
    let known = match oid {
        EC_PUBLIC_KEY => "ECDSA",
        RSASSA_PSS => "RSASSA-PSS",
        DSA => "DSA",
        ED25519 => "Ed25519",
        ED448 => "Ed448",
        o if o.starts_with("1.2.840.10045.4.") => "ECDSA",
        _ => return oid.to_owned(),
    };
    known.to_owned()
}
