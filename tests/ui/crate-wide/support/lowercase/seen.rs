use std::collections::HashSet;
use std::sync::Mutex;

#[allow(non_upper_case_globals)]
static seen_keys: Mutex<Option<HashSet<String>>> = Mutex::new(None);

pub fn first_time(key: &str) -> bool {
    let mut guard = seen_keys.lock().unwrap();
    guard.get_or_insert_with(HashSet::new).insert(key.to_owned())
}
