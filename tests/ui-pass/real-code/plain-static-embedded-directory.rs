// The front end's routes serve CSS and JS from `STATIC_DIR`, a plain `static` `include_dir::Dir` of `&'static` slices.
// Reduced from dev7a/serverless-otlp-forwarder, demos/todos/rust/src/frontend/main.rs.
// Verdict: accepted (plain immutable `static`, no lock or cell).
use invocation_scope::invocation_handler;
use lambda_runtime::{Error, LambdaEvent};

/// Stands for `include_dir::Dir` and `include_dir::File`.
pub struct Dir {
    files: &'static [File],
}

pub struct File {
    path: &'static str,
    contents: &'static [u8],
}

impl Dir {
    fn get_file(&self, path: &str) -> Option<&'static File> {
        self.files.iter().find(|file| file.path == path)
    }
}

static STATIC_DIR: Dir = Dir {
    files: &[
        File {
            path: "css/style.css",
            contents: b"body { margin: 0 }",
        },
        File {
            path: "js/app.js",
            contents: b"console.log('todos')",
        },
    ],
};

async fn handle_css() -> Result<String, Error> {
    match STATIC_DIR.get_file("css/style.css") {
        Some(file) => Ok(String::from_utf8_lossy(file.contents).into_owned()),
        None => Err("css/style.css not found in STATIC_DIR".into()),
    }
}

#[invocation_handler]
async fn handler(event: LambdaEvent<String>) -> Result<String, Error> {
    match event.payload.as_str() {
        "/css/style.css" => handle_css().await,
        other => Err(format!("no route for {other}").into()),
    }
}

fn main() {}
