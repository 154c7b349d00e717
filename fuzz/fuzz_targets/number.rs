//! Vietnamese number notation: whatever parses prints back to a string that
//! parses to the same number (and nothing panics).
#![no_main]

use libfuzzer_sys::fuzz_target;
use vanban::model::number::VnNumber;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(n) = VnNumber::parse(text) {
        let printed = n.to_string();
        let again = VnNumber::parse(&printed).unwrap_or_else(|e| panic!("{text:?} printed as {printed:?}, which does not parse: {e:?}"));
        assert_eq!(again, n, "{text:?} → {printed:?}");
        let _ = n.rounded(2).to_string();
    }
});
