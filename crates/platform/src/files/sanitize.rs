//! What an upload really is, and removing what images carry about the people who took
//! them (EXIF with GPS position, camera serials, XMP, IPTC), by hand: the bytes of the image
//! are kept, only metadata segments and chunks are dropped.

/// An allowed kind of file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Kind {
    pub mime: &'static str,
    /// Extensions that may name such a file.
    pub extensions: &'static [&'static str],
}

pub const JPEG: Kind = Kind {
    mime: "image/jpeg",
    extensions: &["jpg", "jpeg"],
};
pub const PNG: Kind = Kind {
    mime: "image/png",
    extensions: &["png"],
};
pub const WEBP: Kind = Kind {
    mime: "image/webp",
    extensions: &["webp"],
};
pub const GIF: Kind = Kind {
    mime: "image/gif",
    extensions: &["gif"],
};
pub const PDF: Kind = Kind {
    mime: "application/pdf",
    extensions: &["pdf"],
};
pub const XLSX: Kind = Kind {
    mime: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    extensions: &["xlsx"],
};
pub const DOCX: Kind = Kind {
    mime: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    extensions: &["docx"],
};
pub const ODS: Kind = Kind {
    mime: "application/vnd.oasis.opendocument.spreadsheet",
    extensions: &["ods"],
};
pub const CSV: Kind = Kind {
    mime: "text/csv; charset=utf-8",
    extensions: &["csv"],
};
pub const TEXT: Kind = Kind {
    mime: "text/plain; charset=utf-8",
    extensions: &["txt"],
};
/// JSON and GeoJSON (data portal resources): text; whether it parses is the module's check.
pub const JSON: Kind = Kind {
    mime: "application/json",
    extensions: &["json"],
};
pub const GEOJSON: Kind = Kind {
    mime: "application/geo+json",
    extensions: &["geojson"],
};

const BINARY: [Kind; 8] = [JPEG, PNG, WEBP, GIF, PDF, XLSX, DOCX, ODS];

/// Why a file is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// Not a kind we accept (executables, HTML, SVG, archives, …).
    Type,
    /// The name's extension says something else than the content.
    Extension,
    /// Claims to be an image but its structure is broken.
    Corrupt,
}

/// The file's extension, lowercased ("" when none).
pub fn extension(name: &str) -> String {
    name.rsplit_once('.')
        .map(|(_, ext)| ext.to_ascii_lowercase())
        .unwrap_or_default()
}

/// Text that a browser could take for markup is refused even as `.txt`/`.csv`.
fn looks_like_markup(text: &str) -> bool {
    let head: String = text
        .chars()
        .take(1024)
        .collect::<String>()
        .to_ascii_lowercase();
    let trimmed = head.trim_start_matches('\u{feff}').trim_start();
    trimmed.starts_with('<')
        || [
            "<html",
            "<script",
            "<svg",
            "<!doctype",
            "<?xml",
            "<iframe",
            "<body",
        ]
        .iter()
        .any(|tag| head.contains(tag))
}

/// Decide what `bytes` named `name` is, from the content; refuse what is not allowed or
/// whose extension contradicts the content.
pub fn sniff(bytes: &[u8], name: &str) -> Result<Kind, Refusal> {
    let ext = extension(name);
    let kind = match infer::get(bytes) {
        Some(found) => BINARY
            .into_iter()
            .find(|k| k.mime == found.mime_type())
            .ok_or(Refusal::Type)?,
        None => {
            // No magic number: accept only clean UTF-8 text without control bytes or markup.
            let text = std::str::from_utf8(bytes).map_err(|_| Refusal::Type)?;
            if text
                .chars()
                .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
                || looks_like_markup(text)
            {
                return Err(Refusal::Type);
            }
            match ext.as_str() {
                "csv" => CSV,
                "txt" => TEXT,
                "json" => JSON,
                "geojson" => GEOJSON,
                _ => return Err(Refusal::Extension),
            }
        }
    };
    if kind.extensions.contains(&ext.as_str()) {
        Ok(kind)
    } else {
        Err(Refusal::Extension)
    }
}

/// The bytes with privacy-sensitive metadata removed (images), or as they are.
pub fn strip_metadata(kind: Kind, bytes: &[u8]) -> Result<Vec<u8>, Refusal> {
    match kind.mime {
        "image/jpeg" => strip_jpeg(bytes),
        "image/png" => strip_png(bytes),
        "image/webp" => strip_webp(bytes),
        _ => Ok(bytes.to_vec()),
    }
}

/// JPEG: drop APP1 (Exif, XMP), APP13 (Photoshop/IPTC) and COM segments before the image
/// data; everything from Start of Scan on is copied as it is.
pub fn strip_jpeg(bytes: &[u8]) -> Result<Vec<u8>, Refusal> {
    if bytes.len() < 4 || bytes[0] != 0xFF || bytes[1] != 0xD8 {
        return Err(Refusal::Corrupt);
    }
    let mut out = Vec::with_capacity(bytes.len());
    out.extend_from_slice(&bytes[..2]);
    let mut i = 2;
    loop {
        // Fill bytes (0xFF) may pad before a marker.
        while i < bytes.len() && bytes[i] == 0xFF && bytes.get(i + 1) == Some(&0xFF) {
            i += 1;
        }
        if i + 1 >= bytes.len() {
            return Err(Refusal::Corrupt);
        }
        if bytes[i] != 0xFF {
            return Err(Refusal::Corrupt);
        }
        let marker = bytes[i + 1];
        match marker {
            0xD9 => {
                out.extend_from_slice(&bytes[i..]);
                return Ok(out);
            }
            0x01 | 0xD0..=0xD7 => {
                out.extend_from_slice(&bytes[i..i + 2]);
                i += 2;
                continue;
            }
            _ => {}
        }
        if i + 4 > bytes.len() {
            return Err(Refusal::Corrupt);
        }
        let len = usize::from(u16::from_be_bytes([bytes[i + 2], bytes[i + 3]]));
        if len < 2 || i + 2 + len > bytes.len() {
            return Err(Refusal::Corrupt);
        }
        let end = i + 2 + len;
        if marker == 0xDA {
            // Start of Scan: the rest is image data.
            out.extend_from_slice(&bytes[i..]);
            return Ok(out);
        }
        let drop = matches!(marker, 0xE1 | 0xED | 0xFE);
        if !drop {
            out.extend_from_slice(&bytes[i..end]);
        }
        i = end;
    }
}

const PNG_SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";

/// PNG: drop the eXIf, tEXt, iTXt and zTXt chunks.
pub fn strip_png(bytes: &[u8]) -> Result<Vec<u8>, Refusal> {
    if !bytes.starts_with(PNG_SIGNATURE) {
        return Err(Refusal::Corrupt);
    }
    let mut out = Vec::with_capacity(bytes.len());
    out.extend_from_slice(PNG_SIGNATURE);
    let mut i = PNG_SIGNATURE.len();
    while i < bytes.len() {
        if i + 8 > bytes.len() {
            return Err(Refusal::Corrupt);
        }
        let len = usize::try_from(u32::from_be_bytes([
            bytes[i],
            bytes[i + 1],
            bytes[i + 2],
            bytes[i + 3],
        ]))
        .map_err(|_| Refusal::Corrupt)?;
        let end = i
            .checked_add(12)
            .and_then(|n| n.checked_add(len))
            .ok_or(Refusal::Corrupt)?;
        if end > bytes.len() {
            return Err(Refusal::Corrupt);
        }
        let chunk_type = &bytes[i + 4..i + 8];
        if !matches!(chunk_type, b"eXIf" | b"tEXt" | b"iTXt" | b"zTXt") {
            out.extend_from_slice(&bytes[i..end]);
        }
        i = end;
        if chunk_type == b"IEND" {
            break;
        }
    }
    Ok(out)
}

/// WebP: drop the EXIF and XMP chunks, clear their flags in VP8X, and fix the RIFF size.
pub fn strip_webp(bytes: &[u8]) -> Result<Vec<u8>, Refusal> {
    if bytes.len() < 12 || &bytes[..4] != b"RIFF" || &bytes[8..12] != b"WEBP" {
        return Err(Refusal::Corrupt);
    }
    let mut out = Vec::with_capacity(bytes.len());
    out.extend_from_slice(&bytes[..12]);
    let mut i = 12;
    while i < bytes.len() {
        if i + 8 > bytes.len() {
            return Err(Refusal::Corrupt);
        }
        let size = usize::try_from(u32::from_le_bytes([
            bytes[i + 4],
            bytes[i + 5],
            bytes[i + 6],
            bytes[i + 7],
        ]))
        .map_err(|_| Refusal::Corrupt)?;
        let padded = size + (size & 1);
        let end = (i + 8)
            .checked_add(padded)
            .ok_or(Refusal::Corrupt)?
            .min(bytes.len());
        if i + 8 + size > bytes.len() {
            return Err(Refusal::Corrupt);
        }
        let fourcc = &bytes[i..i + 4];
        match fourcc {
            b"EXIF" | b"XMP " => {}
            b"VP8X" if size >= 1 => {
                let start = out.len();
                out.extend_from_slice(&bytes[i..end]);
                // Flags byte: bit 3 = EXIF present, bit 2 = XMP present.
                out[start + 8] &= !(0x08 | 0x04);
            }
            _ => out.extend_from_slice(&bytes[i..end]),
        }
        i = end;
    }
    let riff_size = u32::try_from(out.len() - 8).map_err(|_| Refusal::Corrupt)?;
    out[4..8].copy_from_slice(&riff_size.to_le_bytes());
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn segment(marker: u8, payload: &[u8]) -> Vec<u8> {
        let mut s = vec![0xFF, marker];
        s.extend_from_slice(&u16::try_from(payload.len() + 2).unwrap().to_be_bytes());
        s.extend_from_slice(payload);
        s
    }

    #[test]
    fn jpeg_loses_exif_xmp_and_iptc_but_keeps_the_image() {
        let mut jpeg = vec![0xFF, 0xD8];
        jpeg.extend(segment(0xE0, b"JFIF\0\x01\x01\0\0\x01\0\x01\0\0"));
        jpeg.extend(segment(0xE1, b"Exif\0\0GPS-7.15,111.88"));
        jpeg.extend(segment(0xE1, b"http://ns.adobe.com/xap/1.0/\0<x:xmpmeta/>"));
        jpeg.extend(segment(0xED, b"Photoshop 3.0\0IPTC"));
        jpeg.extend(segment(0xDB, &[0; 65]));
        jpeg.extend(segment(0xDA, &[1, 1, 0, 0, 63, 0]));
        jpeg.extend([0x12, 0x34, 0xFF, 0x00, 0x56]);
        jpeg.extend([0xFF, 0xD9]);
        let clean = strip_jpeg(&jpeg).unwrap();
        let text = String::from_utf8_lossy(&clean);
        assert!(
            !text.contains("Exif")
                && !text.contains("GPS")
                && !text.contains("xmpmeta")
                && !text.contains("IPTC")
        );
        assert!(text.contains("JFIF"));
        assert!(clean.ends_with(&[0x12, 0x34, 0xFF, 0x00, 0x56, 0xFF, 0xD9]));
        assert!(strip_jpeg(&jpeg[..20]).is_err());
    }

    fn chunk(kind: &[u8], data: &[u8]) -> Vec<u8> {
        let mut c = u32::try_from(data.len()).unwrap().to_be_bytes().to_vec();
        c.extend_from_slice(kind);
        c.extend_from_slice(data);
        c.extend_from_slice(&[0, 0, 0, 0]);
        c
    }

    #[test]
    fn png_loses_text_and_exif_chunks() {
        let mut png = PNG_SIGNATURE.to_vec();
        png.extend(chunk(b"IHDR", &[0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0]));
        png.extend(chunk(b"tEXt", b"Author\0Budi"));
        png.extend(chunk(b"eXIf", b"MM\0*GPS"));
        png.extend(chunk(b"iTXt", b"XML:com.adobe.xmp\0\0\0\0\0<x/>"));
        png.extend(chunk(b"IDAT", &[1, 2, 3]));
        png.extend(chunk(b"IEND", &[]));
        let clean = strip_png(&png).unwrap();
        let text = String::from_utf8_lossy(&clean);
        assert!(!text.contains("Budi") && !text.contains("GPS") && !text.contains("adobe"));
        assert!(text.contains("IHDR") && text.contains("IDAT") && text.contains("IEND"));
    }

    #[test]
    fn webp_loses_exif_and_xmp_and_stays_consistent() {
        let riff_chunk = |fourcc: &[u8], data: &[u8]| {
            let mut c = fourcc.to_vec();
            c.extend_from_slice(&u32::try_from(data.len()).unwrap().to_le_bytes());
            c.extend_from_slice(data);
            if data.len() % 2 == 1 {
                c.push(0);
            }
            c
        };
        let mut body = b"WEBP".to_vec();
        body.extend(riff_chunk(b"VP8X", &[0x0C, 0, 0, 0, 0, 0, 0, 0, 0, 0]));
        body.extend(riff_chunk(b"VP8L", &[0x2F, 0, 0, 0, 0]));
        body.extend(riff_chunk(b"EXIF", b"MM\0*GPS-lat"));
        body.extend(riff_chunk(b"XMP ", b"<x:xmpmeta/>"));
        let mut webp = b"RIFF".to_vec();
        webp.extend_from_slice(&u32::try_from(body.len()).unwrap().to_le_bytes());
        webp.extend(body);
        let clean = strip_webp(&webp).unwrap();
        let text = String::from_utf8_lossy(&clean);
        assert!(!text.contains("GPS") && !text.contains("xmpmeta"));
        assert_eq!(
            u32::from_le_bytes(clean[4..8].try_into().unwrap()) as usize,
            clean.len() - 8
        );
        assert_eq!(clean[20] & 0x0C, 0, "VP8X flags cleared");
        assert!(text.contains("VP8L"));
    }

    #[test]
    fn sniffing() {
        assert_eq!(sniff(b"%PDF-1.7\n...", "laporan.pdf"), Ok(PDF));
        assert_eq!(sniff(b"{\"a\": 1}", "data.json"), Ok(JSON));
        assert_eq!(
            sniff(b"{\"type\": \"Point\"}", "titik.geojson"),
            Ok(GEOJSON)
        );
        assert_eq!(
            sniff(b"%PDF-1.7\n...", "data.json"),
            Err(Refusal::Extension)
        );
        assert_eq!(
            sniff(b"%PDF-1.7\n...", "laporan.jpg"),
            Err(Refusal::Extension)
        );
        assert_eq!(
            sniff(b"MZ\x90\0\x03\0\0\0\x04\0\0\0\xff\xff\0\0", "setup.exe"),
            Err(Refusal::Type)
        );
        assert_eq!(
            sniff(b"MZ\x90\0\x03\0\0\0\x04\0\0\0\xff\xff\0\0", "foto.jpg"),
            Err(Refusal::Type)
        );
        assert_eq!(
            sniff(b"<!DOCTYPE html><script>alert(1)</script>", "x.txt"),
            Err(Refusal::Type)
        );
        assert_eq!(
            sniff(b"<svg xmlns=\"http://www.w3.org/2000/svg\"/>", "logo.svg"),
            Err(Refusal::Type)
        );
        assert_eq!(
            sniff(b"kode,nama\n35.22,Bojonegoro\n", "wilayah.csv"),
            Ok(CSV)
        );
        assert_eq!(sniff(b"catatan", "catatan.txt"), Ok(TEXT));
        assert_eq!(sniff(b"catatan", "catatan.html"), Err(Refusal::Extension));
        assert_eq!(
            sniff(b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0", "a.csv"),
            Err(Refusal::Type)
        );
    }
}
