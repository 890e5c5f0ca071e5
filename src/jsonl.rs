//! Reading JSON Lines event files for `validate` and `infer`: files, `-`
//! for stdin, gzip (by `.gz` extension or by its magic bytes), and lines read
//! with a hard length bound so one runaway line cannot exhaust memory.

use flate2::read::MultiGzDecoder;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::Path;

/// Longest line kept. Longer lines are skipped (read through without being
/// stored) and reported as too long; a real event is a few KiB, and lines
/// of tens of MiB are dumps or corruption.
pub const MAX_LINE_BYTES: usize = 64 * 1024 * 1024;

const GZIP_MAGIC: [u8; 2] = [0x1f, 0x8b];

/// One opened input.
pub struct Input {
    /// As given on the command line (`-` shown as `<stdin>`).
    pub name: String,
    pub reader: Box<dyn BufRead + Send>,
}

/// Size on disk, for a progress bar (`None` for stdin).
pub fn size_of(spec: &str) -> Option<u64> {
    if spec == "-" {
        return None;
    }
    std::fs::metadata(spec).ok().map(|m| m.len())
}

/// Opens a file (or stdin for `-`); `counted` is told how many raw bytes
/// were read, for progress.
pub fn open(spec: &str, counted: Option<indicatif::ProgressBar>) -> Result<Input, String> {
    let (name, raw): (String, Box<dyn Read + Send>) = if spec == "-" {
        ("<stdin>".into(), Box::new(io::stdin()))
    } else {
        let path = Path::new(spec);
        if path.is_dir() {
            return Err(format!(
                "{spec}: is a directory, expected a JSON Lines file"
            ));
        }
        let f = File::open(path).map_err(|e| format!("{spec}: {}", crate::load::io_reason(&e)))?;
        (spec.to_string(), Box::new(f))
    };
    let raw: Box<dyn Read + Send> = match counted {
        Some(pb) => Box::new(Counted { inner: raw, pb }),
        None => raw,
    };
    let mut buffered = BufReader::with_capacity(256 * 1024, raw);
    let is_gzip = spec.ends_with(".gz")
        || buffered
            .fill_buf()
            .map(|b| b.starts_with(&GZIP_MAGIC))
            .unwrap_or(false);
    let reader: Box<dyn BufRead + Send> = if is_gzip {
        Box::new(BufReader::with_capacity(
            256 * 1024,
            MultiGzDecoder::new(buffered),
        ))
    } else {
        Box::new(buffered)
    };
    Ok(Input { name, reader })
}

struct Counted {
    inner: Box<dyn Read + Send>,
    pb: indicatif::ProgressBar,
}

impl Read for Counted {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.pb.inc(n as u64);
        Ok(n)
    }
}

/// What [`Lines::next_into`] read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LineMeta {
    /// 1-based line number in its file.
    pub number: u64,
    /// Length in bytes, without the line break.
    pub len: usize,
    /// Longer than the bound: nothing was stored.
    pub too_long: bool,
}

pub struct Lines<R> {
    reader: R,
    number: u64,
    max: usize,
}

impl<R: BufRead> Lines<R> {
    pub fn new(reader: R) -> Self {
        Lines::with_max(reader, MAX_LINE_BYTES)
    }

    pub fn with_max(reader: R, max: usize) -> Self {
        Lines {
            reader,
            number: 0,
            max,
        }
    }

    /// Appends the next line (without `\n` or `\r\n`) to `buf`; `None` at
    /// the end of the input.
    pub fn next_into(&mut self, buf: &mut Vec<u8>) -> io::Result<Option<LineMeta>> {
        let start = buf.len();
        let mut len = 0usize;
        let mut too_long = false;
        let mut any = false;
        loop {
            let avail = match self.reader.fill_buf() {
                Ok(b) => b,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if avail.is_empty() {
                if !any {
                    return Ok(None);
                }
                break;
            }
            any = true;
            let (chunk, used, done) = match memchr::memchr(b'\n', avail) {
                Some(i) => (&avail[..i], i + 1, true),
                None => (avail, avail.len(), false),
            };
            len += chunk.len();
            if !too_long {
                if len > self.max {
                    too_long = true;
                    buf.truncate(start);
                } else {
                    buf.extend_from_slice(chunk);
                }
            }
            self.reader.consume(used);
            if done {
                break;
            }
        }
        self.number += 1;
        if !too_long && buf.len() > start && buf.last() == Some(&b'\r') {
            buf.pop();
            len -= 1;
        }
        Ok(Some(LineMeta {
            number: self.number,
            len,
            too_long,
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(input: &[u8], max: usize) -> Vec<(LineMeta, Vec<u8>)> {
        let mut lines = Lines::with_max(BufReader::with_capacity(4, input), max);
        let mut out = Vec::new();
        loop {
            let mut buf = Vec::new();
            match lines.next_into(&mut buf).unwrap() {
                Some(m) => out.push((m, buf)),
                None => return out,
            }
        }
    }

    #[test]
    fn splits_lines_strips_crlf_and_keeps_a_last_line_without_newline() {
        let got = all(b"ab\r\n\ncd", 100);
        let texts: Vec<&[u8]> = got.iter().map(|(_, b)| b.as_slice()).collect();
        assert_eq!(texts, vec![&b"ab"[..], b"", b"cd"]);
        assert_eq!(got[2].0.number, 3);
    }

    #[test]
    fn an_overlong_line_is_skipped_and_counted_not_stored() {
        let got = all(b"short\n0123456789abcdef\nnext\n", 8);
        assert_eq!(
            got[1].0,
            LineMeta {
                number: 2,
                len: 16,
                too_long: true
            }
        );
        assert!(got[1].1.is_empty());
        assert_eq!(got[2].1, b"next");
    }

    #[test]
    fn gzip_is_read_by_its_magic_bytes_too() {
        use flate2::{Compression, write::GzEncoder};
        use std::io::Write;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("events.log");
        let mut enc = GzEncoder::new(Vec::new(), Compression::fast());
        enc.write_all(b"{\"a\":1}\n").unwrap();
        std::fs::write(&path, enc.finish().unwrap()).unwrap();
        let input = open(path.to_str().unwrap(), None).unwrap();
        let got = all_from(input.reader);
        assert_eq!(got, vec![b"{\"a\":1}".to_vec()]);
    }

    fn all_from(r: Box<dyn BufRead + Send>) -> Vec<Vec<u8>> {
        let mut lines = Lines::new(r);
        let mut out = Vec::new();
        loop {
            let mut buf = Vec::new();
            match lines.next_into(&mut buf).unwrap() {
                Some(_) => out.push(buf),
                None => return out,
            }
        }
    }
}
