#[per_invocation(from_invocation = Log::for_invocation)]
struct Log {
    request_id: String,
}

#[per_invocation(new = Counter::new)]
struct Counter(u32);

#[per_invocation]
struct Generic<T> {
    values: Vec<T>,
}
