//! Where log lines go: a bounded buffer in memory that a thread of its own
//! writes out every few milliseconds. A request's thread only copies its line
//! in (no system call, no waking of another thread); when the buffer is full
//! (the terminal, journal or pipe behind it is slower than the requests), the
//! line is dropped and counted instead of making the request wait.
//!
//! tracing-appender's `non_blocking` does the same with a channel, but wakes
//! its thread for every line: at the post page's rate that cost as much as
//! writing synchronously (measured with wrk and perf on 2 cores).

use std::io::Write;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, mpsc};
use std::thread::JoinHandle;
use std::time::Duration;

use tracing_subscriber::fmt::MakeWriter;

use super::redact_email_addresses;

/// Bytes of log lines waiting at most (some thousands of lines).
const BUFFER_BYTES: usize = 1024 * 1024;
/// The writer thread is woken early once this much waits.
const WAKE_AT_BYTES: usize = BUFFER_BYTES / 4;
/// How often the writer thread looks, when it is not woken early.
const WRITE_EVERY: Duration = Duration::from_millis(20);
/// How long the end of the process waits for the last lines to be written.
const FINAL_WRITE: Duration = Duration::from_secs(2);

#[derive(Debug, Default)]
struct Shared {
    pending: Mutex<Vec<u8>>,
    wake: Condvar,
    stop: AtomicBool,
    dropped: AtomicU64,
}

impl Shared {
    fn pending(&self) -> MutexGuard<'_, Vec<u8>> {
        match self.pending.lock() {
            Ok(guard) => guard,
            Err(poisoned) => poisoned.into_inner(),
        }
    }
}

/// What the formatting layer writes each line to (one `write` per line).
#[derive(Debug, Clone)]
pub struct LogWriter(Arc<Shared>);

impl Write for LogWriter {
    fn write(&mut self, line: &[u8]) -> std::io::Result<usize> {
        self.push(line);
        Ok(line.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> MakeWriter<'a> for LogWriter {
    type Writer = LogWriter;

    fn make_writer(&'a self) -> Self::Writer {
        self.clone()
    }
}

impl LogWriter {
    /// Copies `line` into the buffer, or drops and counts it when the buffer is full.
    pub fn push(&self, line: &[u8]) {
        let mut pending = self.0.pending();
        if pending.len() + line.len() > BUFFER_BYTES {
            drop(pending);
            self.0.dropped.fetch_add(1, Ordering::Relaxed);
            return;
        }
        let was_below = pending.len() < WAKE_AT_BYTES;
        pending.extend_from_slice(line);
        let now_above = pending.len() >= WAKE_AT_BYTES;
        drop(pending);
        if was_below && now_above {
            self.0.wake.notify_one();
        }
    }

    /// Lines dropped so far because the buffer was full.
    pub fn dropped(&self) -> u64 {
        self.0.dropped.load(Ordering::Relaxed)
    }
}

/// Keep it while the process runs: dropping it writes out what is buffered
/// (waiting a little, never forever, for a reader that does not read).
#[derive(Debug)]
pub struct LogGuard {
    shared: Arc<Shared>,
    done: mpsc::Receiver<()>,
    _thread: JoinHandle<()>,
}

impl Drop for LogGuard {
    fn drop(&mut self) {
        self.shared.stop.store(true, Ordering::SeqCst);
        self.shared.wake.notify_one();
        let _ = self.done.recv_timeout(FINAL_WRITE);
    }
}

/// A writer for the formatting layer and the guard of the thread that writes
/// its lines to `out`, email addresses replaced on the way.
pub fn spawn(out: impl Write + Send + 'static) -> std::io::Result<(LogWriter, LogGuard)> {
    let shared = Arc::new(Shared::default());
    let (done_tx, done) = mpsc::channel();
    let thread = std::thread::Builder::new()
        .name("folio-log".into())
        .spawn({
            let shared = Arc::clone(&shared);
            move || {
                write_until_stopped(&shared, out);
                let _ = done_tx.send(());
            }
        })?;
    Ok((
        LogWriter(Arc::clone(&shared)),
        LogGuard {
            shared,
            done,
            _thread: thread,
        },
    ))
}

fn write_until_stopped(shared: &Shared, mut out: impl Write) {
    let mut batch = Vec::new();
    loop {
        let stopping = {
            let mut pending = shared.pending();
            if pending.is_empty() && !shared.stop.load(Ordering::SeqCst) {
                pending = match shared.wake.wait_timeout(pending, WRITE_EVERY) {
                    Ok((guard, _)) => guard,
                    Err(poisoned) => poisoned.into_inner().0,
                };
            }
            std::mem::swap(&mut *pending, &mut batch);
            shared.stop.load(Ordering::SeqCst) && pending.is_empty()
        };
        if !batch.is_empty() {
            // A log that cannot be written has nowhere to say so.
            let _ = write_without_addresses(&mut out, &batch);
            let _ = out.flush();
            batch.clear();
            if batch.capacity() > BUFFER_BYTES {
                batch.shrink_to(BUFFER_BYTES);
            }
        }
        if stopping {
            break;
        }
    }
}

/// Writes whole lines, each line holding an `@` passed through `redact_email_addresses`.
fn write_without_addresses(out: &mut impl Write, batch: &[u8]) -> std::io::Result<()> {
    if !batch.contains(&b'@') {
        return out.write_all(batch);
    }
    for line in batch.split_inclusive(|b| *b == b'\n') {
        match std::str::from_utf8(line) {
            Ok(text) if line.contains(&b'@') => {
                out.write_all(redact_email_addresses(text).as_bytes())?;
            }
            _ => out.write_all(line)?,
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Collects what the writer thread writes.
    #[derive(Clone, Default)]
    struct Sink(Arc<Mutex<Vec<u8>>>);

    impl Write for Sink {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(bytes);
            Ok(bytes.len())
        }

        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn lines_are_written_in_order_without_addresses_and_all_by_the_end() {
        let sink = Sink::default();
        let (writer, guard) = spawn(sink.clone()).unwrap();

        for i in 0..1000 {
            let mut w = writer.make_writer();
            w.write_all(format!("line {i} from reader{i}@example.org\n").as_bytes())
                .unwrap();
        }
        drop(guard);

        let written = String::from_utf8(sink.0.lock().unwrap().clone()).unwrap();
        let lines: Vec<&str> = written.lines().collect();
        assert_eq!(lines.len(), 1000);
        assert_eq!(lines[0], "line 0 from [email]");
        assert_eq!(lines[999], "line 999 from [email]");
        assert_eq!(writer.dropped(), 0);
    }

    /// Never reads what it is given, like a pipe nobody reads.
    struct Stuck(mpsc::Receiver<()>);

    impl Write for Stuck {
        fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
            let _ = self.0.recv();
            Err(std::io::ErrorKind::BrokenPipe.into())
        }

        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_writer_nobody_reads_costs_dropped_lines_never_a_wait() {
        let (_keep_stuck, stuck) = mpsc::channel();
        let (writer, _guard) = spawn(Stuck(stuck)).unwrap();
        let line = format!("{}\n", "x".repeat(199));

        // Returning at all is the "never a wait": a writer that waited for
        // room would wait here for ever.
        for _ in 0..50_000 {
            writer.make_writer().write_all(line.as_bytes()).unwrap();
        }

        // At most two buffers' worth are taken: the one the stuck thread
        // took out before it blocked, and the one waiting behind it.
        let kept_at_most = 2 * (BUFFER_BYTES / line.len()) as u64;
        assert!(
            writer.dropped() >= 50_000 - kept_at_most,
            "{}",
            writer.dropped()
        );
    }
}
