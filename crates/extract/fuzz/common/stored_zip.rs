//! Zip archives written by hand, for the fuzz targets and the broken-file tests: stored
//! (uncompressed) entries with right CRCs, so that fuzzed bytes reach the XML readers of
//! DOCX and ODT instead of dying in the inflater, and entries of any method with any
//! declared size, for zip bombs.

/// Builds a zip of `(name, data)` entries, stored.
pub fn stored_zip(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let entries: Vec<(&str, u16, u32, &[u8])> =
        entries.iter().map(|&(name, data)| (name, 0, data.len() as u32, data)).collect();
    zip_archive(&entries)
}

/// Builds a zip of `(name, method, declared uncompressed size, data)` entries. The CRC is
/// right for stored entries (method 0) and zero for the others.
pub fn zip_archive(entries: &[(&str, u16, u32, &[u8])]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for &(name, method, size, data) in entries {
        let offset = out.len() as u32;
        let crc = if method == 0 { crc32(data) } else { 0 };
        let header = |signature: u32, central_entry: bool| {
            let mut h = Vec::new();
            h.extend(signature.to_le_bytes());
            if central_entry {
                h.extend(20u16.to_le_bytes());
            }
            h.extend(20u16.to_le_bytes());
            h.extend(0u16.to_le_bytes()); // flags
            h.extend(method.to_le_bytes());
            h.extend(0u16.to_le_bytes()); // time
            h.extend(0x21u16.to_le_bytes()); // date 1980-01-01
            h.extend(crc.to_le_bytes());
            h.extend((data.len() as u32).to_le_bytes());
            h.extend(size.to_le_bytes());
            h.extend((name.len() as u16).to_le_bytes());
            h.extend(0u16.to_le_bytes()); // extra
            if central_entry {
                h.extend([0u8; 10]); // comment length, disk, internal and external attributes
                h.extend(offset.to_le_bytes());
            }
            h.extend(name.as_bytes());
            h
        };
        out.extend(header(0x0403_4b50, false));
        out.extend(data);
        central.extend(header(0x0201_4b50, true));
    }
    let central_offset = out.len() as u32;
    out.extend(&central);
    out.extend(0x0605_4b50u32.to_le_bytes());
    out.extend([0u8; 4]);
    out.extend((entries.len() as u16).to_le_bytes());
    out.extend((entries.len() as u16).to_le_bytes());
    out.extend((central.len() as u32).to_le_bytes());
    out.extend(central_offset.to_le_bytes());
    out.extend(0u16.to_le_bytes());
    out
}

fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &byte in data {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
        }
    }
    !crc
}
