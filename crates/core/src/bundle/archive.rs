//! The bundle's zip: every entry under the folder name `<NAME>-<form>/`, in sorted order, deflated,
//! with the bundle's date at 12:00 as its time and fixed permissions (0700 folders, 0600 files), so
//! the same files give the same zip.

use std::collections::BTreeMap;
use std::io::{Cursor, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

pub fn zip(
    folder: &str,
    files: &BTreeMap<String, Vec<u8>>,
    date: jiff::civil::Date,
) -> Result<Vec<u8>, String> {
    // DOS times cover 1980–2107; a draft's date is always inside, but never fail on it.
    let time = DateTime::from_date_and_time(
        u16::try_from(date.year()).unwrap_or(1980),
        date.month().unsigned_abs(),
        date.day().unsigned_abs(),
        12,
        0,
        0,
    )
    .unwrap_or_default();
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .last_modified_time(time);
    let mut writer = ZipWriter::new(Cursor::new(Vec::new()));
    let mut dirs: Vec<String> = vec![format!("{folder}/")];
    for name in files.keys() {
        let mut parts: Vec<&str> = name.split('/').collect();
        parts.pop();
        let mut prefix = format!("{folder}/");
        for part in parts {
            prefix.push_str(part);
            prefix.push('/');
            if !dirs.contains(&prefix) {
                dirs.push(prefix.clone());
            }
        }
    }
    dirs.sort();
    for dir in &dirs {
        writer
            .add_directory(dir.as_str(), options.unix_permissions(0o700))
            .map_err(|e| e.to_string())?;
    }
    for (name, bytes) in files {
        writer
            .start_file(format!("{folder}/{name}"), options.unix_permissions(0o600))
            .map_err(|e| e.to_string())?;
        writer.write_all(bytes).map_err(|e| e.to_string())?;
    }
    writer
        .finish()
        .map(Cursor::into_inner)
        .map_err(|e| e.to_string())
}
