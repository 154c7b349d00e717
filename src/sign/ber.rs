//! BER to DER, for signature values made elsewhere.
//!
//! CMS lets a SignedData be BER: NSS (poppler's `pdfsig -sign`, Firefox-based
//! signing tools) writes it with indefinite lengths (`30 80 … 00 00`). The
//! `der` crate reads DER only, so such a value is rewritten first: every
//! indefinite length becomes a definite one, and a constructed OCTET STRING
//! becomes one primitive string. What is already DER is copied byte for byte,
//! so certificates (whose hash the signing-certificate attribute holds) and
//! the signed attributes are untouched.

/// Deeper than any CMS value nests; a crafted value cannot exhaust the stack.
const MAX_DEPTH: usize = 64;

/// The first BER element of `bytes` (the /Contents string is zero padded) as
/// DER, or `None` if it is not a well-formed element.
pub fn first_element_as_der(bytes: &[u8]) -> Option<Vec<u8>> {
    let element = element(bytes, 0)?;
    Some(match element.der {
        Some(der) => der,
        None => bytes[..element.len].to_vec(),
    })
}

struct Element {
    /// Bytes of the input the element took (end-of-contents included).
    len: usize,
    /// Its DER when it differs from the input; `None`: the input is DER.
    der: Option<Vec<u8>>,
}

struct Header {
    tag: Vec<u8>,
    constructed: bool,
    /// `None`: indefinite.
    length: Option<usize>,
    /// Bytes of tag and length.
    size: usize,
}

fn header(bytes: &[u8]) -> Option<Header> {
    let first = *bytes.first()?;
    let mut at = 1;
    if first & 0x1f == 0x1f {
        // High tag number: base-128 bytes until one without the top bit.
        loop {
            let b = *bytes.get(at)?;
            at += 1;
            if b & 0x80 == 0 {
                break;
            }
            if at > 6 {
                return None;
            }
        }
    }
    let tag = bytes[..at].to_vec();
    let l = *bytes.get(at)? as usize;
    at += 1;
    let length = if l < 0x80 {
        Some(l)
    } else if l == 0x80 {
        None
    } else {
        let n = l & 0x7f;
        if n > 4 {
            return None;
        }
        let mut len = 0usize;
        for _ in 0..n {
            len = (len << 8) | *bytes.get(at)? as usize;
            at += 1;
        }
        Some(len)
    };
    Some(Header { tag, constructed: first & 0x20 != 0, length, size: at })
}

fn element(bytes: &[u8], depth: usize) -> Option<Element> {
    if depth > MAX_DEPTH {
        return None;
    }
    let h = header(bytes)?;
    if !h.constructed {
        let len = h.size.checked_add(h.length?)?;
        bytes.get(..len)?;
        // A primitive element is kept; a non-minimal length in it is left
        // as found, since its bytes may be signed over.
        return Some(Element { len, der: None });
    }
    let end = match h.length {
        Some(n) => Some(h.size.checked_add(n)?),
        None => None,
    };
    let mut at = h.size;
    let mut children: Vec<(usize, usize, Option<Vec<u8>>)> = Vec::new();
    loop {
        match end {
            Some(e) if at == e => break,
            Some(e) if at > e => return None,
            None if bytes.get(at..at + 2)? == [0, 0] => {
                at += 2;
                break;
            }
            _ => {}
        }
        let child = element(bytes.get(at..end.unwrap_or(bytes.len()))?, depth + 1)?;
        children.push((at, child.len, child.der));
        at += child.len;
    }
    // A constructed OCTET STRING (universal 4) is its pieces' bytes, joined.
    let octet_string = h.tag == [0x24];
    if h.length.is_some() && !octet_string && children.iter().all(|c| c.2.is_none()) {
        return Some(Element { len: at, der: None });
    }
    let mut content = Vec::new();
    for (start, len, der) in &children {
        let child = der.as_deref().unwrap_or(&bytes[*start..start + len]);
        if octet_string {
            // Each piece is itself an OCTET STRING: take its content.
            let piece = header(child)?;
            if piece.tag != [0x04] {
                return None;
            }
            content.extend_from_slice(child.get(piece.size..)?);
        } else {
            content.extend_from_slice(child);
        }
    }
    let mut der = if octet_string { vec![0x04] } else { h.tag.clone() };
    push_length(&mut der, content.len());
    der.extend_from_slice(&content);
    Some(Element { len: at, der: Some(der) })
}

fn push_length(out: &mut Vec<u8>, len: usize) {
    if len < 0x80 {
        out.push(len as u8);
        return;
    }
    let bytes = len.to_be_bytes();
    let skip = bytes.iter().take_while(|&&b| b == 0).count();
    out.push(0x80 | (bytes.len() - skip) as u8);
    out.extend_from_slice(&bytes[skip..]);
}

#[cfg(test)]
mod tests {
    use super::first_element_as_der;

    #[test]
    fn der_is_copied_and_padding_dropped() {
        let der = [0x30, 0x03, 0x02, 0x01, 0x05, 0, 0, 0];
        assert_eq!(first_element_as_der(&der).unwrap(), der[..5]);
    }

    #[test]
    fn indefinite_lengths_become_definite() {
        // SEQUENCE (indef) { INTEGER 5, [0] (indef) { NULL } } then padding.
        let ber = [0x30, 0x80, 0x02, 0x01, 0x05, 0xa0, 0x80, 0x05, 0x00, 0, 0, 0, 0, 0, 0];
        assert_eq!(first_element_as_der(&ber).unwrap(), [0x30, 0x07, 0x02, 0x01, 0x05, 0xa0, 0x02, 0x05, 0x00]);
    }

    #[test]
    fn constructed_octet_string_is_joined() {
        let ber = [0x24, 0x80, 0x04, 0x02, b'a', b'b', 0x04, 0x01, b'c', 0, 0];
        assert_eq!(first_element_as_der(&ber).unwrap(), [0x04, 0x03, b'a', b'b', b'c']);
    }

    #[test]
    fn long_content_gets_a_long_length() {
        let mut ber = vec![0x30, 0x80, 0x04, 0x81, 200];
        ber.extend(std::iter::repeat_n(7u8, 200));
        ber.extend([0, 0]);
        let der = first_element_as_der(&ber).unwrap();
        assert_eq!(der[..2], [0x30, 0x81]);
        assert_eq!(der[2] as usize, 203);
        assert_eq!(der.len(), 206);
    }

    /// Random bytes and random cuts of a real BER value: refused or read,
    /// never a panic (the /Contents of a PDF is anyone's bytes).
    #[test]
    fn random_and_cut_values_never_panic() {
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let ber = [0x30, 0x80, 0x02, 0x01, 0x05, 0xa0, 0x80, 0x24, 0x80, 0x04, 0x01, 0x61, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00];
        for cut in 0..ber.len() {
            let _ = first_element_as_der(&ber[..cut]);
        }
        for _ in 0..20_000 {
            let len = (next() % 40) as usize;
            // Biased to the bytes that matter: constructed tags and 0x80.
            let bytes: Vec<u8> = (0..len).map(|_| [0x30, 0x80, 0x00, 0x24, 0x04, 0x81, 0x02, 0xa0][(next() % 8) as usize] ^ if next() % 5 == 0 { (next() % 256) as u8 } else { 0 }).collect();
            if let Some(der) = first_element_as_der(&bytes) {
                // What comes out is itself one well-formed element.
                assert_eq!(first_element_as_der(&der).as_deref(), Some(der.as_slice()), "{bytes:02x?}");
            }
        }
    }

    #[test]
    fn broken_values_are_refused_not_panicked_on() {
        for bad in [&[][..], &[0x30], &[0x30, 0x80], &[0x30, 0x80, 0x02, 0x05, 1], &[0x30, 0x85, 1, 1, 1, 1, 1], &[0x30, 0x02, 0x02, 0x05]] {
            assert!(first_element_as_der(bad).is_none(), "{bad:?}");
        }
        // Nesting deeper than any CMS value.
        let mut deep = vec![0x30, 0x80].repeat(100);
        deep.extend([0, 0].repeat(100));
        assert!(first_element_as_der(&deep).is_none());
    }
}
