use std::sync::Mutex;

pub static AUDIT_LOG: Mutex<Vec<String>> = Mutex::new(Vec::new());

macro_rules! audit {
    ($entry:expr) => {
        $crate::audit::AUDIT_LOG.lock().unwrap().push($entry)
    };
}
