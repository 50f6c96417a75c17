//! The site's static files (`/pkg`: stylesheet, scripts, wasm) compressed once, at the
//! highest levels, beside themselves (`huiyin.css.br`, `huiyin.css.gz`): `ServeDir` sends
//! them to browsers that accept them. Done by the server at start, so every deployment has
//! them, whatever built the files; until they exist, the compression layer compresses on the
//! fly.

use axum::Router;
use axum::extract::Request;
use axum::http::{HeaderValue, header};
use axum::middleware::Next;
use sha2::{Digest, Sha256};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use tower_http::services::ServeDir;

/// A digest of the files of `dir` (not their compressed copies): the version their addresses
/// carry (`app::asset`).
pub fn version(dir: &Path) -> String {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|entries| entries.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    files.retain(|p| {
        p.is_file()
            && !matches!(
                p.extension().and_then(|e| e.to_str()),
                Some("br" | "gz" | "tmp")
            )
    });
    files.sort();
    let mut digest = Sha256::new();
    for path in files {
        digest.update(
            path.file_name()
                .map(|n| n.as_encoded_bytes())
                .unwrap_or_default(),
        );
        digest.update(std::fs::read(&path).unwrap_or_default());
    }
    hex::encode(&digest.finalize()[..6])
}

/// `/pkg`: the files, precompressed copies preferred. Asked for with the current version
/// (`?v=`), a file is kept by browsers and CDNs for a year; without it (or with an older
/// one), it is revalidated every time.
pub fn service(dir: &Path) -> Router {
    let version = version(dir);
    let _ = app::ASSET_VERSION.set(version.clone());
    let current = format!("v={version}");
    Router::new()
        .fallback_service(ServeDir::new(dir).precompressed_br().precompressed_gzip())
        .layer(axum::middleware::from_fn(
            move |req: Request, next: Next| {
                let versioned = req
                    .uri()
                    .query()
                    .is_some_and(|q| q.split('&').any(|p| p == current));
                async move {
                    let mut response = next.run(req).await;
                    let lifetime = if versioned {
                        "public, max-age=31536000, immutable"
                    } else {
                        "no-cache"
                    };
                    if response.status().is_success() || response.status().as_u16() == 304 {
                        response
                            .headers_mut()
                            .insert(header::CACHE_CONTROL, HeaderValue::from_static(lifetime));
                    }
                    response
                }
            },
        ))
}

/// The kinds of files worth compressing (images and fonts are compressed already).
const COMPRESSIBLE: [&str; 4] = ["css", "js", "wasm", "json"];

/// Writes `x.br` and `x.gz` for each compressible file of `dir` that lacks them or changed
/// since; returns how many were written. Each is written to a temporary name and renamed, so
/// a request never gets half a file.
pub fn precompress(dir: &Path) -> io::Result<usize> {
    let mut written = 0;
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        let compressible = path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| COMPRESSIBLE.contains(&e));
        if !compressible || !path.is_file() {
            continue;
        }
        let source = std::fs::read(&path)?;
        let modified = std::fs::metadata(&path)?.modified()?;
        for (suffix, compress) in [
            ("br", brotli_max as fn(&[u8]) -> io::Result<Vec<u8>>),
            ("gz", gzip_max),
        ] {
            let target = with_suffix(&path, suffix);
            let fresh = std::fs::metadata(&target)
                .and_then(|m| m.modified())
                .is_ok_and(|t| t >= modified);
            if fresh {
                continue;
            }
            let temporary = with_suffix(&path, &format!("{suffix}.{}.tmp", std::process::id()));
            std::fs::write(&temporary, compress(&source)?)?;
            std::fs::rename(&temporary, &target)?;
            written += 1;
        }
    }
    Ok(written)
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".");
    name.push(suffix);
    PathBuf::from(name)
}

fn brotli_max(data: &[u8]) -> io::Result<Vec<u8>> {
    let mut out = Vec::with_capacity(data.len() / 3);
    {
        // Quality 11, a 4 MiB window: the smallest output, for files compressed once.
        let mut w = brotli::CompressorWriter::new(&mut out, 64 * 1024, 11, 22);
        w.write_all(data)?;
        w.flush()?;
    }
    Ok(out)
}

fn gzip_max(data: &[u8]) -> io::Result<Vec<u8>> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    e.write_all(data)?;
    e.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn compressed_copies_are_written_once_and_decompress_to_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let css = "body { color: #222; }\n".repeat(200);
        std::fs::write(dir.path().join("site.css"), &css).unwrap();
        std::fs::write(dir.path().join("photo.png"), [0u8; 64]).unwrap();
        assert_eq!(precompress(dir.path()).unwrap(), 2);
        // Fresh copies are left alone; a PNG gets none.
        assert_eq!(precompress(dir.path()).unwrap(), 0);
        assert!(!dir.path().join("photo.png.br").exists());

        let br = std::fs::read(dir.path().join("site.css.br")).unwrap();
        assert!(br.len() < css.len() / 10, "{} bytes", br.len());
        let mut text = String::new();
        brotli::Decompressor::new(&br[..], 4096)
            .read_to_string(&mut text)
            .unwrap();
        assert_eq!(text, css);
        let gz = std::fs::read(dir.path().join("site.css.gz")).unwrap();
        let mut text = String::new();
        flate2::read::GzDecoder::new(&gz[..])
            .read_to_string(&mut text)
            .unwrap();
        assert_eq!(text, css);
        // No temporary file is left behind.
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names.len(), 4, "{names:?}");
    }
}
