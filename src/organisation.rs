//! The organisation that runs the programmes (its name and logo) and the
//! app's small preferences (interface language, the first-start choice).

use rusqlite::{OptionalExtension, params};

use crate::document::{Block, Document, Header, image};
use crate::error::{Error, FieldError, Result};
use crate::i18n::Catalogues;
use crate::store::Store;

/// The largest logo we keep: big enough for any sharp letterhead logo,
/// small enough that every printed document stays light.
pub const LOGO_MAX_BYTES: usize = 2 * 1024 * 1024;
/// The longest organisation name.
pub const NAME_MAX: usize = 200;

/// A logo image, checked to be PNG or JPEG by its content, not its file name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Logo {
    pub bytes: Vec<u8>,
    pub media_type: &'static str,
}

impl Logo {
    /// Accepts the bytes of a PNG or JPEG file no larger than [`LOGO_MAX_BYTES`].
    pub fn from_bytes(bytes: Vec<u8>) -> Result<Logo> {
        if bytes.len() > LOGO_MAX_BYTES {
            return Err(Error::Invalid(vec![
                FieldError::new("logo", "error.logo.too_large")
                    .with("size", format!("{:.1}", bytes.len() as f64 / 1_048_576.0))
                    .with("max", (LOGO_MAX_BYTES / 1_048_576).to_string()),
            ]));
        }
        let media_type = if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
            "image/png"
        } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
            "image/jpeg"
        } else {
            return Err(Error::Invalid(vec![FieldError::new(
                "logo",
                "error.logo.not_an_image",
            )]));
        };
        // The picture's size is read from its header before anything is
        // decoded: a small file may claim a gigapixel picture.
        if !image::fits(&bytes) {
            let (width, height) = image::pixels(&bytes).unwrap_or((0, 0));
            return Err(Error::Invalid(vec![
                FieldError::new("logo", "error.logo.too_many_pixels")
                    .with("width", width.to_string())
                    .with("height", height.to_string())
                    .with("max", image::MAX_SIDE.to_string()),
            ]));
        }
        Ok(Logo { bytes, media_type })
    }
}

/// The organisation's identity as it appears on every document.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Organisation {
    pub name: String,
    pub logo: Option<Logo>,
}

/// Reads the organisation.
pub fn get(store: &Store) -> Result<Organisation> {
    let row = store
        .conn()
        .query_row(
            "SELECT name, logo, logo_type FROM organisation WHERE id = 1",
            [],
            |row| {
                Ok((
                    row.get::<_, String>(0)?,
                    row.get::<_, Option<Vec<u8>>>(1)?,
                    row.get::<_, Option<String>>(2)?,
                ))
            },
        )
        .optional()
        .map_err(|e| store.read_error(e))?;
    let Some((name, logo, logo_type)) = row else {
        return Ok(Organisation::default());
    };
    let logo = logo.zip(logo_type).map(|(bytes, kind)| Logo {
        bytes,
        media_type: if kind == "image/png" {
            "image/png"
        } else {
            "image/jpeg"
        },
    });
    Ok(Organisation { name, logo })
}

/// A document with the organisation's letterhead (its name and logo),
/// written in `language`: every document Klik prints is made here, so
/// that the layout layer needs nothing but plain values.
pub fn document(
    store: &Store,
    language: &str,
    title: String,
    blocks: Vec<Block>,
    now: chrono::NaiveDateTime,
) -> Result<Document> {
    let org = get(store)?;
    let header = Header {
        organisation: org.name,
        logo: org.logo.map(|l| l.bytes),
        language: language.to_string(),
    };
    Ok(Document::new(header, title, blocks, now))
}

/// Sets the organisation's name (trimmed; may be empty while setting up).
pub fn set_name(store: &mut Store, name: &str) -> Result<()> {
    let name = name.trim();
    if name.chars().count() > NAME_MAX {
        return Err(Error::Invalid(vec![
            FieldError::new("organisation_name", "error.organisation.name_too_long")
                .with("max", NAME_MAX.to_string()),
        ]));
    }
    store.write(|tx| {
        tx.execute(
            "INSERT INTO organisation (id, name) VALUES (1, ?1)
             ON CONFLICT (id) DO UPDATE SET name = excluded.name",
            [name],
        )?;
        Ok(())
    })
}

/// Sets or removes the logo.
pub fn set_logo(store: &mut Store, logo: Option<&Logo>) -> Result<()> {
    store.write(|tx| {
        tx.execute(
            "UPDATE organisation SET logo = ?1, logo_type = ?2 WHERE id = 1",
            params![logo.map(|l| l.bytes.as_slice()), logo.map(|l| l.media_type)],
        )?;
        Ok(())
    })
}

/// The interface language chosen by the user; `None` follows the OS.
pub fn ui_language(store: &Store) -> Result<Option<String>> {
    setting(store, "ui_language")
}

/// Chooses the interface language (`None`: follow the OS).
pub fn set_ui_language(store: &mut Store, language: Option<&str>) -> Result<()> {
    if let Some(code) = language.filter(|c| !Catalogues::shipped().has(c)) {
        return Err(Error::Invalid(vec![
            FieldError::new("ui_language", "error.programme.language_unknown").with("value", code),
        ]));
    }
    set_setting(store, "ui_language", language)
}

/// The longest retention the setting allows, in months (ten years).
pub const RETENTION_MAX_MONTHS: u16 = 120;

/// After how many months the participants of a closed programme are
/// anonymised (`None`: never).
pub fn retention_months(store: &Store) -> Result<Option<u16>> {
    Ok(setting(store, "retention_months")?.and_then(|v| v.parse().ok()))
}

/// Sets the retention (`None`: keep everything).
pub fn set_retention_months(store: &mut Store, months: Option<u16>) -> Result<()> {
    if let Some(m) = months.filter(|m| !(1..=RETENTION_MAX_MONTHS).contains(m)) {
        return Err(Error::Invalid(vec![
            FieldError::new("retention_months", "error.number_out_of_range")
                .with("value", m.to_string())
                .with("min", "1")
                .with("max", RETENTION_MAX_MONTHS.to_string()),
        ]));
    }
    let text = months.map(|m| m.to_string());
    set_setting(store, "retention_months", text.as_deref())
}

/// What the user chose on first start.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StartChoice {
    /// Explore Klik with the demo programme (in its own database).
    Demo,
    /// Start with an empty database for real work.
    Empty,
}

impl StartChoice {
    fn as_str(self) -> &'static str {
        match self {
            StartChoice::Demo => "demo",
            StartChoice::Empty => "empty",
        }
    }
}

/// The first-start choice, or `None` when the welcome has not been answered yet.
pub fn start_choice(store: &Store) -> Result<Option<StartChoice>> {
    Ok(
        setting(store, "start_choice")?.and_then(|v| match v.as_str() {
            "demo" => Some(StartChoice::Demo),
            "empty" => Some(StartChoice::Empty),
            _ => None,
        }),
    )
}

/// Records the first-start choice.
pub fn set_start_choice(store: &mut Store, choice: Option<StartChoice>) -> Result<()> {
    set_setting(store, "start_choice", choice.map(StartChoice::as_str))
}

/// The programme coordinator of the organisation (usually the HR or L&D
/// officer): named in the agreement's signature box and, unless a
/// programme sets its own, the organiser of intake invitations.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Coordinator {
    pub name: String,
    pub email: String,
}

/// The coordinator as set (empty fields when not set).
pub fn coordinator(store: &Store) -> Result<Coordinator> {
    Ok(Coordinator {
        name: setting(store, "coordinator_name")?.unwrap_or_default(),
        email: setting(store, "coordinator_email")?.unwrap_or_default(),
    })
}

/// Sets the coordinator's name and e-mail address (empty clears them),
/// checked like every form: a name of at most 200 characters, an address
/// that looks like one.
pub fn set_coordinator(store: &mut Store, coordinator: &Coordinator) -> Result<()> {
    let name = coordinator.name.trim();
    let email = coordinator.email.trim();
    let mut problems = Vec::new();
    if name.chars().count() > NAME_MAX {
        problems.push(
            FieldError::new("coordinator_name", "error.text_too_long")
                .with("max", NAME_MAX.to_string()),
        );
    }
    if !email.is_empty() && (email.len() > 254 || !crate::participant::looks_like_email(email)) {
        problems.push(
            FieldError::new("coordinator_email", "error.participant.email").with("value", email),
        );
    }
    if !problems.is_empty() {
        return Err(Error::Invalid(problems));
    }
    set_setting(
        store,
        "coordinator_name",
        Some(name).filter(|n| !n.is_empty()),
    )?;
    set_setting(
        store,
        "coordinator_email",
        Some(email).filter(|e| !e.is_empty()),
    )
}

pub(crate) fn setting(store: &Store, key: &str) -> Result<Option<String>> {
    store
        .conn()
        .query_row("SELECT value FROM setting WHERE key = ?1", [key], |r| {
            r.get(0)
        })
        .optional()
        .map_err(|e| store.read_error(e))
}

pub(crate) fn set_setting(store: &mut Store, key: &str, value: Option<&str>) -> Result<()> {
    store.write(|tx| {
        match value {
            Some(value) => tx.execute(
                "INSERT INTO setting (key, value) VALUES (?1, ?2)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                [key, value],
            )?,
            None => tx.execute("DELETE FROM setting WHERE key = ?1", [key])?,
        };
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The signature and IHDR chunk of a PNG of `width` × `height` pixels.
    fn png_header(width: u32, height: u32) -> Vec<u8> {
        let mut png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR".to_vec();
        png.extend_from_slice(&width.to_be_bytes());
        png.extend_from_slice(&height.to_be_bytes());
        png.extend_from_slice(&[8, 6, 0, 0, 0]);
        png
    }

    #[test]
    fn logo_is_recognised_by_content() {
        assert_eq!(
            Logo::from_bytes(png_header(400, 120)).unwrap().media_type,
            "image/png"
        );
        // A JPEG: start of image, an APP0 segment, then a frame of 640 × 480.
        let mut jpeg = vec![0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x04, 0x4A, 0x46];
        jpeg.extend_from_slice(&[0xFF, 0xC0, 0x00, 0x11, 0x08, 0x01, 0xE0, 0x02, 0x80]);
        assert_eq!(image::pixels(&jpeg), Some((640, 480)));
        assert_eq!(Logo::from_bytes(jpeg).unwrap().media_type, "image/jpeg");
        // Its size is read before anything is decoded: a tiny file that
        // claims 100,000 × 100,000 pixels is refused, and so is a header
        // that cannot be read.
        let bomb = Logo::from_bytes(png_header(100_000, 100_000)).unwrap_err();
        assert_eq!(bomb.field_errors()[0].key, "error.logo.too_many_pixels");
        let torn = Logo::from_bytes(b"\x89PNG\r\n\x1a\nrest".to_vec()).unwrap_err();
        assert_eq!(torn.field_errors()[0].key, "error.logo.too_many_pixels");
        let pdf = Logo::from_bytes(b"%PDF-1.7".to_vec()).unwrap_err();
        assert_eq!(pdf.field_errors()[0].key, "error.logo.not_an_image");
        let huge = Logo::from_bytes(vec![0x89; LOGO_MAX_BYTES + 1]).unwrap_err();
        assert_eq!(
            huge.field_errors()[0].key,
            "error.logo.too_large",
            "size is checked before content"
        );
    }

    #[test]
    fn settings_round_trip_and_clear() {
        let mut store = Store::open_in_memory().unwrap();
        assert_eq!(
            ui_language(&store).unwrap(),
            None,
            "a new database follows the OS language"
        );
        set_ui_language(&mut store, Some("en")).unwrap();
        assert_eq!(ui_language(&store).unwrap().as_deref(), Some("en"));
        set_ui_language(&mut store, None).unwrap();
        assert_eq!(ui_language(&store).unwrap(), None);
        assert!(set_ui_language(&mut store, Some("klingon")).is_err());
        set_name(&mut store, "  De Vries Logistiek ").unwrap();
        assert_eq!(get(&store).unwrap().name, "De Vries Logistiek");
    }
}
