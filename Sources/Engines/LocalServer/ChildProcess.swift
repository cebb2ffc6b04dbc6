import CSpawn
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A child process started with `posix_spawn`, with SIGTERM and SIGINT back at their defaults and
/// none of the parent's file descriptors beyond its standard input, output and error.
///
/// Foundation's `Process` passes on the parent's signal dispositions, and a service that handles
/// SIGTERM itself (as swift-service-lifecycle does) ignores it: its children would then ignore
/// SIGTERM too and could only be killed. Reaped by ``exitStatus()``, which never blocks.
struct ChildProcess {
    let pid: pid_t

    /// Starts `executable` with `arguments`, its output appended to `outputPath` (or discarded).
    init(executable: String, arguments: [String], outputPath: String?) throws {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGTERM)
        sigaddset(&defaults, SIGINT)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var unblocked = sigset_t()
        sigemptyset(&unblocked)
        posix_spawnattr_setsigmask(&attributes, &unblocked)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath ?? "/dev/null", O_WRONLY | O_CREAT | O_APPEND, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        // Nothing else of the parent's: a child holding a copy of a client's socket keeps that
        // connection open after Parley has closed it.
        parley_spawn_close_from(&actions, 3)

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, executable, &actions, &attributes, argv, environ)
        guard result == 0 else { throw EngineError.spawnFailed(errno: result) }
        self.pid = pid
    }

    /// The exit code once the process has ended (reaping it), as a shell reports it: the code it
    /// exited with, or 128 plus the signal that ended it. `nil` while it runs.
    func exitStatus() -> Int32? {
        var status: Int32 = 0
        let result = waitpid(pid, &status, WNOHANG)
        guard result == pid else { return result < 0 ? -1 : nil }
        // WIFEXITED / WEXITSTATUS / WTERMSIG, which are macros Swift cannot import.
        let signal = status & 0x7F
        return signal == 0 ? (status >> 8) & 0xFF : 128 + signal
    }

    func signal(_ signal: Int32) {
        kill(pid, signal)
    }
}
