//! The typst world: embedded templates and fonts, and one JSON file of data per render.
//!
//! Templates read their data with `json("/data.json")`; nothing the caller supplies is ever
//! spliced into markup, so user text is printed literally whatever characters it holds.

use std::sync::OnceLock;

use typst::diag::{FileError, FileResult, Severity, SourceDiagnostic};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};
use typst_layout::PagedDocument;

use crate::PrintError;

/// How many renders a memoised result may go unused before comemo drops it: keeps the cache
/// bounded in a long-running server while the shared template and font work stays warm.
const CACHE_MAX_AGE: usize = 10;

/// The fonts shipped in the crate (Liberation Serif 2.1.5, SIL OFL 1.1: `fonts/OFL.txt`).
static FONT_FILES: [&[u8]; 3] = [
    include_bytes!("../fonts/LiberationSerif-Regular.ttf"),
    include_bytes!("../fonts/LiberationSerif-Bold.ttf"),
    include_bytes!("../fonts/LiberationSerif-Italic.ttf"),
];

/// The templates, by virtual path.
static TEMPLATES: [(&str, &str); 4] = [
    ("/common.typ", include_str!("../templates/common.typ")),
    ("/receipt.typ", include_str!("../templates/receipt.typ")),
    (
        "/supplement.typ",
        include_str!("../templates/supplement.typ"),
    ),
    ("/refusal.typ", include_str!("../templates/refusal.typ")),
];

/// A template that can be rendered.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Template {
    Receipt,
    Supplement,
    Refusal,
}

impl Template {
    fn path(self) -> &'static str {
        match self {
            Template::Receipt => "/receipt.typ",
            Template::Supplement => "/supplement.typ",
            Template::Refusal => "/refusal.typ",
        }
    }
}

/// Everything that does not change between renders: parsed once per process.
struct Engine {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
    sources: Vec<Source>,
    data_id: FileId,
}

static ENGINE: OnceLock<Result<Engine, PrintError>> = OnceLock::new();

fn file_id(path: &str) -> Result<FileId, PrintError> {
    let vpath = VirtualPath::new(path).map_err(|e| PrintError::Setup(format!("{path}: {e:?}")))?;
    Ok(RootedPath::new(VirtualRoot::Project, vpath).intern())
}

impl Engine {
    fn load() -> Result<Engine, PrintError> {
        let fonts: Vec<Font> = FONT_FILES
            .iter()
            .flat_map(|data| Font::iter(Bytes::new(*data)))
            .collect();
        if fonts.len() != FONT_FILES.len() {
            return Err(PrintError::Setup(format!(
                "{} of {} embedded fonts parsed",
                fonts.len(),
                FONT_FILES.len()
            )));
        }
        let book = FontBook::from_fonts(&fonts);
        let sources = TEMPLATES
            .iter()
            .map(|(path, text)| Ok(Source::new(file_id(path)?, (*text).to_owned())))
            .collect::<Result<Vec<_>, PrintError>>()?;
        Ok(Engine {
            library: LazyHash::new(Library::builder().build()),
            book: LazyHash::new(book),
            fonts,
            sources,
            data_id: file_id("/data.json")?,
        })
    }
}

/// The shared engine; the first call parses the fonts and templates.
fn engine() -> Result<&'static Engine, PrintError> {
    ENGINE
        .get_or_init(Engine::load)
        .as_ref()
        .map_err(Clone::clone)
}

/// Parses fonts and templates now rather than on the first render (e.g. at server start).
pub fn warm_up() -> Result<(), PrintError> {
    engine().map(|_| ())
}

/// One render: the shared engine plus this document's data.
struct RenderWorld {
    engine: &'static Engine,
    main: FileId,
    data: Bytes,
}

impl World for RenderWorld {
    fn library(&self) -> &LazyHash<Library> {
        &self.engine.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &self.engine.book
    }

    fn main(&self) -> FileId {
        self.main
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        self.engine
            .sources
            .iter()
            .find(|s| s.id() == id)
            .cloned()
            .ok_or_else(|| not_found(id))
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.engine.data_id {
            return Ok(self.data.clone());
        }
        self.source(id)
            .map(|s| Bytes::from_string(s.text().to_owned()))
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.engine.fonts.get(index).cloned()
    }

    /// No clock here: every date on a form comes in as data.
    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        None
    }
}

fn not_found(id: FileId) -> FileError {
    FileError::NotFound(id.get().vpath().get_without_slash().into())
}

/// Renders `template` with `data` (serialised to `/data.json`) into PDF bytes.
pub(crate) fn render(
    template: Template,
    data: &impl serde::Serialize,
) -> Result<Vec<u8>, PrintError> {
    let engine = engine()?;
    let data = serde_json::to_vec(data).map_err(|e| PrintError::Data(e.to_string()))?;
    let world = RenderWorld {
        engine,
        main: file_id(template.path())?,
        data: Bytes::new(data),
    };
    let compiled = typst::compile::<PagedDocument>(&world).output;
    let result = compiled
        .map_err(|diags| PrintError::Layout(describe(&diags)))
        .and_then(|doc| {
            typst_pdf::pdf(&doc, &typst_pdf::PdfOptions::default())
                .map_err(|diags| PrintError::Pdf(describe(&diags)))
        });
    typst::comemo::evict(CACHE_MAX_AGE);
    result
}

fn describe(diags: &[SourceDiagnostic]) -> String {
    diags
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| d.message.as_str())
        .collect::<Vec<_>>()
        .join("; ")
}
