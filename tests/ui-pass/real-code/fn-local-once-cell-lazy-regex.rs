// `util::is_file_request(path)` keeps its regex in a fn-local `static RE: once_cell::sync::Lazy<Regex>`.
// Reduced from SilverAndro/s3-maven-rust-lambda, src/util.rs.
// Verdict: accepted (`Lazy<Regex>`: the regex's cache pool is behind a pointer in another crate's type).
use invocation_scope::invocation_handler;
use lambda_runtime::{Error, LambdaEvent};

mod util {
    use once_cell::sync::Lazy;
    use regex::Regex;

    // Checks if a path seems to be a request for a file, by checking if the end of the path is an
    // extension
    pub fn is_file_request(haystack: &str) -> bool {
        static RE: Lazy<Regex> = Lazy::new(|| Regex::new(r".+\.(pom|jar|\w+)").unwrap());
        !haystack.ends_with('/') && RE.is_match(haystack)
    }
}

use crate::util::is_file_request;

#[invocation_handler]
async fn handler(event: LambdaEvent<String>) -> Result<u16, Error> {
    let path = event.payload;
    if is_file_request(&path) { Ok(200) } else { Ok(404) }
}

fn main() {}
