//! OCR of scanned pages through the `tesseract` program, when it is installed.
//!
//! lopdf does not render pages, so zan hands tesseract the page's largest image
//! XObject as it is stored: JPEG (`DCTDecode`) as is, 8-bit grey or RGB and 1-bit
//! images (raw or Flate/LZW-compressed) as PNM. Other images (JBIG2, CCITT, JPEG 2000,
//! indexed colour) are reported as not supported. tesseract is found at run time
//! (`ZAN_TESSERACT` or `tesseract` on the `PATH`), must know Russian (`rus`), and is
//! given Kazakh and Kyrgyz (`kaz`, `kir`) when their data is installed; each run is
//! stopped after [`TIMEOUT`].

use std::io::Read;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use lopdf::{Document, Object};

use super::content::ImageUse;
use super::layout::{Line, PageBox};

/// Longest one tesseract run may take.
pub const TIMEOUT: Duration = Duration::from_secs(120);
/// Largest decoded image handed to tesseract, in bytes.
const MAX_IMAGE_BYTES: usize = 64 << 20;

/// A tesseract installation that can read Russian.
#[derive(Debug, Clone)]
pub struct Ocr {
    program: PathBuf,
    languages: String,
}

impl Ocr {
    /// The tesseract of this machine, looked for once per process.
    pub fn installed() -> Option<&'static Ocr> {
        static INSTALLED: std::sync::OnceLock<Option<Ocr>> = std::sync::OnceLock::new();
        INSTALLED.get_or_init(Ocr::detect).as_ref()
    }

    /// Finds tesseract and its language data; `None` when it is not installed or knows no Russian.
    pub fn detect() -> Option<Ocr> {
        let program = std::env::var_os("ZAN_TESSERACT")
            .map_or_else(|| PathBuf::from("tesseract"), PathBuf::from);
        let output = Command::new(&program)
            .arg("--list-langs")
            .stdin(Stdio::null())
            .stderr(Stdio::null())
            .output()
            .ok()?;
        let listed = String::from_utf8_lossy(&output.stdout).into_owned();
        let known: Vec<&str> = listed.lines().map(str::trim).collect();
        if !known.contains(&"rus") {
            return None;
        }
        let languages: Vec<&str> =
            ["rus", "kaz", "kir"].into_iter().filter(|l| known.contains(l)).collect();
        Some(Ocr { program, languages: languages.join("+") })
    }

    /// The lines tesseract reads on the largest image of a page.
    pub(crate) fn page_lines(
        &self,
        document: &Document,
        images: &[ImageUse],
        page: u32,
        page_box: PageBox,
    ) -> Result<Vec<Line>, String> {
        let image = images.iter().max_by(|a, b| a.area.total_cmp(&b.area)).ok_or("no image")?;
        let stream =
            document.get_object(image.id).and_then(Object::as_stream).map_err(|e| e.to_string())?;
        let (bytes, extension) = image_file(document, stream)?;
        let text = self.recognise(&bytes, extension)?;
        let (left, _, right, top) = page_box;
        let mut y = top - 36.0;
        let mut lines = Vec::new();
        for raw in text.lines() {
            let line = raw.split_whitespace().collect::<Vec<_>>().join(" ");
            if line.is_empty() {
                y -= 14.0;
                continue;
            }
            lines.push(Line {
                page,
                x0: left + 36.0,
                x1: right - 36.0,
                y,
                size: 12.0,
                text: line,
                rotated: false,
            });
            y -= 14.0;
        }
        Ok(lines)
    }

    fn recognise(&self, image: &[u8], extension: &str) -> Result<String, String> {
        static COUNTER: AtomicU64 = AtomicU64::new(0);
        let path = std::env::temp_dir().join(format!(
            "zan-ocr-{}-{}.{extension}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed)
        ));
        std::fs::write(&path, image).map_err(|e| format!("cannot write a temporary image: {e}"))?;
        let result = self.run(&path);
        let _ = std::fs::remove_file(&path);
        result
    }

    fn run(&self, path: &std::path::Path) -> Result<String, String> {
        let mut child = Command::new(&self.program)
            .arg(path)
            .arg("stdout")
            .args(["-l", &self.languages])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("cannot start tesseract: {e}"))?;
        let mut stdout = child.stdout.take().ok_or("no output from tesseract")?;
        let reader = std::thread::spawn(move || {
            let mut text = Vec::new();
            let _ = stdout.read_to_end(&mut text);
            text
        });
        let started = Instant::now();
        loop {
            match child.try_wait() {
                Ok(Some(status)) if status.success() => break,
                Ok(Some(status)) => return Err(format!("tesseract exited with {status}")),
                Ok(None) if started.elapsed() > TIMEOUT => {
                    let _ = child.kill();
                    let _ = child.wait();
                    return Err(format!("tesseract took over {} s", TIMEOUT.as_secs()));
                }
                Ok(None) => std::thread::sleep(Duration::from_millis(20)),
                Err(e) => return Err(e.to_string()),
            }
        }
        let text = reader.join().map_err(|_| "tesseract output lost")?;
        Ok(String::from_utf8_lossy(&text).replace('\u{FFFD}', ""))
    }
}

/// The image as a file tesseract reads: JPEG bytes, or PNM made from raw samples.
fn image_file(
    document: &Document,
    stream: &lopdf::Stream,
) -> Result<(Vec<u8>, &'static str), String> {
    let filters = stream.filters().unwrap_or_default();
    if filters.last().is_some_and(|f| *f == b"DCTDecode") && filters.len() == 1 {
        return Ok((stream.content.clone(), "jpg"));
    }
    if let Some(filter) = filters.iter().find(|f| !matches!(**f, b"FlateDecode" | b"LZWDecode")) {
        return Err(format!(
            "images in {} are not supported for OCR",
            String::from_utf8_lossy(filter)
        ));
    }
    let number = |key: &[u8]| stream.dict.get(key).ok().and_then(|o| o.as_i64().ok()).unwrap_or(0);
    let (width, height) = (number(b"Width"), number(b"Height"));
    if !(1..=20_000).contains(&width) || !(1..=20_000).contains(&height) {
        return Err("image size out of range".to_owned());
    }
    let mask = stream.dict.get(b"ImageMask").ok().and_then(|o| o.as_bool().ok()).unwrap_or(false);
    let bits = if mask { 1 } else { number(b"BitsPerComponent") };
    let colour = stream
        .dict
        .get(b"ColorSpace")
        .ok()
        .and_then(|o| super::content::resolve(document, o))
        .and_then(|o| o.as_name().ok())
        .unwrap_or(b"DeviceGray");
    let channels = match colour {
        b"DeviceGray" | b"CalGray" => 1,
        b"DeviceRGB" | b"CalRGB" => 3,
        other => {
            return Err(format!(
                "colour space {} is not supported for OCR",
                String::from_utf8_lossy(other)
            ))
        }
    };
    // A `Decode` of [1 0] swaps dark and light.
    let inverted = stream
        .dict
        .get(b"Decode")
        .ok()
        .and_then(|o| super::content::resolve(document, o))
        .and_then(|o| o.as_array().ok())
        .and_then(|a| Some((a.first()?.as_float().ok()?, a.get(1)?.as_float().ok()?)))
        .is_some_and(|(low, high)| low > high);
    let samples =
        stream.get_plain_content_with_limit(MAX_IMAGE_BYTES).map_err(|e| e.to_string())?;
    let (w, h) = (width as usize, height as usize);
    let mut out = Vec::new();
    match (bits, channels) {
        (8, 1) | (8, 3) => {
            let needed = w * h * channels;
            if samples.len() < needed {
                return Err("image data shorter than its size".to_owned());
            }
            out.extend_from_slice(
                format!("{}\n{w} {h}\n255\n", if channels == 1 { "P5" } else { "P6" }).as_bytes(),
            );
            if inverted {
                out.extend(samples[..needed].iter().map(|b| !b));
            } else {
                out.extend_from_slice(&samples[..needed]);
            }
        }
        (1, 1) => {
            let row = w.div_ceil(8);
            if samples.len() < row * h {
                return Err("image data shorter than its size".to_owned());
            }
            out.extend_from_slice(format!("P4\n{w} {h}\n").as_bytes());
            // PDF grey: 0 is black; PBM: 1 is black. A stencil mask paints its 0 samples.
            // Either way a `Decode` of [1 0] turns it round.
            if inverted {
                out.extend_from_slice(&samples[..row * h]);
            } else {
                out.extend(samples[..row * h].iter().map(|b| !b));
            }
        }
        _ => return Err(format!("{bits}-bit images are not supported for OCR")),
    }
    Ok((out, "pnm"))
}
