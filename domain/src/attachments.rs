//! Attachments of a consultation (附件): which files are accepted, recognised by their
//! content rather than trusted by name, and how their names are cleaned for display.

/// At most this many files per consultation.
pub const MAX_ATTACHMENTS: usize = 5;
/// Longest display name kept (characters).
pub const MAX_NAME_CHARS: usize = 120;

/// An accepted file type: stored with this extension and served as this MIME type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FileType {
    pub ext: &'static str,
    pub mime: &'static str,
    /// Shown in the browser (images, PDF) rather than downloaded.
    pub inline: bool,
}

const PDF: FileType = FileType {
    ext: "pdf",
    mime: "application/pdf",
    inline: true,
};

/// Office formats that are ZIP containers (OOXML and OpenDocument) or OLE compound files
/// (legacy .doc/.xls/.ppt): the container is checked by magic bytes, the kind by extension.
const ZIP_TYPES: [FileType; 6] = [
    FileType {
        ext: "docx",
        mime: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        inline: false,
    },
    FileType {
        ext: "xlsx",
        mime: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        inline: false,
    },
    FileType {
        ext: "pptx",
        mime: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        inline: false,
    },
    FileType {
        ext: "odt",
        mime: "application/vnd.oasis.opendocument.text",
        inline: false,
    },
    FileType {
        ext: "ods",
        mime: "application/vnd.oasis.opendocument.spreadsheet",
        inline: false,
    },
    FileType {
        ext: "odp",
        mime: "application/vnd.oasis.opendocument.presentation",
        inline: false,
    },
];

const OLE_TYPES: [FileType; 3] = [
    FileType {
        ext: "doc",
        mime: "application/msword",
        inline: false,
    },
    FileType {
        ext: "xls",
        mime: "application/vnd.ms-excel",
        inline: false,
    },
    FileType {
        ext: "ppt",
        mime: "application/vnd.ms-powerpoint",
        inline: false,
    },
];

const PNG: FileType = FileType {
    ext: "png",
    mime: "image/png",
    inline: true,
};
const JPEG: FileType = FileType {
    ext: "jpg",
    mime: "image/jpeg",
    inline: true,
};
const WEBP: FileType = FileType {
    ext: "webp",
    mime: "image/webp",
    inline: true,
};

/// Every type a stored attachment can have, by extension (for serving).
pub fn by_ext(ext: &str) -> Option<FileType> {
    [PDF, PNG, JPEG, WEBP]
        .into_iter()
        .chain(ZIP_TYPES)
        .chain(OLE_TYPES)
        .find(|t| t.ext == ext)
}

/// The type of an uploaded image (PNG, JPEG, WebP), from its bytes only; None for anything
/// else, SVG included (it can carry scripts).
pub fn detect_image(bytes: &[u8]) -> Option<FileType> {
    detect("", bytes).filter(|t| [PNG.ext, JPEG.ext, WEBP.ext].contains(&t.ext))
}

/// The type of an uploaded file, from its bytes and (for Office containers) its name;
/// None for anything else — executables, HTML, SVG (scriptable) and mismatched names.
pub fn detect(name: &str, bytes: &[u8]) -> Option<FileType> {
    let ext = name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    if bytes.starts_with(b"%PDF-") {
        return Some(PDF);
    }
    if bytes.starts_with(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A]) {
        return Some(PNG);
    }
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        return Some(JPEG);
    }
    if bytes.len() > 12 && &bytes[0..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        return Some(WEBP);
    }
    if bytes.starts_with(b"PK\x03\x04") {
        return ZIP_TYPES.into_iter().find(|t| t.ext == ext);
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        return OLE_TYPES.into_iter().find(|t| t.ext == ext);
    }
    None
}

/// The name shown for a file: no directories, no control or path characters, trimmed and
/// shortened (keeping the extension); never empty.
pub fn display_name(raw: &str, ext: &str) -> String {
    // Browsers escape `"`, CR and LF in a multipart file name as %22, %0D and %0A (HTML's
    // form-data encoding); nothing else is percent-encoded there.
    let raw = raw
        .replace("%22", "\"")
        .replace("%0D", "")
        .replace("%0A", "");
    let base = raw.rsplit(['/', '\\']).next().unwrap_or_default();
    let cleaned: String = base
        .chars()
        .filter(|c| !c.is_control() && !matches!(c, '<' | '>' | ':' | '|' | '?' | '*'))
        .collect();
    let cleaned = cleaned.trim();
    let stem = cleaned
        .rsplit_once('.')
        .map(|(s, _)| s)
        .unwrap_or(cleaned)
        .trim();
    let stem: String = stem.chars().take(MAX_NAME_CHARS - ext.len() - 1).collect();
    let stem = if stem.is_empty() {
        "附件".into()
    } else {
        stem
    };
    format!("{stem}.{ext}")
}

/// Size for people: "812 KB", "2.4 MB".
pub fn human_size(bytes: u64) -> String {
    if bytes < 1024 * 1024 {
        format!("{} KB", bytes.div_ceil(1024).max(1))
    } else {
        format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_recognised_by_content() {
        assert_eq!(detect("起草说明.pdf", b"%PDF-1.7\n...").unwrap().ext, "pdf");
        // A PDF with a wrong name is still a PDF; the content decides.
        assert_eq!(detect("说明.docx", b"%PDF-1.4").unwrap().ext, "pdf");
        assert_eq!(
            detect("对照表.DOCX", b"PK\x03\x04rest").unwrap().mime,
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        );
        assert_eq!(detect("表.xlsx", b"PK\x03\x04").unwrap().ext, "xlsx");
        assert_eq!(
            detect(
                "旧稿.doc",
                &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0]
            )
            .unwrap()
            .ext,
            "doc"
        );
        assert_eq!(
            detect("图.png", &[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A])
                .unwrap()
                .ext,
            "png"
        );
        assert_eq!(detect("x", &[0xFF, 0xD8, 0xFF, 0xE0]).unwrap().ext, "jpg");
    }

    #[test]
    fn everything_else_is_refused() {
        assert_eq!(detect("a.pdf", b"MZ\x90\x00 this is an exe"), None);
        assert_eq!(detect("a.svg", b"<svg onload=alert(1)>"), None);
        assert_eq!(detect("a.html", b"<html><script>"), None);
        // A ZIP that does not say which Office format it is, or claims another one.
        assert_eq!(detect("a.zip", b"PK\x03\x04"), None);
        assert_eq!(detect("a.exe", b"PK\x03\x04"), None);
        assert_eq!(detect("a.docx", b""), None);
    }

    #[test]
    fn images_are_recognised_by_content() {
        assert_eq!(
            detect_image(b"\x89PNG\r\n\x1a\n....").map(|t| t.ext),
            Some("png")
        );
        assert_eq!(
            detect_image(&[0xFF, 0xD8, 0xFF, 0xE0]).map(|t| t.ext),
            Some("jpg")
        );
        assert_eq!(
            detect_image(b"RIFF\0\0\0\0WEBPVP8 ").map(|t| t.ext),
            Some("webp")
        );
        assert_eq!(
            detect_image(b"<svg xmlns=\"http://www.w3.org/2000/svg\"><script/></svg>"),
            None
        );
        assert_eq!(detect_image(b"GIF89a"), None);
        assert_eq!(detect_image(b"%PDF-1.4"), None, "not an image");
    }

    #[test]
    fn display_names_are_cleaned() {
        assert_eq!(display_name("C:\\Users\\me\\说明.pdf", "pdf"), "说明.pdf");
        assert_eq!(display_name("../../etc/passwd", "pdf"), "passwd.pdf");
        assert_eq!(display_name("a<b>\u{0}c.DOCX", "docx"), "abc.docx");
        assert_eq!(display_name("   ", "pdf"), "附件.pdf");
        // As Chromium sends a file named 关于"秒批"的说明.pdf.
        assert_eq!(
            display_name("关于%22秒批%22的说明.pdf", "pdf"),
            "关于\"秒批\"的说明.pdf"
        );
        assert_eq!(display_name(".pdf", "pdf"), "附件.pdf");
        let long = format!("{}.pdf", "长".repeat(300));
        assert_eq!(display_name(&long, "pdf").chars().count(), MAX_NAME_CHARS);
    }

    #[test]
    fn sizes_read_well() {
        assert_eq!(human_size(0), "1 KB");
        assert_eq!(human_size(1500), "2 KB");
        assert_eq!(human_size(5 * 1024 * 1024 / 2), "2.5 MB");
    }

    #[test]
    fn stored_types_are_found_by_extension() {
        for ext in ["pdf", "docx", "xls", "png", "jpg", "webp", "odt"] {
            assert_eq!(by_ext(ext).unwrap().ext, ext);
        }
        assert_eq!(by_ext("svg"), None);
        assert_eq!(by_ext("html"), None);
    }
}
